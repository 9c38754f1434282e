import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { readImages } from '../../../electron/common/markdown/front-matter-images.js';
import { readPublishState } from '../../../electron/common/markdown/front-matter-publish.js';
import { mediaHash } from '../../../electron/main/import/image-download.js';
import { PublishFailure } from '../../../electron/main/publish/publish-errors.js';
import { tinyJpeg, tinyPng } from '../images/tiny-images.js';
import { BLOG, harness, remotePost, type Harness } from './support/import-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const blogRequest = (fields: { remoteIds?: string[] | null; overwriteLocal?: string[] } = {}) => ({
  kind: 'blog' as const,
  blogId: BLOG.id,
  remoteIds: fields.remoteIds ?? null,
  includePages: false,
  overwriteLocal: fields.overwriteLocal ?? [],
});

const read = (id: string) => readFile(path.join(h.root, id, 'index.md'), 'utf8');

/** The caption post of 2013, as WordPress.com stores it, with its header photo served by the image server. */
function captionPost(id: string, extra: Partial<Parameters<typeof remotePost>[1]> = {}) {
  const photo = h.images.url('/wp-content/uploads/2013/01/see-300x200.jpg');
  return remotePost(id, {
    title: 'Am See',
    slug: 'am-see',
    content: `Heute am See.\n\n[caption id="attachment_11" align="alignnone" width="300"]<img class="size-medium wp-image-11" src="${photo}" alt="Der See" width="300" height="200" /> Bild: Rike/ pixelio.de[/caption]\n\nSchön &amp; kalt.`,
    featuredImage: { url: h.images.url('/wp-content/uploads/2013/01/titel.png'), alt: 'Titel', caption: '' },
    categories: ['Reisen'],
    tags: ['See'],
    media: [
      { url: photo, id: '11', sourceUrl: h.images.url('/wp-content/uploads/2013/01/see.jpg') },
      { url: h.images.url('/wp-content/uploads/2013/01/titel.png'), id: '12' },
    ],
    ...extra,
  });
}

