import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// scripts/start.mjs (what `npm start` runs after building) against stand-in `electron` packages in temp folders.
// KLADDE_ELECTRON_PACKAGE points the script at them; the "Electron app" is a node script that records its
// arguments. Downloads go to a local mirror (ELECTRON_MIRROR), so nothing here reaches the network.

const repo = path.resolve(import.meta.dirname, '../../..');
const startScript = path.join(repo, 'scripts/start.mjs');
const WEB_LINE = /Kladde läuft im Browser: (http:\/\/127\.0\.0\.1:\d+\/\S*)/;

let temp = '';
let mirror: http.Server;
let mirrorStatus = 403;
const mirrorRequests: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(repo, 'dist/web/cli.js'))) throw new Error('dist fehlt: erst „npm run build“ ausführen (der Web-Host-Fallback braucht dist/web/cli.js)');
  temp = await mkdtemp(path.join(os.tmpdir(), 'kladde-start-'));
  mirror = http.createServer((req, res) => {
    mirrorRequests.push(`${req.method} ${req.url}`);
    res.writeHead(mirrorStatus).end();
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
});

afterEach(() => {
  // start.mjs runs in its own process group: a test that fails midway must not leave its web host behind.
  for (const child of children.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group has ended already.
    }
  }
  mirrorRequests.length = 0;
});

afterAll(async () => {
  await new Promise((resolve) => mirror?.close(resolve));
  if (temp) await rm(temp, { recursive: true, force: true });
});

type Kind = 'installed' | 'downloads' | 'throws';

/** The real package's message when its installer fails (node_modules/electron/index.js). */
const PACKAGE_ERROR = 'Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.';

/**
 * A stand-in `electron` package: requiring it returns the app's path like the real one; `downloads` first prints a
 * progress line and writes the app and path.txt (as the real installer does); `throws` fails like a failed download.
 */
async function standIn(kind: Kind): Promise<{ dir: string; argvFile: string; requiredMarker: string }> {
  const dir = await mkdtemp(path.join(temp, `electron-${kind}-`));
  const argvFile = path.join(dir, 'argv.json');
  const requiredMarker = path.join(dir, 'required');
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js', bin: { 'install-electron': 'install.js' }, engines: { node: '>= 22.12.0' } }),
  );
  const app = `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(argvFile)}, JSON.stringify(process.argv.slice(2)));\n`;
  const install = [
    `const fs = require('node:fs'); const path = require('node:path');`,
    `fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });`,
    `fs.writeFileSync(path.join(__dirname, 'dist', 'kladde-app'), ${JSON.stringify(app)}, { mode: 0o755 });`,
    `fs.writeFileSync(path.join(__dirname, 'path.txt'), 'kladde-app');`,
  ].join('\n');
  await writeFile(path.join(dir, 'install.js'), install);
  const lookup: Record<Kind, string> = {
    installed: '',
    downloads: `if (!fs.existsSync(path.join(__dirname, 'path.txt'))) { console.log('Herunterladen (Stand-in) 100 %'); require('./install.js'); }`,
    throws: `console.error('TypeError: fetch failed'); throw new Error(${JSON.stringify(PACKAGE_ERROR)});`,
  };
  await writeFile(
    path.join(dir, 'index.js'),
    [
      `const fs = require('node:fs'); const path = require('node:path');`,
      `fs.writeFileSync(${JSON.stringify(requiredMarker)}, 'yes');`,
      lookup[kind],
      `module.exports = path.join(__dirname, 'dist', fs.readFileSync(path.join(__dirname, 'path.txt'), 'utf8'));`,
    ].join('\n'),
  );
  if (kind === 'installed') {
    execFileSync(process.execPath, [path.join(dir, 'install.js')]);
    await chmod(path.join(dir, 'dist', 'kladde-app'), 0o755);
  }
  return { dir, argvFile, requiredMarker };
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in stdout; rejects if the script ends before. */
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
}

/** Runs scripts/start.mjs with exactly the Electron-related environment given, in a temp HOME. */
async function start(dir: string, env: Record<string, string>): Promise<Run> {
  const home = await mkdtemp(path.join(temp, 'home-'));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(ELECTRON_|npm_config_electron|npm_config_platform|npm_config_arch)/i.test(key)));
  const child = spawn(process.execPath, [startScript, '--library', path.join(home, 'Kladde'), '--config', path.join(home, 'config'), '--port', '0'], {
    cwd: repo,
    env: { ...clean, HOME: home, KLADDE_ELECTRON_PACKAGE: dir, ELECTRON_MIRROR: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out);
          if (match) {
            listeners.delete(check);
            resolve(match);
          }
        };
        listeners.add(check);
        check();
        void exited.then((code) => reject(new Error(`start.mjs endete (${code}) ohne ${pattern}:\n${out}\n${err}`)));
      }),
  };
}

