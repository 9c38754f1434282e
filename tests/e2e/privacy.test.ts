import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

// The Datenschutz check: the preview loads nothing from YouTube or another host (a placeholder names the host),
// the publish dialog lists the YouTube embed and the remote image with a choice each, and the real WordPress then
// holds the cookie-free embed (youtube-nocookie.com) and not the image the writer chose to remove.
let wp: WordPressServer;
let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
const thirdPartyRequests: string[] = [];

const SLUG = 'ausflug-mit-video';
const POST = `---
title: Ausflug mit Video
slug: ${SLUG}
status: draft
lang: de
---

Ein Video vom Ausflug:

<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Ausflug" allowfullscreen></iframe>

Und ein Foto von woanders:

<img src="https://bilder.example.org/ausflug.jpg" alt="Der See am Morgen">

Bis bald!
`;

const file = () => path.join(kladde.library, SLUG, 'index.md');
const dialog = () => page.getByRole('dialog');
const thirdParty = () => page.getByTestId('third-party');

beforeAll(async () => {
  wp = await startWordPress();
  kladde = await startKladde();
  await mkdir(path.join(kladde.library, SLUG));
  await writeFile(file(), POST);
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost') thirdPartyRequests.push(request.url());
  });
  await page.goto(kladde.url);
  await page.locator(`[data-post-id="${SLUG}"]`).click();
  await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === 'Ausflug mit Video');
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
  await wp?.stop();
});

describe('Datenschutz check', () => {
  it('the preview shows a placeholder naming YouTube and loads nothing from elsewhere', async () => {
    const placeholder = page.locator('.k-article .k-blocked-embed');
    await expect.poll(() => placeholder.count(), { timeout: 15_000 }).toBe(1);
    expect(await placeholder.textContent()).toContain('www.youtube.com');
    expect(await page.locator('.k-article iframe').count()).toBe(0);
    expect(await page.locator('.k-article .k-remote-image').count()).toBe(1);
    expect(thirdPartyRequests).toEqual([]);
  });

  it('adds the blog', async () => {
    await page.getByRole('button', { name: 'Veröffentlichen …' }).click();
    await dialog().getByRole('button', { name: 'Blogs verwalten' }).click();
    await page.locator('#blog-url').fill(wp.baseUrl);
    await page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    await expect.poll(() => page.locator('#blog-user').count(), { timeout: 20_000 }).toBe(1);
    await page.locator('#blog-user').fill(wp.user);
    await page.locator('#blog-secret').fill(wp.appPassword);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect.poll(() => page.locator('.blog-settings').textContent(), { timeout: 20_000 }).toContain('Angemeldet als');
    await dialog().getByRole('button', { name: 'Schließen' }).click();
  });

  it('lists the YouTube embed and the remote image, YouTube cookie-free by default', async () => {
    await expect.poll(() => thirdParty().locator('li').count(), { timeout: 20_000 }).toBe(2);
    const items = thirdParty().locator('li');
    expect(await items.nth(0).textContent()).toContain('YouTube-Video');
    expect(await items.nth(0).textContent()).toContain('www.youtube.com');
    expect(await items.nth(1).textContent()).toContain('Bild');
    expect(await items.nth(1).textContent()).toContain('bilder.example.org');
    const youtube = thirdParty().getByLabel('Umgang mit www.youtube.com');
    expect(await youtube.inputValue()).toBe('private');
    expect(await youtube.locator('option:checked').textContent()).toBe('Datenschutzfreundlich einbetten');
    const image = thirdParty().getByLabel('Umgang mit bilder.example.org');
    expect(await image.inputValue()).toBe('keep');
    // An image cannot be „embedded privacy-friendly“: only keep or remove.
    expect(await image.locator('option').allTextContents()).toEqual(['Behalten', 'Entfernen']);
    expect(await thirdParty().textContent()).toContain('2 Inhalte von anderen Anbietern');
  });

  it('remembers a choice in the post', async () => {
    await thirdParty().getByLabel('Umgang mit bilder.example.org').selectOption('remove');
    expect(await thirdParty().getByLabel('Umgang mit bilder.example.org').inputValue()).toBe('remove');
    await dialog().screenshot({ path: path.join(SCREENSHOT_DIR, 'datenschutz-check.png') });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'datenschutz-check-fenster.png') });
  });

  it('publishes with youtube-nocookie.com and without the removed image', async () => {
    const go = dialog().getByRole('button', { name: 'Veröffentlichen', exact: true });
    await expect.poll(() => go.isEnabled(), { timeout: 20_000 }).toBe(true);
    await go.click();
    await expect.poll(() => page.getByTestId('publish-done').count(), { timeout: 60_000 }).toBe(1);

    const response = await fetch(`${wp.restRoot}wp/v2/posts?slug=${SLUG}&context=edit&status=any`, { headers: { Authorization: wp.authorization } });
    const posts = (await response.json()) as { content: { raw: string } }[];
    expect(posts).toHaveLength(1);
    const raw = posts[0]?.content.raw ?? '';
    expect(raw).toContain('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect(raw).not.toContain('www.youtube.com');
    expect(raw).not.toContain('bilder.example.org');
    expect(raw).toContain('Bis bald!');
    // The choice is in the post's front matter, so the next publish remembers it; the text itself is unchanged.
    const text = await readFile(file(), 'utf8');
    expect(text).toMatch(/third_party:\n\s+["']?https:\/\/bilder\.example\.org\/ausflug\.jpg["']?: remove\n/);
    expect(text).toContain('<img src="https://bilder.example.org/ausflug.jpg" alt="Der See am Morgen">');
    expect(thirdPartyRequests).toEqual([]);
  });
});
