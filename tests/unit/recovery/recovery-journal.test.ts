import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KladdeError } from '../../../electron/common/result.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';
import { journalFileName, RecoveryJournal, RECOVERY_DIR } from '../../../electron/main/recovery/recovery-journal.js';

let tmp: string;
let library: string;
let clock: number;
let journal: RecoveryJournal;

async function post(id: string, text: string): Promise<void> {
  await mkdir(path.join(library, id), { recursive: true });
  await writeFile(path.join(library, id, 'index.md'), text);
}

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-recovery-'));
  library = path.join(tmp, 'Bibliothek');
  await mkdir(library);
  clock = Date.UTC(2026, 11, 2, 10, 0, 0);
  journal = new RecoveryJournal({ root: library, now: () => new Date(clock) });
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the recovery journal', () => {
  it('applies a patch against its last write, and refuses one against anything else', async () => {
    await post('reise', '# Reise\n');
    const first = await journal.write('reise', { text: '# Reise\nNeuer Satz.\n', baseVersion: 'v1' });
    expect(first.seq).toBeDefined();
    const at = '# Reise\nNeuer Satz'.length;
    const patched = await journal.patch('reise', { baseSeq: first.seq ?? -1, from: at, to: at, insert: ' mit mehr', baseVersion: 'v1' });
    const file = path.join(library, RECOVERY_DIR, journalFileName('reise'));
    expect(JSON.parse(await readFile(file, 'utf8')).text).toBe('# Reise\nNeuer Satz mit mehr.\n');
    // The first write is no longer the base: a patch against it is refused and changes nothing.
    await expect(journal.patch('reise', { baseSeq: first.seq ?? -1, from: 0, to: 0, insert: 'x', baseVersion: 'v1' })).rejects.toMatchObject({ code: 'conflict' });
    await journal.discard('reise');
    await expect(journal.patch('reise', { baseSeq: patched.seq ?? -1, from: 0, to: 0, insert: 'x', baseVersion: 'v1' })).rejects.toMatchObject({ code: 'conflict' });
    // A journal started anew (a restarted host) holds nothing to patch.
    await journal.write('reise', { text: '# Reise\nA\n', baseVersion: 'v1' });
    const restarted = new RecoveryJournal({ root: library, now: () => new Date(clock) });
    await expect(restarted.patch('reise', { baseSeq: 1, from: 0, to: 0, insert: 'x', baseVersion: 'v1' })).rejects.toBeInstanceOf(KladdeError);
  });

  it('keeps unsaved text per post under .kladde/wiederherstellung and lists it with the disk text', async () => {
    await post('reise', '# Reise\n');
    await post('köln-grüße', 'Alt.\n');
    expect(await journal.write('reise', { text: '# Reise\nNeuer Satz.\n', baseVersion: 'v1' })).toEqual({ savedMs: clock, seq: 1 });
    clock += 60_000;
    await journal.write('köln-grüße', { text: 'Alt.\nGrüße aus Köln – „schön“.\n', baseVersion: 'v2' });

    const files = await readdir(path.join(library, RECOVERY_DIR));
    expect(files.sort()).toEqual([journalFileName('köln-grüße'), journalFileName('reise')].sort());
    expect(await journal.list()).toEqual([
      { id: 'köln-grüße', text: 'Alt.\nGrüße aus Köln – „schön“.\n', baseVersion: 'v2', savedMs: clock, diskText: 'Alt.\n' },
      { id: 'reise', text: '# Reise\nNeuer Satz.\n', baseVersion: 'v1', savedMs: clock - 60_000, diskText: '# Reise\n' },
    ]);
  });

  it('a later write replaces the earlier one', async () => {
    await post('a', '');
    await journal.write('a', { text: 'eins', baseVersion: 'v' });
    clock += 1000;
    await journal.write('a', { text: 'zwei', baseVersion: 'v' });
    expect(await journal.list()).toEqual([{ id: 'a', text: 'zwei', baseVersion: 'v', savedMs: clock, diskText: '' }]);
  });

  it('removes entries equal to what is on disk while listing', async () => {
    await post('gespeichert', 'Fertig.\n');
    await post('offen', 'Anfang.\n');
    await journal.write('gespeichert', { text: 'Fertig.\n', baseVersion: 'v' });
    await journal.write('offen', { text: 'Anfang. Mehr.\n', baseVersion: 'v' });
    expect((await journal.list()).map((e) => e.id)).toEqual(['offen']);
    expect(await readdir(path.join(library, RECOVERY_DIR))).toEqual([journalFileName('offen')]);
  });

  it('lists an entry whose post is gone with diskText null', async () => {
    await journal.write('geloescht', { text: 'Nur noch hier.', baseVersion: 'v' });
    expect(await journal.list()).toEqual([{ id: 'geloescht', text: 'Nur noch hier.', baseVersion: 'v', savedMs: clock, diskText: null }]);
  });

  it('discards an entry, and says when there was none', async () => {
    await post('a', '');
    await journal.write('a', { text: 'x', baseVersion: 'v' });
    expect(await journal.discard('a')).toEqual({ discarded: true });
    expect(await journal.discard('a')).toEqual({ discarded: false });
    expect(await journal.list()).toEqual([]);
  });

  it('an empty or missing journal folder lists nothing', async () => {
    expect(await journal.list()).toEqual([]);
  });

  it.each(['../ausserhalb', '/etc/passwd', '.versteckt', 'a/b', 'a\\b', '', ' a', 'x\0y', '..'])(
    'refuses the id %j and writes nothing',
    async (id) => {
      await expect(journal.write(id, { text: 'x', baseVersion: 'v' })).rejects.toSatisfy(
        (e: unknown) => e instanceof KladdeError && e.code === 'outside-library',
      );
      await expect(journal.discard(id)).rejects.toBeInstanceOf(KladdeError);
      expect(await readdir(library)).toEqual([]);
    },
  );

  it('file names are hashes: nothing of the id reaches the file system', () => {
    expect(journalFileName('../../etc/passwd')).toMatch(/^[0-9a-f]{64}\.json$/);
    expect(journalFileName('a')).not.toBe(journalFileName('A'));
  });

  it('ignores foreign, broken and renamed files in the journal folder', async () => {
    await post('a', 'disk');
    await journal.write('a', { text: 'journal', baseVersion: 'v' });
    const dir = path.join(library, RECOVERY_DIR);
    await writeFile(path.join(dir, `${'0'.repeat(64)}.json`), '{ kaputt');
    // A valid entry under another post's file name is not believed.
    const valid = await readFile(path.join(dir, journalFileName('a')), 'utf8');
    await writeFile(path.join(dir, `${'1'.repeat(64)}.json`), valid);
    await writeFile(path.join(dir, 'notiz.txt'), 'hallo');
    expect((await journal.list()).map((e) => e.id)).toEqual(['a']);
  });

  it('does not read a post through a symlink that leaves the library', async () => {
    await writeFile(path.join(tmp, 'geheim.md'), 'GEHEIM');
    await mkdir(path.join(library, 'verweis'));
    await symlink(path.join(tmp, 'geheim.md'), path.join(library, 'verweis', 'index.md'));
    await journal.write('verweis', { text: 'x', baseVersion: 'v' });
    expect(await journal.list()).toEqual([{ id: 'verweis', text: 'x', baseVersion: 'v', savedMs: clock, diskText: null }]);
  });

  it('writes atomically: a reader never sees a torn entry, and no temp file stays behind', async () => {
    await post('lang', '');
    const file = path.join(library, RECOVERY_DIR, journalFileName('lang'));
    await journal.write('lang', { text: 'start', baseVersion: 'v' });
    const big = (n: number) => `${n}: ${'Grüße aus Köln. '.repeat(20_000)}`;
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const parsed = JSON.parse(await readFile(file, 'utf8')) as { text: string };
        expect(parsed.text === 'start' || /^\d+: /.test(parsed.text)).toBe(true);
        reads++;
      }
    })();
    for (let n = 0; n < 10; n++) await journal.write('lang', { text: big(n), baseVersion: 'v' });
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(await readdir(path.join(library, RECOVERY_DIR))).toEqual([journalFileName('lang')]);
  });

  it('keeps the order of overlapping calls for one post: a discard after a write wins', async () => {
    await post('a', '');
    const writes = [journal.write('a', { text: 'eins', baseVersion: 'v' }), journal.discard('a'), journal.write('a', { text: 'zwei', baseVersion: 'v' })];
    await Promise.all(writes);
    expect((await journal.list()).map((e) => e.text)).toEqual(['zwei']);
    await Promise.all([journal.write('a', { text: 'drei', baseVersion: 'v' }), journal.discard('a')]);
    expect(await journal.list()).toEqual([]);
  });
});

