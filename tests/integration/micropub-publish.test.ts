import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlogView, CredentialCheck, OutboxJob, PublishOutcome } from '../../electron/common/model/blog.js';
import { readPublishState } from '../../electron/common/markdown/front-matter-publish.js';
import { HttpClient } from '../../electron/main/http/http-client.js';
import { defaultPublishers } from '../../electron/main/publish/registry.js';
import { startKladde, type Kladde, type SeenRequest } from '../support/kladde.js';
import { startMicropub, type MicropubServer, type StoredPost } from '../support/micropub/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';

/**
 * Publishing to a real Micropub server (@benjifs/micropub 2.0.1 with its media endpoint and a minimal IndieAuth
 * server, tests/support/micropub) on loopback, through the same IPC dispatcher the app and the web host use.
 */

const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-micropub-publish-'));
const libraryDir = path.join(root, 'bibliothek');
const configDir = path.join(root, 'config');
const logs: string[] = [];
const ipcTraffic: string[] = [];
const tokens: string[] = [];
let site: MicropubServer;
let kladde: Kladde;
let blog: BlogView;

const openKladde = (previous?: Kladde): Promise<Kladde> =>
  startKladde({ configDir, libraryDir, log: (line) => logs.push(line), onAnswer: (json) => ipcTraffic.push(json), ...(previous ? { previous } : {}) });

async function writePost(id: string, text: string, images: Record<string, Buffer>): Promise<void> {
  await mkdir(path.join(libraryDir, id), { recursive: true });
  await writeFile(path.join(libraryDir, id, 'index.md'), text);
  for (const [name, bytes] of Object.entries(images)) await writeFile(path.join(libraryDir, id, name), bytes);
}

const readPost = (id: string) => readFile(path.join(libraryDir, id, 'index.md'), 'utf8');

/** Images that reached the media endpoint, and create/update requests to the Micropub endpoint. */
const uploadsIn = (requests: SeenRequest[]) => requests.filter((r) => r.method === 'POST' && r.url === site.mediaUrl && r.status === 201);
const micropubPosts = (requests: SeenRequest[]) => requests.filter((r) => r.method === 'POST' && r.url === site.micropubUrl);

async function storedPost(url: string): Promise<StoredPost> {
  const post = (await site.posts()).find((p) => p.url === url);
  if (!post) throw new Error(`no post stored at ${url}: ${(await site.posts()).map((p) => p.url).join(', ')}`);
  return post;
}

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
title: "Größe & Maß: eine Notiz"
slug: groesse-und-mass
date: 2024-05-01T10:00:00+02:00
status: published
categories: [Notizen]
tags: [IndieWeb, Größe]
excerpt: „Kurz“ gesagt.
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
Micropub ist „schlicht“ – sagt man. Ein ‚kleiner‘ Test mit »Zitaten« 😀.

![Blaue Fläche](grafik.png)

