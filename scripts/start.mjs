// `npm start`: the Electron app, its binary downloaded on first use the way the `electron` package does it.
// Only when that fails: one line saying why and how to retry, then the web host, which serves the same app to a
// browser on 127.0.0.1. Arguments after `npm start --` go to the web host (--library, --config, --port).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fallbackLine, resolveElectron, RETRY_COMMAND } from './electron-launch.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const webCli = fileURLToPath(new URL('../dist/web/cli.js', import.meta.url));

/** Runs a child to its end and leaves with its exit code; Ctrl+C and SIGTERM go to the child, which decides. */
function follow(/** @type {import('node:child_process').ChildProcess} */ child) {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
}

function webHost(/** @type {string} */ reason, /** @type {string} */ retry) {
  console.log(fallbackLine(reason, retry));
  if (!existsSync(webCli)) {
    console.error('Der Web-Host fehlt (dist/web/cli.js): erst „npm run build“ ausführen.');
    process.exit(1);
  }
  follow(spawn(process.execPath, [webCli, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root }));
}

const found = await resolveElectron(process.env, (line) => console.log(line));
if ('executable' in found) {
  const app = spawn(found.executable, [root], { stdio: 'inherit', windowsHide: false });
  let started = false;
  app.on('spawn', () => {
    started = true;
    follow(app);
  });
  // Only an executable that cannot be run at all (missing, not executable) leads to the web host.
  app.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
    if (!started) webHost(`das Electron-Programm ließ sich nicht starten (${error.code ?? error.message})`, RETRY_COMMAND);
  });
} else {
  webHost(found.reason, found.retry);
}
