import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddedBlog, BlogView, OutboxJob, PublishOutcome } from '../../electron/common/model/blog.js';
import { formatCaption } from '../../electron/common/markdown/credits.js';
import { readImages } from '../../electron/common/markdown/front-matter-images.js';
import { readPublishState } from '../../electron/common/markdown/front-matter-publish.js';
import { startKladde, xmlRpcCalls, type Kladde } from '../support/kladde.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';

/**
 * Publishing over XML-RPC (`wp.*`, as MarsEdit does) against a real WordPress on loopback, through the same IPC
 * dispatcher the app uses. The test looks at the result through WordPress's REST API; nothing is imitated.
 */

const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-wp-xmlrpc-'));
const libraryDir = path.join(root, 'bibliothek');
const configDir = path.join(root, 'config');
const logs: string[] = [];
let wp: WordPressServer;
let kladde: Kladde;
let blog: BlogView;

const openKladde = (previous?: Kladde): Promise<Kladde> =>
  startKladde({ configDir, libraryDir, log: (line) => logs.push(line), ...(previous ? { previous } : {}) });

async function wpSend<T>(method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${wp.restRoot}${route}`, {
    method,
    headers: { Authorization: wp.authorization, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}
const wpGet = <T>(route: string) => wpSend<T>('GET', route);

async function writePost(id: string, text: string, images: Record<string, Buffer>): Promise<void> {
  await mkdir(path.join(libraryDir, id), { recursive: true });
  await writeFile(path.join(libraryDir, id, 'index.md'), text);
  for (const [name, bytes] of Object.entries(images)) await writeFile(path.join(libraryDir, id, name), bytes);
}
const readPost = (id: string) => readFile(path.join(libraryDir, id, 'index.md'), 'utf8');

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const POST = `---
title: "XML-RPC: „Größe“ & Maß"
slug: xml-rpc-groesse
date: 2013-01-03T10:00:00
status: published
categories: [Über XML-RPC]
tags: [Netzwerke, Größe & Maß]
excerpt: Kurz <gesagt> – 😀
image: kopf.png
images:
  kopf.png:
    alt: Ein roter Kopf
    author: Rike
    source: pixelio.de
    license: pixelio
  grafik.png:
    alt: Eine blaue Fläche
    title: Blaue Fläche
    author: Anna Beispiel
    sourceUrl: https://example.org/grafik
    license: cc-by-4.0
---
Ein Absatz mit „Zitaten“, 1 < 2 & einem Emoji 😀.

![Blaue Fläche](grafik.png)

Viele Grüße, Rike
`;

interface WpPost {
  id: number;
  status: string;
  slug: string;
  date: string;
  link: string;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
  categories: number[];
  tags: number[];
  featured_media: number;
}
const allPosts = () => wpGet<WpPost[]>('wp/v2/posts?status=any&context=edit&per_page=100');

beforeAll(async () => {
  wp = await startWordPress();
  kladde = await openKladde();
  await writePost('xmlrpc', POST, { 'kopf.png': tinyPng(40, 30, [200, 30, 30]), 'grafik.png': tinyPng(30, 20, [20, 40, 220]) });
});

afterAll(async () => {
  await kladde?.services.stop();
  await wp?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('publishing to a real WordPress over XML-RPC', () => {
  let postId = '';

  it('finds xmlrpc.php through RSD and signs in with the account password', async () => {
    blog = await kladde.call<BlogView>('addBlog', { url: wp.baseUrl, kind: 'wordpress-xmlrpc' });
    expect(blog.kind).toBe('wordpress-xmlrpc');
    expect(blog.apiRoot).toBe(`${wp.baseUrl}/xmlrpc.php`);
    expect(blog.site).toBe('1');
    const check = await kladde.call<{ verified: boolean; accountName: string }>('setBlogCredentials', blog.id, { user: wp.user, secret: wp.password });
    expect(check.verified).toBe(true);
    const terms = await kladde.call<{ categories: { name: string }[] }>('refreshBlogTerms', blog.id);
    expect(terms.categories.length).toBeGreaterThan(0);
  });

  it('creates the post with its terms, both images once and the featured image', async () => {
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'xmlrpc', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'done') throw new Error(`not published: ${JSON.stringify(outcome)}`);
    postId = outcome.remoteId;
    const post = await wpGet<WpPost>(`wp/v2/posts/${postId}?context=edit`);
    expect(post.title.raw).toBe('XML-RPC: „Größe“ & Maß');
    expect(post.slug).toBe('xml-rpc-groesse');
    expect(post.date).toBe('2013-01-03T10:00:00');
    expect(post.status).toBe('publish');
    expect(post.excerpt.raw).toBe('Kurz <gesagt> – 😀');
    expect(post.content.raw).toContain('Ein Absatz mit „Zitaten“, 1 &lt; 2 &amp; einem Emoji 😀.');
    expect(outcome).toMatchObject({ remoteStatus: 'publish', link: post.link, date: '2013-01-03T10:00:00' });
    expect(outcome.editUrl).toMatch(new RegExp(`/wp-admin/post\\.php\\?post=${postId}&action=edit$`));
    const categories = await wpGet<{ name: string }[]>(`wp/v2/categories?include=${post.categories.join(',')}`);
    expect(categories.map((c) => c.name)).toEqual(['Über XML-RPC']);
    const tags = await wpGet<{ name: string }[]>(`wp/v2/tags?include=${post.tags.join(',')}`);
    expect(tags.map((t) => t.name.replace('&amp;', '&')).sort()).toEqual(['Größe & Maß', 'Netzwerke']);

    expect(xmlRpcCalls(kladde.requests, 'wp.uploadFile')).toHaveLength(2);
    const state = readPublishState(await readPost('xmlrpc'), blog.id);
    expect(state.record?.id).toBe(postId);
    expect(String(post.featured_media)).toBe(state.media['kopf.png']?.id);
    const grafik = state.media['grafik.png'];
    expect(post.content.raw).toContain(`<img src="${grafik?.url}" alt="Blaue Fläche" class="wp-image-${grafik?.id}"/>`);
    // The media library gets title and the credit as caption, as over REST.
    const media = await wpGet<{ title: { raw: string }; caption: { raw: string }; source_url: string }>(`wp/v2/media/${grafik?.id}?context=edit`);
    expect(media.title.raw).toBe('Blaue Fläche');
    expect(media.caption.raw).toBe(formatCaption(readImages(POST).images['grafik.png'], { lang: 'de' }).html);
    expect(media.source_url).toBe(grafik?.url);
  });

  it('updates the same post after an edit and sends no image again', async () => {
    const opened = await kladde.call<{ text: string; version: string }>('openPost', 'xmlrpc');
    await kladde.call('savePost', 'xmlrpc', { text: opened.text.replace('Viele Grüße, Rike', 'Viele Grüße, Rike (bearbeitet)'), baseVersion: opened.version, force: false });
    const before = kladde.requests.length;
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'xmlrpc', blog.id, { onConflict: 'ask' });
    expect(outcome).toMatchObject({ status: 'done', remoteId: postId });
    const sent = kladde.requests.slice(before);
    expect(xmlRpcCalls(sent, 'wp.uploadFile')).toEqual([]);
    expect(xmlRpcCalls(sent, 'wp.newPost')).toEqual([]);
    expect(xmlRpcCalls(sent, 'wp.editPost')).toHaveLength(1);
    expect((await wpGet<WpPost>(`wp/v2/posts/${postId}?context=edit`)).content.raw).toContain('Viele Grüße, Rike (bearbeitet)');
    expect((await allPosts()).filter((p) => p.slug === 'xml-rpc-groesse')).toHaveLength(1);
  });

  it('notices a change made online, and overwrites it on request', async () => {
    await wpSend('POST', `wp/v2/posts/${postId}`, { title: 'Online geändert' });
    const before = await readPost('xmlrpc');
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'xmlrpc', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'conflict') throw new Error(`expected a conflict: ${JSON.stringify(outcome)}`);
    expect(outcome.online).toMatchObject({ remoteId: postId, title: 'Online geändert' });
    expect(await readPost('xmlrpc')).toBe(before);
    const copy = await kladde.call<{ text: string }>('downloadOnlineCopy', 'xmlrpc', blog.id);
    expect(copy.text).toContain('Online geändert (online)');
    const overwritten = await kladde.call<PublishOutcome>('retryJob', outcome.jobId, { onConflict: 'overwrite' });
    expect(overwritten).toMatchObject({ status: 'done', remoteId: postId });
    expect((await wpGet<WpPost>(`wp/v2/posts/${postId}?context=edit`)).title.raw).toBe('XML-RPC: „Größe“ & Maß');
  });

  it('signs in with an application password, and explains it clearly once it is revoked', async () => {
    const created = await wpSend<{ uuid: string; password: string }>('POST', 'wp/v2/users/me/application-passwords', { name: 'Kladde XML-RPC' });
    const check = await kladde.call<{ verified: boolean }>('setBlogCredentials', blog.id, { user: wp.user, secret: created.password });
    expect(check.verified).toBe(true);
    await wpSend('DELETE', `wp/v2/users/me/application-passwords/${created.uuid}`);
    const before = await readPost('xmlrpc');
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'xmlrpc', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'failed') throw new Error(`expected a failure: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('auth');
    expect(outcome.error.message).toMatch(/^Anmeldung fehlgeschlagen: Benutzername oder Passwort stimmen nicht/);
    expect(outcome.error.message).toMatch(/Anwendungspasswort/);
    expect(await readPost('xmlrpc')).toBe(before);
    await kladde.call('cancelJob', outcome.jobId);
    await expect(kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: 'falsch' })).rejects.toThrow(/forbidden: Anmeldung fehlgeschlagen/);
    await kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: wp.password });
  });

  it('does not duplicate a post whose create answer was lost', async () => {
    await writePost('verloren', POST.replace('XML-RPC: „Größe“ & Maß', 'Verlorene XML-RPC-Antwort').replace('slug: xml-rpc-groesse', 'slug: verloren-xmlrpc').replace('status: published', 'status: draft'), {
      'kopf.png': tinyPng(40, 30, [200, 30, 30]),
      'grafik.png': tinyPng(30, 20, [20, 40, 220]),
    });
    kladde.intercept = async (request, send) => {
      const response = await send();
      if (request.xmlRpcMethod === 'wp.newPost') {
        kladde.intercept = null;
        await response.text();
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      }
      return response;
    };
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'verloren', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'queued') throw new Error(`expected the job to wait: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('timeout');
    const again = await kladde.call<PublishOutcome>('retryJob', outcome.jobId, { onConflict: 'ask' });
    expect(again.status).toBe('done');
    const mine = (await allPosts()).filter((p) => p.title.raw === 'Verlorene XML-RPC-Antwort');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.status).toBe('draft');
    expect(again).toMatchObject({ remoteId: String(mine[0]?.id), remoteStatus: 'draft' });
  });

  it('keeps the job in the outbox when the server stops mid-publish, across a restart, and finishes it once', async () => {
    await writePost('unterbrochen', POST.replace('XML-RPC: „Größe“ & Maß', 'Unterbrochen über XML-RPC').replace('slug: xml-rpc-groesse', 'slug: unterbrochen-xmlrpc'), {
      'kopf.png': tinyPng(41, 30, [10, 200, 30]),
      'grafik.png': tinyPng(31, 20, [200, 200, 20]),
    });
    const before = kladde.requests.length;
    kladde.intercept = async (request, send) => {
      const response = await send();
      if (request.xmlRpcMethod === 'wp.uploadFile') {
        kladde.intercept = null;
        const body = await response.text();
        await wp.stopWebServer();
        return new Response(body, { status: response.status, headers: response.headers });
      }
      return response;
    };
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'unterbrochen', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'queued') throw new Error(`expected the job to wait: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('offline');
    expect(outcome.error.message).toMatch(/Postausgang/);
    expect(xmlRpcCalls(kladde.requests.slice(before), 'wp.uploadFile')).toHaveLength(1);

    await kladde.services.stop();
    kladde = await openKladde(kladde);
    expect((await kladde.call<OutboxJob[]>('listOutbox')).find((j) => j.id === outcome.jobId)?.state).toBe('waiting');
    await wp.startWebServer();
    kladde.services.publishing.outbox.networkRestored();
    const done = await waitFor('the job to finish', async () => {
      const job = (await kladde.call<OutboxJob[]>('listOutbox')).find((j) => j.id === outcome.jobId);
      return job?.state === 'done' ? job : job?.state === 'failed' ? Promise.reject(new Error(JSON.stringify(job.error))) : null;
    });
    const mine = (await allPosts()).filter((p) => p.title.raw === 'Unterbrochen über XML-RPC');
    expect(mine).toHaveLength(1);
    expect(done.result?.remoteId).toBe(String(mine[0]?.id));
    expect(xmlRpcCalls(kladde.requests.slice(before), 'wp.uploadFile')).toHaveLength(2);
  });

  it('adds a blog whose REST API is blocked over XML-RPC, and says why', async () => {
    // One blog, one entry: the XML-RPC entry above must go before this WordPress can be added again.
    await kladde.call('removeBlog', blog.id);
    kladde.intercept = async (request, send) =>
      /wp-json|rest_route/.test(request.url) ? new Response('<html><body>Gesperrt</body></html>', { status: 403, headers: { 'Content-Type': 'text/html' } }) : send();
    try {
      const added = await kladde.call<AddedBlog>('addBlog', { url: wp.baseUrl });
      expect(added.kind).toBe('wordpress-xmlrpc');
      expect(added.apiRoot).toBe(`${wp.baseUrl}/xmlrpc.php`);
      expect(added.choice).toMatchObject({ reason: 'fallback', insteadOf: 'wordpress' });
      expect(added.choice.detail).toMatch(/403/);
      await kladde.call('removeBlog', added.id);
    } finally {
      kladde.intercept = null;
    }
    // Without the block, the same address gets the REST API.
    const rest = await kladde.call<AddedBlog>('addBlog', { url: wp.baseUrl });
    expect(rest).toMatchObject({ kind: 'wordpress', choice: { reason: 'preferred' } });
    await kladde.call('removeBlog', rest.id);
  });

  it('never lets the password appear in logs or the library', async () => {
    expect(logs.length).toBeGreaterThan(5);
    expect(logs.join('\n')).not.toContain(wp.password);
    expect(await readPost('xmlrpc')).not.toContain(wp.password);
  });
});