Viele Grüße, Rike
`;

beforeAll(async () => {
  site = await startMicropub();
  kladde = await openKladde();
  await writePost('notiz', POST, { 'kopf.png': tinyPng(40, 30, [200, 30, 30]), 'grafik.png': tinyPng(30, 20, [20, 40, 220]) });
});

afterAll(async () => {
  await kladde?.services.stop();
  await site?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('publishing to a real Micropub server', () => {
  let postUrl = '';

  it('finds the site by its address, also without being told it is Micropub', async () => {
    const http = new HttpClient({ fetch: (input, init) => fetch(input, init) });
    const found = await defaultPublishers().discover(site.origin, http);
    expect(found.kind).toBe('micropub');
    expect(found.found).toMatchObject({ apiRoot: site.micropubUrl, site: site.me, authorizeUrl: site.authorizationUrl, name: 'Rikes Notizen' });
    expect(found.choice).toMatchObject({ reason: 'fallback', insteadOf: 'wordpress' });
  });

  it('adds the site as Micropub and signs in with a pasted app token', async () => {
    blog = await kladde.call<BlogView>('addBlog', { url: site.origin, kind: 'micropub' });
    expect(blog).toMatchObject({ kind: 'micropub', apiRoot: site.micropubUrl, site: site.me, authorizeUrl: site.authorizationUrl, hasCredentials: false });
    const token = await site.issueToken();
    tokens.push(token);
    const check = await kladde.call<CredentialCheck>('setBlogCredentials', blog.id, { user: '', secret: token });
    expect(check).toMatchObject({ verified: true, accountName: new URL(site.origin).host });
    expect(await kladde.call<boolean>('hasBlogCredentials', blog.id)).toBe(true);
  });

  it('publishes the post as an h-entry with each image sent once and the credit in the caption', async () => {
    expect(await kladde.call('checkPublish', 'notiz', blog.id)).toEqual([]);
    const before = kladde.requests.length;
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'notiz', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'done') throw new Error(`not published: ${JSON.stringify(outcome)}`);
    postUrl = outcome.remoteId;
    expect(outcome).toMatchObject({ link: postUrl, remoteStatus: 'publish', editUrl: '' });
    expect(postUrl.startsWith(site.origin)).toBe(true);
    expect(postUrl).toMatch(/groesse-und-mass$/);
    const sent = kladde.requests.slice(before);
    expect(uploadsIn(sent)).toHaveLength(2);
    expect(micropubPosts(sent)).toHaveLength(1);
    expect(await site.uploads()).toHaveLength(2);

    const stored = await storedPost(postUrl);
    expect(stored.properties['title']).toBe('Größe & Maß: eine Notiz');
    expect(stored.properties['tags']).toEqual(['Notizen', 'IndieWeb', 'Größe']);
    expect(stored.properties['summary']).toBe('„Kurz“ gesagt.');
    expect(stored.properties['post-status']).toBe('published');
    expect(stored.properties['mp-slug']).toBe('groesse-und-mass');
    const state = readPublishState(await readPost('notiz'), blog.id);
    expect(state.record?.id).toBe(postUrl);
    const kopf = state.media['kopf.png'];
    const grafik = state.media['grafik.png'];
    if (!kopf || !grafik) throw new Error(`images not remembered: ${JSON.stringify(state.media)}`);
    // The featured image as the entry's photo, with its alt text.
    expect(stored.properties['photo']).toEqual([{ alt: 'Ein roter Kopf', url: kopf.url }]);
    // The body image at its address on the site, with alt text and the credit as figcaption.
    expect(stored.content).toContain(`src="${grafik.url}"`);
    expect(stored.content).toContain('alt="Blaue Fläche"');
    expect(stored.content).toMatch(/<figcaption[^>]*>Die Grafik zum Text — Bild: „Blaue Fläche“ von Anna Beispiel/);
    expect(stored.content).toContain('Micropub ist „schlicht“ – sagt man. Ein ‚kleiner‘ Test mit »Zitaten« 😀.');
    // The featured image's credit, as the preview shows it.
    expect(stored.content).toContain('Bild: Rike / <a href="https://www.pixelio.de" rel="noopener">pixelio.de</a>');
    // The uploaded file is served where the entry points.
    expect((await fetch(grafik.url)).status).toBe(200);
  });

  it('updates the same entry after an edit: no second post, no image sent again', async () => {
    const opened = await kladde.call<{ text: string; version: string }>('openPost', 'notiz');
    const edited = opened.text.replace('Viele Grüße, Rike', 'Viele Grüße, Rike (bearbeitet)').replace('tags: [IndieWeb, Größe]', 'tags: []');
    await kladde.call('savePost', 'notiz', { text: edited, baseVersion: opened.version, force: false });
    const before = kladde.requests.length;
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'notiz', blog.id, { onConflict: 'ask' });
    expect(outcome).toMatchObject({ status: 'done', remoteId: postUrl });
    const sent = kladde.requests.slice(before);
    expect(uploadsIn(sent)).toEqual([]);
    // One replace request; nothing Kladde sent before is gone, so no delete request.
    expect(micropubPosts(sent)).toHaveLength(1);
    expect(await site.posts()).toHaveLength(1);
    const stored = await storedPost(postUrl);
    expect(stored.content).toContain('Viele Grüße, Rike (bearbeitet)');
    // The server keeps a single value as a scalar.
    expect([stored.properties['tags']].flat()).toEqual(['Notizen']);
    expect(await site.uploads()).toHaveLength(2);
  });

  it('removes online what the post no longer has, in a request of its own', async () => {
    const opened = await kladde.call<{ text: string; version: string }>('openPost', 'notiz');
    const edited = opened.text.replace('image: kopf.png\n', '').replace('excerpt: „Kurz“ gesagt.\n', '');
    await kladde.call('savePost', 'notiz', { text: edited, baseVersion: opened.version, force: false });
    const before = kladde.requests.length;
    expect(await kladde.call<PublishOutcome>('publishPost', 'notiz', blog.id, { onConflict: 'ask' })).toMatchObject({ status: 'done', remoteId: postUrl });
    expect(micropubPosts(kladde.requests.slice(before))).toHaveLength(2);
    const stored = await storedPost(postUrl);
    expect(stored.properties['photo']).toBeUndefined();
    expect(stored.properties['summary']).toBeUndefined();
    expect(stored.properties['title']).toBe('Größe & Maß: eine Notiz');
  });

  it('downloads the online version through q=source', async () => {
    const copy = await kladde.call<{ id: string; text: string }>('downloadOnlineCopy', 'notiz', blog.id);
    expect(copy.text).toContain('Größe & Maß: eine Notiz (online)');
    expect(copy.text).toContain('Viele Grüße, Rike (bearbeitet)');
    expect(copy.text).toMatch(/^status: draft$/m);
  });

  it('explains a revoked token in German, changes nothing, and refuses the revoked token at sign-in', async () => {
    await site.revokeTokens();
    const before = await readPost('notiz');
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'notiz', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'failed') throw new Error(`expected a failure: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('auth');
    expect(outcome.error.message).toMatch(/Der Blog hat das Token abgelehnt \(403\): Es ist abgelaufen, wurde widerrufen/);
    expect(outcome.error.message).toMatch(/Mit „Neu anmelden“ wieder im Browser anmelden oder ein neues App-Token einfügen/);
    expect(await readPost('notiz')).toBe(before);
    expect((await kladde.call<OutboxJob[]>('listOutbox')).find((j) => j.id === outcome.jobId)?.state).toBe('failed');
    await kladde.call('cancelJob', outcome.jobId);
    await expect(kladde.call('setBlogCredentials', blog.id, { user: '', secret: tokens[0] })).rejects.toThrow(
      /^setBlogCredentials: forbidden: Der Blog hat das Token abgelehnt \(403\): Es ist abgelaufen, wurde widerrufen oder gehört zu einer anderen Website\. Das Token prüfen und noch einmal anmelden\.$/,
    );
  });

  it('signs in in the browser with IndieAuth and PKCE: the redirect reaches main, the token stays there', async () => {
    const begun = await kladde.call<{ url: string }>('beginBlogSignIn', blog.id);
    const url = new URL(begun.url);
    expect(`${url.origin}${url.pathname}`).toBe(site.authorizationUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('me')).toBe(site.me);
    expect(url.searchParams.get('scope')).toBe('create update media');
    const redirectUri = new URL(url.searchParams.get('redirect_uri') ?? '');
    expect(redirectUri.hostname).toBe('127.0.0.1');
    const finished = kladde.call<CredentialCheck>('finishBlogSignIn', blog.id);
    // The browser: the authorization endpoint approves and redirects to Kladde's loopback address.
    const browser = await fetch(begun.url, { redirect: 'follow' });
    expect(browser.status).toBe(200);
    expect(new URL(browser.url).origin).toBe(redirectUri.origin);
    expect(await browser.text()).toContain('Zurück zu Kladde');
    expect(await finished).toMatchObject({ verified: true, accountName: new URL(site.origin).host });
    expect(await site.exchanges()).toEqual([{ ok: true }]);
    // Publishing works with the token from the browser sign-in, which never crossed IPC.
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'notiz', blog.id, { onConflict: 'ask' });
    expect(outcome).toMatchObject({ status: 'done', remoteId: postUrl });
    // The loopback address is closed after the one redirect.
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('refuses a redirect that does not belong to the sign-in, and a code without its verifier', async () => {
    const begun = await kladde.call<{ url: string }>('beginBlogSignIn', blog.id);
    const redirect = new URL(new URL(begun.url).searchParams.get('redirect_uri') ?? '');
    const refused = expect(kladde.call<CredentialCheck>('finishBlogSignIn', blog.id)).rejects.toThrow(/state stimmt nicht/);
    redirect.searchParams.set('code', 'gestohlen');
    redirect.searchParams.set('state', 'falsch');
    expect((await fetch(redirect)).status).toBe(200);
    await refused;

    // The server side of PKCE: a real code is worthless without the verifier main kept.
    const again = new URL((await kladde.call<{ url: string }>('beginBlogSignIn', blog.id)).url);
    const approved = await fetch(again, { redirect: 'manual' });
    const code = new URL(approved.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const stolen = await fetch(site.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: again.searchParams.get('client_id') ?? '', redirect_uri: again.searchParams.get('redirect_uri') ?? '', code_verifier: 'x'.repeat(43) }),
    });
    expect(stolen.status).toBe(400);
    expect(await kladde.call<{ cancelled: boolean }>('cancelBlogSignIn', blog.id)).toEqual({ cancelled: true });
  });

  it('keeps the job in the outbox when the site goes away mid-publish, across a restart, and posts it exactly once', async () => {
    const text = POST.replace('Größe & Maß: eine Notiz', 'Unterbrochen').replace('slug: groesse-und-mass', 'slug: unterbrochen');
    await writePost('unterbrochen', text, { 'kopf.png': tinyPng(41, 30, [10, 200, 30]), 'grafik.png': tinyPng(31, 20, [200, 200, 20]) });
    const before = kladde.requests.length;
    kladde.intercept = async (request, send) => {
      const response = await send();
      if (request.method === 'POST' && request.url === site.mediaUrl) {
        kladde.intercept = null;
        const body = await response.text();
        await site.stopWebServer();
        return new Response(body, { status: response.status, headers: response.headers });
      }
      return response;
    };
    const outcome = await kladde.call<PublishOutcome>('publishPost', 'unterbrochen', blog.id, { onConflict: 'ask' });
    if (outcome.status !== 'queued') throw new Error(`expected the job to wait: ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('offline');
    expect(outcome.error.message).toMatch(/Postausgang/);
    expect(await readPost('unterbrochen')).toBe(text);

    await kladde.services.stop();
    kladde = await openKladde(kladde);
    const waiting = (await kladde.call<OutboxJob[]>('listOutbox')).find((j) => j.id === outcome.jobId);
    expect(waiting?.state).toBe('waiting');

    await site.startWebServer();
    kladde.services.publishing.outbox.networkRestored();
    const done = await waitFor('the job to finish', async () => {
      const job = (await kladde.call<OutboxJob[]>('listOutbox')).find((j) => j.id === outcome.jobId);
      return job?.state === 'done' ? job : job?.state === 'failed' ? Promise.reject(new Error(JSON.stringify(job.error))) : null;
    });
    const mine = (await site.posts()).filter((p) => p.properties['title'] === 'Unterbrochen');
    expect(mine).toHaveLength(1);
    expect(done.result?.remoteId).toBe(mine[0]?.url);
    // The image sent before the site went away was not sent again: two uploads in all.
    expect(uploadsIn(kladde.requests.slice(before))).toHaveLength(2);
    expect(readPublishState(await readPost('unterbrochen'), blog.id).record?.id).toBe(mine[0]?.url);
  });

  it('never lets a token appear in logs, IPC answers, the library or the config folder in plain text', async () => {
    const tokenFile = JSON.parse(await readFile(path.join(site.dataDir, 'tokens.json'), 'utf8')) as [string, unknown][];
    const secrets = [...tokens, ...tokenFile.map(([t]) => t)];
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    const haystacks: [string, string][] = [
      ['logs', logs.join('\n')],
      ['ipc', ipcTraffic.join('\n')],
    ];
    for (const dir of [libraryDir, configDir]) {
      for (const file of await filesUnder(dir)) haystacks.push([file, await readFile(file, 'utf8')]);
    }
    expect(haystacks.some(([name]) => name.endsWith('credentials.json'))).toBe(true);
    for (const [name, text] of haystacks) {
      for (const secret of secrets) expect(text.includes(secret), `${secret.slice(0, 4)}… in ${name}`).toBe(false);
    }
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
