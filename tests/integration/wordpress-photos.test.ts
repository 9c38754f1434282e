import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlogView, PublishOutcome } from '../../electron/common/model/blog.js';
import { readPublishState } from '../../electron/common/markdown/front-matter-publish.js';
import { mediaPosts, startKladde, xmlRpcCalls, type Kladde } from '../support/kladde.js';
import { CAMERA_TAGS, privateTags, readTags, writePhoto, writeTags } from '../support/photos.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';

/**
 * Photos on their way to a real WordPress 6.1: a 24-megapixel camera JPEG with GPS position, serial numbers and
 * credits goes up scaled to 2560 px, without position and serials, with creator and copyright; the library file stays
 * untouched; publishing again sends nothing. Then the same blog over XML-RPC: the photo is found in the blog's media
 * library (`wp.getMediaLibrary`, verified by content) instead of being sent again, and a new photo is attached to
 * its post.
 */

const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-wp-photos-'));
const libraryDir = path.join(root, 'bibliothek');
let wp: WordPressServer;
let kladde: Kladde;
let blog: BlogView;

async function wpGet<T>(route: string): Promise<T> {
  const response = await fetch(`${wp.restRoot}${route}`, { headers: { Authorization: wp.authorization } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

async function download(url: string, file: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  await writeFile(file, bytes);
  return bytes;
}

async function writePost(slug: string, photo: string): Promise<void> {
  await mkdir(path.join(libraryDir, slug), { recursive: true });
  await writeFile(
    path.join(libraryDir, slug, 'index.md'),
    `---\ntitle: Fotos ${slug}\nslug: ${slug}\nstatus: draft\nimages:\n  ${photo}:\n    alt: Ein Verlauf\n    author: Rike Kopf\n    license: own\n---\n\n![Ein Verlauf](${photo})\n`,
  );
}

async function publish(slug: string): Promise<{ postId: number; media: { id: string; url: string }; before: number }> {
  const before = kladde.requests.length;
  const outcome = await kladde.call<PublishOutcome>('publishPost', slug, blog.id, { onConflict: 'ask' });
  if (outcome.status !== 'done') throw new Error(`not published: ${JSON.stringify(outcome)}`);
  const state = readPublishState(await readFile(path.join(libraryDir, slug, 'index.md'), 'utf8'), blog.id);
  const media = Object.values(state.record?.media ?? {});
  if (media.length !== 1 || !media[0]) throw new Error(`expected one image in the record: ${JSON.stringify(media)}`);
  return { postId: Number(outcome.remoteId), media: media[0], before };
}

beforeAll(async () => {
  await mkdir(path.join(libraryDir, 'kamera'), { recursive: true });
  const photo = path.join(libraryDir, 'kamera', 'urlaub.jpg');
  await writePhoto(photo, 6000, 4000, 3);
  await writeTags(photo, CAMERA_TAGS);
  await writePost('kamera', 'urlaub.jpg');
  wp = await startWordPress();
  kladde = await startKladde({ configDir: path.join(root, 'config'), libraryDir });
  blog = await kladde.call<BlogView>('addBlog', { url: wp.baseUrl });
  await kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: wp.appPassword });
}, 300_000);

afterAll(async () => {
  await kladde?.services.stop();
  await wp?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('photos before upload (REST)', () => {
  let first: Awaited<ReturnType<typeof publish>>;

  it('sends the photo scaled to 2560 px, without GPS and serial numbers, with creator and copyright', async () => {
    const file = path.join(libraryDir, 'kamera', 'urlaub.jpg');
    const original = await readFile(file);
    expect(privateTags(await readTags(file)).length).toBeGreaterThan(5);

    first = await publish('kamera');
    const uploads = mediaPosts(kladde.requests.slice(first.before));
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.fileBytes).toBeLessThan(original.byteLength / 3);

    const item = await wpGet<{ source_url: string; media_details: { width: number; height: number } }>(`wp/v2/media/${first.media.id}?context=edit`);
    expect(item.source_url).toBe(first.media.url);
    expect({ width: item.media_details.width, height: item.media_details.height }).toEqual({ width: 2560, height: 1707 });

    const uploaded = await download(first.media.url, path.join(root, 'hochgeladen.jpg'));
    const meta = await sharp(uploaded).metadata();
    expect(Math.max(meta.width, meta.height)).toBe(2560);
    const tags = await readTags(path.join(root, 'hochgeladen.jpg'));
    expect(privateTags(tags)).toEqual([]);
    expect(tags).toMatchObject({ 'IFD0:Artist': 'Rike Kopf', 'IPTC:By-line': 'Rike Kopf', 'XMP-dc:Creator': 'Rike Kopf', 'IPTC:CopyrightNotice': '© 2026 Rike Kopf' });

    // The library file is untouched: same bytes, position still in it.
    expect((await readFile(file)).equals(original)).toBe(true);
  }, 300_000);

  it('sends nothing the second time', async () => {
    const again = await publish('kamera');
    expect(mediaPosts(kladde.requests.slice(again.before))).toEqual([]);
    expect(again.media.id).toBe(first.media.id);
  }, 120_000);

  it('sends the photo again when the longest edge changes, at the new size', async () => {
    await kladde.call('updateBlog', blog.id, { images: { shrink: true, longestEdge: 1600, stripLocation: true } });
    const smaller = await publish('kamera');
    expect(mediaPosts(kladde.requests.slice(smaller.before))).toHaveLength(1);
    const item = await wpGet<{ media_details: { width: number; height: number } }>(`wp/v2/media/${smaller.media.id}?context=edit`);
    expect(Math.max(item.media_details.width, item.media_details.height)).toBe(1600);
    // Back to the default for the XML-RPC part: the first upload is what the blog's library holds.
    await kladde.call('updateBlog', blog.id, { images: { shrink: true, longestEdge: 2560, stripLocation: true } });
  }, 300_000);

  describe('over XML-RPC', () => {
    let firstMediaId = '';

    beforeAll(async () => {
      firstMediaId = first.media.id;
      await kladde.call('removeBlog', blog.id);
      // Forget what Kladde's own media index knows of this blog: the photo must be found in the blog's library.
      await rm(path.join(libraryDir, '.kladde', 'media'), { recursive: true, force: true });
      blog = await kladde.call<BlogView>('addBlog', { url: wp.baseUrl, kind: 'wordpress-xmlrpc' });
      await kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: wp.appPassword });
    }, 120_000);

    it('finds the processed photo in the blog’s media library instead of sending it again', async () => {
      await mkdir(path.join(libraryDir, 'nochmal'), { recursive: true });
      await writeFile(path.join(libraryDir, 'nochmal', 'urlaub.jpg'), await readFile(path.join(libraryDir, 'kamera', 'urlaub.jpg')));
      await writePost('nochmal', 'urlaub.jpg');
      const found = await publish('nochmal');
      const sent = kladde.requests.slice(found.before);
      expect(xmlRpcCalls(sent, 'wp.getMediaLibrary').length).toBeGreaterThan(0);
      expect(xmlRpcCalls(sent, 'wp.uploadFile')).toEqual([]);
      expect(found.media.id).toBe(firstMediaId);
    }, 300_000);

    it('uploads a new photo processed, attaches it to its new post, and sends nothing the second time', async () => {
      await mkdir(path.join(libraryDir, 'neu'), { recursive: true });
      const photo = path.join(libraryDir, 'neu', 'strand.jpg');
      await writePhoto(photo, 4000, 3000, 11);
      await writeTags(photo, CAMERA_TAGS);
      await writePost('neu', 'strand.jpg');
      const originalSize = (await stat(photo)).size;
      const created = await publish('neu');
      const uploads = xmlRpcCalls(kladde.requests.slice(created.before), 'wp.uploadFile');
      expect(uploads).toHaveLength(1);
      // Base64 in XML: a third more than the file; still far below the camera file.
      expect(uploads[0]?.bodyBytes).toBeLessThan(originalSize / 2);
      const item = await wpGet<{ post: number; media_details: { width: number; height: number } }>(`wp/v2/media/${created.media.id}?context=edit`);
      expect(item.post).toBe(created.postId);
      expect({ width: item.media_details.width, height: item.media_details.height }).toEqual({ width: 2560, height: 1920 });
      const tags = await readTags(await download(created.media.url, path.join(root, 'strand.jpg')).then(() => path.join(root, 'strand.jpg')));
      expect(privateTags(tags)).toEqual([]);
      expect(tags['XMP-dc:Creator']).toBe('Rike Kopf');

      const again = await publish('neu');
      expect(xmlRpcCalls(kladde.requests.slice(again.before), 'wp.uploadFile')).toEqual([]);
    }, 300_000);
  });
});
