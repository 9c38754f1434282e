import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/main/ipc/dispatch.js';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { readImages } from '../../../electron/common/markdown/front-matter-images.js';
import { readPublishState } from '../../../electron/common/markdown/front-matter-publish.js';
import { HttpClient, platformFetch } from '../../../electron/main/http/http-client.js';
import { ImportService } from '../../../electron/main/import/import-service.js';
import { tinyJpeg, tinyPng } from '../images/tiny-images.js';
import { BLOG, harness, remotePost, type Harness } from './support/import-harness.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

/** The hand-written export with its blog moved onto the loopback image server. */
async function handwrittenExport(): Promise<string> {
  const xml = (await readFile(path.join(FIXTURES, 'wxr-handwritten-1.2.xml'), 'utf8')).replaceAll('https://blog.example.de', h.images.base);
  const file = path.join(h.configDir, 'export.xml');
  await writeFile(file, xml);
  h.images.answers.set('/wp-content/uploads/2024/05/see.jpg', { bytes: tinyJpeg('see') });
  h.images.answers.set('/wp-content/uploads/2024/05/titelbild.jpg', { bytes: tinyPng(3, 3) });
  return file;
}

const wxrRequest = (file: string, fields: Partial<{ blogId: string | null; downloadImages: boolean; includePages: boolean; overwriteLocal: string[] }> = {}) => ({
  kind: 'wxr-path' as const,
  path: file,
  blogId: null,
  downloadImages: true,
  includePages: false,
  overwriteLocal: [],
  ...fields,
});

const read = (id: string) => readFile(path.join(h.root, id, 'index.md'), 'utf8');

