import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { countText } from '../../../electron/common/text/counts.js';
import { PostStore, versionOf } from '../../../electron/main/posts/post-store.js';

const FIXED = new Date(2024, 4, 1, 9, 30, 0);

let tmp: string;
let root: string;
let outside: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-store-'));
  root = path.join(tmp, 'Kladde');
  outside = path.join(tmp, 'draussen');
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(outside, 'index.md'), '---\ntitle: Geheim\n---\nNicht anfassen.\n');
  await writeFile(path.join(outside, 'passwort.txt'), 'hunter2');
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function store(now: () => Date = () => FIXED): PostStore {
  return new PostStore({ root, now });
}

async function writePost(id: string, text: string): Promise<void> {
  await mkdir(path.join(root, id), { recursive: true });
  await writeFile(path.join(root, id, 'index.md'), text);
}

const readPost = (id: string) => readFile(path.join(root, id, 'index.md'), 'utf8');

/** Every entry under a folder with its kind and content, to prove nothing there changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out[rel] = `link → ${await readlink(p)}`;
      else if (e.isDirectory()) {
        out[rel] = 'dir';
        await walk(p);
      } else out[rel] = await readFile(p, 'utf8');
    }
  };
  await walk(dir);
  return out;
}

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

const post = (fields: string, body = 'Text.\n') => `---\n${fields}\n---\n\n${body}`;

describe('first start', () => {
  it('creates the library with the welcome post, once', async () => {
    const s = store();
    await s.ensureLibrary();
    const list = await s.list();
    expect(list.map((p) => p.id)).toEqual(['willkommen-in-kladde']);
    expect(list[0]?.title).toBe('Willkommen in Kladde');
    expect(list[0]?.problem).toBeNull();
    await store().ensureLibrary();
    expect((await store().list()).length).toBe(1);
  });

  it('does not bring the welcome post back after it was deleted', async () => {
    const s = store();
    await s.ensureLibrary();
    await s.delete('willkommen-in-kladde');
    await store().ensureLibrary();
    expect(await store().list()).toEqual([]);
  });

  it('leaves a folder that already holds posts alone', async () => {
    await writePost('mein-beitrag', post('title: Meiner'));
    await store().ensureLibrary();
    expect((await store().list()).map((p) => p.id)).toEqual(['mein-beitrag']);
  });

  it('the welcome post is valid front matter dated by the clock', async () => {
    await store().ensureLibrary();
    const parsed = parseFrontMatter(await readPost('willkommen-in-kladde'));
    expect(parsed.ok && parsed.fields).toMatchObject({ date: '2024-05-01T09:30:00', lang: 'de', slug: 'willkommen-in-kladde' });
  });
});

describe('list', () => {
  beforeEach(async () => {
    await mkdir(root, { recursive: true });
  });

  it('summarizes each post', async () => {
    const text = post('title: Südtirol\nstatus: published\ndate: 2023-09-18\nexcerpt: Drei Tage Berge.', 'Wir sind **früh** losgefahren.\n');
    await writePost('suedtirol', text);
    await writePost('ohne-auszug', post('title: Ohne Auszug\ndate: 2022-01-01', '# Überschrift\n\nDer erste Absatz wird zum Auszug.\n'));
    await writePost('ohne-titel', 'Nur Text ohne Front Matter.\n');
    const list = await store().list();
    expect(list.map((p) => p.id)).toEqual(['suedtirol', 'ohne-auszug', 'ohne-titel']);
    expect(list[0]).toMatchObject({
      id: 'suedtirol',
      title: 'Südtirol',
      status: 'published',
      date: '2023-09-18',
      excerpt: 'Drei Tage Berge.',
      wordCount: countText(text).words,
      problem: null,
    });
    expect(list[0]?.wordCount).toBe(4);
    expect(list[1]?.excerpt).toBe('Überschrift Der erste Absatz wird zum Auszug.');
    expect(list[2]).toMatchObject({ title: 'ohne-titel', status: 'draft', date: '' });
  });

  it('lists a post with broken front matter, with the problem and its position', async () => {
    await writePost('kaputt', '---\ntitle: "offen\ntags: [a\n---\nText bleibt lesbar.\n');
    const [summary] = await store().list();
    expect(summary?.id).toBe('kaputt');
    expect(summary?.title).toBe('kaputt');
    expect(summary?.problem).toMatch(/Zeile \d+, Spalte \d+/);
  });

  it('ignores folders without index.md, hidden folders, loose files and temp files', async () => {
    await writePost('echt', post('title: Echt'));
    await mkdir(path.join(root, 'nur-bilder'));
    await writeFile(path.join(root, 'nur-bilder', 'bild.jpg'), 'jpg');
    await writePost('.git', post('title: Git'));
    await writePost('.versteckt', post('title: Versteckt'));
    await writeFile(path.join(root, 'notizen.md'), post('title: Lose Datei'));
    await writeFile(path.join(root, 'echt', '.index.md.abc123abc123.tmp'), 'halb geschrieb');
    await mkdir(path.join(root, 'index-ist-ordner', 'index.md'), { recursive: true });
    const list = await store().list();
    // A post whose index.md is a folder is listed with the reason rather than hidden.
    expect(list.map((p) => [p.id, p.problem])).toEqual([
      ['echt', null],
      ['index-ist-ordner', 'nicht lesbar („index.md“ ist ein Ordner)'],
    ]);
  });

  it('does not list a symlinked folder or file that points out of the library', async () => {
    await writePost('echt', post('title: Echt'));
    await symlink(outside, path.join(root, 'ausflug'), 'dir');
    await mkdir(path.join(root, 'verlinkt'));
    await symlink(path.join(outside, 'index.md'), path.join(root, 'verlinkt', 'index.md'));
    const list = await store().list();
    expect(list.map((p) => p.id)).toEqual(['echt']);
    expect(JSON.stringify(list)).not.toContain('Geheim');
  });

  it('lists a symlinked folder that stays inside the library', async () => {
    await writePost('echt', post('title: Echt'));
    await mkdir(path.join(root, '.archiv', 'alt'), { recursive: true });
    await writeFile(path.join(root, '.archiv', 'alt', 'index.md'), post('title: Alt'));
    await symlink(path.join(root, '.archiv', 'alt'), path.join(root, 'alt'), 'dir');
    expect((await store().list()).map((p) => p.id).sort()).toEqual(['alt', 'echt']);
  });

  it('does not list folders whose name is no valid post id', async () => {
    await writePost('gut', post('title: Gut'));
    await writePost('leer am ende ', post('title: Ungültig'));
    expect((await store().list()).map((p) => p.id)).toEqual(['gut']);
  });

  it('sees outside changes on the next listing', async () => {
    await writePost('a', post('title: Vorher'));
    const s = store();
    expect((await s.list())[0]?.title).toBe('Vorher');
    await writeFile(path.join(root, 'a', 'index.md'), post('title: Nachher, länger'));
    expect((await s.list())[0]?.title).toBe('Nachher, länger');
    await rm(path.join(root, 'a'), { recursive: true });
    expect(await s.list()).toEqual([]);
  });

  it('sorts by date, newest first, then by title', async () => {
    await writePost('b', post('title: B\ndate: 2020-01-01'));
    await writePost('a', post('title: A\ndate: 2020-01-01'));
    await writePost('neu', post('title: Neu\ndate: 2024-01-01'));
    expect((await store().list()).map((p) => p.id)).toEqual(['neu', 'a', 'b']);
  });
});

describe('open and create', () => {
  beforeEach(async () => {
    await mkdir(root, { recursive: true });
  });

  it('opens a post with its text and content version', async () => {
    const text = post('title: Hallo');
    await writePost('hallo', text);
    expect(await store().open('hallo')).toEqual({ id: 'hallo', text, version: versionOf(text), readOnly: null });
  });

  it('refuses a post that does not exist', async () => {
    await expect(store().open('gibt-es-nicht')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('creates a post from a German title, with unique ids', async () => {
    const s = store();
    const first = await s.create('Grüße aus München');
    const second = await s.create('Grüße aus München');
    const third = await s.create('  Grüße aus München  ');
    expect([first.id, second.id, third.id]).toEqual(['gruesse-aus-muenchen', 'gruesse-aus-muenchen-2', 'gruesse-aus-muenchen-3']);
    const parsed = parseFrontMatter(await readPost(second.id));
    expect(parsed.ok && parsed.fields).toMatchObject({
      title: 'Grüße aus München',
      slug: 'gruesse-aus-muenchen-2',
      date: '2024-05-01T09:30:00',
      status: 'draft',
      lang: 'de',
    });
    expect(second.text).toBe(await readPost(second.id));
  });

  it('writes the default language from the settings, read when each post is created', async () => {
    let setting = 'en';
    const s = new PostStore({ root, now: () => FIXED, defaultLanguage: () => setting });
    const english = await s.create('Hello');
    setting = 'de-AT';
    const austrian = await s.create('Servus');
    const lang = (text: string) => {
      const parsed = parseFrontMatter(text);
      return parsed.ok ? parsed.fields.lang : null;
    };
    expect([lang(await readPost(english.id)), lang(await readPost(austrian.id))]).toEqual(['en', 'de-AT']);
    expect(english.text).toContain('\nlang: en\n');
  });

  it.each([
    ['', 'neuer-beitrag'],
    ['   ', 'neuer-beitrag'],
    ['!!!', 'beitrag'],
    ['„Zitat“ – mit Strich', 'zitat-mit-strich'],
  ])('creates a post titled %j as %s', async (title, id) => {
    expect((await store().create(title)).id).toBe(id);
  });

  it('keeps ids of very long titles short', async () => {
    const created = await store().create('Wort '.repeat(100));
    expect(created.id.length).toBeLessThanOrEqual(180);
    expect(await exists(path.join(root, created.id, 'index.md'))).toBe(true);
  });
});

describe('save', () => {
  beforeEach(async () => {
    await mkdir(root, { recursive: true });
  });

  it('saves over the version it was opened at', async () => {
    await writePost('a', post('title: A'));
    const s = store();
    const opened = await s.open('a');
    const next = opened.text + 'Mehr Text mit Umlauten: äöüß.\n';
    expect(await s.save('a', next, opened.version, false)).toEqual({ status: 'saved', id: 'a', version: versionOf(next) });
    expect(await readPost('a')).toBe(next);
  });

  it('reports a conflict when the file changed on disk since, and writes nothing', async () => {
    await writePost('a', post('title: A'));
    const s = store();
    const opened = await s.open('a');
    const theirs = post('title: A', 'Von einem anderen Programm geändert.\n');
    await writeFile(path.join(root, 'a', 'index.md'), theirs);
    const result = await s.save('a', opened.text + 'meins\n', opened.version, false);
    expect(result).toEqual({ status: 'conflict', diskText: theirs, diskVersion: versionOf(theirs) });
    expect(await readPost('a')).toBe(theirs);
  });

  it('overwrites when forced', async () => {
    await writePost('a', post('title: A'));
    const s = store();
    const opened = await s.open('a');
    await writeFile(path.join(root, 'a', 'index.md'), 'fremd');
    const mine = opened.text + 'meins\n';
    expect(await s.save('a', mine, opened.version, true)).toMatchObject({ status: 'saved' });
    expect(await readPost('a')).toBe(mine);
  });

  it('sees no conflict when the disk already holds the same text', async () => {
    await writePost('a', post('title: A'));
    const s = store();
    const opened = await s.open('a');
    const same = opened.text + 'gleich\n';
    await writeFile(path.join(root, 'a', 'index.md'), same);
    expect(await s.save('a', same, opened.version, false)).toMatchObject({ status: 'saved' });
  });

  it('writes the post again when its folder was removed meanwhile (the text is never lost)', async () => {
    await writePost('a', post('title: A'));
    const s = store();
    const opened = await s.open('a');
    await rm(path.join(root, 'a'), { recursive: true });
    expect(await s.save('a', opened.text, opened.version, false)).toMatchObject({ status: 'saved' });
    expect(await readPost('a')).toBe(opened.text);
  });

  it('leaves no temp files behind', async () => {
    await writePost('a', post('title: A'));
    const s = store();
    let version = (await s.open('a')).version;
    for (let i = 0; i < 5; i++) {
      const r = await s.save('a', post('title: A', `Fassung ${i}\n`), version, false);
      if (r.status !== 'saved') throw new Error('conflict');
      version = r.version;
    }
    expect(await readdir(path.join(root, 'a'))).toEqual(['index.md']);
  });

  it('refuses to save over a folder it cannot read as a file', async () => {
    await mkdir(path.join(root, 'a', 'index.md'), { recursive: true });
    await expect(store().save('a', 'x', '', true)).rejects.toBeTruthy();
    expect((await stat(path.join(root, 'a', 'index.md'))).isDirectory()).toBe(true);
  });
});

describe('rename', () => {
  beforeEach(async () => {
    await mkdir(root, { recursive: true });
  });

  const original = '---\n# Meine Notiz\ntitle: Alter Name\nwp_id: 4711\nslug: alter-name\nseo: { robots: noindex }\n---\n\nText\n';

  it('moves the folder, images included, and updates only the slug line', async () => {
    await writePost('alter-name', original);
    await writeFile(path.join(root, 'alter-name', 'bild.jpg'), 'jpg-daten');
    const renamed = await store().rename('alter-name', 'neuer-name');
    expect(renamed.id).toBe('neuer-name');
    expect(await exists(path.join(root, 'alter-name'))).toBe(false);
    expect(await readFile(path.join(root, 'neuer-name', 'bild.jpg'), 'utf8')).toBe('jpg-daten');
    expect(await readPost('neuer-name')).toBe(original.replace('slug: alter-name', 'slug: neuer-name'));
    expect(renamed.text).toBe(await readPost('neuer-name'));
  });

  it('refuses a name that is taken and changes nothing', async () => {
    await writePost('a', original);
    await writePost('b', post('title: B'));
    const before = await snapshot(root);
    await expect(store().rename('a', 'b')).rejects.toMatchObject({ code: 'already-exists' });
    expect(await snapshot(root)).toEqual(before);
  });

  it('refuses a name taken by a dangling symlink', async () => {
    await writePost('a', original);
    await symlink(path.join(tmp, 'gibt-es-nicht'), path.join(root, 'b'));
    await expect(store().rename('a', 'b')).rejects.toMatchObject({ code: 'already-exists' });
    expect(await readPost('a')).toBe(original);
  });

  it('renaming to its own id only fixes the slug in the front matter', async () => {
    await writePost('richtig', original);
    await store().rename('richtig', 'richtig');
    expect(await readPost('richtig')).toBe(original.replace('slug: alter-name', 'slug: richtig'));
  });

  it('moves a post with broken front matter without touching its text', async () => {
    const broken = '---\ntitle: "offen\n---\nText\n';
    await writePost('kaputt', broken);
    await store().rename('kaputt', 'heil');
    expect(await readPost('heil')).toBe(broken);
  });

  it('says not-found for a post that does not exist', async () => {
    await expect(store().rename('fehlt', 'neu')).rejects.toMatchObject({ code: 'not-found' });
    expect(await exists(path.join(root, 'neu'))).toBe(false);
  });
});

describe('duplicate', () => {
  it('copies folder and images, marks the copy as a draft with its own slug and title', async () => {
    await mkdir(root, { recursive: true });
    const text = '---\ntitle: Original\nslug: original\nstatus: published\nwp_id: 9\n---\nText\n';
    await writePost('original', text);
    await writeFile(path.join(root, 'original', 'bild.jpg'), 'jpg');
    await writeFile(path.join(root, 'original', '.index.md.0badc0ffee42.tmp'), 'rest');
    const s = store();
    const copy = await s.duplicate('original');
    const again = await s.duplicate('original');
    expect([copy.id, again.id]).toEqual(['original-kopie', 'original-kopie-2']);
    expect(await readPost('original')).toBe(text);
    expect(await readFile(path.join(root, copy.id, 'bild.jpg'), 'utf8')).toBe('jpg');
    expect((await readdir(path.join(root, copy.id))).sort()).toEqual(['bild.jpg', 'index.md']);
    const parsed = parseFrontMatter(copy.text);
    expect(parsed.ok && parsed.fields).toMatchObject({ title: 'Original (Kopie)', slug: 'original-kopie', status: 'draft' });
    expect(parsed.ok && parsed.data['wp_id']).toBe(9);
  });

  it('drops the publish record, so publishing the copy never overwrites the original online', async () => {
    await mkdir(root, { recursive: true });
    const text = '---\ntitle: Original\npublish:\n  mein-blog:\n    id: 41\n    link: https://blog.example/original/\n# eigene Notiz\nfoo: bar\n---\nText\n';
    await writePost('original', text);
    const copy = await store().duplicate('original');
    expect(copy.text).not.toContain('publish:');
    expect(copy.text).not.toContain('id: 41');
    expect(copy.text).toContain('# eigene Notiz\nfoo: bar\n');
    expect(await readPost('original')).toBe(text);
  });
});

describe('delete, trash and restore', () => {
  beforeEach(async () => {
    await mkdir(root, { recursive: true });
  });

  it('moves a post into the trash and back', async () => {
    const text = post('title: Weg damit');
    await writePost('weg', text);
    await writeFile(path.join(root, 'weg', 'bild.png'), 'png');
    const s = store();
    const entry = await s.delete('weg');
    expect(entry).toMatchObject({ originalId: 'weg', title: 'Weg damit', deletedMs: FIXED.getTime() });
    expect(await exists(path.join(root, 'weg'))).toBe(false);
    expect(await s.list()).toEqual([]);
    expect(await s.listTrash()).toEqual([entry]);
    const restored = await s.restore(entry.trashId);
    expect(restored).toMatchObject({ id: 'weg', text });
    expect(await readFile(path.join(root, 'weg', 'bild.png'), 'utf8')).toBe('png');
    expect((await readdir(path.join(root, 'weg'))).sort()).toEqual(['bild.png', 'index.md']);
    expect(await s.listTrash()).toEqual([]);
  });

  it('restores under a new name when the old one is taken, and updates the slug', async () => {
    await writePost('name', post('title: Erster\nslug: name'));
    const s = store();
    const entry = await s.delete('name');
    await writePost('name', post('title: Zweiter\nslug: name'));
    const restored = await s.restore(entry.trashId);
    expect(restored.id).toBe('name-2');
    const parsed = parseFrontMatter(restored.text);
    expect(parsed.ok && parsed.fields).toMatchObject({ title: 'Erster', slug: 'name-2' });
    expect(parseFrontMatter(await readPost('name'))).toMatchObject({ fields: { title: 'Zweiter' } });
  });

  it('can delete the same id twice at the same moment', async () => {
    const s = store();
    await writePost('doppelt', post('title: Eins'));
    const first = await s.delete('doppelt');
    await writePost('doppelt', post('title: Zwei'));
    const second = await s.delete('doppelt');
    expect(second.trashId).not.toBe(first.trashId);
    expect((await s.listTrash()).map((e) => e.title).sort()).toEqual(['Eins', 'Zwei']);
  });

  it('ignores foreign or broken things in the trash', async () => {
    const s = store();
    await mkdir(path.join(root, '.papierkorb', 'kaputt'), { recursive: true });
    await writeFile(path.join(root, '.papierkorb', 'kaputt', '.kladde-papierkorb.json'), '{kein json');
    await mkdir(path.join(root, '.papierkorb', 'boese'), { recursive: true });
    await writeFile(
      path.join(root, '.papierkorb', 'boese', '.kladde-papierkorb.json'),
      JSON.stringify({ trashId: 'boese', originalId: '../../draussen', title: 'x', deletedMs: 1 }),
    );
    expect(await s.listTrash()).toEqual([]);
    await expect(s.restore('boese')).rejects.toMatchObject({ code: 'not-found' });
    await expect(s.restore('../../draussen')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('deletes a post with broken front matter, titled by its id', async () => {
    await writePost('kaputt', '---\ntitle: [\n---\n');
    expect(await store().delete('kaputt')).toMatchObject({ title: 'kaputt' });
  });
});

describe('path guards', () => {
  beforeEach(async () => {
    await mkdir(root, { recursive: true });
    await writePost('drinnen', post('title: Drinnen'));
  });

  const badIds = ['../draussen', '..', '.', '', '/etc', path.join(os.tmpdir(), 'x'), 'a/b', 'a\\b', 'nul\0byte', '.versteckt', ' vorne', 'hinten ', 'x'.repeat(256)];

  it.each(badIds.map((id) => [JSON.stringify(id), id]))('refuses the id %s everywhere, touching nothing', async (_label, id) => {
    const s = store();
    const before = await snapshot(tmp);
    const attempts: [string, () => Promise<unknown>][] = [
      ['open', () => s.open(id)],
      ['save', () => s.save(id, 'überschrieben', '', true)],
      ['delete', () => s.delete(id)],
      ['duplicate', () => s.duplicate(id)],
      ['rename from', () => s.rename(id, 'neu')],
      ['rename to', () => s.rename('drinnen', id)],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({ code: 'outside-library' });
    }
    expect(await snapshot(tmp)).toEqual(before);
  });

  it('refuses to rename a post whose index.md links out, before moving anything', async () => {
    await mkdir(path.join(root, 'verlinkt'));
    await symlink(path.join(outside, 'index.md'), path.join(root, 'verlinkt', 'index.md'));
    const before = await snapshot(tmp);
    await expect(store().rename('verlinkt', 'umbenannt')).rejects.toMatchObject({ code: 'outside-library' });
    expect(await snapshot(tmp)).toEqual(before);
    expect(await exists(path.join(root, 'umbenannt'))).toBe(false);
  });

  it('refuses a symlinked folder that points out, for every operation', async () => {
    await symlink(outside, path.join(root, 'ausflug'), 'dir');
    const s = store();
    const before = await snapshot(tmp);
    const attempts: [string, () => Promise<unknown>][] = [
      ['open', () => s.open('ausflug')],
      ['save', () => s.save('ausflug', 'überschrieben', '', false)],
      ['save forced', () => s.save('ausflug', 'überschrieben', '', true)],
      ['delete', () => s.delete('ausflug')],
      ['duplicate', () => s.duplicate('ausflug')],
      ['rename', () => s.rename('ausflug', 'geholt')],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({ code: 'outside-library' });
    }
    expect(await snapshot(tmp)).toEqual(before);
  });

  it('refuses to save through a symlinked folder even when it holds no index.md yet', async () => {
    const empty = path.join(tmp, 'leer-draussen');
    await mkdir(empty);
    await symlink(empty, path.join(root, 'falle'), 'dir');
    await expect(store().save('falle', 'geschrieben', '', true)).rejects.toMatchObject({ code: 'outside-library' });
    expect(await readdir(empty)).toEqual([]);
  });

  it('refuses an index.md that is a symlink to a file outside', async () => {
    await mkdir(path.join(root, 'verlinkt'));
    await symlink(path.join(outside, 'index.md'), path.join(root, 'verlinkt', 'index.md'));
    const s = store();
    const before = await snapshot(outside);
    await expect(s.open('verlinkt')).rejects.toMatchObject({ code: 'outside-library' });
    await expect(s.save('verlinkt', 'x', '', true)).rejects.toMatchObject({ code: 'outside-library' });
    await expect(s.delete('verlinkt')).rejects.toMatchObject({ code: 'outside-library' });
    await expect(s.duplicate('verlinkt')).rejects.toMatchObject({ code: 'outside-library' });
    expect(await snapshot(outside)).toEqual(before);
  });

  it('does not follow a symlinked library root out of itself but works inside it', async () => {
    // The library folder itself may be a symlink (a synced folder elsewhere): that is the user's choice.
    const real = path.join(tmp, 'echt');
    await mkdir(real);
    const linkRoot = path.join(tmp, 'verknuepft');
    await symlink(real, linkRoot, 'dir');
    const s = new PostStore({ root: linkRoot, now: () => FIXED });
    const created = await s.create('Über den Link');
    expect(await readFile(path.join(real, created.id, 'index.md'), 'utf8')).toBe(created.text);
    expect((await s.list()).map((p) => p.id)).toEqual([created.id]);
  });
});
