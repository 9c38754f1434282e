import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/main/fs/atomic-write.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';
import { version } from './support/versions.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../..');
const WRITER = path.join(HERE, 'support', 'write-loop.ts');
const ROUNDS = 24;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-atomic-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Starts the writer; resolves with it once it runs, and counts the saves it reports as finished. */
function startWriter(target: string): Promise<{ child: ChildProcess; saves: () => number; exited: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, target], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let saves = 0;
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      const text = d.toString();
      saves += text.split('geschrieben').length - 1;
      if (text.includes('bereit')) resolve({ child, saves: () => saves, exited });
    });
    child.once('exit', (code) => reject(new Error(`writer ended early (${code}): ${stderr}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('writeFileAtomic', () => {
  it('a save killed mid-write leaves the old or the new version, never a torn file', { timeout: 600_000 }, async () => {
    const A = version('A');
    const B = version('B');
    expect(Buffer.byteLength(A)).toBeGreaterThan(2_000_000);
    expect(Buffer.byteLength(B)).toBeLessThan(8_000_000);
    const library = path.join(tmp, 'Kladde');
    const dir = path.join(library, 'beitrag');
    const target = path.join(dir, 'index.md');
    await mkdir(dir, { recursive: true });
    await writeFile(target, A);

    let killedAfterSaves = 0;
    let roundsWithTempFiles = 0;
    const seen = { A: 0, B: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const writer = await startWriter(target);
      // A random moment: some rounds before the first save ends, most in the middle of one of many saves. Those
      // wait for the first finished save first, so a slow, busy machine still kills real writes.
      if (round % 4 === 0) await sleep(Math.random() * 20);
      else {
        for (let waited = 0; writer.saves() === 0 && waited < 20_000; waited += 10) await sleep(10);
        await sleep(Math.random() * 300);
      }
      writer.child.kill('SIGKILL');
      await writer.exited;
      if (writer.saves() > 0) killedAfterSaves++;

      const text = await readFile(target, 'utf8');
      const which = text === A ? 'A' : text === B ? 'B' : null;
      expect(which, `round ${round}: file is torn (${text.length} characters)`).not.toBeNull();
      if (which) seen[which]++;
      const names = await readdir(dir);
      if (names.some((n) => n !== 'index.md')) roundsWithTempFiles++;
      for (const n of names) expect(n === 'index.md' || /^\.index\.md\.[0-9a-f]{12}\.tmp$/.test(n), n).toBe(true);
    }
    // The test must have killed real writes, or it proved nothing.
    expect(killedAfterSaves).toBeGreaterThan(ROUNDS / 2);
    expect(roundsWithTempFiles).toBeGreaterThan(0);
    expect(seen.A + seen.B).toBe(ROUNDS);

    // Stray temp files of the killed saves are never taken for posts or for the post's text.
    const store = new PostStore({ root: library });
    const list = await store.list();
    expect(list.map((p) => p.id)).toEqual(['beitrag']);
    expect(list[0]?.title).toMatch(/^Fassung [AB]$/);
    const opened = await store.open('beitrag');
    expect([A, B]).toContain(opened.text);
  });

  it('no temp file of a killed save outlives the next start', { timeout: 180_000 }, async () => {
    const library = path.join(tmp, 'Neustart');
    const dir = path.join(library, 'beitrag');
    const target = path.join(dir, 'index.md');
    await mkdir(dir, { recursive: true });
    await writeFile(target, version('A'));
    for (let round = 0; round < 8 && (await readdir(dir)).length < 2; round++) {
      const writer = await startWriter(target);
      await sleep(100 + Math.random() * 300);
      writer.child.kill('SIGKILL');
      await writer.exited;
    }
    const leftovers = (await readdir(dir)).filter((n) => n !== 'index.md');
    expect(leftovers.length, 'no save was killed mid-write').toBeGreaterThan(0);
    // A young temp file may be a save still running in another Kladde on the same library: it stays.
    const young = '.index.md.0123456789ab.tmp';
    const later = new Date(Date.now() + 5 * 60_000);
    await writeFile(path.join(dir, young), 'läuft noch');
    await utimes(path.join(dir, young), later, later);
    // The next start, a few minutes later.
    const store = new PostStore({ root: library, now: () => later });
    expect(await store.removeStaleTempFiles()).toBe(leftovers.length);
    expect((await readdir(dir)).sort()).toEqual([young, 'index.md'].sort());
    expect([version('A'), version('B')]).toContain(await readFile(target, 'utf8'));
  });

  it('replaces the content in one step and cleans up after itself', async () => {
    const file = path.join(tmp, 'einfach.md');
    await writeFileAtomic(file, 'eins');
    await writeFileAtomic(file, 'zwei – mit Umlauten äöü');
    await writeFileAtomic(file, new TextEncoder().encode('drei'));
    expect(await readFile(file, 'utf8')).toBe('drei');
    expect((await readdir(tmp)).filter((n) => n.includes('einfach'))).toEqual(['einfach.md']);
  });

  it('fails without leaving a temp file when the target cannot be replaced', async () => {
    const dir = path.join(tmp, 'ziel-ist-ordner');
    await mkdir(path.join(dir, 'index.md'), { recursive: true });
    await expect(writeFileAtomic(path.join(dir, 'index.md'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['index.md']);
  });

  it('fails when the folder is missing', async () => {
    await expect(writeFileAtomic(path.join(tmp, 'fehlt', 'index.md'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('writeFileAtomic and permissions', () => {
  it.skipIf(process.platform === 'win32')('keeps the permissions of the file it replaces', async () => {
    const file = path.join(tmp, 'privat.md');
    await writeFile(file, 'geheim');
    await chmod(file, 0o600);
    await writeFileAtomic(file, 'noch geheimer');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await chmod(file, 0o664);
    await writeFileAtomic(file, 'geteilt');
    expect((await stat(file)).mode & 0o777).toBe(0o664);
  });
});
