import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlogView, OutboxJob, PublishOutcome } from '../../electron/common/model/blog.js';
import { formatCaption } from '../../electron/common/markdown/credits.js';
import { readImages } from '../../electron/common/markdown/front-matter-images.js';
import { readPublishState } from '../../electron/common/markdown/front-matter-publish.js';
import { mediaPosts, startKladde, type Kladde } from '../support/kladde.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';

/**
 * Publishing against a real WordPress 6.1 on loopback, through the same IPC dispatcher the app and the web host
 * use. Requests are counted by wrapping the real fetch; nothing of WordPress is imitated.
 */

const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-wp-publish-'));
const libraryDir = path.join(root, 'bibliothek');
const configDir = path.join(root, 'config');
/** Everything written to logs and every IPC answer, searched for the password at the end. */
const logs: string[] = [];
const ipcTraffic: string[] = [];
let wp: WordPressServer;
let kladde: Kladde;
let blog: BlogView;

/** Kladde on this test's folders, logging into `logs` and `ipcTraffic`; `previous` continues its request list. */
const openKladde = (previous?: Kladde): Promise<Kladde> =>
  startKladde({ configDir, libraryDir, log: (line) => logs.push(line), onAnswer: (json) => ipcTraffic.push(json), ...(previous ? { previous } : {}) });