/** The web host answers on the address it printed; then it is stopped. */
async function expectWebHost(run: Run): Promise<void> {
  const [, url] = await run.waitFor(WEB_LINE);
  const response = await fetch(url ?? '');
  expect(response.status).toBe(200);
  run.child.kill('SIGTERM');
  await run.exited;
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

describe('npm start (scripts/start.mjs)', { timeout: 30_000 }, () => {
  it('starts the Electron app with the repository when the package finds its binary', async () => {
    const pkg = await standIn('installed');
    const run = await start(pkg.dir, {});
    expect(await run.exited).toBe(0);
    expect(JSON.parse(await readFile(pkg.argvFile, 'utf8'))).toHaveLength(1);
    expect(path.resolve(JSON.parse(await readFile(pkg.argvFile, 'utf8'))[0])).toBe(repo);
    expect(run.output()).toBe('');
  });

  it('announces the first download in one German line, shows the package’s own progress, then starts the app', async () => {
    const pkg = await standIn('downloads');
    const run = await start(pkg.dir, {});
    expect(await run.exited).toBe(0);
    expect(lines(run.output())).toEqual(['Electron wird heruntergeladen (einmalig, gut 100 MB) …', 'Herunterladen (Stand-in) 100 %']);
    expect(path.resolve(JSON.parse(await readFile(pkg.argvFile, 'utf8'))[0])).toBe(repo);
  });

  it('falls back to the web host when the download is refused, saying why and how to retry', async () => {
    const pkg = await standIn('throws');
    mirrorStatus = 403;
    const run = await start(pkg.dir, {});
    await run.waitFor(WEB_LINE);
    const [download, fallback] = lines(run.output());
    expect(download).toBe('Electron wird heruntergeladen (einmalig, gut 100 MB) …');
    expect(fallback).toMatch(/^Kein Electron-Fenster: der Download von 127\.0\.0\.1:\d+ wird blockiert \(Antwort 403\).*Kladde startet stattdessen im Browser; erneut versuchen mit „npx install-electron“\.$/);
    expect(mirrorRequests).toEqual([`HEAD /v45.5.0/electron-v45.5.0-${process.platform}-${process.arch}.zip`]);
    await expectWebHost(run);
    expect(existsSync(pkg.argvFile)).toBe(false);
  });

  it('names an unsupported platform without asking any server', async () => {
    const pkg = await standIn('throws');
    const run = await start(pkg.dir, { ELECTRON_INSTALL_PLATFORM: 'aix' });
    await run.waitFor(WEB_LINE);
    expect(lines(run.output())[1]).toMatch(/^Kein Electron-Fenster: für das Betriebssystem „aix“ gibt es kein Electron.*„npx install-electron“\.$/);
    expect(mirrorRequests).toEqual([]);
    await expectWebHost(run);
  });

  it('says a build is not published for this platform when the mirror has none (404)', async () => {
    const pkg = await standIn('throws');
    mirrorStatus = 404;
    const run = await start(pkg.dir, { ELECTRON_INSTALL_ARCH: 'mips' });
    await run.waitFor(WEB_LINE);
    expect(lines(run.output())[1]).toContain(`für ${process.platform}/mips gibt es dieses Electron nicht`);
    await expectWebHost(run);
  });

  it('never downloads with ELECTRON_SKIP_BINARY_DOWNLOAD=1: the package is not even asked', async () => {
    const pkg = await standIn('downloads');
    const run = await start(pkg.dir, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    await run.waitFor(WEB_LINE);
    expect(lines(run.output())[0]).toBe(
      'Kein Electron-Fenster: ELECTRON_SKIP_BINARY_DOWNLOAD ist gesetzt, also wird nichts heruntergeladen. Kladde startet stattdessen im Browser; erneut versuchen mit „npx install-electron“.',
    );
    expect(existsSync(pkg.requiredMarker)).toBe(false);
    await expectWebHost(run);
  });

  it('falls back when the executable the package names cannot be run', async () => {
    const pkg = await standIn('installed');
    await chmod(path.join(pkg.dir, 'dist', 'kladde-app'), 0o644);
    const run = await start(pkg.dir, {});
    await run.waitFor(WEB_LINE);
    expect(lines(run.output())[0]).toMatch(/^Kein Electron-Fenster: das Electron-Programm ließ sich nicht starten \(EACCES\)\./);
    await expectWebHost(run);
  });

  it('still starts an Electron that is already there when ELECTRON_SKIP_BINARY_DOWNLOAD=1', async () => {
    const pkg = await standIn('installed');
    const run = await start(pkg.dir, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(await run.exited).toBe(0);
    expect(path.resolve(JSON.parse(await readFile(pkg.argvFile, 'utf8'))[0])).toBe(repo);
  });
});

interface Launch {
  failureReason: (target: { platform: string; arch: string; supported: boolean; url: string }, found: { status: number } | { code: string } | null) => string;
  nodeNote: (range: string | undefined, running: string) => string;
}

describe('the reason in the fallback line', () => {
  const target = { platform: 'linux', arch: 'x64', supported: true, url: 'https://github.com/electron/electron/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip' };
  const load = async () => (await import(pathToFileURL(path.join(repo, 'scripts/electron-launch.mjs')).href)) as Launch;

  it('tells offline (no name resolution, no route) from blocked (refused, reset, TLS, proxy answers)', async () => {
    const { failureReason } = await load();
    expect(failureReason(target, { code: 'ENOTFOUND' })).toBe('offline – github.com ist nicht erreichbar (ENOTFOUND)');
    expect(failureReason(target, { code: 'ENETUNREACH' })).toMatch(/^offline/);
    expect(failureReason(target, { code: 'ECONNREFUSED' })).toBe('der Download von github.com wird blockiert (ECONNREFUSED; Firewall oder Proxy?)');
    expect(failureReason(target, { code: 'SELF_SIGNED_CERT_IN_CHAIN' })).toMatch(/blockiert/);
    expect(failureReason(target, { status: 407 })).toBe('der Download von github.com wird blockiert (Antwort 407)');
    expect(failureReason(target, { status: 302 })).toMatch(/erreichbar, die Installation schlug trotzdem fehl/);
  });

  it('adds the Node version only when it is below what the package declares', async () => {
    const { nodeNote } = await load();
    expect(nodeNote('>= 22.12.0', '20.19.0')).toBe('; Electron verlangt Node ≥ 22.12.0, hier läuft 20.19.0');
    expect(nodeNote('>= 22.12.0', '22.12.0')).toBe('');
    expect(nodeNote('>= 22.12.0', '24.1.0')).toBe('');
    expect(nodeNote(undefined, '20.19.0')).toBe('');
  });
});
