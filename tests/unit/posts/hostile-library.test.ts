import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostSummary } from '../../../electron/common/model/post.js';
import type { EventName } from '../../../electron/common/ipc/contract.js';
import { LibraryWatcher } from '../../../electron/main/posts/library-watcher.js';
import { PostStore, versionOf } from '../../../electron/main/posts/post-store.js';
import { buildHostileLibrary, fileHashes, FILE_CASES, LONG_ID, runProbe, sha256 } from './support/hostile-library.js';

// Odd and hostile libraries never take Kladde down and never get rewritten unasked (issue 11). The permission
// cases run in a child process as an unprivileged user (see runProbe), because root reads a mode-000 file anyway.

let tmp: string;
let root: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-hostile-'));
  // The unprivileged probe must be able to walk to the library.
  await chmod(tmp, 0o755);
  root = path.join(tmp, 'Bibliothek');
  await buildHostileLibrary(root);
});

afterAll(async () => {
  await chmod(path.join(root, 'gesperrt'), 0o755).catch(() => undefined);
  await rm(tmp, { recursive: true, force: true });
});

const byId = (list: PostSummary[]) => new Map(list.map((p) => [p.id, p]));

describe('listing a hostile library', () => {
  it('lists every post, the odd ones with their reason, as an unprivileged user', { timeout: 60_000 }, async () => {
    const result = (await runProbe(['list', root])) as { ok: boolean; value: PostSummary[] };
    expect(result.ok).toBe(true);
    const list = byId(result.value);
    expect(list.get('gewoehnlich')).toMatchObject({ title: 'Gewöhnlich', problem: null });
    expect(list.get('ohne-rechte')?.problem).toBe('nicht lesbar (keine Berechtigung)');
    expect(list.get('gesperrt')?.problem).toBe('nicht lesbar (keine Berechtigung)');
    expect(list.get('schleife')?.problem).toBe('nicht lesbar (Verknüpfungen im Kreis)');
    expect(list.get('index-schleife')?.problem).toBe('nicht lesbar (Verknüpfungen im Kreis)');
    expect(list.get('alias-bombe')?.problem).toMatch(/^Front Matter fehlerhaft: .*alias/i);
    expect(list.get('yaml-kaputt')?.problem).toMatch(/^Front Matter fehlerhaft: .*\(Zeile \d+, Spalte \d+\)$/);
    expect(list.get('latin-1')).toMatchObject({ title: 'Grüße', problem: expect.stringMatching(/nicht als UTF-8/) as unknown });
    expect(list.get('binaer')?.problem).toMatch(/keine Textdatei/);
    expect(list.get(LONG_ID)).toMatchObject({ title: 'Lang', problem: null });
    for (const id of ['zeilenenden-crlf', 'zeilenenden-cr', 'zeilenenden-gemischt', 'mit-bom']) {
      expect(list.get(id)?.problem, id).toBeNull();
    }
    expect(list.get('zeilenenden-crlf')?.title).toBe('Windows');
    expect(list.get('zeilenenden-cr')?.title).toBe('Altes Mac');
    expect(list.get('mit-bom')?.title).toBe('BOM');
  });

  it('survives posts vanishing while it lists', async () => {
    const lib = path.join(tmp, 'verschwindend');
    for (let i = 0; i < 300; i++) {
      await mkdir(path.join(lib, `b-${i}`), { recursive: true });
      await writeFile(path.join(lib, `b-${i}`, 'index.md'), `---\ntitle: B ${i}\n---\nText\n`);
    }
    const store = new PostStore({ root: lib });
    const removing = Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 ? rm(path.join(lib, `b-${i}`), { recursive: true, force: true }) : null)));
    const [list] = await Promise.all([store.list(), removing]);
    // Whatever was still there is listed properly; nothing that vanished appears as a broken entry.
    expect(list.length).toBeGreaterThanOrEqual(150);
    for (const p of list) expect(p.problem, p.id).toBeNull();
    expect((await store.list()).length).toBe(150);
  });
});

