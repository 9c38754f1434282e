import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
let temp = '';

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
    await writeFile(path.join(standIn, 'electron'), '#!/bin/sh\n');
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
    for (const f of ['/dist/main/index.js', '/dist/preload/index.cjs', '/dist/renderer/index.html', '/package.json', '/node_modules/yaml/package.json', '/node_modules/marked/package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => f.startsWith('/tests/') || f.startsWith('/electron/') || f.startsWith('/node_modules/react/'))).toBe(false);
  }, 120_000);
});
