import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../electron/common/model/export.js';
import { ExportService } from '../../../electron/main/export/export-service.js';
import { backedUp } from '../../../electron/main/export/library-zip.js';
import { ImageService } from '../../../electron/main/images/image-service.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';
import { unzip } from '../../support/unzip.js';
import { seedExportPost } from './export-fixture.js';

let tmp: string;
let posts: PostStore;

/** The files a backup must hold, read straight from disk: relative path → bytes. */
async function expectedFiles(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const visit = async (dir: string, rel: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const relative = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await visit(full, relative);
      else if (entry.isFile()) out.set(relative, await readFile(full));
    }
  };
  await visit(root, '');
  for (const skipped of ['.kladde/liste.json', '.kladde/suche.json', '.kladde/import-tmp/halb/index.md', 'hafen-im-januar/.index.md.0123456789ab.tmp']) {
    expect(out.has(skipped), skipped).toBe(true);
    out.delete(skipped);
  }
  return out;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-zip-'));
  posts = new PostStore({ root: path.join(tmp, 'Bibliothek') });
  await posts.ensureLibrary();
  await seedExportPost(posts.root);
  await posts.create('Zweiter Beitrag');
  await posts.list(); // writes the list cache
  const root = posts.root;
  await writeFile(path.join(root, '.kladde', 'suche.json'), '{"format":1}');
  await mkdir(path.join(root, '.kladde', 'import-tmp', 'halb'), { recursive: true });
  await writeFile(path.join(root, '.kladde', 'import-tmp', 'halb', 'index.md'), 'halb');
  await writeFile(path.join(root, 'hafen-im-januar', '.index.md.0123456789ab.tmp'), 'abgebrochen');
  await mkdir(path.join(root, '.papierkorb', 'alt'), { recursive: true });
  await writeFile(path.join(root, '.papierkorb', 'alt', 'index.md'), '---\ntitle: Alt\n---\nGelöscht.\n');
  // Symlinks: one out of the library (never followed), one inside it (its file is taken).
  await writeFile(path.join(tmp, 'geheim.txt'), 'GEHEIM');
  await symlink(path.join(tmp, 'geheim.txt'), path.join(root, 'hafen-im-januar', 'nach-draussen.txt'));
  await symlink(path.join(root, 'hafen-im-januar', 'hafen.png'), path.join(root, 'zweiter-beitrag', 'verweis.png'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the library as a ZIP', () => {
  it.each([
    ['.kladde/liste.json', false],
    ['.kladde/suche.json', false],
    ['.kladde/import-tmp', false],
    ['.kladde/import-tmp/x/index.md', false],
    ['post/.index.md.0123456789ab.tmp', false],
    ['post/.kladde-import-0123456789ab.tmp', false],
    ['.kladde/woerterbuch.txt', true],
    ['.kladde/outbox/job.json', true],
    ['.papierkorb/alt/index.md', true],
    ['post/index.md', true],
    ['post/suche.json', true],
  ])('%s is backed up: %s', (relative, expected) => {
    expect(backedUp(relative)).toBe(expected);
  });

  it('holds every post, image and .kladde file byte for byte, without rebuildable caches; streams to the chosen file', async () => {
    const progress: ExportProgress[] = [];
    const target = path.join(tmp, 'sicherung', 'kladde.zip');
    await mkdir(path.dirname(target));
    const service = new ExportService({
      posts,
      images: new ImageService(posts.paths),
      renderOptions: async () => ({}),
      downloadsDir: path.join(tmp, 'downloads'),
      chooseTarget: async () => target,
      events: { emit: (name, payload) => name === 'exportProgress' && progress.push(payload as ExportProgress) },
      now: () => new Date(2026, 11, 2),
    });
    const outcome = await service.exportLibrary();
    const zipped = await unzip(target);
    expect(outcome).toEqual({ outcome: 'saved', fileName: 'kladde.zip', size: (await readFile(target)).byteLength });

    const expected = await expectedFiles(posts.root);
    expected.delete('hafen-im-januar/nach-draussen.txt');
    expected.set('zweiter-beitrag/verweis.png', await readFile(path.join(posts.root, 'hafen-im-januar', 'hafen.png')));
    const names = [...zipped.keys()];
    expect(names.every((n) => n.startsWith('Bibliothek/'))).toBe(true);
    expect(names.map((n) => n.slice('Bibliothek/'.length)).sort()).toEqual([...expected.keys()].sort());
    for (const [name, bytes] of expected) expect(zipped.get(`Bibliothek/${name}`), name).toEqual(bytes);
    expect(names).toContain('Bibliothek/hafen-im-januar/bilder/boot mit segel.png');
    expect(names).toContain('Bibliothek/.kladde/woerterbuch.txt');
    expect([...zipped.values()].some((b) => b.toString('utf8') === 'GEHEIM')).toBe(false);

    const last = progress.at(-1);
    expect(progress[0]).toMatchObject({ done: 0 });
    expect(last).toMatchObject({ done: expected.size, total: expected.size });
    expect(await readdir(path.dirname(target))).toEqual(['kladde.zip']);
  });

  it('web host: the ZIP waits as one download named after the library and the day', async () => {
    const service = new ExportService({
      posts,
      images: new ImageService(posts.paths),
      renderOptions: async () => ({}),
      downloadsDir: path.join(tmp, 'downloads-web'),
      now: () => new Date(2026, 11, 2),
    });
    const outcome = await service.exportLibrary();
    expect(outcome).toMatchObject({ outcome: 'download', fileName: 'Bibliothek-2026-12-02.zip' });
    if (outcome.outcome !== 'download') throw new Error('unreachable');
    const file = path.join(tmp, 'downloads-web', outcome.downloadToken);
    const zipped = await unzip(file);
    expect([...zipped.keys()]).toContain('Bibliothek/hafen-im-januar/index.md');
    expect((await readFile(file)).byteLength).toBe(outcome.size);
  });

  it('a ZIP saved inside the library does not swallow itself or an earlier backup of the same name', async () => {
    const target = path.join(posts.root, 'sicherung.zip');
    await writeFile(target, 'alte Sicherung');
    const service = new ExportService({
      posts,
      images: new ImageService(posts.paths),
      renderOptions: async () => ({}),
      downloadsDir: path.join(tmp, 'downloads-2'),
      chooseTarget: async () => target,
    });
    await service.exportLibrary();
    const names = [...(await unzip(target)).keys()];
    expect(names).not.toContain('Bibliothek/sicherung.zip');
    expect(names.some((n) => n.endsWith('.tmp'))).toBe(false);
    await rm(target);
  });
});
