import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlogView, OutboxJob, PublishOutcome } from '../../electron/common/model/blog.js';
import { formatCaption } from '../../electron/common/markdown/credits.js';
import { parseFrontMatter } from '../../electron/common/markdown/front-matter.js';
import { readImages } from '../../electron/common/markdown/front-matter-images.js';
import { readPublishState } from '../../electron/common/markdown/front-matter-publish.js';
import { importPost } from '../../electron/common/markdown/import-post.js';
import { HttpClient } from '../../electron/main/http/http-client.js';
import { ghostDate } from '../../electron/main/publish/ghost/ghost-api.js';
import { GhostPublisher } from '../../electron/main/publish/ghost/ghost.js';
import { defaultPublishers } from '../../electron/main/publish/registry.js';
import { startKladde, type Kladde, type SeenRequest } from '../support/kladde.js';
import { startGhost, type GhostServer } from '../support/ghost/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';

/**
 * Publishing to and importing from a real Ghost 6 on loopback (SQLite, installed by scripts/ci/install-ghost.mjs),
 * through the same IPC dispatcher the app and the web host use. Requests are counted by wrapping the real fetch;
 * nothing of Ghost is imitated. The test's own view of Ghost goes through the owner's session.
 */

const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-ghost-publish-'));
const libraryDir = path.join(root, 'bibliothek');
const configDir = path.join(root, 'config');
const logs: string[] = [];
const ipcTraffic: string[] = [];
let ghost: GhostServer;
let kladde: Kladde;
let blog: BlogView;

const openKladde = (previous?: Kladde): Promise<Kladde> =>
  startKladde({ configDir, libraryDir, log: (line) => logs.push(line), onAnswer: (json) => ipcTraffic.push(json), ...(previous ? { previous } : {}) });

interface GhostPost {
  id: string;
  title: string;
  slug: string;
  html: string;
  status: string;
  url: string;
  updated_at: string;
  published_at: string | null;
  custom_excerpt: string | null;
  feature_image: string | null;
  feature_image_alt: string | null;
  feature_image_caption: string | null;
  tags: { name: string }[];
}

const onlinePost = async (id: string): Promise<GhostPost> => {
  const answer = await ghost.admin<{ posts: GhostPost[] }>('GET', `posts/${id}/?formats=html&include=tags`);
  const post = answer.posts[0];
  if (!post) throw new Error(`post ${id} not found`);
  return post;
};

const postsTitled = async (title: string): Promise<GhostPost[]> =>
  (await ghost.admin<{ posts: GhostPost[] }>('GET', `posts/?limit=all&formats=html&filter=${encodeURIComponent(`title:'${title}'`)}`)).posts;