/** The test's own view of the blog, with the administrator's application password. */
async function wpGet<T>(route: string): Promise<T> {
  const response = await fetch(`${wp.restRoot}${route}`, { headers: { Authorization: wp.authorization } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

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

const GERMAN_POST = `---
title: "Social Media: Unvergleichlich"
slug: social-media-unvergleichlich
date: 2013-01-03T10:00:00
status: published
categories: [Social Media]
tags:
  - Netzwerke
  - Größe & Maß
excerpt: „Kurz“ gesagt – über ‚Größe‘ und »Maß« … 😀
image: kopf.png
lang: de
eigenes: bleibt # ein Kommentar, den Kladde nicht kennt
images:
  kopf.png:
    alt: Ein roter Kopf
    author: Rike
    source: pixelio.de
    license: pixelio
  grafik.png:
    alt: Eine blaue Fläche
    caption: Die Grafik zum Text
    title: Blaue Fläche
    author: Anna Beispiel
    sourceUrl: https://example.org/grafik
    license: cc-by-4.0
---
Social Media ist „unvergleichlich“ – sagt man. Ein ‚kleiner‘ Test mit »Zitaten« und einem Emoji 😀.

## Warum überhaupt?

![Blaue Fläche](grafik.png)

- Erstens: Größe
- Zweitens: Maß

> Ein Zitat, das bleibt.

\`\`\`js
const klein = 1 < 2;
\`\`\`

| Netz | Nutzer |
|------|--------|
| A    | 1      |

---

Viele Grüße, Rike
`;

beforeAll(async () => {
  // Fails with the apt packages to install when PHP, MariaDB or WordPress are missing.
  wp = await startWordPress();
  kladde = await openKladde();
  await writePost('social-media', GERMAN_POST, { 'kopf.png': tinyPng(40, 30, [200, 30, 30]), 'grafik.png': tinyPng(30, 20, [20, 40, 220]) });
});

afterAll(async () => {
  await kladde?.services.stop();
  await wp?.stop();
  await rm(root, { recursive: true, force: true });
});

interface WpPost {
  id: number;
  status: string;
  slug: string;
  date: string;
  link: string;
  modified_gmt: string;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
  categories: number[];
  tags: number[];
  featured_media: number;
}

describe('publishing to a real WordPress', () => {
  /** The post's id, as Kladde reports it (an opaque string) — WordPress's number in its routes. */
  let postId = '';

  it('adds the blog by its address and signs in with the application password', async () => {
    blog = await kladde.call<BlogView>('addBlog', { url: wp.baseUrl });
    expect(blog.apiRoot).toBe(wp.restRoot);
    expect(blog.hasCredentials).toBe(false);
    expect(blog.authorizeUrl).toMatch(/authorize-application\.php\?app_name=Kladde$/);
    const check = await kladde.call<{ verified: boolean; accountName: string }>('setBlogCredentials', blog.id, { user: wp.user, secret: wp.appPassword });
    expect(check.verified).toBe(true);
    expect(await kladde.call<boolean>('hasBlogCredentials', blog.id)).toBe(true);
    const listed = await kladde.call<BlogView[]>('listBlogs');
    expect(listed.map((b) => [b.id, b.hasCredentials])).toEqual([[blog.id, true]]);
  });

  it('publishes a German post with two credited images exactly as sent', async () => {
    expect(await kladde.call('checkPublish', 'social-media', blog.id)).toEqual([]);
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'social-media', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'done') throw new Error(`not published: ${JSON.stringify(outcome)}`);
    postId = outcome.remoteId;

    const post = await wpGet<WpPost>(`wp/v2/posts/${postId}?context=edit`);
    expect(post.title.raw).toBe('Social Media: Unvergleichlich');
    expect(post.slug).toBe('social-media-unvergleichlich');
    expect(post.date).toBe('2013-01-03T10:00:00');
    expect(post.status).toBe('publish');
    expect(post.excerpt.raw).toBe('„Kurz“ gesagt – über ‚Größe‘ und »Maß« … 😀');
    expect(outcome.link).toBe(post.link);
    // A public post: the UI shows its address; the blog's editor is named as well.
    expect(outcome).toMatchObject({ remoteStatus: 'publish', date: '2013-01-03T10:00:00' });
    expect(outcome.editUrl).toMatch(new RegExp(`/wp-admin/post\\.php\\?post=${postId}&action=edit$`));
    const categories = await wpGet<{ name: string }[]>(`wp/v2/categories?include=${post.categories.join(',')}`);
    expect(categories.map((c) => c.name)).toEqual(['Social Media']);
    const tags = await wpGet<{ id: number; name: string }[]>(`wp/v2/tags?include=${post.tags.join(',')}`);
    // WordPress answers with its own order of the ids.
    const tagNames = post.tags.map((id) => tags.find((t) => t.id === id)?.name.replace('&amp;', '&'));
    expect(tagNames.sort()).toEqual(['Größe & Maß', 'Netzwerke']);

    // Each image once, with the credit as caption and the alt text from the credit.
    const uploads = mediaPosts(kladde.requests);
    expect(uploads).toHaveLength(2);
    const credits = readImages(GERMAN_POST).images;
    const record = readPublishState(await readPost('social-media'), blog.id);
    expect(record.record?.id).toBe(postId);
    for (const [file, alt] of [['kopf.png', 'Ein roter Kopf'], ['grafik.png', 'Eine blaue Fläche']] as const) {
      const remembered = record.media[file];
      if (!remembered) throw new Error(`${file} not remembered`);
      const media = await wpGet<{ alt_text: string; caption: { raw: string }; source_url: string }>(`wp/v2/media/${remembered.id}?context=edit`);
      expect(media.alt_text).toBe(alt);
      expect(media.caption.raw).toBe(formatCaption(credits[file], { lang: 'de' }).html);
      expect(media.source_url).toBe(remembered.url);
    }
    expect(
      (await wpGet<{ caption: { raw: string } }>(`wp/v2/media/${record.media['kopf.png']?.id}?context=edit`)).caption.raw,
    ).toBe('Bild: Rike / <a href="https://www.pixelio.de" rel="noopener">pixelio.de</a>');
    expect(String(post.featured_media)).toBe(record.media['kopf.png']?.id);

    // The body image points at the uploaded file, with its attachment id and the credit as figcaption.
    const grafik = record.media['grafik.png'];
    expect(post.content.raw).toContain(`<!-- wp:image {"id":${grafik?.id},"sizeSlug":"full","linkDestination":"none"} -->`);
    expect(post.content.raw).toContain(`<img src="${grafik?.url}" alt="Blaue Fläche" class="wp-image-${grafik?.id}"/>`);
    expect(post.content.raw).toContain('<figcaption class="wp-element-caption">Die Grafik zum Text — Bild: „Blaue Fläche“ von Anna Beispiel');
    expect(post.content.raw).toContain('Social Media ist „unvergleichlich“ – sagt man. Ein ‚kleiner‘ Test mit »Zitaten« und einem Emoji 😀.');
    // The featured image's credit at the end, since block themes hide featured-image captions.
    expect(post.content.raw).toContain('<p class="k-credit-line">Bild: Rike / <a href="https://www.pixelio.de" rel="noopener">pixelio.de</a></p>');
  });

  it('stores block markup that WordPress parses into the expected blocks, none of them freeform', async () => {
    const output = await wp.runPhp(
      `$walk = function ($blocks) use (&$walk) {
         $out = [];
         foreach ($blocks as $b) {
           if ($b['blockName'] === null && trim($b['innerHTML']) === '') continue;
           $out[] = ['name' => $b['blockName'], 'inner' => $walk($b['innerBlocks'])];
         }
         return $out;
       };
       echo json_encode($walk(parse_blocks(get_post($kladde_input['id'])->post_content)));`,
      { id: Number(postId) },
    );
    const blocks = JSON.parse(output) as { name: string | null; inner: { name: string | null }[] }[];
    expect(blocks.map((b) => b.name)).toEqual([
      'core/paragraph',
      'core/heading',
      'core/image',
      'core/list',
      'core/quote',
      'core/code',
      'core/table',
      'core/separator',
      'core/paragraph',
      'core/paragraph',
    ]);
    expect(blocks[4]?.inner.map((b) => b.name)).toEqual(['core/paragraph']);
  });

  it('writes id, link and modification time back without touching any other byte', async () => {
    const text = await readPost('social-media');
    const state = readPublishState(text, blog.id);
    const online = await wpGet<WpPost>(`wp/v2/posts/${postId}?context=edit`);
    expect(state.record).toMatchObject({ id: postId, link: online.link, modified_gmt: online.modified_gmt });
    const start = text.indexOf('publish:\n');
    const end = text.indexOf('\n---\n');
    expect(start).toBeGreaterThan(0);
    // The record is the only addition: without it the file is the original, byte for byte.
    expect(text.slice(0, start) + text.slice(end + 1)).toBe(GERMAN_POST);
  });

  it('updates the same post after an edit and sends no image again', async () => {
    const opened = await kladde.call<{ text: string; version: string }>('openPost', 'social-media');
    const edited = opened.text.replace('Viele Grüße, Rike', 'Viele Grüße, Rike (bearbeitet)');
    await kladde.call('savePost', 'social-media', { text: edited, baseVersion: opened.version, force: false });
    const before = kladde.requests.length;
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'social-media', blog.id, { onConflict: 'ask' });
    expect(outcome).toMatchObject({ status: 'done', remoteId: postId });
    const sent = kladde.requests.slice(before);
    expect(mediaPosts(sent)).toEqual([]);
    expect(sent.filter((r) => r.method === 'POST' && /wp\/v2\/posts$/.test(r.url))).toEqual([]);
    const post = await wpGet<WpPost>(`wp/v2/posts/${postId}?context=edit`);
    expect(post.content.raw).toContain('Viele Grüße, Rike (bearbeitet)');
    const all = await wpGet<WpPost[]>('wp/v2/posts?status=any&context=edit&per_page=100');
    expect(all.filter((p) => p.title.raw === 'Social Media: Unvergleichlich')).toHaveLength(1);
  });

  it('notices a change made online and lets the user download it or overwrite it', async () => {
    await wpSend('POST', `wp/v2/posts/${postId}`, { title: 'Online geändert' });
    const before = await readPost('social-media');
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'social-media', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'conflict') throw new Error(`expected a conflict: ${JSON.stringify(outcome)}`);
    expect(outcome.online.title).toBe('Online geändert');
    expect(await readPost('social-media')).toBe(before);
    expect((await wpGet<WpPost>(`wp/v2/posts/${postId}?context=edit`)).title.raw).toBe('Online geändert');

    const copy = await kladde.call<{ id: string; text: string }>('downloadOnlineCopy', 'social-media', blog.id);
    expect(copy.text).toContain('Online geändert (online)');
    expect(copy.text).toContain('Viele Grüße, Rike (bearbeitet)');
    // Through the import conversion: Markdown with fields and credits, not the blog's block markup.
    // What Markdown holds is Markdown (what it cannot, like the featured credit's styled line, stays a raw section).
    expect(copy.text).toMatch(/^Social Media ist „unvergleichlich“/m);
    expect(copy.text).not.toMatch(/<!-- wp:(paragraph|heading|list|quote|image) -->/);
    expect(copy.text).toContain('## Warum überhaupt?');
    expect(copy.text).toContain('- Erstens: Größe');
    expect(copy.text).toMatch(/^status: draft$/m);
    const credits = Object.entries(readImages(copy.text).images);
    // The image keeps its address on the blog (nothing downloaded), its credit parsed back from the caption.
    expect(credits).toContainEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/.*grafik.*\.png$/), expect.objectContaining({ author: 'Anna Beispiel', license: 'cc-by-4.0' })]);

    const overwritten = await kladde.call<PublishOutcome>('retryJob', outcome.jobId, { onConflict: 'overwrite' });
    expect(overwritten).toMatchObject({ status: 'done', remoteId: postId });
    expect((await wpGet<WpPost>(`wp/v2/posts/${postId}?context=edit`)).title.raw).toBe('Social Media: Unvergleichlich');
  });

  it('explains a revoked application password and changes nothing in the post', async () => {
    const created = await wpSend<{ uuid: string; password: string }>('POST', 'wp/v2/users/me/application-passwords', { name: 'Kladde widerrufen' });
    revokedPassword = created.password;
    const check = await kladde.call<{ verified: boolean }>('setBlogCredentials', blog.id, { user: wp.user, secret: created.password });
    expect(check.verified).toBe(true);
    await wpSend('DELETE', `wp/v2/users/me/application-passwords/${created.uuid}`);
    const before = await readPost('social-media');
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'social-media', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'failed') throw new Error(`expected a failure: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('auth');
    expect(outcome.error.message).toMatch(/Anmeldung fehlgeschlagen \(401\)/);
    expect(outcome.error.message).toMatch(/Authorization/);
    expect(await readPost('social-media')).toBe(before);
    const jobs = await kladde.call<OutboxJob[]>('listOutbox');
    expect(jobs.find((j) => j.id === outcome.jobId)?.state).toBe('failed');
    await kladde.call('cancelJob', outcome.jobId);
    // Wrong credentials are refused, not stored.
    await expect(kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: created.password })).rejects.toThrow(/forbidden: Anmeldung fehlgeschlagen/);
    await kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: wp.appPassword });
  });

  it('keeps the job in the outbox when the server stops mid-publish, across a restart, and finishes it once', async () => {
    const text = GERMAN_POST.replace('Social Media: Unvergleichlich', 'Unterbrochen: Ein zweiter Beitrag')
      .replace('slug: social-media-unvergleichlich', 'slug: unterbrochen')
      .replace('image: kopf.png\n', '');
    await writePost('unterbrochen', text, { 'kopf.png': tinyPng(41, 30, [10, 200, 30]), 'grafik.png': tinyPng(31, 20, [200, 200, 20]) });
    // The body has only grafik.png; put the other one in the body too so there are two uploads.
    const withTwo = text.replace('- Erstens', '![Ein roter Kopf](kopf.png)\n\n- Erstens');
    await writeFile(path.join(libraryDir, 'unterbrochen', 'index.md'), withTwo);

    const before = kladde.requests.length;
    kladde.intercept = async (request, send) => {
      const response = await send();
      if (request.method === 'POST' && /wp\/v2\/media/.test(request.url)) {
        kladde.intercept = null;
        // The whole answer arrives first; then the server goes away.
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
    expect(await readPost('unterbrochen')).toBe(withTwo);
    expect(mediaPosts(kladde.requests.slice(before))).toHaveLength(1);

    // Quit and start again: the job is still there, waiting.
    await kladde.services.stop();
    kladde = await openKladde(kladde);
    const waiting = (await kladde.call<OutboxJob[]>('listOutbox')).find((j) => j.id === outcome.jobId);
    expect(waiting?.state).toBe('waiting');
    expect(waiting?.error?.code).toBe('offline');

    await wp.startWebServer();
    kladde.services.publishing.outbox.networkRestored();
    const done = await waitFor('the job to finish', async () => {
      const job = (await kladde.call<OutboxJob[]>('listOutbox')).find((j) => j.id === outcome.jobId);
      return job?.state === 'done' ? job : job?.state === 'failed' ? Promise.reject(new Error(JSON.stringify(job.error))) : null;
    });
    const all = await wpGet<WpPost[]>('wp/v2/posts?status=any&context=edit&per_page=100');
    const mine = all.filter((p) => p.title.raw === 'Unterbrochen: Ein zweiter Beitrag');
    expect(mine).toHaveLength(1);
    expect(done.result?.remoteId).toBe(String(mine[0]?.id));
    // The image sent before the stop was not sent again.
    expect(mediaPosts(kladde.requests.slice(before))).toHaveLength(2);
    expect(readPublishState(await readPost('unterbrochen'), blog.id).record?.id).toBe(String(mine[0]?.id));
  });

  it('does not duplicate a post whose create answer was lost', async () => {
    const text = GERMAN_POST.replace('Social Media: Unvergleichlich', 'Verlorene Antwort')
      .replace('slug: social-media-unvergleichlich', 'slug: verlorene-antwort')
      .replace('status: published', 'status: draft');
    await writePost('verloren', text, { 'kopf.png': tinyPng(40, 30, [200, 30, 30]), 'grafik.png': tinyPng(30, 20, [20, 40, 220]) });
    kladde.intercept = async (request, send) => {
      const response = await send();
      if (request.method === 'POST' && /wp\/v2\/posts(?:&|$)/.test(request.url)) {
        kladde.intercept = null;
        // The blog created the post; its answer never arrives.
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      }
      return response;
    };
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'verloren', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'queued') throw new Error(`expected the job to wait: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('timeout');
    const again = await kladde.call<PublishOutcome>('retryJob', outcome.jobId, { onConflict: 'ask' });
    expect(again.status).toBe('done');
    const all = await wpGet<WpPost[]>('wp/v2/posts?status=any&context=edit&per_page=100');
    const mine = all.filter((p) => p.title.raw === 'Verlorene Antwort');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.status).toBe('draft');
    expect(again).toMatchObject({ remoteId: String(mine[0]?.id), remoteStatus: 'draft' });
    // A draft's `?p=` address is a 404 for readers: the outcome names the draft and the edit screen.
    if (again.status === 'done') expect(again.editUrl).toMatch(new RegExp(`/wp-admin/post\\.php\\?post=${mine[0]?.id}&action=edit$`));
  });

  it('says so when the post was deleted online, and publishes it anew on request', async () => {
    const old = readPublishState(await readPost('verloren'), blog.id).record?.id;
    if (old === undefined) throw new Error('verloren was not published');
    await wpSend('DELETE', `wp/v2/posts/${old}?force=true`);
    const before = await readPost('verloren');
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'verloren', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'failed') throw new Error(`expected a failure: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('deleted-online');
    expect(outcome.error.message).toMatch(/gelöscht/);
    expect(await readPost('verloren')).toBe(before);
    const before2 = kladde.requests.length;
    const anew = await kladde.call<PublishOutcome>('retryJob', outcome.jobId, { onConflict: 'publish-anew' });
    if (anew.status !== 'done') throw new Error(`not published anew: ${JSON.stringify(anew)}`);
    expect(anew.remoteId).not.toBe(old);
    // The images are still in the media library and are not sent again.
    expect(mediaPosts(kladde.requests.slice(before2))).toEqual([]);
    expect(readPublishState(await readPost('verloren'), blog.id).record?.id).toBe(anew.remoteId);
    const all = await wpGet<WpPost[]>('wp/v2/posts?status=any&context=edit&per_page=100');
    expect(all.filter((p) => p.title.raw === 'Verlorene Antwort').map((p) => String(p.id))).toEqual([anew.remoteId]);
  });

  it('never lets the password appear in logs, IPC answers, the library or the config folder in plain text', async () => {
    const secrets = [wp.appPassword, wp.appPassword.replace(/\s+/g, ''), revokedPassword, revokedPassword.replace(/\s+/g, '')].filter((s) => s.length > 0);
    const basics = [wp.authorization.slice('Basic '.length), Buffer.from(`${wp.user}:${revokedPassword}`).toString('base64')];
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    expect(logs.length).toBeGreaterThan(10);
    expect(ipcTraffic.length).toBeGreaterThan(10);
    const haystacks: [string, string][] = [
      ['logs', logs.join('\n')],
      ['ipc', ipcTraffic.join('\n')],
    ];
    for (const dir of [libraryDir, configDir]) {
      for (const file of await filesUnder(dir)) haystacks.push([file, (await readFile(file)).toString('latin1') + (await readFile(file, 'utf8'))]);
    }
    expect(haystacks.some(([name]) => name.endsWith('credentials.json'))).toBe(true);
    expect(haystacks.some(([name]) => name.includes(`${path.sep}outbox${path.sep}`))).toBe(true);
    for (const [name, text] of haystacks) {
      for (const secret of [...secrets, ...basics]) expect(text.includes(secret), `${secret.slice(0, 4)}… in ${name}`).toBe(false);
    }
  });
});

let revokedPassword = '';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