describe('the MetaWeblog fallback, against WordPress’s own metaWeblog.* methods', () => {
  let mw: BlogView;
  let remoteId = '';
  const MW_POST = POST.replace('XML-RPC: „Größe“ & Maß', 'MetaWeblog: „Größe“ & Maß').replace('slug: xml-rpc-groesse', 'slug: metaweblog-groesse');

  it('signs in and creates the post with both images once', async () => {
    mw = await kladde.call<BlogView>('addBlog', { url: wp.baseUrl, kind: 'metaweblog' });
    expect(mw.apiRoot).toBe(`${wp.baseUrl}/xmlrpc.php`);
    expect((await kladde.call<{ verified: boolean }>('setBlogCredentials', mw.id, { user: wp.user, secret: wp.password })).verified).toBe(true);
    await writePost('metaweblog', MW_POST, { 'kopf.png': tinyPng(42, 30, [200, 30, 30]), 'grafik.png': tinyPng(32, 20, [20, 40, 220]) });
    const before = kladde.requests.length;
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'metaweblog', mw.id, { onConflict: 'ask' });
    if (outcome.status !== 'done') throw new Error(`not published: ${JSON.stringify(outcome)}`);
    remoteId = outcome.remoteId;
    expect(xmlRpcCalls(kladde.requests.slice(before), 'metaWeblog.newMediaObject')).toHaveLength(2);
    const post = await wpGet<WpPost>(`wp/v2/posts/${remoteId}?context=edit`);
    expect(post.title.raw).toBe('MetaWeblog: „Größe“ & Maß');
    expect(post.slug).toBe('metaweblog-groesse');
    expect(post.date).toBe('2013-01-03T10:00:00');
    expect(post.status).toBe('publish');
    expect(post.content.raw).toContain('Ein Absatz mit „Zitaten“, 1 &lt; 2 &amp; einem Emoji 😀.');
    const state = readPublishState(await readPost('metaweblog'), mw.id);
    expect(post.content.raw).toContain(`src="${state.media['grafik.png']?.url}"`);
    expect(outcome).toMatchObject({ remoteStatus: 'publish', link: post.link });
  });

  it('updates without sending an image again, and notices a change made online', async () => {
    const opened = await kladde.call<{ text: string; version: string }>('openPost', 'metaweblog');
    await kladde.call('savePost', 'metaweblog', { text: opened.text.replace('Viele Grüße, Rike', 'Viele Grüße (MetaWeblog)'), baseVersion: opened.version, force: false });
    const before = kladde.requests.length;
    expect(await kladde.call<PublishOutcome>('publishPost', 'metaweblog', mw.id, { onConflict: 'ask' })).toMatchObject({ status: 'done', remoteId });
    expect(xmlRpcCalls(kladde.requests.slice(before), 'metaWeblog.newMediaObject')).toEqual([]);
    expect(xmlRpcCalls(kladde.requests.slice(before), 'metaWeblog.newPost')).toEqual([]);
    expect((await wpGet<WpPost>(`wp/v2/posts/${remoteId}?context=edit`)).content.raw).toContain('Viele Grüße (MetaWeblog)');

    await wpSend('POST', `wp/v2/posts/${remoteId}`, { title: 'Online geändert (MetaWeblog)' });
    const conflict = await kladde.call<PublishOutcome>('publishPost', 'metaweblog', mw.id, { onConflict: 'ask' });
    if (conflict.status !== 'conflict') throw new Error(`expected a conflict: ${JSON.stringify(conflict)}`);
    expect(conflict.online.title).toBe('Online geändert (MetaWeblog)');
    await kladde.call('cancelJob', conflict.jobId);
  });

  it('does not duplicate a post whose create answer was lost', async () => {
    await writePost('mw-verloren', MW_POST.replace('MetaWeblog: „Größe“ & Maß', 'Verlorene MetaWeblog-Antwort').replace('slug: metaweblog-groesse', 'slug: mw-verloren'), {
      'kopf.png': tinyPng(42, 30, [200, 30, 30]),
      'grafik.png': tinyPng(32, 20, [20, 40, 220]),
    });
    kladde.intercept = async (request, send) => {
      const response = await send();
      if (request.xmlRpcMethod === 'metaWeblog.newPost') {
        kladde.intercept = null;
        await response.text();
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      }
      return response;
    };
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'mw-verloren', mw.id, { onConflict: 'ask' });
    if (outcome.status !== 'queued') throw new Error(`expected the job to wait: ${JSON.stringify(outcome)}`);
    const again = await kladde.call<PublishOutcome>('retryJob', outcome.jobId, { onConflict: 'ask' });
    expect(again.status).toBe('done');
    const mine = (await allPosts()).filter((p) => p.title.raw === 'Verlorene MetaWeblog-Antwort');
    expect(mine).toHaveLength(1);
    expect(again).toMatchObject({ remoteId: String(mine[0]?.id) });
  });
});