/** Images that reached Ghost (uploads answered with 201). */
const uploads = (requests: SeenRequest[]): SeenRequest[] => requests.filter((r) => r.method === 'POST' && /\/images\/upload\//.test(r.url) && r.status === 201);

async function writePost(id: string, text: string, images: Record<string, Buffer>): Promise<void> {
  await mkdir(path.join(libraryDir, id), { recursive: true });
  await writeFile(path.join(libraryDir, id, 'index.md'), text);
  for (const [name, bytes] of Object.entries(images)) await writeFile(path.join(libraryDir, id, name), bytes);
}

const readPost = (id: string) => readFile(path.join(libraryDir, id, 'index.md'), 'utf8');

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const GERMAN_POST = `---
title: "Ghost: Unvergleichlich"
slug: ghost-unvergleichlich
date: 2013-01-03T10:00:00+01:00
status: published
categories: [Social Media]
tags:
  - Netzwerke
  - Größe & Maß
excerpt: „Kurz“ gesagt – über ‚Größe‘ und »Maß« … 😀
image: kopf.png
lang: de
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
Ghost ist „unvergleichlich“ – sagt man. Ein ‚kleiner‘ Test mit »Zitaten« und einem Emoji 😀.

## Warum überhaupt?

![Blaue Fläche](grafik.png)

- Erstens: Größe
- Zweitens: Maß

> Ein Zitat, das bleibt.

Viele Grüße, Rike
`;

beforeAll(async () => {
  // Fails naming scripts/ci/install-ghost.mjs when Ghost is not installed.
  ghost = await startGhost();
  kladde = await openKladde();
  await writePost('ghost-post', GERMAN_POST, { 'kopf.png': tinyPng(40, 30, [200, 30, 30]), 'grafik.png': tinyPng(30, 20, [20, 40, 220]) });
});

afterAll(async () => {
  await kladde?.services.stop();
  await ghost?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('publishing to a real Ghost', () => {
  let postId = '';

  it('recognises Ghost at its Admin address when the user picks no system', async () => {
    const http = new HttpClient({ fetch: (input, init) => fetch(input, init) });
    const found = await defaultPublishers().discover(`${ghost.baseUrl}/ghost/#/dashboard`, http);
    expect(found).toMatchObject({ kind: 'ghost', choice: { reason: 'fallback', insteadOf: 'wordpress' }, found: { name: 'Kladde Ghost', apiRoot: ghost.adminRoot } });
  });

  it('adds the Ghost blog by its address and signs in with the Admin API key', async () => {
    blog = await kladde.call<BlogView>('addBlog', { url: ghost.baseUrl, kind: 'ghost' });
    expect(blog).toMatchObject({ kind: 'ghost', name: 'Kladde Ghost', apiRoot: ghost.adminRoot, hasCredentials: false });
    const check = await kladde.call<{ verified: boolean }>('setBlogCredentials', blog.id, { user: '', secret: ghost.adminKey });
    expect(check.verified).toBe(true);
    expect(await kladde.call<boolean>('hasBlogCredentials', blog.id)).toBe(true);
  });

  it('publishes a German post with a credited featured image and a credited body image', async () => {
    expect(await kladde.call('checkPublish', 'ghost-post', blog.id)).toEqual([]);
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'ghost-post', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'done') throw new Error(`not published: ${JSON.stringify(outcome)}`);
    postId = outcome.remoteId;
    expect(outcome).toMatchObject({ remoteStatus: 'publish', date: '2013-01-03T09:00:00' });
    expect(outcome.editUrl).toBe(`${ghost.baseUrl}/ghost/#/editor/post/${postId}`);

    const post = await onlinePost(postId);
    expect(post.title).toBe('Ghost: Unvergleichlich');
    expect(post.slug).toBe('ghost-unvergleichlich');
    expect(post.status).toBe('published');
    expect(post.published_at).toBe(ghostDate('2013-01-03T10:00:00+01:00'));
    expect(post.custom_excerpt).toBe('„Kurz“ gesagt – über ‚Größe‘ und »Maß« … 😀');
    // Ghost has tags only: the category first (the primary tag), then the tags.
    expect(post.tags.map((t) => t.name)).toEqual(['Social Media', 'Netzwerke', 'Größe & Maß']);
    expect(outcome.link).toBe(post.url);

    expect(uploads(kladde.requests)).toHaveLength(2);
    const record = readPublishState(await readPost('ghost-post'), blog.id);
    expect(record.record).toMatchObject({ id: postId, link: post.url, modified_gmt: post.updated_at });
    const kopf = record.media['kopf.png'];
    const grafik = record.media['grafik.png'];
    if (!kopf || !grafik) throw new Error(`images not remembered: ${JSON.stringify(record.media)}`);
    expect(kopf.url).toMatch(new RegExp(`^${ghost.baseUrl}/content/images/`));

    // The featured image with its credit as caption and its alt text.
    const credits = readImages(GERMAN_POST).images;
    expect(post.feature_image).toBe(kopf.url);
    expect(post.feature_image_alt).toBe('Ein roter Kopf');
    expect(post.feature_image_caption).toBe(formatCaption(credits['kopf.png'], { lang: 'de' }).html);
    expect(post.feature_image_caption).toBe('Bild: Rike / <a href="https://www.pixelio.de" rel="noopener">pixelio.de</a>');
    // Said once: under the featured image, not again as a credit line at the end of the body.
    expect(post.html).not.toContain('Bild: Rike');

    // The body image: Ghost's image card with the uploaded file and the credit as its caption.
    const figure = /<figure[^>]*>[\s\S]*?<\/figure>/.exec(post.html)?.[0] ?? '';
    expect(figure).toContain(`src="${grafik.url}"`);
    expect(figure).toContain('alt="Blaue Fläche"');
    expect(figure).toMatch(/<figcaption>[\s\S]*Die Grafik zum Text — Bild: „Blaue Fläche“ von Anna Beispiel[\s\S]*<\/figcaption>/);
    expect(post.html).toContain('Ghost ist „unvergleichlich“ – sagt man.');
    expect(post.html).toMatch(/<h2[^>]*>Warum überhaupt\?<\/h2>/);
    expect(post.html).toMatch(/<li>Erstens: Größe<\/li>/);
  });

  it('updates the same post after an edit and sends no image again', async () => {
    const opened = await kladde.call<{ text: string; version: string }>('openPost', 'ghost-post');
    const edited = opened.text.replace('Viele Grüße, Rike', 'Viele Grüße, Rike (bearbeitet)');
    await kladde.call('savePost', 'ghost-post', { text: edited, baseVersion: opened.version, force: false });
    const before = kladde.requests.length;
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'ghost-post', blog.id, { onConflict: 'ask' });
    expect(outcome).toMatchObject({ status: 'done', remoteId: postId });
    const sent = kladde.requests.slice(before);
    expect(uploads(sent)).toEqual([]);
    expect(sent.filter((r) => r.method === 'POST' && /\/posts\//.test(r.url))).toEqual([]);
    expect(sent.filter((r) => r.method === 'PUT' && r.url.includes(`/posts/${postId}/`))).toHaveLength(1);
    const post = await onlinePost(postId);
    expect(post.html).toContain('Viele Grüße, Rike (bearbeitet)');
    expect(readPublishState(await readPost('ghost-post'), blog.id).record?.modified_gmt).toBe(post.updated_at);
    expect(await postsTitled('Ghost: Unvergleichlich')).toHaveLength(1);
  });

  it('notices a change made online and lets the user download it or overwrite it', async () => {
    const current = await onlinePost(postId);
    await ghost.admin('PUT', `posts/${postId}/`, { posts: [{ title: 'Online geändert', updated_at: current.updated_at }] });
    const before = await readPost('ghost-post');
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'ghost-post', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'conflict') throw new Error(`expected a conflict: ${JSON.stringify(outcome)}`);
    expect(outcome.online.title).toBe('Online geändert');
    expect(await readPost('ghost-post')).toBe(before);
    expect((await onlinePost(postId)).title).toBe('Online geändert');

    const copy = await kladde.call<{ id: string; text: string }>('downloadOnlineCopy', 'ghost-post', blog.id);
    expect(copy.text).toContain('Online geändert (online)');
    expect(copy.text).toContain('Viele Grüße, Rike (bearbeitet)');
    expect(copy.text).toContain('## Warum überhaupt?');
    expect(copy.text).toContain('- Erstens: Größe');

    const overwritten = await kladde.call<PublishOutcome>('retryJob', outcome.jobId, { onConflict: 'overwrite' });
    expect(overwritten).toMatchObject({ status: 'done', remoteId: postId });
    expect((await onlinePost(postId)).title).toBe('Ghost: Unvergleichlich');
  });

  it('turns Ghost’s 409 UPDATE_COLLISION into the same conflict answer', async () => {
    const publisher = new GhostPublisher();
    const record = readPublishState(await readPost('ghost-post'), blog.id).record;
    if (!record) throw new Error('no record');
    // Changed online after Kladde read it: the PUT carries the stale updated_at and Ghost refuses it.
    const current = await onlinePost(postId);
    let edited = false;
    const putStatuses: number[] = [];
    const racing = {
      blog,
      secret: ghost.adminKey,
      http: new HttpClient({
        fetch: async (input, init) => {
          if (init?.method === 'PUT' && !edited) {
            edited = true;
            await new Promise((r) => setTimeout(r, 1100));
            await ghost.admin('PUT', `posts/${postId}/`, { posts: [{ title: 'Dazwischen geändert', updated_at: current.updated_at }] });
          }
          const response = await fetch(input, init);
          if (init?.method === 'PUT') putStatuses.push(response.status);
          return response;
        },
      }),
    };
    const parsed = parseFrontMatter(await readPost('ghost-post'));
    if (!parsed.ok) throw new Error('front matter');
    const result = await publisher.publish({
      ...racing,
      fields: parsed.fields,
      slug: parsed.fields.slug,
      images: [],
      featuredKey: null,
      previous: record,
      knownMedia: record.media,
      onConflict: 'ask',
      createAttempted: false,
      terms: { categories: [], tags: [], fetchedAt: null },
      render: () => '<p>Nur ein Test</p>',
      progress: () => undefined,
      mediaUploaded: async () => undefined,
      creating: async () => undefined,
    });
    expect(result.kind).toBe('conflict');
    // The conflict came from Ghost's refusal of the stale save, not from the read before it.
    expect(putStatuses).toEqual([409]);
    if (result.kind === 'conflict') expect(result.online.title).toBe('Dazwischen geändert');
    await kladde.call<PublishOutcome>('publishPost', 'ghost-post', blog.id, { onConflict: 'overwrite' });
    expect((await onlinePost(postId)).title).toBe('Ghost: Unvergleichlich');
  });

  it('explains a revoked Admin API key in German and changes nothing in the post', async () => {
    const second = await ghost.createIntegration('Kladde widerrufen');
    revokedKey = second.adminKey;
    expect((await kladde.call<{ verified: boolean }>('setBlogCredentials', blog.id, { user: '', secret: second.adminKey })).verified).toBe(true);
    await ghost.admin('DELETE', `integrations/${second.id}/`);
    const before = await readPost('ghost-post');
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'ghost-post', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'failed') throw new Error(`expected a failure: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('auth');
    expect(outcome.error.message).toMatch(/Ghost kennt diesen Admin-API-Schlüssel nicht \(401\)/);
    expect(outcome.error.message).toMatch(/Einstellungen → Integrationen/);
    expect(await readPost('ghost-post')).toBe(before);
    await kladde.call('cancelJob', outcome.jobId);
    // The revoked key is refused, not stored.
    await expect(kladde.call('setBlogCredentials', blog.id, { user: '', secret: second.adminKey })).rejects.toThrow(/forbidden: Ghost kennt diesen Admin-API-Schlüssel nicht/);
    await kladde.call('setBlogCredentials', blog.id, { user: '', secret: ghost.adminKey });
  });

  it('keeps the job in the outbox when Ghost stops mid-publish, across a restart, and finishes it once', async () => {
    const text = GERMAN_POST.replace('Ghost: Unvergleichlich', 'Unterbrochen bei Ghost')
      .replace('slug: ghost-unvergleichlich', 'slug: unterbrochen')
      .replace('Viele Grüße', '![Ein roter Kopf](kopf.png)\n\nViele Grüße');
    await writePost('unterbrochen', text, { 'kopf.png': tinyPng(41, 30, [10, 200, 30]), 'grafik.png': tinyPng(31, 20, [200, 200, 20]) });
    const before = kladde.requests.length;
    kladde.intercept = async (request, send) => {
      const response = await send();
      if (request.method === 'POST' && /\/images\/upload\//.test(request.url)) {
        kladde.intercept = null;
        const body = await response.text();
        await ghost.stopServer();
        return new Response(body, { status: response.status, headers: response.headers });
      }
      return response;
    };
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'unterbrochen', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'queued') throw new Error(`expected the job to wait: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('offline');
    expect(outcome.error.message).toMatch(/Postausgang/);
    expect(await readPost('unterbrochen')).toBe(text);
    expect(uploads(kladde.requests.slice(before))).toHaveLength(1);

    await kladde.services.stop();
    kladde = await openKladde(kladde);
    const waiting = (await kladde.call<OutboxJob[]>('listOutbox')).find((j) => j.id === outcome.jobId);
    expect(waiting?.state).toBe('waiting');

    await ghost.startServer();
    kladde.services.publishing.outbox.networkRestored();
    const done = await waitFor('the job to finish', async () => {
      const job = (await kladde.call<OutboxJob[]>('listOutbox')).find((j) => j.id === outcome.jobId);
      return job?.state === 'done' ? job : job?.state === 'failed' ? Promise.reject(new Error(JSON.stringify(job.error))) : null;
    });
    const mine = await postsTitled('Unterbrochen bei Ghost');
    expect(mine).toHaveLength(1);
    expect(done.result?.remoteId).toBe(mine[0]?.id);
    expect(uploads(kladde.requests.slice(before))).toHaveLength(2);
    expect(readPublishState(await readPost('unterbrochen'), blog.id).record?.id).toBe(mine[0]?.id);
  });

  it('does not duplicate a post whose create answer was lost when Ghost went away right after creating it', async () => {
    const text = GERMAN_POST.replace('Ghost: Unvergleichlich', 'Verlorene Antwort bei Ghost').replace('slug: ghost-unvergleichlich', 'slug: verlorene-antwort');
    await writePost('verloren', text, { 'kopf.png': tinyPng(42, 30, [90, 30, 30]), 'grafik.png': tinyPng(32, 20, [20, 90, 220]) });
    kladde.intercept = async (request, send) => {
      const response = await send();
      if (request.method === 'POST' && /\/posts\/(?:\?|$)/.test(request.url)) {
        kladde.intercept = null;
        // Ghost created the post and stops; its answer never arrives.
        await response.arrayBuffer();
        await ghost.stopServer();
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      }
      return response;
    };
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'verloren', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'queued') throw new Error(`expected the job to wait: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('timeout');
    expect(await readPost('verloren')).toBe(text);
    await ghost.startServer();
    const before = kladde.requests.length;
    const again = await kladde.call<PublishOutcome>('retryJob', outcome.jobId, { onConflict: 'ask' });
    const mine = await postsTitled('Verlorene Antwort bei Ghost');
    expect(mine).toHaveLength(1);
    expect(again).toMatchObject({ status: 'done', remoteId: mine[0]?.id });
    // Found and updated, not created again; the images went up before the create and are not sent twice.
    const sent = kladde.requests.slice(before);
    expect(sent.filter((r) => r.method === 'POST' && /\/posts\/(?:\?|$)/.test(r.url))).toEqual([]);
    expect(uploads(sent)).toEqual([]);
    expect(readPublishState(await readPost('verloren'), blog.id).record?.id).toBe(mine[0]?.id);
  });

  it('imports a post written in Ghost as Markdown with its tags, featured image and credits', async () => {
    const record = readPublishState(await readPost('ghost-post'), blog.id);
    const kopfUrl = record.media['kopf.png']?.url ?? '';
    const html =
      '<p>Geschrieben in <strong>Ghost</strong> – mit „Anführungszeichen“.</p><h2>Ein Abschnitt</h2><ul><li>eins</li><li>zwei</li></ul>' +
      `<figure><img src="${kopfUrl}" alt="Roter Kopf"><figcaption>Bild: Rike / <a href="https://www.pixelio.de">pixelio.de</a></figcaption></figure>` +
      '<blockquote><p>Zitat aus Ghost.</p></blockquote>';
    const created = await ghost.admin<{ posts: GhostPost[] }>('POST', 'posts/?source=html', {
      posts: [
        {
          title: 'In Ghost geschrieben',
          slug: 'in-ghost-geschrieben',
          html,
          status: 'published',
          published_at: '2024-05-01T08:00:00.000Z',
          tags: [{ name: 'Fundstücke' }, { name: 'Ghost' }],
          custom_excerpt: 'Ein Auszug.',
          feature_image: kopfUrl,
          feature_image_alt: 'Ein roter Kopf',
          feature_image_caption: 'Bild: Rike / <a href="https://www.pixelio.de">pixelio.de</a>',
        },
      ],
    });
    const id = created.posts[0]?.id ?? '';
    const publisher = new GhostPublisher();
    const target = { blog, secret: ghost.adminKey, http: new HttpClient({ fetch: (input, init) => fetch(input, init) }) };
    const listing = await publisher.importer.listPosts(target, { page: 1, perPage: 10, search: 'In Ghost', includePages: false });
    expect(listing.posts.map((p) => p.title)).toEqual(['In Ghost geschrieben']);
    expect(listing.posts[0]).toMatchObject({ remoteId: id, status: 'publish', date: '2024-05-01T08:00:00', type: 'post' });

    const remote = await publisher.importer.fetchPost(target, id);
    expect(remote.media.map((m) => m.url)).toContain(kopfUrl);
    const imported = importPost(remote);
    const parsed = parseFrontMatter(imported.text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.fields).toMatchObject({
      title: 'In Ghost geschrieben',
      slug: 'in-ghost-geschrieben',
      date: '2024-05-01T08:00:00Z',
      status: 'published',
      tags: ['Fundstücke', 'Ghost'],
      excerpt: 'Ein Auszug.',
    });
    expect(parsed.fields.image).not.toBe('');
    expect(imported.text).toContain('Geschrieben in **Ghost** – mit „Anführungszeichen“.');
    expect(imported.text).toContain('## Ein Abschnitt');
    expect(imported.text).toMatch(/^- eins$/m);
    expect(imported.text).toContain('> Zitat aus Ghost.');
    expect(imported.text).not.toMatch(/<(p|h2|ul|li|blockquote)>/);
    const credits = Object.values(readImages(imported.text).images);
    expect(credits).toContainEqual(expect.objectContaining({ author: 'Rike', source: 'pixelio.de', license: 'pixelio' }));
    expect(imported.images.some((i) => i.url === kopfUrl)).toBe(true);
  });

  it('never lets the Admin API key appear in logs, IPC answers, the library or the config folder in plain text', async () => {
    const secrets = [ghost.adminKey, ghost.adminKey.split(':')[1] ?? '', revokedKey, revokedKey.split(':')[1] ?? ''].filter((s) => s.length > 20);
    expect(secrets).toHaveLength(4);
    const haystacks: [string, string][] = [
      ['logs', logs.join('\n')],
      ['ipc', ipcTraffic.join('\n')],
    ];
    for (const dir of [libraryDir, configDir]) {
      for (const file of await filesUnder(dir)) haystacks.push([file, (await readFile(file)).toString('latin1')]);
    }
    expect(haystacks.some(([name]) => name.endsWith('credentials.json'))).toBe(true);
    for (const [name, text] of haystacks) {
      for (const secret of secrets) expect(text.includes(secret), `${secret.slice(0, 4)}… in ${name}`).toBe(false);
    }
  });
});

let revokedKey = '';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
