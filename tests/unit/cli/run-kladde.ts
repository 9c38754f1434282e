import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../../..');
/** The launcher `npx kladde` runs (package.json "bin"); it starts the built dist/cli/kladde.js. */
export const LAUNCHER = path.join(repo, 'scripts/kladde.mjs');

export interface KladdeRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `kladde …` as a child process, the way a script would: the built launcher, a fresh HOME (so the user's own
 * ~/.config and ~/Kladde are never read), optional stdin.
 */
export function runKladde(args: string[], options: { cwd: string; home: string; env?: Record<string, string>; input?: string }): Promise<KladdeRun> {
  if (!existsSync(path.join(repo, 'dist/cli/kladde.js'))) throw new Error('dist fehlt: erst „npm run build“ ausführen');
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [LAUNCHER, ...args],
      { cwd: options.cwd, env: { PATH: process.env['PATH'] ?? '', HOME: options.home, LANG: 'C.UTF-8', ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        if (error && code === -1) reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** Writes a post folder with its index.md and files. */
export async function writePost(library: string, id: string, text: string, files: Record<string, Buffer> = {}): Promise<void> {
  const dir = path.join(library, id);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'index.md'), text);
  for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(dir, name), bytes);
}