describe('ImportService: posts from a connected blog', () => {
  it('creates a folder per post with its images, credits and the publish record with media ids', async () => {
    const jpeg = tinyJpeg('see');
    const png = tinyPng(2, 2);
    h.images.answers.set('/wp-content/uploads/2013/01/see.jpg', { bytes: jpeg });
    h.images.answers.set('/wp-content/uploads/2013/01/titel.png', { bytes: png, type: 'image/png' });
    h.source.posts.set('7', captionPost('7'));
    h.source.posts.set('8', remotePost('8', { title: 'Zweiter &amp; letzter', slug: 'zweiter' }));

    const job = await h.service.run(blogRequest(), h.onProgress);

    expect(job.state).toBe('done');
    expect(job.results.map((r) => [r.remoteId, r.outcome, r.postId, r.imagesMissing])).toEqual([
      ['7', 'created', 'am-see', 0],
      ['8', 'created', 'zweiter', 0],
    ]);
    expect(await h.folders()).toEqual(['am-see', 'zweiter']);
    const text = await read('am-see');
    const fm = parseFrontMatter(text);
    expect(fm.ok && fm.fields).toMatchObject({ title: 'Am See', slug: 'am-see', status: 'published', image: 'titel.png', categories: ['Reisen'], tags: ['See'] });
    expect(text).toContain('![Der See](see.jpg)');
    expect(readImages(text).images['see.jpg']).toMatchObject({ author: 'Rike', source: 'pixelio.de', license: 'pixelio' });
    expect(await readFile(path.join(h.root, 'am-see', 'see.jpg'))).toEqual(jpeg);
    expect(await readFile(path.join(h.root, 'am-see', 'titel.png'))).toEqual(png);
    // Publishing back finds both images on the blog already: same key, same content hash.
    const state = readPublishState(text, BLOG.id);
    expect(state.record).toMatchObject({ id: '7', link: 'https://blog.example.de/?p=7', modified_gmt: '2024-05-01T08:00:00', online_hash: 'h7' });
    // The media address is the one the post used (the 300 px variant), so publishing back writes the same `src`.
    expect(state.media).toEqual({
      'see.jpg': { hash: mediaHash(jpeg), id: '11', url: h.images.url('/wp-content/uploads/2013/01/see-300x200.jpg') },
      'titel.png': { hash: mediaHash(png), id: '12', url: h.images.url('/wp-content/uploads/2013/01/titel.png') },
    });
    // Progress after every post, with counts; the title arrives decoded.
    expect(h.progress.filter((j) => j.state === 'running').map((j) => j.done)).toContain(1);
    expect(h.progress.at(-1)).toMatchObject({ state: 'done', done: 2, total: 2 });
    expect(job.results[1]?.title).toBe('Zweiter & letzter');
    expect(h.events.filter((e) => e.name === 'importProgress').length).toBe(h.progress.length);
    expect(h.events.some((e) => e.name === 'libraryChanged')).toBe(true);
    expect(await readdir(path.join(h.root, '.kladde', 'import-tmp'))).toEqual([]);
  });

  it('imports again: unchanged stays untouched, a change online updates, a local edit is kept until the user agrees', async () => {
    h.images.answers.set('/wp-content/uploads/2013/01/see.jpg', { bytes: tinyJpeg('see') });
    h.images.answers.set('/wp-content/uploads/2013/01/titel.png', { bytes: tinyPng(2, 2), type: 'image/png' });
    h.source.posts.set('7', captionPost('7'));
    h.source.posts.set('8', remotePost('8'));
    await h.service.run(blogRequest());
    const requests = h.images.requests.length;
    const before = await read('am-see');

    const again = await h.service.run(blogRequest());
    expect(again.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(h.images.requests.length).toBe(requests);
    expect(await read('am-see')).toBe(before);

    // Changed online: updated in its folder, never a second folder.
    h.source.posts.set('7', captionPost('7', { content: 'Neu geschrieben.', record: { id: '7', link: 'https://blog.example.de/?p=7', modified_gmt: '2024-06-01T08:00:00', online_hash: 'x' } }));
    const updated = await h.service.run(blogRequest());
    expect(updated.results.map((r) => [r.outcome, r.postId])).toEqual([['updated', 'am-see'], ['unchanged', 'beitrag-8']]);
    expect(await h.folders()).toEqual(['am-see', 'beitrag-8']);
    const text = await read('am-see');
    expect(text).toContain('Neu geschrieben.');
    expect(readPublishState(text, BLOG.id).record?.modified_gmt).toBe('2024-06-01T08:00:00');
    expect(h.events.some((e) => e.name === 'postChangedOnDisk' && (e.payload as { id: string }).id === 'am-see')).toBe(true);

    // Edited here, changed online again: left alone …
    const opened = await h.posts.open('am-see');
    await h.posts.save('am-see', opened.text.replace('Neu geschrieben.', 'Meine Fassung.'), opened.version, false);
    h.source.posts.set('7', captionPost('7', { content: 'Online noch einmal anders.' }));
    const asked = await h.service.run(blogRequest({ remoteIds: ['7'] }));
    expect(asked.results).toEqual([expect.objectContaining({ remoteId: '7', outcome: 'local-changes', postId: 'am-see' })]);
    expect(asked.results[0]?.message).toMatch(/geändert/);
    expect(await read('am-see')).toContain('Meine Fassung.');

    // … until the user agrees to overwrite it.
    const overwritten = await h.service.run(blogRequest({ remoteIds: ['7'], overwriteLocal: ['7'] }));
    expect(overwritten.results.map((r) => r.outcome)).toEqual(['updated']);
    expect(await read('am-see')).toContain('Online noch einmal anders.');
    expect(await h.folders()).toEqual(['am-see', 'beitrag-8']);
  });

  it('a publish record written later (publishing) does not count as a local edit', async () => {
    h.source.posts.set('5', remotePost('5'));
    await h.service.run(blogRequest());
    await h.posts.writeOwnChange('beitrag-5', (t) => t.replace('online_hash: h5', 'online_hash: neu'));
    h.source.posts.set('5', remotePost('5', { content: '<p>Anders.</p>' }));
    const job = await h.service.run(blogRequest());
    expect(job.results.map((r) => r.outcome)).toEqual(['updated']);
  });

  it('stores identical image content once, under the first name, and points both references at it', async () => {
    const bytes = tinyJpeg('gleich');
    h.images.answers.set('/a/eins.jpg', { bytes });
    h.images.answers.set('/b/zwei.jpg', { bytes });
    h.source.posts.set('3', remotePost('3', { content: `<p><img src="${h.images.url('/a/eins.jpg')}" alt="A"></p>\n\n<p><img src="${h.images.url('/b/zwei.jpg')}" alt="B"></p>` }));
    const job = await h.service.run(blogRequest());
    expect(job.results[0]?.outcome).toBe('created');
    const files = (await readdir(path.join(h.root, 'beitrag-3'))).filter((f) => !f.startsWith('.')).sort();
    expect(files).toEqual(['eins.jpg', 'index.md']);
    const text = await read('beitrag-3');
    expect(text).toContain('![A](eins.jpg)');
    expect(text).toContain('![B](eins.jpg)');
    expect(text).not.toContain('zwei.jpg');
  });

  it('an image that cannot be loaded keeps its remote address and is counted; the original is tried, then the size variant', async () => {
    h.images.answers.set('/up/foto-300x200.jpg', { bytes: tinyJpeg('klein') });
    h.images.answers.set('/up/svg.png', { bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), type: 'image/png' });
    const gone = h.images.url('/up/weg.jpg');
    h.source.posts.set('4', remotePost('4', {
      content: `<p><img src="${h.images.url('/up/foto-300x200.jpg')}" alt="F"></p>\n\n<p><img src="${gone}" alt="W"></p>\n\n<p><img src="${h.images.url('/up/svg.png')}" alt="S"></p>`,
    }));
    const job = await h.service.run(blogRequest());
    const result = job.results[0];
    expect(result).toMatchObject({ outcome: 'created', imagesMissing: 2 });
    expect(result?.message).toMatch(/^2 Bilder konnten nicht geladen werden/);
    // The full-size original was asked for first, then the size the post used.
    expect(h.images.count('/up/foto.jpg')).toBe(1);
    expect(h.images.count('/up/foto-300x200.jpg')).toBe(1);
    const text = await read('beitrag-4');
    expect(text).toContain('![F](foto.jpg)');
    expect(text).toContain(`![W](${gone})`);
    expect(text).toContain(`![S](${h.images.url('/up/svg.png')})`);
    expect((await readdir(path.join(h.root, 'beitrag-4'))).sort()).toEqual(['foto.jpg', 'index.md']);
  });

  it('cancelled while a post is on its way: the posts taken up are complete or not there at all, no further post is fetched', async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    h.images.answers.set('/slow.jpg', { hold, bytes: tinyJpeg('langsam') });
    for (const id of ['1', '2', '3', '4', '5', '6', '7', '8']) {
      h.source.posts.set(id, remotePost(id, id === '2' ? { content: `<p><img src="${h.images.url('/slow.jpg')}" alt=""></p>` } : {}));
    }
    const controller = new AbortController();
    const running = h.service.run(blogRequest(), h.onProgress, controller.signal);
    while (h.images.count('/slow.jpg') === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const job = await running;
    release();
    expect(job.state).toBe('cancelled');
    const imported = job.results.map((r) => r.remoteId);
    expect(imported).toContain('1');
    expect(imported).not.toContain('2');
    // Every post reported is complete in its folder; of the cancelled one nothing is written.
    expect(await h.folders()).toEqual(job.results.map((r) => r.postId).sort());
    for (const r of job.results) expect(await read(r.postId ?? '')).toContain(`Text von ${r.remoteId}.`);
    expect(await readdir(path.join(h.root, '.kladde', 'import-tmp'))).toEqual([]);
    expect(h.source.fetched).not.toContain('8');
  });

  it('cancels through cancelImport while running; one import per blog at a time', async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    h.images.answers.set('/slow.jpg', { hold, bytes: tinyJpeg('langsam') });
    h.source.posts.set('1', remotePost('1', { content: `<p><img src="${h.images.url('/slow.jpg')}" alt=""></p>` }));
    const started = await h.service.startImport(blogRequest());
    expect(started).toMatchObject({ state: 'running', done: 0 });
    await expect(h.service.startImport(blogRequest())).rejects.toThrow(/schon Beiträge geholt/);
    while (h.images.count('/slow.jpg') === 0) await new Promise((r) => setTimeout(r, 10));
    expect(h.service.cancel(started.jobId)).toBe(true);
    release();
    while (!h.events.some((e) => e.name === 'importProgress' && (e.payload as { state: string }).state === 'cancelled')) await new Promise((r) => setTimeout(r, 10));
    expect(h.service.cancel(started.jobId)).toBe(false);
    expect(await h.folders()).toEqual([]);
  });

  it('a wrong password stops the import with a clear German sentence', async () => {
    h.source.posts.set('1', remotePost('1'));
    h.source.failWith = new PublishFailure('auth', 'Anmeldung fehlgeschlagen (401)', false);
    const job = await h.service.run(blogRequest());
    expect(job).toMatchObject({ state: 'failed', results: [] });
    expect(job.message).toMatch(/^Anmeldung beim Blog fehlgeschlagen: Benutzername oder Passwort stimmen nicht/);
    h.source.failWith = new PublishFailure('offline', 'x', true);
    expect((await h.service.run(blogRequest())).message).toMatch(/^Der Blog ist nicht erreichbar/);
  });

  it('a listing that fails says why in German, as an IPC error', async () => {
    h.source.failWith = new PublishFailure('auth', 'x', false);
    await expect(h.service.listRemotePosts(BLOG.id, { page: 1, perPage: 20, search: '', includePages: false })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/^Anmeldung beim Blog fehlgeschlagen/) as unknown as string,
    });
  });

  it('lists the blog’s posts with the local post that holds each', async () => {
    h.source.posts.set('1', remotePost('1'));
    h.source.posts.set('2', remotePost('2'));
    h.source.posts.set('9', remotePost('9', { type: 'page', title: 'Impressum' }));
    await h.service.run(blogRequest({ remoteIds: ['2'] }));
    const page = await h.service.listRemotePosts(BLOG.id, { page: 1, perPage: 20, search: '', includePages: true });
    expect(page.posts.map((p) => [p.remoteId, p.localPostId, p.type])).toEqual([
      ['1', null, 'post'],
      ['2', 'beitrag-2', 'post'],
      ['9', null, 'page'],
    ]);
    expect(page).toMatchObject({ total: 3, nextPage: null });
  });

  it('refuses slugs and image names that would leave the library; the folder stays inside', async () => {
    h.images.answers.set('/x/evil.jpg', { bytes: tinyJpeg('böse') });
    h.source.posts.set('6', remotePost('6', {
      slug: '../../ausbruch',
      title: '../..',
      content: `<p><img src="${h.images.url('/x/..%2F..%2F..%2Fevil.jpg')}" alt="E"></p><p><img src="${h.images.url('/x/evil.jpg')}" alt="E2"></p>`,
    }));
    const job = await h.service.run(blogRequest());
    expect(job.results[0]).toMatchObject({ outcome: 'created', postId: 'ausbruch' });
    expect(await readdir(path.dirname(h.root))).toEqual(expect.not.arrayContaining(['ausbruch', 'evil.jpg']));
    const files = await readdir(path.join(h.root, 'ausbruch'));
    expect(files.every((f) => /^[a-z0-9][a-z0-9._-]*$/.test(f))).toBe(true);
    const fm = parseFrontMatter(await read('ausbruch'));
    // A slug WordPress would not take is not kept: publishing makes one from the title.
    expect(fm.ok && fm.fields.slug).toBe('');
  });

  it('a remote post that holds an existing published post by its id updates that folder only with permission', async () => {
    const created = await h.posts.create('Schon veröffentlicht');
    const withRecord = created.text.replace(/^---\n/, `---\npublish:\n  ${BLOG.id}:\n    id: 42\n`);
    await h.posts.save(created.id, withRecord, created.version, false);
    h.source.posts.set('42', remotePost('42', { title: 'Schon veröffentlicht' }));
    const job = await h.service.run(blogRequest());
    expect(job.results[0]).toMatchObject({ outcome: 'local-changes', postId: created.id });
    expect(await h.folders()).toEqual([created.id]);
  });
});