describe('the recovery journal with the post store beside it', () => {
  /** A journal wired like in Services: it reads posts through a real PostStore and knows its own versions. */
  async function withStore(): Promise<{ store: PostStore; journal: RecoveryJournal }> {
    const store = new PostStore({ root: library });
    const wired = new RecoveryJournal({
      root: library,
      now: () => new Date(clock),
      readPost: (id) => store.peek(id).catch(() => null),
      ownVersion: (id) => store.knownVersion(id),
    });
    return { store, journal: wired };
  }

  it('drops a write that arrives after Kladde saved a newer text (it would later overwrite that text)', async () => {
    await post('rennen', 'Anfang.\n');
    const { store, journal: j } = await withStore();
    const opened = await store.open('rennen');
    // The editor took its journal snapshot, then saved a longer text; the snapshot's write arrives last.
    await store.save('rennen', 'Anfang. Eins zwei.\n', opened.version, false);
    await j.write('rennen', { text: 'Anfang. Eins\n', baseVersion: opened.version });
    expect(await j.list()).toEqual([]);
  });

  it('applies a patch without a base write to the post on disk, only while the file is the version saved', async () => {
    await post('gespeichert', 'Anfang.\n');
    const { store, journal: j } = await withStore();
    const opened = await store.open('gespeichert');
    const saved = await store.save('gespeichert', 'Anfang. Gespeichert.\n', opened.version, false);
    if (saved.status !== 'saved') throw new Error('save failed');
    // Typed after the save: only the keystrokes travel, against the file as saved.
    const at = 'Anfang. Gespeichert.'.length;
    const written = await j.patch('gespeichert', { from: at, to: at, insert: ' Danach getippt.', baseVersion: saved.version });
    expect(written.seq).toBeDefined();
    expect((await j.list()).map((e) => e.text)).toEqual(['Anfang. Gespeichert. Danach getippt.\n']);
    // The next keystrokes patch that write as before.
    await j.patch('gespeichert', { baseSeq: written.seq ?? -1, from: at, to: at, insert: ' Und mehr.', baseVersion: saved.version });
    expect((await j.list()).map((e) => e.text)).toEqual(['Anfang. Gespeichert. Und mehr. Danach getippt.\n']);
    // The file changed since (another program): the saved version is no longer the base, the patch is refused.
    await writeFile(path.join(library, 'gespeichert', 'index.md'), 'Vom Sync-Dienst.\n');
    await expect(j.patch('gespeichert', { from: 0, to: 0, insert: 'x', baseVersion: saved.version })).rejects.toMatchObject({ code: 'conflict' });
    // A range beyond the file is refused too, never applied half.
    await expect(j.patch('gespeichert', { from: 0, to: 10_000, insert: 'x', baseVersion: saved.version })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps a write over a file another program changed (the unsaved text is the only copy)', async () => {
    await post('fremd', 'Anfang.\n');
    const { store, journal: j } = await withStore();
    const opened = await store.open('fremd');
    await writeFile(path.join(library, 'fremd', 'index.md'), 'Anfang.\nVom Sync-Dienst.\n');
    await j.write('fremd', { text: 'Anfang.\nMein Satz.\n', baseVersion: opened.version });
    expect((await j.list()).map((e) => [e.id, e.text])).toEqual([['fremd', 'Anfang.\nMein Satz.\n']]);
  });

  it('compares with the text as the editor has it, so a CRLF file equal to the entry leaves no entry', async () => {
    await post('windows', 'Zeile eins\r\nZeile zwei\r\n');
    const { journal: j } = await withStore();
    await j.write('windows', { text: 'Zeile eins\nZeile zwei\n', baseVersion: 'v' });
    expect(await j.list()).toEqual([]);
  });

  it('after a rename a late write for the old id does not bring the post back; the id can be used again', async () => {
    await post('alt', 'Text.\n');
    const { journal: j } = await withStore();
    await j.write('alt', { text: 'Text. Mehr.\n', baseVersion: 'v' });
    await rm(path.join(library, 'alt'), { recursive: true });
    await j.moveAway('alt');
    await j.write('alt', { text: 'Text. Mehr und mehr.\n', baseVersion: 'v' });
    expect(await j.list()).toEqual([]);
    await post('alt', 'Neu.\n');
    await j.write('alt', { text: 'Neu. Getippt.\n', baseVersion: 'v' });
    expect((await j.list()).map((e) => e.id)).toEqual(['alt']);
  });
});