describe('opening a hostile library', () => {
  it('says why a post cannot be opened, with the right code', { timeout: 60_000 }, async () => {
    const results = (await runProbe(['open', root, 'ohne-rechte', 'schleife', 'gibt-es-nicht', 'binaer'])) as {
      id: string;
      result: { ok: boolean; code?: string; message?: string };
    }[];
    const by = new Map(results.map((r) => [r.id, r.result]));
    expect(by.get('ohne-rechte')).toMatchObject({ ok: false, code: 'unreadable', message: 'Beitrag „ohne-rechte“ ist nicht lesbar (keine Berechtigung)' });
    expect(by.get('schleife')).toMatchObject({ ok: false, code: 'unreadable', message: expect.stringContaining('Verknüpfungen im Kreis') as unknown });
    expect(by.get('gibt-es-nicht')).toMatchObject({ ok: false, code: 'not-found' });
    expect(by.get('binaer')).toMatchObject({ ok: false, code: 'binary', message: expect.stringContaining('keine Textdatei') as unknown });
  });

  it('never changes a byte by opening, or by saving unchanged text', async () => {
    const store = new PostStore({ root });
    const ids = Object.keys(FILE_CASES);
    const before = await fileHashes(root, ids);
    for (const id of ids) {
      const result = await store.open(id).then(
        (post) => ({ post }),
        (error: { code?: string }) => ({ code: error.code }),
      );
      if (!('post' in result)) {
        expect([id, result.code]).toEqual(['binaer', 'binary']);
        continue;
      }
      const opened = result.post;
      expect(opened.text, id).not.toMatch(/\r|\uFEFF|\uFFFD/);
      if (opened.readOnly) {
        await expect(store.save(id, opened.text, opened.version, false), id).rejects.toMatchObject({ code: 'not-utf8' });
        await expect(store.save(id, opened.text + 'x', opened.version, true), id).rejects.toMatchObject({ code: 'not-utf8' });
      } else {
        expect(await store.save(id, opened.text, opened.version, false), id).toMatchObject({ status: 'saved', version: opened.version });
      }
    }
    expect(await fileHashes(root, ids)).toEqual(before);
  });

  it('keeps the line endings and BOM a file has when the text changes', async () => {
    const store = new PostStore({ root });
    const cases: [string, Buffer][] = [
      ['zeilenenden-crlf', Buffer.from('---\r\ntitle: Windows\r\n---\r\nErste Zeile\r\nZweite Zeile\r\nNeu\r\n')],
      ['zeilenenden-cr', Buffer.from('---\rtitle: Altes Mac\r---\rErste Zeile\rZweite Zeile\rNeu\r')],
      // Mixed: the dominant ending (CRLF, three of four) wins for the whole file.
      ['zeilenenden-gemischt', Buffer.from('---\r\ntitle: Gemischt\r\n---\r\nEins\r\nZwei\r\nDrei\r\nNeu\r\n')],
      ['mit-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\r\ntitle: BOM\r\n---\r\nText\r\nNeu\r\n')])],
    ];
    for (const [id, expected] of cases) {
      const opened = await store.open(id);
      const saved = await store.save(id, opened.text + 'Neu\n', opened.version, false);
      expect(saved.status, id).toBe('saved');
      expect((await readFile(path.join(root, id, 'index.md'))).equals(expected), id).toBe(true);
      expect((await store.open(id)).text, id).toBe(opened.text + 'Neu\n');
    }
    // Put the originals back for the other tests.
    for (const [id] of cases) await writeFile(path.join(root, id, 'index.md'), FILE_CASES[id] ?? '');
  });

  it('opens a Latin-1 file read-only and converts it only when asked, losing nothing', async () => {
    const lib = path.join(tmp, 'latin');
    await mkdir(path.join(lib, 'gruesse'), { recursive: true });
    const original = Buffer.concat([Buffer.from('---\r\ntitle: Gr'), Buffer.from([0xfc, 0xdf]), Buffer.from('e\r\n---\r\n'), Buffer.from([0x80, 0x20, 0x93, 0x61, 0x94, 0x0d, 0x0a])]);
    await writeFile(path.join(lib, 'gruesse', 'index.md'), original);
    const store = new PostStore({ root: lib });
    const opened = await store.open('gruesse');
    expect(opened.readOnly).toEqual({ reason: 'encoding', encoding: 'windows-1252' });
    expect(opened.text).toBe('---\ntitle: Grüße\n---\n€ “a”\n');
    await expect(store.rename('gruesse', 'neu')).rejects.toMatchObject({ code: 'not-utf8' });
    await expect(store.duplicate('gruesse')).rejects.toMatchObject({ code: 'not-utf8' });
    expect(sha256(await readFile(path.join(lib, 'gruesse', 'index.md')))).toBe(sha256(original));
    expect(await readdir(lib)).toEqual(['gruesse']);

    const converted = await store.convertToUtf8('gruesse');
    expect(converted.readOnly).toBeNull();
    expect(converted.text).toBe(opened.text);
    // Same characters, now as UTF-8, with the file's own CRLF line endings.
    expect(await readFile(path.join(lib, 'gruesse', 'index.md'), 'utf8')).toBe('---\r\ntitle: Grüße\r\n---\r\n€ “a”\r\n');
    expect(converted.version).toBe(versionOf(opened.text));
  });
});

describe('watching a hostile library', () => {
  it('keeps reporting after a folder without permission appears, as an unprivileged user', { timeout: 60_000 }, async () => {
    const result = (await runProbe(['watch', root])) as { seenAfter: boolean; problems: string[]; list: { ok: boolean; value: PostSummary[] } };
    expect(result.seenAfter).toBe(true);
    expect(result.problems).toContain('EACCES');
    const list = byId(result.list.value);
    expect(list.get('danach-neu')?.title).toBe('Danach');
    expect(list.get('gesperrt-im-betrieb')?.problem).toBe('nicht lesbar (keine Berechtigung)');
  });

  it('keeps reporting outside changes beside loops and over-long names', async () => {
    const store = new PostStore({ root });
    await store.open('gewoehnlich');
    const events: { name: EventName; payload: unknown }[] = [];
    const watcher = new LibraryWatcher(store, { emit: (name, payload) => void events.push({ name, payload }) });
    await watcher.start();
    try {
      await writeFile(path.join(root, 'gewoehnlich', 'index.md'), '---\ntitle: Geändert\n---\nVon draußen.\n');
      for (let i = 0; i < 100 && !events.some((e) => e.name === 'postChangedOnDisk'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(events.find((e) => e.name === 'postChangedOnDisk')?.payload).toMatchObject({ id: 'gewoehnlich' });
    } finally {
      await watcher.stop();
    }
  });
});