describe('ImportService: a WordPress export', () => {
  it('imports the posts of WordPress 6.1’s own export (offline: images stay on the blog)', async () => {
    const job = await h.service.run(wxrRequest(path.join(FIXTURES, 'wxr-wordpress-6.1-export.xml'), { downloadImages: false }), h.onProgress);
    expect(job.state).toBe('done');
    expect(job.total).toBe(3);
    expect(job.results.map((r) => [r.title, r.outcome])).toEqual([
      ['Hallo Welt!', 'created'],
      ['Am See', 'created'],
      ['Blöcke & mehr', 'created'],
    ]);
    const text = await read('am-see');
    const fm = parseFrontMatter(text);
    expect(fm.ok && fm.fields).toMatchObject({ title: 'Am See', date: '2024-05-01T10:00:00+02:00', status: 'published', categories: ['Reisen'], tags: ['See'] });
    expect(fm.ok && fm.fields.image).toMatch(/^http:\/\/127\.0\.0\.1:37011\/.*titelbild\.png$/);
    expect(h.images.requests).toEqual([]);
    // The total is known before the first post (a first pass over the file), then counts up.
    expect(h.progress.find((j) => j.done === 0 && j.total !== null)?.total).toBe(3);
  });

  it('offline import keeps the remote addresses; „Bilder herunterladen“ fetches them later into the folders', async () => {
    const file = await handwrittenExport();
    const job = await h.service.run(wxrRequest(file, { downloadImages: false }));
    expect(job.results.map((r) => [r.postId, r.outcome, r.imagesMissing, r.message])).toEqual([
      ['am-see', 'created', 2, null],
      ['bloecke-mehr', 'created', 0, null],
    ]);
    const offline = await read('am-see');
    expect(offline).toContain(`![Der See](${h.images.base}/wp-content/uploads/2024/05/see-300x200.jpg)`);
    // The credit travels with the address meanwhile.
    expect(readImages(offline).images[`${h.images.base}/wp-content/uploads/2024/05/see-300x200.jpg`]).toMatchObject({ author: 'Rike' });
    expect(h.images.requests).toEqual([]);

    const images = await h.service.runImageDownload(null, h.onProgress);
    expect(images.state).toBe('done');
    expect(images.results.map((r) => [r.postId, r.outcome, r.imagesMissing])).toEqual([['am-see', 'updated', 0]]);
    const text = await read('am-see');
    expect(text).toContain('![Der See](see.jpg)');
    expect(parseFrontMatter(text).ok && (parseFrontMatter(text) as { fields: { image: string } }).fields.image).toBe('titelbild.jpg');
    expect(readImages(text).images['see.jpg']).toMatchObject({ author: 'Rike', source: 'pixelio.de' });
    expect(await readFile(path.join(h.root, 'am-see', 'see.jpg'))).toEqual(tinyJpeg('see'));
    expect((await readdir(path.join(h.root, 'am-see'))).sort()).toEqual(['index.md', 'see.jpg', 'titelbild.jpg']);

    // Nothing left to fetch; and the post still counts as „as imported“: importing again changes nothing.
    const nothing = await h.service.runImageDownload(null);
    expect(nothing.results).toEqual([]);
    const again = await h.service.run(wxrRequest(file, { downloadImages: false }));
    expect(again.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(await h.folders()).toEqual(['am-see', 'bloecke-mehr']);
  });

  it('a renamed post is still found: importing the export again writes no second folder', async () => {
    const file = await handwrittenExport();
    await h.service.run(wxrRequest(file, { downloadImages: false }));
    await h.posts.rename('am-see', 'sommer-am-see');
    await h.service.postRenamed('am-see', 'sommer-am-see');
    const again = await h.service.run(wxrRequest(file, { downloadImages: false }));
    expect(again.results.map((r) => [r.postId, r.outcome])).toEqual([
      ['sommer-am-see', 'unchanged'],
      ['bloecke-mehr', 'unchanged'],
    ]);
    expect(await h.folders()).toEqual(['bloecke-mehr', 'sommer-am-see']);
  });

  it('with a blog: publish records from the export, media ids from its attachments', async () => {
    const file = await handwrittenExport();
    const job = await h.service.run(wxrRequest(file, { blogId: BLOG.id }));
    expect(job.results.map((r) => r.outcome)).toEqual(['created', 'created']);
    const state = readPublishState(await read('am-see'), BLOG.id);
    expect(state.record).toMatchObject({ id: '10', link: `${h.images.base}/2024/05/am-see/` });
    // The featured image is attachment 12 of the export; the caption image names no attachment of the file.
    expect(state.media['titelbild.jpg']).toMatchObject({ id: '12', url: `${h.images.base}/wp-content/uploads/2024/05/titelbild.jpg` });
    expect(state.media['see.jpg']).toBeUndefined();
    // The blog listing now knows them.
    h.source.posts.set('10', remotePost('10'));
    const page = await h.service.listRemotePosts(BLOG.id, { page: 1, perPage: 10, search: '', includePages: false });
    expect(page.posts[0]?.localPostId).toBe('am-see');
  });

  it('offline with a blog: „Bilder herunterladen“ records the media ids the export named', async () => {
    const file = await handwrittenExport();
    await h.service.run(wxrRequest(file, { blogId: BLOG.id, downloadImages: false }));
    expect(readPublishState(await read('am-see'), BLOG.id).media).toEqual({});
    const images = await h.service.runImageDownload('am-see');
    expect(images.results.map((r) => [r.postId, r.outcome, r.imagesMissing])).toEqual([['am-see', 'updated', 0]]);
    const state = readPublishState(await read('am-see'), BLOG.id);
    expect(state.record?.id).toBe('10');
    expect(state.media['titelbild.jpg']).toMatchObject({ id: '12', url: `${h.images.base}/wp-content/uploads/2024/05/titelbild.jpg` });
    expect(state.media['see.jpg']).toBeUndefined();
  });

  it('pages come along when asked', async () => {
    const file = await handwrittenExport();
    const job = await h.service.run(wxrRequest(file, { includePages: true, downloadImages: false }));
    expect(job.results.map((r) => r.title)).toEqual(['Am See', 'Blöcke & mehr', 'Impressum']);
  });

  it('a broken export stops with the place it broke, before any post is written', async () => {
    const file = await handwrittenExport();
    const xml = await readFile(file, 'utf8');
    // Cut in the middle of the second post.
    await writeFile(file, xml.slice(0, xml.indexOf('<title>Blöcke')) + '<title>kaputt</b>\n');
    const job = await h.service.run(wxrRequest(file, { downloadImages: false }));
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(/^Die Exportdatei ist beschädigt und lässt sich ab Zeile \d+, Spalte \d+ nicht lesen/);
    // The first pass over the file (attachments, count) finds the break before any post is written.
    expect(job.results).toEqual([]);
    expect(await h.folders()).toEqual([]);
    const notRss = path.join(h.configDir, 'kein.xml');
    await writeFile(notRss, '<html><body>nein</body></html>');
    expect((await h.service.run(wxrRequest(notRss))).message).toBe('Die Datei ist kein WordPress-Export (kein RSS).');
    await appendFile(path.join(h.configDir, 'leer.xml'), '');
    expect((await h.service.run(wxrRequest(path.join(h.configDir, 'leer.xml')))).message).toBe('Die Exportdatei ist leer.');
  });

  it('refuses a tampered index entry whose image name leads out of the post folder', async () => {
    const file = await handwrittenExport();
    await h.service.run(wxrRequest(file, { downloadImages: false }));
    const indexFile = path.join(h.root, '.kladde', 'import-index.jsonl');
    const lines = (await readFile(indexFile, 'utf8')).trim().split('\n');
    const entry = JSON.parse(lines.find((l) => l.includes('am-see')) ?? '{}') as { pending: { file: string }[] };
    for (const p of entry.pending) p.file = '../../ausbruch.jpg';
    await appendFile(indexFile, JSON.stringify(entry) + '\n');
    // A new service reads the index anew, as after a restart.
    const fresh = new ImportService({ posts: h.posts, http: new HttpClient({ fetch: platformFetch }), configDir: h.configDir, sources: () => Promise.reject(new Error('kein Blog')) });
    const job = await fresh.runImageDownload(null);
    expect(job.results[0]).toMatchObject({ postId: 'am-see', imagesMissing: 2 });
    expect(job.results[0]?.message).toMatch(/nicht sicher/);
    expect(await readdir(path.dirname(h.root))).not.toContain('ausbruch.jpg');
    expect(await readdir(h.root)).not.toContain('ausbruch.jpg');
  });

  it('works over the IPC handlers: upload, start, progress events, unknown token', async () => {
    const file = await handwrittenExport();
    // Only the import channels are called; the dispatcher validates them against the contract as in the app.
    const dispatch = createDispatcher(ImportService.handlers(() => h.service) as Parameters<typeof createDispatcher>[0]);
    const uploaded = await dispatch('uploadImportFile', [{ name: 'C:\\Export\\mein-blog.xml', bytes: new Uint8Array(await readFile(file)) }]);
    expect(uploaded).toMatchObject({ ok: true, value: { name: 'mein-blog.xml', site: h.images.base } });
    const token = (uploaded as { value: { fileToken: string } }).value.fileToken;
    expect(token).toMatch(/^[a-f0-9]{32}$/);
    expect(await readdir(path.join(h.configDir, 'import-files'))).toEqual([`${token}.xml`]);
    const started = await dispatch('startImport', [{ kind: 'wxr', fileToken: token, blogId: null, downloadImages: false, includePages: false, overwriteLocal: [] }]);
    expect(started).toMatchObject({ ok: true, value: { state: 'running' } });
    while (!h.events.some((e) => e.name === 'importProgress' && (e.payload as { state: string }).state !== 'running')) await new Promise((r) => setTimeout(r, 10));
    const last = h.events.filter((e) => e.name === 'importProgress').at(-1)?.payload as { state: string; done: number };
    expect(last).toMatchObject({ state: 'done', done: 2 });
    // The upload is gone after its import; its token with it.
    expect(await readdir(path.join(h.configDir, 'import-files'))).toEqual([]);
    const again = await dispatch('startImport', [{ kind: 'wxr', fileToken: token, blogId: null, downloadImages: false, includePages: false, overwriteLocal: [] }]);
    expect(again).toMatchObject({ ok: true, value: { state: 'running' } });
    while (h.events.filter((e) => e.name === 'importProgress' && (e.payload as { state: string }).state === 'failed').length === 0) await new Promise((r) => setTimeout(r, 10));
    const failed = h.events.filter((e) => e.name === 'importProgress').at(-1)?.payload as { message: string };
    expect(failed.message).toMatch(/nicht mehr da/);
    expect(await dispatch('chooseImportFile', [])).toEqual({ ok: true, value: null });
    expect(await dispatch('startImport', [{ kind: 'wxr', fileToken: '../etc', blogId: null, downloadImages: false, includePages: false, overwriteLocal: [] }])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
