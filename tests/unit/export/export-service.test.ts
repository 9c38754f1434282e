import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportOutcome } from '../../../electron/common/model/export.js';
import { ExportService, type SaveTargetRequest } from '../../../electron/main/export/export-service.js';
import { ImageService } from '../../../electron/main/images/image-service.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';
import { BOOT_PNG, HAFEN_PNG, POST_ID, seedExportPost } from './export-fixture.js';

let tmp: string;
let posts: PostStore;
let images: ImageService;
const renderOptions = async () => ({});

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-export-'));
  posts = new PostStore({ root: path.join(tmp, 'Bibliothek') });
  await posts.ensureLibrary();
  await seedExportPost(posts.root);
  images = new ImageService(posts.paths);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function webService(): ExportService {
  return new ExportService({ posts, images, renderOptions, downloadsDir: path.join(tmp, `downloads-${Math.random()}`) });
}

/** An app-side service whose „save dialog“ answers with the given path (or null: cancelled) and records what it was asked. */
function appService(answer: string | null, asked: SaveTargetRequest[] = [], printed: string[] = []): ExportService {
  return new ExportService({
    posts,
    images,
    renderOptions,
    downloadsDir: path.join(tmp, 'unused-downloads'),
    chooseTarget: async (request) => {
      asked.push(request);
      return answer;
    },
    printToPdf: async (html) => {
      printed.push(html);
      return new TextEncoder().encode('%PDF-1.4 stand-in');
    },
  });
}

async function downloaded(service: ExportService, outcome: ExportOutcome): Promise<{ name: string; mime: string; bytes: Buffer }> {
  if (outcome.outcome !== 'download' && outcome.outcome !== 'print') throw new Error(`expected a download, got ${outcome.outcome}`);
  const d = service.downloads.take(outcome.downloadToken);
  if (!d) throw new Error('download gone');
  const bytes = await readAll(d.stream());
  expect(bytes.byteLength).toBe(outcome.size);
  return { name: d.name, mime: d.mime, bytes };
}

