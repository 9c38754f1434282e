import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPng } from '../images/tiny-images.js';
import { runKladde, writePost } from './run-kladde.js';

// `kladde` as scripts use it: the built launcher in a child process, against real libraries in temp folders,
// with the real spell checker (Hunspell and the dictionary-* packages). Exit codes: 0 fine, 1 problems, 2 usage, 3 failure.

let base: string;
let home: string;
let config: string;
let library: string;
let clean: string;

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');
const run = (args: string[], cwd = base, env: Record<string, string> = {}) => runKladde(args, { cwd, home, env });

const CREDITED = `---
title: Sonnenuntergang am Rhein
date: 2024-05-01
status: ready
image: sonne.png
images:
  sonne.png:
    alt: Die Sonne geht unter
    author: Rike
    source: pixelio.de
    license: pixelio
---
Heute ging die Sonne über dem Rhein unter. Es war ein schöner Abend.

![Die Sonne](sonne.png)
`;

const MISSING_CREDIT = `---
title: Kaffee
date: 2013-01-03T10:00:00
status: draft
---
Ein Text über Kaffee mit einem Fehller darin.

![Eine Tasse Kaffee](kaffee.png)
`;

const PUBLISHED = `---
title: Already online
status: published
lang: en
publish:
  mein-blog:
    id: 5
    link: https://blog.example/schon-online/
    modified_gmt: 2025-03-01T10:00:00
---
This text is spelled well.
`;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'kladde-cli-'));
  home = path.join(base, 'home');
  config = path.join(base, 'config');
  library = path.join(base, 'bibliothek');
  clean = path.join(base, 'sauber');
  await mkdir(home, { recursive: true });
  await writePost(library, 'sonne', CREDITED, { 'sonne.png': tinyPng(20, 10, [250, 120, 0]) });
  await writePost(library, 'kaffee', MISSING_CREDIT, { 'kaffee.png': tinyPng(10, 10, [90, 60, 30]) });
  await writePost(library, 'schon-online', PUBLISHED);
  await writePost(clean, 'sonne', CREDITED, { 'sonne.png': tinyPng(20, 10, [250, 120, 0]) });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('kladde list', () => {
  it('shows every post with title, status, date, folder and the blogs it is published to, in German', async () => {
    const { code, stdout, stderr } = await run(['list', '--library', library, '--config', config]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^Titel\s+Status\s+Datum\s+Ordner\s+Blogs$/);
    expect(lines.find((l) => l.startsWith('Kaffee '))).toMatch(/^Kaffee\s+Entwurf\s+03\.01\.2013, 10:00\s+kaffee\s+–$/);
    expect(lines.find((l) => l.startsWith('Already online '))).toMatch(/Veröffentlicht\s+–\s+schon-online\s+mein-blog$/);
    expect(lines.find((l) => l.startsWith('Sonnenuntergang '))).toMatch(/Fertig\s+01\.05\.2024\s+sonne/);
    expect(stdout).toContain(`3 Beiträge in ${library}.`);
  });

  it('prints one JSON document and nothing else with --json', async () => {
    const { code, stdout } = await run(['list', '--library', library, '--config', config, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { ok: boolean; posts: { folder: string; status: string; blogs: { blogId: string; link: string }[] }[] };
    expect(doc.ok).toBe(true);
    expect(doc.posts.map((p) => p.folder).sort()).toEqual(['kaffee', 'schon-online', 'sonne']);
    expect(doc.posts.find((p) => p.folder === 'schon-online')).toMatchObject({ status: 'published', blogs: [{ blogId: 'mein-blog', link: 'https://blog.example/schon-online/' }] });
  });

  it('speaks English with --lang en, and when the settings say so', async () => {
    const flagged = await run(['list', '--library', library, '--config', config, '--lang', 'en']);
    expect(flagged.stdout).toMatch(/^Title\s+Status\s+Date\s+Folder\s+Blogs$/m);
    expect(flagged.stdout).toContain('Draft');
    const englishConfig = path.join(base, 'config-en');
    await mkdir(englishConfig, { recursive: true });
    await writeFile(path.join(englishConfig, 'settings.json'), JSON.stringify({ uiLanguage: 'en' }));
    const configured = await run(['list', '--library', library, '--config', englishConfig]);
    expect(configured.stdout).toContain('3 posts in');
  });

  it('fails with exit code 3 and a German sentence when the library does not exist, creating nothing', async () => {
    const missing = path.join(base, 'gibt-es-nicht');
    const { code, stdout, stderr } = await run(['list', '--library', missing, '--config', config]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Die Bibliothek „${missing}“ gibt es nicht.`);
    await expect(readdir(missing)).rejects.toThrow();
  });
});

describe('kladde check', () => {
  it('finds a missing credit and a misspelt word, exits 1 and names file:line in German', async () => {
    const { code, stdout } = await run(['check', 'kaffee', '--library', library, '--config', config], library);
    expect(code).toBe(1);
    expect(stdout).toContain('kaffee/index.md:8: Bild „kaffee.png“ hat keinen Bildnachweis (Lizenz wählen).');
    expect(stdout).toContain('kaffee/index.md:6: Unbekanntes Wort „Fehller“ (Rechtschreibung Deutsch (Deutschland)).');
    expect(stdout).toContain('2 Probleme in 1 von 1 geprüften Beiträgen.');
  });

  it('passes a clean library with exit code 0', async () => {
    const { code, stdout } = await run(['check', '--library', clean, '--config', config]);
    expect(stdout).toBe('Keine Probleme in 1 Beitrag.\n');
    expect(code).toBe(0);
  });

  it('takes a path to the post folder and finds its library itself', async () => {
    const { code, stdout } = await run(['check', path.join(clean, 'sonne'), '--config', config]);
    expect(code).toBe(0);
    expect(stdout).toContain('Keine Probleme');
  });

  it('reports problems as JSON for machines: one document on stdout, with code, line and word', async () => {
    const { code, stdout, stderr } = await run(['check', '--library', library, '--config', config, '--json']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const doc = JSON.parse(stdout) as { ok: boolean; checked: string[]; problems: { post: string; code: string; line: number | null; word?: string; file: string }[] };
    expect(doc.ok).toBe(false);
    expect(doc.checked.sort()).toEqual(['kaffee', 'schon-online', 'sonne']);
    expect(doc.problems).toContainEqual(expect.objectContaining({ post: 'kaffee', code: 'spelling', word: 'Fehller', line: 6, file: path.join(library, 'kaffee', 'index.md') }));
    expect(doc.problems).toContainEqual(expect.objectContaining({ post: 'kaffee', code: 'credit-missing', line: 8 }));
    // The English post is checked with the English dictionary, the credited one has nothing to report.
    expect(doc.problems.filter((p) => p.post !== 'kaffee')).toEqual([]);
  });

  it('reports broken front matter and a missing image file', async () => {
    const broken = path.join(base, 'kaputt');
    await writePost(broken, 'kaputt', '---\ntitle: [nicht zu\n---\nText\n');
    await writePost(broken, 'ohne-bild', `---\ntitle: Ohne Bild\nimages:\n  weg.png:\n    alt: Weg\n    license: own\n---\n![Weg](weg.png)\n`);
    const { code, stdout } = await run(['check', '--library', broken, '--config', config, '--no-spelling'], broken);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^kaputt\/index\.md:\d+: Das Front Matter ist fehlerhaft: /m);
    expect(stdout).toContain('ohne-bild/index.md:8: Die Bilddatei „weg.png“ fehlt im Beitragsordner.');
  });

  it('says in German when a named post does not exist', async () => {
    const { code, stderr } = await run(['check', 'gibt-es-nicht', '--library', library, '--config', config]);
    expect(code).toBe(3);
    expect(stderr).toContain(`Beitrag „gibt-es-nicht“ gibt es nicht in der Bibliothek ${library}.`);
  });
});

describe('help and usage', () => {
  it.each(['list', 'check', 'publish', 'import', 'blog'])('kladde %s --help explains the command and exits 0', async (command) => {
    const { code, stdout } = await run([command, '--help', '--config', config]);
    expect(code).toBe(0);
    expect(stdout).toContain(`kladde ${command}`);
    expect(stdout).toContain('Rückgabewerte: 0 in Ordnung · 1 Probleme gefunden · 2 Aufruf fehlerhaft · 3 fehlgeschlagen');
  });

  it('says that blogs of the desktop app are not readable here and how the command line signs in', async () => {
    const { stdout } = await run(['publish', '--help', '--config', config]);
    expect(stdout).toContain('Electron safeStorage');
    expect(stdout).toContain('KLADDE_PASSWORD');
  });

  it('gives the overview with --help, and in English with --lang en', async () => {
    const de = await run(['--help', '--config', config]);
    expect(de.code).toBe(0);
    expect(de.stdout).toContain('kladde check [BEITRAG …]');
    const en = await run(['--help', '--lang', 'en', '--config', config]);
    expect(en.stdout).toContain('kladde check [POST …]');
  });

  it('refuses an unknown option, an unknown command and a missing argument with exit code 2', async () => {
    const option = await run(['list', '--bogus', '--config', config]);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe('Unbekannte Option „--bogus“.\nHilfe: kladde list --help\n');
    const command = await run(['lsit', '--config', config]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Unbekannter Befehl „lsit“.');
    const blog = await run(['publish', 'kaffee', '--library', library, '--config', config]);
    expect(blog.code).toBe(2);
    expect(blog.stderr).toContain('Welcher Blog? --blog NAME angeben');
    const none = await run(['--config', config]);
    expect(none.code).toBe(2);
    const lang = await run(['list', '--lang', 'fr', '--config', config]);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang kennt nur „de“ und „en“, nicht „fr“.');
  });

  it('reports a usage error as a JSON document with --json', async () => {
    const { code, stdout } = await run(['check', '--nope', '--json', '--config', config]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({ ok: false, error: { code: 'usage', message: 'Unbekannte Option „--nope“.' } });
  });
});

describe('blogs and publishing without a blog set up', () => {
  it('never takes a password as an argument', async () => {
    const { code, stderr } = await run(['blog', 'add', 'http://127.0.0.1:9/', '--user', 'rike', '--password', 'geheim', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toContain('Unbekannte Option „--password“.');
  });

  it('refuses to sign in without a password on stdin or in KLADDE_PASSWORD', async () => {
    const { code, stderr } = await run(['blog', 'add', 'http://127.0.0.1:9/', '--user', 'rike', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toContain('Kein Passwort bekommen');
  });

  it('names the blogs set up when publishing to an unknown one (exit code 3)', async () => {
    const listed = await run(['blog', 'list', '--config', config]);
    expect(listed.stdout).toBe(`Keine Blogs eingerichtet in ${config}.\n`);
    const { code, stderr } = await run(['publish', 'kaffee', '--blog', 'mein-blog', '--library', library, '--config', config]);
    expect(code).toBe(3);
    expect(stderr).toContain('Kein Blog „mein-blog“ eingerichtet. Eingerichtet: keiner.');
  });

  it('imports WordPress’s own export offline (images stay on the blog), and a second import writes no second folder', async () => {
    const file = path.join(FIXTURES, 'wxr-wordpress-6.1-export.xml');
    const library = path.join(base, 'import');
    const first = await run(['import', file, '--library', library, '--config', config, '--no-images', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const job = JSON.parse(first.stdout) as { ok: boolean; job: { state: string; results: { title: string; outcome: string; postId: string | null }[] } };
    expect(job.ok).toBe(true);
    expect(job.job.state).toBe('done');
    const created = job.job.results.filter((r) => r.outcome === 'created').map((r) => r.title);
    expect(created).toEqual(expect.arrayContaining(['Hallo Welt!', 'Am See', 'Blöcke & mehr']));
    const seen = job.job.results.find((r) => r.title === 'Am See');
    expect(await readFile(path.join(library, seen?.postId ?? 'fehlt', 'index.md'), 'utf8')).toContain('title: Am See');
    const folders = (await readdir(library)).filter((f) => !f.startsWith('.')).sort();

    const again = await run(['import', file, '--library', library, '--config', config, '--no-images']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('unverändert');
    expect((await readdir(library)).filter((f) => !f.startsWith('.')).sort()).toEqual(folders);
  });
});
