import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = path.join(repo, 'dist/web/cli.js');

export interface KladdeProcess {
  url: string;
  child: ChildProcess;
  /** Ends the process at once (SIGKILL): no flush, no cleanup, as after a crash or a killed terminal. */
  kill(): Promise<void>;
}

/** `node dist/web/cli.js --library … --config …` as its own process, the way `npm run web` runs it. */
export async function startKladdeProcess(options: { library: string; config: string }): Promise<KladdeProcess> {
  if (!existsSync(CLI)) throw new Error('dist/web/cli.js fehlt: erst „npm run build“ ausführen.');
  const child = spawn(process.execPath, [CLI, '--library', options.library, '--config', options.config], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Kladde läuft im Browser: (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`Kladde endete beim Start (${code}): ${err}`)));
  });
  return {
    url,
    child,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
