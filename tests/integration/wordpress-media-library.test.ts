import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlogView, PublishOutcome } from '../../electron/common/model/blog.js';
import { readPublishState } from '../../electron/common/markdown/front-matter-publish.js';
import { mediaPosts, startKladde, type Kladde } from '../support/kladde.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';

/**
 * The blog's media library, not just the post's, against a real WordPress 6.1: a photo used in a second post is
 * not sent again (Kladde's per-blog media index), nor when the index is gone (the blog's own library, matched by
 * name and size, verified by content); a new upload is attached to its post.
 */

const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-wp-media-'));
const libraryDir = path.join(root, 'bibliothek');
let wp: WordPressServer;
let kladde: Kladde;
let blog: BlogView;
/** A photo no other test has: its content is what counts. */
const PHOTO = tinyPng(37, 23, [12, 160, 90]);

async function wpGet<T>(route: string): Promise<T> {
  const response = await fetch(`${wp.restRoot}${route}`, { headers: { Authorization: wp.authorization } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

async function writePost(slug: string, file: string): Promise<void> {
  await mkdir(path.join(libraryDir, slug), { recursive: true });
  await writeFile(path.join(libraryDir, slug, file), PHOTO);
  await writeFile(
    path.join(libraryDir, slug, 'index.md'),
    `---\ntitle: Beitrag ${slug}\nslug: ${slug}\nstatus: draft\nimages:\n  ${file}:\n    alt: Ein grünes Rechteck\n    author: Rike\n    source: pixelio.de\n    license: pixelio\n---\n\n![Ein grünes Rechteck](${file})\n`,
  );
}

async function publish(slug: string): Promise<{ postId: number; mediaId: string; uploads: number }> {
  const before = kladde.requests.length;
  const outcome = await kladde.call<PublishOutcome>('publishPost', slug, blog.id, { onConflict: 'ask' });
  if (outcome.status !== 'done') throw new Error(`not published: ${JSON.stringify(outcome)}`);
  const state = readPublishState(await readFile(path.join(libraryDir, slug, 'index.md'), 'utf8'), blog.id);
  const media = Object.values(state.record?.media ?? {});
  if (media.length !== 1 || !media[0]) throw new Error(`expected one image in the record: ${JSON.stringify(media)}`);
  return { postId: Number(outcome.remoteId), mediaId: media[0].id, uploads: mediaPosts(kladde.requests.slice(before)).length };
}

/** The blog's media items with this photo's size: the ones that could be this photo. */
async function itemsOfThisPhoto(): Promise<{ id: number; post: number | null }[]> {
  const all = await wpGet<{ id: number; post: number | null; media_details: { filesize?: number } }[]>('wp/v2/media?per_page=100&context=edit');
  return all.filter((m) => m.media_details.filesize === PHOTO.byteLength).map((m) => ({ id: m.id, post: m.post }));
}

beforeAll(async () => {
  wp = await startWordPress();
  kladde = await startKladde({ configDir: path.join(root, 'config'), libraryDir });
  blog = await kladde.call<BlogView>('addBlog', { url: wp.baseUrl });
  await kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: wp.appPassword });
});

afterAll(async () => {
  await kladde?.services.stop();
  await wp?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('the blog’s media library', () => {
  let first: { postId: number; mediaId: string; uploads: number };

  it('uploads a new photo once and attaches it to its post', async () => {
    await writePost('erster-beitrag', 'foto.png');
    first = await publish('erster-beitrag');
    expect(first.uploads).toBe(1);
    expect(await itemsOfThisPhoto()).toEqual([{ id: Number(first.mediaId), post: first.postId }]);
  });

  it('reuses it for a second post that shares the photo (under another name)', async () => {
    await writePost('zweiter-beitrag', 'bild-aus-dem-ersten.png');
    const second = await publish('zweiter-beitrag');
    expect(second.uploads).toBe(0);
    expect(second.mediaId).toBe(first.mediaId);
    const post = await wpGet<{ content: { raw: string } }>(`wp/v2/posts/${second.postId}?context=edit`);
    expect(post.content.raw).toContain(`wp-image-${first.mediaId}`);
    // Still one item, still attached to the post it was uploaded for.
    expect(await itemsOfThisPhoto()).toEqual([{ id: Number(first.mediaId), post: first.postId }]);
  });

  it('finds it in the blog’s own library when Kladde’s index is gone (by name and size, verified by content)', async () => {
    await rm(path.join(libraryDir, '.kladde', 'media'), { recursive: true, force: true });
    await writePost('dritter-beitrag', 'foto.png');
    const third = await publish('dritter-beitrag');
    expect(third.uploads).toBe(0);
    expect(third.mediaId).toBe(first.mediaId);
    expect(await itemsOfThisPhoto()).toHaveLength(1);
  });

  it('uploads a photo with the same name but other content', async () => {
    await mkdir(path.join(libraryDir, 'vierter-beitrag'), { recursive: true });
    await writePost('vierter-beitrag', 'foto.png');
    await writeFile(path.join(libraryDir, 'vierter-beitrag', 'foto.png'), tinyPng(37, 23, [12, 160, 91]));
    const fourth = await publish('vierter-beitrag');
    expect(fourth.uploads).toBe(1);
    expect(fourth.mediaId).not.toBe(first.mediaId);
    const item = await wpGet<{ post: number }>(`wp/v2/media/${fourth.mediaId}?context=edit`);
    expect(item.post).toBe(fourth.postId);
  });

  it('an upload whose answer was lost is found on the retry instead of sent again', async () => {
    const photo = tinyPng(41, 19, [240, 200, 10]);
    await mkdir(path.join(libraryDir, 'abgerissen'), { recursive: true });
    await writePost('abgerissen', 'abgerissen.png');
    await writeFile(path.join(libraryDir, 'abgerissen', 'abgerissen.png'), photo);
    kladde.intercept = async (request, send) => {
      const response = await send();
      if (request.method === 'POST' && /wp\/v2\/media(?:&|$)/.test(request.url)) {
        kladde.intercept = null;
        // The blog stored the photo; its answer never arrives.
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      }
      return response;
    };
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'abgerissen', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'queued') throw new Error(`expected the job to wait: ${JSON.stringify(outcome)}`);
    const before = kladde.requests.length;
    const again = await kladde.call<PublishOutcome>('retryJob', outcome.jobId, { onConflict: 'ask' });
    if (again.status !== 'done') throw new Error(`not published: ${JSON.stringify(again)}`);
    expect(mediaPosts(kladde.requests.slice(before))).toHaveLength(0);
    const all = await wpGet<{ id: number; post: number | null; media_details: { filesize?: number } }[]>('wp/v2/media?per_page=100&context=edit');
    const items = all.filter((m) => m.media_details.filesize === photo.byteLength);
    // One item, and the orphan the lost answer left is attached to the post now.
    expect(items.map((m) => m.post)).toEqual([Number(again.remoteId)]);
  });
});
