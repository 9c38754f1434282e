// `npm start`: the Electron app where the Electron binary exists; otherwise, say so in one line and
// start the web host, which serves the same app to a browser on 127.0.0.1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

function electronBinary() {
  try {
    const pathFile = require.resolve('electron/path.txt');
    const dist = require('node:path').join(require('node:path').dirname(pathFile), 'dist');
    const exe = require('node:fs').readFileSync(pathFile, 'utf8').trim();
    const full = require('node:path').join(dist, exe);
    return existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const child = binary
  ? spawn(binary, [root], { stdio: 'inherit' })
  : (console.log('Electron ist hier nicht installiert (kein Programm heruntergeladen) – Kladde startet stattdessen im Browser.'),
    spawn(process.execPath, ['dist/web/cli.js', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root }));
child.on('exit', (code) => process.exit(code ?? 0));
