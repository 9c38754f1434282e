import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startGhost, type GhostServer } from '../support/ghost/index.js';
import { startMicropub, type MicropubServer } from '../support/micropub/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

// A person adds their Ghost blog in the UI by the Ghost Admin address they have open, signs in with their staff
// access token, and publishes a credited post; then publishes the same post to their Micropub site as well. Both are
// real servers on loopback (Ghost 6 from scripts/ci/install-ghost.mjs, @benjifs/micropub).
let ghost: GhostServer;
let site: MicropubServer;
let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
let staffToken = '';
let micropubToken = '';

const POST = `---
title: '„Zweimal“ veröffentlicht'
slug: zweimal-veroeffentlicht
status: published
image: titel.png
tags:
  - Fotos
lang: de
images:
  titel.png:
    alt: Ein rotes Titelbild
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

Ein Beitrag mit „typografischen“ Anführungszeichen, für Ghost und Micropub.

![Eine blaue Fläche](grafik.png)
`;

interface GhostPost {
  id: string;
  title: string;
  html: string;
  status: string;
  feature_image: string | null;
  feature_image_alt: string | null;
  feature_image_caption: string | null;
  tags: { name: string }[];
}

const ghostPosts = async (): Promise<GhostPost[]> =>
  (await ghost.admin<{ posts: GhostPost[] }>('GET', `posts/?limit=all&formats=html&include=tags&filter=${encodeURIComponent("slug:'zweimal-veroeffentlicht'")}`)).posts;

beforeAll(async () => {
  // Both servers start together; each one that started is kept, so afterAll stops it even when the other failed
  // (a missing Ghost fails here with a message naming scripts/ci/install-ghost.mjs).
  const [ghostStart, siteStart] = await Promise.allSettled([startGhost(), startMicropub()]);
  if (ghostStart.status === 'fulfilled') ghost = ghostStart.value;
  if (siteStart.status === 'fulfilled') site = siteStart.value;
  if (ghostStart.status === 'rejected') throw ghostStart.reason;
  if (siteStart.status === 'rejected') throw siteStart.reason;
  staffToken = await ghost.staffToken();
  micropubToken = await site.issueToken();
  kladde = await startKladde();
  await mkdir(path.join(kladde.library, 'zweimal'));
  await writeFile(path.join(kladde.library, 'zweimal', 'titel.png'), tinyPng(64, 48, [200, 30, 30]));
  await writeFile(path.join(kladde.library, 'zweimal', 'grafik.png'), tinyPng(48, 32, [20, 40, 220]));
  await writeFile(path.join(kladde.library, 'zweimal', 'index.md'), POST);
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(kladde.url);
  await page.locator('[data-post-id="zweimal"]').click();
  await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === '„Zweimal“ veröffentlicht');
  // Ghost's first start (database migrations) takes up to three minutes on a busy two-core machine.
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
  await Promise.all([ghost?.stop(), site?.stop()]);
});

