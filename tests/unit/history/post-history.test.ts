import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countText } from '../../../electron/common/text/counts.js';
import { compressText, decompressText } from '../../../electron/main/history/history-files.js';
import { HISTORY_DIR, PostHistory, SAVE_SNAPSHOT_MS, type HistoryTimers } from '../../../electron/main/history/post-history.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';

let tmp: string;
let library: string;
let clock: number;
let posts: PostStore;
let history: PostHistory;
let timers: FakeTimers;

/** Timers that run only when the test says so, on the test's clock. */
class FakeTimers implements HistoryTimers {
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  setTimeout = (fn: () => void, ms: number): unknown => {
    const handle = this.next++;
    this.due.set(handle, { at: clock + ms, fn });
    return handle;
  };
  clearTimeout = (handle: unknown): void => {
    this.due.delete(handle as number);
  };
  /** Moves the clock on by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = clock + ms;
    for (;;) {
      const [handle, first] = [...this.due].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (handle === undefined || !first || first.at > end) break;
      this.due.delete(handle);
      clock = Math.max(clock, first.at);
      first.fn();
    }
    clock = end;
  }
}

const MIN = 60 * 1000;
const post = (body: string) => `---\ntitle: Reise\n---\n${body}\n`;

async function save(id: string, text: string): Promise<void> {
  const disk = await posts.peek(id);
  const result = await posts.save(id, text, disk.version, false);
  if (result.status !== 'saved') throw new Error('not saved');
  history.noteSaved(id, text);
}

async function settle(): Promise<void> {
  timers.advance(0);
  await history.flush();
}

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-history-'));
  library = path.join(tmp, 'Bibliothek');
  await mkdir(path.join(library, 'reise'), { recursive: true });
  await writeFile(path.join(library, 'reise', 'index.md'), post('Am Anfang.'));
  clock = new Date(2026, 11, 2, 12, 0, 0).getTime();
  timers = new FakeTimers();
  posts = new PostStore({ root: library, now: () => new Date(clock) });
  history = new PostHistory({
    root: library,
    readPost: (id) => posts.peek(id),
    savePost: (id, text, base, force) => posts.save(id, text, base, force),
    countWords: (text) => countText(text).words,
    now: () => clock,
    timers,
  });
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the version history of a post', () => {
  it('compresses a version and reads it back unchanged', async () => {
    const text = post('Grüße aus Köln – „typografisch“ … 🚲\n'.repeat(200));
    const bytes = await compressText(text);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text) / 5);
    expect(gunzipSync(bytes).toString('utf8')).toBe(text);
    expect(await decompressText(bytes)).toBe(text);

    await save('reise', text);
    await settle();
    const [newest] = await history.list('reise');
    expect(newest).toMatchObject({ reason: 'save' });
    expect(await history.read('reise', newest?.versionId ?? '')).toBe(text);
    // On disk: gzip files in .kladde/verlauf/<stable id>/, nothing readable as plain text.
    const folders = (await readdir(path.join(library, HISTORY_DIR))).filter((n) => /^[0-9a-f]{16}$/.test(n));
    expect(folders).toHaveLength(1);
    const files = await readdir(path.join(library, HISTORY_DIR, folders[0] ?? ''));
    expect(files.every((f) => f.endsWith('.md.gz'))).toBe(true);
    const raw = await readFile(path.join(library, HISTORY_DIR, folders[0] ?? '', files[0] ?? ''));
    expect(raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it('keeps what the post was when opened, then at most one save version every three minutes, the last one at the end', async () => {
    history.noteOpened('reise', (await posts.peek('reise')).text);
    await save('reise', post('Eins.'));
    await settle();
    for (const [i, body] of ['Eins zwei.', 'Eins zwei drei.', 'Eins zwei drei vier.'].entries()) {
      timers.advance(20_000 + i);
      await save('reise', post(body));
    }
    await history.settled();
    let versions = await history.list('reise');
    expect(versions.map((v) => v.reason)).toEqual(['save', 'opened']);
    // Three minutes after the first one, the newest text of the burst follows.
    timers.advance(SAVE_SNAPSHOT_MS);
    await history.settled();
    versions = await history.list('reise');
    expect(versions.map((v) => v.reason)).toEqual(['save', 'save', 'opened']);
    expect(await history.read('reise', versions[0]?.versionId ?? '')).toBe(post('Eins zwei drei vier.'));
    expect(await history.read('reise', versions[2]?.versionId ?? '')).toBe(post('Am Anfang.'));
    // Word counts and changes, as the panel shows them.
    expect(versions.map((v) => [v.words, v.wordChange])).toEqual([[4, 3], [1, -1], [2, null]]);
  });

  it('writes nothing new for a save of the text it kept last', async () => {
    await save('reise', post('Eins.'));
    await settle();
    timers.advance(SAVE_SNAPSHOT_MS + MIN);
    history.noteSaved('reise', post('Eins.'));
    await settle();
    expect(await history.list('reise')).toHaveLength(1);
  });

  it('keeps its history across a rename, and across the trash and back', async () => {
    await save('reise', post('Vor dem Umbenennen.'));
    await settle();
    await history.snapshotDisk('reise', 'rename');
    await posts.rename('reise', 'radreise');
    await history.renamed('reise', 'radreise');
    expect(await history.list('reise')).toEqual([]);
    timers.advance(SAVE_SNAPSHOT_MS + MIN);
    await save('radreise', post('Nach dem Umbenennen.'));
    await settle();
    const versions = await history.list('radreise');
    expect(versions).toHaveLength(2);
    expect(await history.read('radreise', versions[1]?.versionId ?? '')).toBe(post('Vor dem Umbenennen.'));

    const trashed = await posts.delete('radreise');
    await history.trashed('radreise', trashed.trashId);
    expect(await history.list('radreise')).toEqual([]);
    const back = await posts.restore(trashed.trashId);
    await history.untrashed(trashed.trashId, back.id);
    expect(await history.list(back.id)).toHaveLength(2);
  });

  it('a restore keeps the current text as a version first, so it can be undone', async () => {
    await save('reise', post('Die alte Fassung.'));
    await settle();
    const [old] = await history.list('reise');
    timers.advance(MIN);
    await save('reise', post('Die neue Fassung, länger als die alte.'));
    const disk = await posts.peek('reise');
    const restored = await history.restore('reise', old?.versionId ?? '', disk.version);
    expect(restored.text).toBe(post('Die alte Fassung.'));
    expect((await posts.peek('reise')).text).toBe(post('Die alte Fassung.'));
    expect(restored.version).toBe((await posts.peek('reise')).version);
    const versions = await history.list('reise');
    expect(versions[0]).toMatchObject({ reason: 'restore' });
    expect(await history.read('reise', versions[0]?.versionId ?? '')).toBe(post('Die neue Fassung, länger als die alte.'));
    // The save version that was still waiting is the restore version now, not a second copy.
    timers.advance(SAVE_SNAPSHOT_MS);
    await history.flush();
    expect((await history.list('reise')).map((v) => v.reason)).toEqual(['restore', 'save']);
  });

  it('refuses a restore over a file that changed since the editor saved it', async () => {
    await save('reise', post('Eins.'));
    await settle();
    const [old] = await history.list('reise');
    const before = await posts.peek('reise');
    await writeFile(path.join(library, 'reise', 'index.md'), post('Von draußen geändert.'));
    await expect(history.restore('reise', old?.versionId ?? '', before.version)).rejects.toMatchObject({ code: 'conflict' });
    expect((await posts.peek('reise')).text).toBe(post('Von draußen geändert.'));
  });

  it('prunes old versions as new ones come: a day in full, then daily, then monthly', async () => {
    const DAY = 24 * 60 * MIN;
    for (let i = 0; i < 40; i++) {
      await history.snapshot('reise', post(`Fassung ${i}.`), 'publish');
      timers.advance(DAY / 2);
    }
    const versions = await history.list('reise');
    // 40 versions over 20 days, at noon and midnight: the two of the last 24 hours, then the newest of each of
    // the 20 calendar days before them.
    expect(versions.length).toBe(2 + 20);
  });

  it('refuses version ids that could name a path, and post ids outside the library', async () => {
    await expect(history.read('reise', '../../beitraege')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(history.read('reise', '0000000000001-save-1-deadbeef')).rejects.toMatchObject({ code: 'not-found' });
    expect(() => history.noteSaved('../etc', 'x')).toThrow();
    await expect(history.list('../../etc')).rejects.toMatchObject({ code: 'outside-library' });
  });
});
