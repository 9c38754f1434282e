import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { npmDictionaryFiles } from '../../../electron/main/spell/dictionary-files.js';
import { locateSpellWorker, spellWorkerFactory } from '../../../electron/main/spell/worker-source.js';
import { misspelt, sourceWorkerFile, spellFixture, type SpellFixture } from './spell-support.js';

const SLOW = 60_000;

/** Workers that misbehave on purpose, started from code like the real one. */
const dyingWorker = (): Worker => new Worker('process.exit(3)', { eval: true });
const silentWorker = (): Worker =>
  new Worker("require('node:worker_threads').parentPort.on('message', () => {})", { eval: true });

describe('nothing throws when spell checking cannot work', () => {
  let fixture: SpellFixture | null = null;
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'kladde-spell-bad-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));
  afterEach(async () => {
    await fixture?.close();
    fixture = null;
  });

  it('a missing dictionary switches off that language only, with a reason', async () => {
    fixture = await spellFixture({
      dictionaryFiles: (language) =>
        language === 'de-AT' ? { aff: path.join(scratch, 'fehlt.aff'), dic: path.join(scratch, 'fehlt.dic') } : npmDictionaryFiles(language),
    });
    const off = await fixture.service.check({ lang: 'de-AT', text: 'Ein Fehlerwortt' });
    expect(off).toMatchObject({ language: 'de-AT', available: false, misspelled: [], problem: { code: 'dictionary-unreadable' } });
    expect(off.problem?.message).toContain('Österreich');
    expect(await fixture.service.suggest({ lang: 'de-AT', word: 'Fehlerwortt' })).toMatchObject({
      available: false,
      suggestions: [],
      problem: { code: 'dictionary-unreadable' },
    });
    expect(await misspelt(fixture.service, 'de', 'Ein Fehlerwortt')).toEqual(['Fehlerwortt']);
  }, SLOW);

  it('a dictionary that loads but is garbage is reported as broken', async () => {
    const aff = path.join(scratch, 'kaputt.aff');
    const dic = path.join(scratch, 'kaputt.dic');
    await writeFile(aff, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x0a, 0x00, 0x01]));
    await writeFile(dic, 'kein\nWörterbuch\n');
    fixture = await spellFixture({ dictionaryFiles: () => ({ aff, dic }) });
    expect(await fixture.service.check({ lang: 'de', text: 'Hallo' })).toMatchObject({
      available: false,
      problem: { code: 'dictionary-broken' },
    });
  }, SLOW);

  it('a worker that cannot start gives checker-failed', async () => {
    fixture = await spellFixture({
      createWorker: () => {
        throw new Error('kein Worker');
      },
    });
    expect(await fixture.service.check({ lang: 'de', text: 'Hallo' })).toMatchObject({
      available: false,
      problem: { code: 'checker-failed' },
    });
  }, SLOW);

  it('a crashed worker is replaced on the next request', async () => {
    const real = spellWorkerFactory(sourceWorkerFile());
    let started = 0;
    fixture = await spellFixture({ createWorker: () => (++started === 1 ? dyingWorker() : real()) });
    expect(await fixture.service.check({ lang: 'de', text: 'Ein Fehlerwortt' })).toMatchObject({
      available: false,
      problem: { code: 'checker-failed' },
    });
    expect(await misspelt(fixture.service, 'de', 'Ein Fehlerwortt')).toEqual(['Fehlerwortt']);
    expect(started).toBe(2);
  }, SLOW);

  it('a hung worker times out and is replaced', async () => {
    let started = 0;
    fixture = await spellFixture({
      timeoutMs: 300,
      createWorker: () => {
        started++;
        return silentWorker();
      },
    });
    expect(await fixture.service.check({ lang: 'de', text: 'Hallo' })).toMatchObject({
      available: false,
      problem: { code: 'checker-timeout' },
    });
    expect(await fixture.service.suggest({ lang: 'de', word: 'Hallo' })).toMatchObject({ problem: { code: 'checker-timeout' } });
    expect(started).toBe(2);
  }, SLOW);

  it('after repeated failures it stays off instead of restarting forever', async () => {
    let started = 0;
    fixture = await spellFixture({
      createWorker: () => {
        started++;
        return dyingWorker();
      },
    });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) codes.push((await fixture.service.check({ lang: 'de', text: 'Hallo' })).problem?.code);
    expect(codes).toEqual(['checker-failed', 'checker-failed', 'checker-failed', 'checker-disabled', 'checker-disabled']);
    expect(started).toBe(3);
  }, SLOW);

  it('answers calls after stop() without throwing', async () => {
    fixture = await spellFixture();
    expect(await misspelt(fixture.service, 'de', 'Hallo Welt')).toEqual([]);
    await fixture.service.stop();
    expect(await fixture.service.check({ lang: 'de', text: 'Hallo' })).toMatchObject({ available: false });
  }, SLOW);
});

describe('the bundled worker (what Electron runs)', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await mkdtemp(path.join(os.tmpdir(), 'kladde-spell-dist-'));
  });
  afterAll(() => rm(dist, { recursive: true, force: true }));

  it('is one self-contained file that checks German from its text, needing no node_modules', async () => {
    const outfile = path.join(dist, 'main', 'spell-worker.cjs');
    const script = pathToFileURL(path.resolve('scripts/spell-worker-build.mjs')).href;
    const { buildSpellWorker } = (await import(script)) as { buildSpellWorker: (outfile: string) => Promise<void> };
    await buildSpellWorker(outfile);

    const code = await readFile(outfile, 'utf8');
    const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !isBuiltin(name))).toEqual([]);

    const fixture = await spellFixture({ createWorker: spellWorkerFactory(outfile) });
    try {
      expect(await misspelt(fixture.service, 'de', 'Die Datenschutzerklärung hat einen Rechtschreibfeler.')).toEqual([
        'Rechtschreibfeler',
      ]);
      expect((await fixture.service.suggest({ lang: 'de', word: 'Rechtschreibfeler' })).suggestions).toContain('Rechtschreibfehler');
    } finally {
      await fixture.close();
    }
  }, SLOW);

  it('is found beside main’s bundle and from the web host’s bundle, and from source', async () => {
    await mkdir(path.join(dist, 'main'), { recursive: true });
    await mkdir(path.join(dist, 'web'), { recursive: true });
    await writeFile(path.join(dist, 'main', 'spell-worker.cjs'), '');
    const worker = path.join(dist, 'main', 'spell-worker.cjs');
    expect(locateSpellWorker(pathToFileURL(path.join(dist, 'main', 'index.js')).href)).toBe(worker);
    expect(locateSpellWorker(pathToFileURL(path.join(dist, 'web', 'cli.js')).href)).toBe(worker);
    expect(locateSpellWorker(pathToFileURL(path.join(dist, 'a', 'b', 'x.js')).href)).toBeNull();
    expect(sourceWorkerFile()).toBe(path.resolve('electron/main/spell/spell-worker.ts'));
  });
});