describe('a Ghost blog in the UI', () => {
  it('adds the blog by its Ghost Admin address and signs in with the staff access token', async () => {
    await page.getByRole('button', { name: 'Veröffentlichen …' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Blogs verwalten' }).click();
    await page.getByLabel('Ghost', { exact: true }).check();
    // The address as it stands in the browser while Ghost Admin is open.
    await page.locator('#blog-url').fill(`${ghost.baseUrl}/ghost/#/dashboard`);
    await page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    await expect.poll(() => page.locator('.blog-choice').textContent(), { timeout: 30_000 }).toMatch(/^Kladde nutzt die Admin-API von Ghost/);
    await expect.poll(() => page.locator('.blog-settings h3').textContent(), { timeout: 15_000 }).toBe('Kladde Ghost');
    // A Ghost key names no account: no user name field.
    expect(await page.locator('#blog-user').count()).toBe(0);
    await page.locator('#blog-secret').fill(staffToken);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect.poll(() => page.locator('.blog-settings').textContent(), { timeout: 30_000 }).toContain('Angemeldet als Kladde Ghost');
    expect(await page.content()).not.toContain(staffToken.split(':')[1]);
  });

  it('adds the Micropub site beside it', async () => {
    await page.getByLabel('WordPress oder anderes (automatisch erkennen)').check();
    await page.locator('#blog-url').fill(site.origin);
    await page.getByText('Erweitert', { exact: true }).click();
    await page.locator('#blog-kind').selectOption('micropub');
    await page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    await expect.poll(() => page.locator('.blog-choice').textContent(), { timeout: 30_000 }).toBe('Kladde nutzt Micropub (Micro.blog, IndieWeb), wie unter „Erweitert“ gewählt.');
    await page.getByText('App-Token einfügen', { exact: true }).click();
    await page.locator('#blog-token').fill(micropubToken);
    await page.getByRole('button', { name: 'Token speichern' }).click();
    await expect.poll(() => page.locator('.blog-settings').textContent(), { timeout: 30_000 }).toContain('Angemeldet als 127.0.0.1');
    await page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();
  });

  it('publishes the credited post to Ghost: the featured image’s credit is its caption, the body image’s its figure caption', async () => {
    const dialog = page.getByRole('dialog');
    await dialog.locator('#publish-blog').selectOption({ label: 'Kladde Ghost' });
    // Ghost knows when a post was changed online: no warning as for Micropub.
    expect(await dialog.getByTestId('publish-no-online-check').count()).toBe(0);
    await expect.poll(() => dialog.getByRole('button', { name: 'Veröffentlichen', exact: true }).isEnabled(), { timeout: 30_000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    await expect.poll(() => page.getByTestId('publish-done').count(), { timeout: 60_000 }).toBe(1);

    const posts = await ghostPosts();
    expect(posts).toHaveLength(1);
    const post = posts[0];
    if (!post) throw new Error('no post in Ghost');
    expect(post.title).toBe('„Zweimal“ veröffentlicht');
    expect(post.status).toBe('published');
    expect(post.tags.map((t) => t.name)).toEqual(['Fotos']);
    expect(post.feature_image).toMatch(new RegExp(`^${ghost.baseUrl}/content/images/.*titel`));
    expect(post.feature_image_alt).toBe('Ein rotes Titelbild');
    expect(post.feature_image_caption).toBe('Bild: Rike / <a href="https://www.pixelio.de" rel="noopener">pixelio.de</a>');
    expect(post.html).toMatch(/<figcaption>[^]*Bild: „Blaue Fläche“ von Anna Beispiel[^]*CC BY 4\.0[^]*<\/figcaption>/);
    expect(post.html).not.toContain('Bild: Rike');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ghost-veroeffentlicht.png') });
    await expect.poll(() => readFile(path.join(kladde.library, 'zweimal', 'index.md'), 'utf8'), { timeout: 10_000 }).toContain(`id: ${post.id}`);
  });

  it('publishes the same post to the Micropub site, with both credits in the body there', async () => {
    await page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();
    await page.getByRole('button', { name: 'Veröffentlichen …' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#publish-blog').selectOption({ label: await micropubName() });
    await expect.poll(() => dialog.getByTestId('publish-no-online-check').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => dialog.getByRole('button', { name: 'Veröffentlichen', exact: true }).isEnabled(), { timeout: 30_000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    await expect.poll(() => page.getByTestId('publish-done').count(), { timeout: 60_000 }).toBe(1);

    const posts = await site.posts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.properties['title']).toBe('„Zweimal“ veröffentlicht');
    // Micropub has no caption for the featured photo: its credit is the line at the end of the body.
    expect(posts[0]?.content).toContain('Bild: Rike / <a');
    expect(posts[0]?.content).toMatch(/Bild: „Blaue Fläche“ von Anna Beispiel/);
    // Ghost still has exactly the one post.
    expect(await ghostPosts()).toHaveLength(1);
    const text = await readFile(path.join(kladde.library, 'zweimal', 'index.md'), 'utf8');
    expect(text).toContain(`id: ${posts[0]?.url}`);
    expect(text).toContain(`id: ${(await ghostPosts())[0]?.id}`);
  });
});

/** The Micropub site's entry in the publish dialog's list: the one that is not Ghost. */
async function micropubName(): Promise<string> {
  await expect.poll(() => page.locator('#publish-blog option').count(), { timeout: 15_000 }).toBe(2);
  const labels = await page.locator('#publish-blog option').allTextContents();
  const other = labels.find((l) => l !== 'Kladde Ghost');
  if (!other) throw new Error(`no Micropub blog in ${JSON.stringify(labels)}`);
  return other;
}
