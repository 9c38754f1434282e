import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
let temp = '';
/** app.asar written by the packing test, for the start test after it. */
let packedAsar = '';
const helpers = path.join(import.meta.dirname, 'packaged-app');

/** True when `file` is `dir` or lies inside it. */
const inside = (dir: string, file: string): boolean => file === dir || file.startsWith(dir + path.sep);

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe('packaging with electron-builder', () => {
  it('targets Linux (AppImage, deb), Windows (nsis) and macOS (dmg) with the app icon', async () => {
    const config = parse(await readFile(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, { target?: string[] } | string>;
    expect((config['linux'] as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config['win'] as { target: string[] }).target).toEqual(['nsis']);
    expect((config['mac'] as { target: string[] }).target).toEqual(['dmg']);
    expect(existsSync(path.join(repo, config['icon'] as string))).toBe(true);
  });

  it('builds a sandbox-ready preload: one CommonJS file that requires nothing but electron', async () => {
    const file = path.join(repo, 'dist/preload/index.cjs');
    if (!existsSync(file)) throw new Error('dist fehlt: erst „npm run build“ ausführen');
    const code = await readFile(file, 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(|^import /m);
    expect(code).toContain('exposeInMainWorld');
  });

  it('packs the built app into app.asar (with a stand-in for the Electron binary, which cannot be downloaded here)', async () => {
    if (!existsSync(path.join(repo, 'dist/main/index.js'))) throw new Error('dist fehlt: erst „npm run build“ ausführen');
    temp = await mkdtemp(path.join(os.tmpdir(), 'kladde-pack-'));
    const standIn = path.join(temp, 'electron-dist');
    await run('mkdir', ['-p', standIn]);
    // Says how it was started, so the packed `kladde` launcher can be checked (main is driven in plain Node below).
    await writeFile(path.join(standIn, 'electron'), '#!/bin/sh\necho "ELECTRON_RUN_AS_NODE=$ELECTRON_RUN_AS_NODE $*"\n');
    await chmod(path.join(standIn, 'electron'), 0o755);
    await writeFile(path.join(standIn, 'version'), '45.5.0');
    const out = path.join(temp, 'release');
    await run(
      process.execPath,
      [require.resolve('electron-builder/cli.js'), '--linux', '--dir', `-c.electronDist=${standIn}`, '-c.electronVersion=45.5.0', `-c.directories.output=${out}`],
      { cwd: repo, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
    );
    const asar = path.join(out, 'linux-unpacked/resources/app.asar');
    const { stdout } = await run(process.execPath, [require.resolve('@electron/asar/bin/asar.js'), 'list', asar], { maxBuffer: 64 * 1024 * 1024 });
    const files = stdout.split('\n');
    for (const f of ['/dist/main/index.js', '/dist/preload/index.cjs', '/dist/renderer/index.html', '/dist/cli/kladde.js', '/package.json', '/node_modules/yaml/package.json', '/node_modules/marked/package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => f.startsWith('/tests/') || f.startsWith('/electron/') || f.startsWith('/node_modules/react/'))).toBe(false);
    // `kladde …` of the installed app: a launcher beside app.asar that runs dist/cli with the app's executable.
    for (const launcher of ['cli/kladde', 'cli/kladde.cmd']) {
      const file = path.join(out, 'linux-unpacked/resources', launcher);
      expect(existsSync(file), launcher).toBe(true);
      expect(await readFile(file, 'utf8')).toContain('ELECTRON_RUN_AS_NODE=1');
    }
    const launcher = path.join(out, 'linux-unpacked/resources/cli/kladde');
    expect((await stat(launcher)).mode & 0o111).not.toBe(0);
    // Linked into the PATH, it still finds the app's executable and hands it the CLI bundle and the arguments.
    const linked = path.join(temp, 'bin', 'kladde');
    await mkdir(path.dirname(linked), { recursive: true });
    await symlink(launcher, linked);
    const started = await run(linked, ['check', '--json']);
    const resources = await realpath(path.join(out, 'linux-unpacked/resources'));
    expect(started.stdout).toBe(`ELECTRON_RUN_AS_NODE=1 ${resources}/cli/../app.asar/dist/cli/kladde.js check --json\n`);
    packedAsar = asar;
  }, 120_000);

  it('starts from the package alone: preload, app:// renderer, spell worker and kladde-media:// (main in plain Node, stand-in Electron)', async () => {
    if (!packedAsar) throw new Error('app.asar fehlt: der Pack-Test davor ist gescheitert');
    // The asar's contents in a folder outside the repository, so nothing can be found there by walking up.
    const appDir = path.join(temp, 'app');
    await run(process.execPath, [require.resolve('@electron/asar/bin/asar.js'), 'extract', packedAsar, appDir]);
    expect(existsSync(path.join(appDir, 'node_modules/electron')), 'electron gehört nicht ins Paket').toBe(false);
    // Where Node finds `electron` from the app folder: one level up, as Electron itself provides it.
    const standIn = path.join(temp, 'node_modules/electron');
    await mkdir(standIn, { recursive: true });
    await copyFile(path.join(helpers, 'electron-stand-in.mjs'), path.join(standIn, 'index.mjs'));
    await writeFile(path.join(standIn, 'package.json'), JSON.stringify({ name: 'electron', type: 'module', exports: './index.mjs' }));
    const home = path.join(temp, 'home');
    await mkdir(home);
    const loadLog = path.join(temp, 'loads.log');
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_PATH' && key !== 'NODE_OPTIONS'));
    const driver = path.join(helpers, 'drive-main.mjs');
    const { stdout } = await run(process.execPath, ['--import', pathToFileURL(path.join(helpers, 'record-loads.mjs')).href, driver, appDir], {
      cwd: temp,
      env: { ...env, HOME: home, KLADDE_STAND_IN_USER_DATA: path.join(home, 'user-data'), KLADDE_LOAD_LOG: loadLog },
      maxBuffer: 16 * 1024 * 1024,
      // A main process that never gets going is ended, not left behind.
      timeout: 50_000,
    });
    const started = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      schemes: string[];
      preload: { path: string; exists: boolean };
      startUrl: string;
      page: { status: number; type: string };
      assets: Record<string, number>;
      channels: number;
      spell: { available: boolean; words: string[] };
      media: { imageName: string; status: number; type: string; size: number };
      reads: string[];
    };
    expect(started.schemes).toEqual(['app', 'kladde-media']);
    expect(started.preload).toEqual({ path: path.join(appDir, 'dist/preload/index.cjs'), exists: true });
    expect(started.startUrl).toBe('app://kladde/index.html');
    expect(started.page).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
    expect(Object.keys(started.assets).some((url) => url.endsWith('.js'))).toBe(true);
    expect(Object.values(started.assets).every((status) => status === 200), JSON.stringify(started.assets)).toBe(true);
    expect(started.channels).toBeGreaterThan(0);
    // Real Hunspell in the worker bundled inside the package, with the dictionary from the package's node_modules.
    expect(started.spell).toEqual({ available: true, words: ['Fehlr'] });
    expect(started.media).toMatchObject({ imageName: 'kladde-am-abend.jpg', status: 200, type: 'image/jpeg' });
    expect(started.media.size).toBeGreaterThan(1000);

    // Every module main loaded and every file it read comes from the package (or is the user's own data).
    const modules = (await readFile(loadLog, 'utf8'))
      .split('\n')
      .filter((url) => url.startsWith('file:'))
      .map((url) => fileURLToPath(url));
    expect(modules).toContain(path.join(appDir, 'dist/main/index.js'));
    expect(started.reads).toEqual(
      expect.arrayContaining([
        path.join(appDir, 'dist/main/spell-worker.cjs'),
        path.join(appDir, 'dist/renderer/index.html'),
        path.join(appDir, 'node_modules/dictionary-de/index.dic'),
      ]),
    );
    const test = new Set([driver, path.join(standIn, 'index.mjs')]);
    const outside = [...modules, ...started.reads].filter((file) => !test.has(file) && !inside(appDir, file) && !inside(home, file));
    expect(outside).toEqual([]);
  }, 60_000);

  it('runs the command line from the package alone: kladde check finds a misspelt word with the packed dictionaries', async () => {
    const appDir = path.join(temp, 'app');
    if (!existsSync(path.join(appDir, 'dist/cli/kladde.js'))) throw new Error('entpacktes Paket fehlt: die Tests davor sind gescheitert');
    const library = path.join(temp, 'cli-library');
    await mkdir(path.join(library, 'probe'), { recursive: true });
    await writeFile(path.join(library, 'probe', 'index.md'), '---\ntitle: Probe\n---\nEin Fehller im Text.\n');
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_PATH' && key !== 'NODE_OPTIONS'));
    // Plain Node stands in for the app's executable with ELECTRON_RUN_AS_NODE (no Electron binary can be had here).
    const result = await run(process.execPath, [path.join(appDir, 'dist/cli/kladde.js'), 'check', '--library', library, '--config', path.join(temp, 'cli-config')], {
      cwd: temp,
      env: { ...env, HOME: path.join(temp, 'home'), ELECTRON_RUN_AS_NODE: '1' },
      timeout: 50_000,
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' }),
    );
    expect(result.stdout).toContain('probe/index.md:4: Unbekanntes Wort „Fehller“');
    expect(result.code).toBe(1);
  }, 60_000);
});