describe('a post as standalone HTML', () => {
  it('renders the post with the one renderer: title, date, figure caption with credit, featured image and its credit line', async () => {
    const built = await webService().buildPost(POST_ID, 'inline');
    const html = built.html;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<title>Hafen im Januar</title>');
    expect(html).toContain('<h1 class="k-post-title">Hafen im Januar</h1>');
    expect(html).toContain('3. Januar 2013');
    expect(html).toContain('Ein Text über den <strong>Hafen</strong> im Januar.');
    // The body figure: caption and credit as the preview shows them.
    expect(html).toMatch(/<figure class="k-figure"><img src="data:image\/png;base64,[^"]+" alt="Ein Boot"><figcaption>Das Boot im Hafen[^<]*Max Muster/);
    // The featured image on top, and its credit line at the end.
    expect(html).toContain(`<figure class="k-figure k-featured"><img src="data:image/png;base64,${HAFEN_PNG.toString('base64')}" alt="Der Hafen am Abend">`);
    expect(html).toMatch(/<p class="k-credit-line">Bild: Rike \/ <a [^>]*>pixelio\.de<\/a><\/p>/);
    // Self-contained and script-free.
    expect(html).toContain(`data:image/png;base64,${BOOT_PNG.toString('base64')}`);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);
    expect(built.images).toEqual([]);
  });

  it('points the folder form at the files beside the page, percent-encoded', async () => {
    const built = await webService().buildPost(POST_ID, 'folder');
    expect(built.html).toContain('<img src="bilder/boot%20mit%20segel.png" alt="Ein Boot">');
    expect(built.html).toContain('<img src="hafen.png" alt="Der Hafen am Abend">');
    expect(built.images.map((i) => i.name).sort()).toEqual(['bilder/boot mit segel.png', 'hafen.png']);
  });

  it('keeps a post’s script from running: the CSP forbids every script, raw HTML passes as the renderer gives it', async () => {
    const id = 'mit-skript';
    await mkdir(path.join(posts.root, id));
    await writeFile(path.join(posts.root, id, 'index.md'), '---\ntitle: "<script>alert(1)</script>"\n---\nText <img src=x onerror=alert(1)>\n');
    const { html } = await webService().buildPost(id, 'inline');
    expect(html).toContain('<title>&#60;script&#62;alert(1)&#60;/script&#62;</title>');
    expect(html).not.toContain('<title><script>');
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<body>'));
  });

  it('shows a missing image as the preview’s placeholder, not a broken image', async () => {
    const id = 'fehlendes-bild';
    await mkdir(path.join(posts.root, id));
    await writeFile(path.join(posts.root, id, 'index.md'), '---\ntitle: Fehlt\n---\n![Weg](weg.png)\n');
    const { html } = await webService().buildPost(id, 'inline');
    expect(html).toContain('k-image-missing');
    expect(html).not.toContain('<img src="weg.png"');
  });

  it('web host: offers the inline page as one download, handed out once', async () => {
    const service = webService();
    const outcome = await service.exportPost({ postId: POST_ID, format: 'html', images: 'inline' });
    expect(outcome).toMatchObject({ outcome: 'download', fileName: `${POST_ID}.html` });
    const file = await downloaded(service, outcome);
    expect(file.mime).toBe('text/html; charset=utf-8');
    expect(file.bytes.toString('utf8')).toContain('Ende des Beitrags.');
    if (outcome.outcome !== 'download') throw new Error('unreachable');
    expect(service.downloads.take(outcome.downloadToken)).toBeNull();
  });

  it('web host: a PDF is the page handed out to print', async () => {
    const service = webService();
    const outcome = await service.exportPost({ postId: POST_ID, format: 'pdf', images: 'folder' });
    expect(outcome).toMatchObject({ outcome: 'print', fileName: `${POST_ID}.html` });
    expect((await downloaded(service, outcome)).bytes.toString('utf8')).toContain('data:image/png;base64,');
  });

  it('app: writes the page where the save dialog says, and only the file name comes back', async () => {
    const asked: SaveTargetRequest[] = [];
    const target = path.join(tmp, 'ziel', 'mein export.html');
    await mkdir(path.dirname(target), { recursive: true });
    const outcome = await appService(target, asked).exportPost({ postId: POST_ID, format: 'html', images: 'inline' });
    expect(asked).toEqual([{ kind: 'html', defaultName: `${POST_ID}.html` }]);
    const html = await readFile(target, 'utf8');
    expect(outcome).toEqual({ outcome: 'saved', fileName: 'mein export.html', size: Buffer.byteLength(html) });
    expect(JSON.stringify(outcome)).not.toContain(tmp);
    // Atomic: nothing but the file is left in the folder.
    expect(await readdir(path.dirname(target))).toEqual(['mein export.html']);
  });

  it('app: the folder form is <name>/index.html with the images, and exporting again replaces it', async () => {
    const target = path.join(tmp, 'ordner', POST_ID);
    await mkdir(path.dirname(target), { recursive: true });
    const asked: SaveTargetRequest[] = [];
    const service = appService(target, asked);
    for (let round = 0; round < 2; round++) {
      const outcome = await service.exportPost({ postId: POST_ID, format: 'html', images: 'folder' });
      expect(outcome).toMatchObject({ outcome: 'saved', fileName: POST_ID });
      expect((await readdir(target)).sort()).toEqual(['bilder', 'hafen.png', 'index.html']);
      expect(await readFile(path.join(target, 'hafen.png'))).toEqual(HAFEN_PNG);
      expect(await readFile(path.join(target, 'bilder', 'boot mit segel.png'))).toEqual(BOOT_PNG);
      expect(await readdir(path.dirname(target))).toEqual([POST_ID]);
    }
    expect(asked[0]).toEqual({ kind: 'html-folder', defaultName: POST_ID });
  });

  it('app: refuses to put a folder export over something that is not an earlier export', async () => {
    const target = path.join(tmp, 'belegt', 'fremd');
    await mkdir(target, { recursive: true });
    await writeFile(path.join(target, 'notizen.txt'), 'meins');
    await expect(appService(target).exportPost({ postId: POST_ID, format: 'html', images: 'folder' })).rejects.toThrow(/gibt es dort schon/);
    expect(await readdir(target)).toEqual(['notizen.txt']);
    expect(await readdir(path.dirname(target))).toEqual(['fremd']);
  });

  it('app: a PDF is printed from the inline page and written where chosen; cancelling writes nothing', async () => {
    const printed: string[] = [];
    const target = path.join(tmp, 'pdf', 'hafen.pdf');
    await mkdir(path.dirname(target), { recursive: true });
    const outcome = await appService(target, [], printed).exportPost({ postId: POST_ID, format: 'pdf', images: 'folder' });
    expect(outcome).toMatchObject({ outcome: 'saved', fileName: 'hafen.pdf' });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.4 stand-in');
    expect(printed[0]).toContain('data:image/png;base64,');
    const none: string[] = [];
    expect(await appService(null, [], none).exportPost({ postId: POST_ID, format: 'pdf', images: 'inline' })).toEqual({ outcome: 'cancelled' });
    expect(none).toEqual([]);
  });

  it('refuses a post that is not there, with a clear message', async () => {
    await expect(webService().exportPost({ postId: 'gibt-es-nicht', format: 'html', images: 'inline' })).rejects.toThrow(/nicht gefunden/);
  });

  it('leaves the library untouched', async () => {
    const before = await stat(path.join(posts.root, POST_ID, 'index.md'));
    await webService().buildPost(POST_ID, 'folder');
    expect((await stat(path.join(posts.root, POST_ID, 'index.md'))).mtimeMs).toBe(before.mtimeMs);
  });
});

