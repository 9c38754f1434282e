import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

// A person adds their WordPress blog in the UI, publishes a credited post from the dialog and sees the link;
// the real WordPress on loopback then holds exactly that post.
let wp: WordPressServer;
let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

const POST = `---
title: '„Social Media: Unvergleichlich“'
slug: social-media-unvergleichlich
date: 2013-01-03T10:00:00
status: published
categories:
  - Social Media
tags:
  - Kladde
lang: de
image: kopf.png
images:
  kopf.png:
    alt: Ein rotes Quadrat
    author: Rike
    source: pixelio.de
    license: pixelio
---

Ein kurzer Beitrag mit „typografischen“ Anführungszeichen. 🎉

![Ein rotes Quadrat](kopf.png)

Gruß, Rike
`;

beforeAll(async () => {
  wp = await startWordPress();
  kladde = await startKladde();
  await mkdir(path.join(kladde.library, 'social-media-unvergleichlich'));
  await writeFile(path.join(kladde.library, 'social-media-unvergleichlich', 'kopf.png'), tinyPng(64, 48));
  await writeFile(path.join(kladde.library, 'social-media-unvergleichlich', 'index.md'), POST);
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(kladde.url);
  await page.locator('[data-post-id="social-media-unvergleichlich"]').click();
  await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === '„Social Media: Unvergleichlich“');
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
  await wp?.stop();
});

describe('publishing from the UI', () => {
  it('adds the blog and signs in with an application password', async () => {
    await page.getByRole('button', { name: 'Veröffentlichen …' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Blogs verwalten' }).click();
    await page.locator('#blog-url').fill(wp.baseUrl);
    await page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    await expect.poll(() => page.locator('#blog-user').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('#blog-user').fill(wp.user);
    await page.locator('#blog-secret').fill(wp.appPassword);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect.poll(() => page.locator('.blog-settings').textContent(), { timeout: 15_000 }).toContain('Angemeldet als');
    // The password never comes back to the page.
    expect(await page.content()).not.toContain(wp.appPassword);
    await page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();
  });

  it('publishes from the dialog and shows the link', async () => {
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('button', { name: 'Veröffentlichen', exact: true }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    const done = page.getByTestId('publish-done');
    await expect.poll(() => done.count(), { timeout: 30_000 }).toBe(1);
    const link = (await done.locator('a').textContent()) ?? '';
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*social-media-unvergleichlich/);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'veroeffentlicht.png') });

    const posts = (await (await fetch(`${wp.restRoot}wp/v2/posts?slug=social-media-unvergleichlich&context=edit&status=any`, { headers: { Authorization: wp.authorization } })).json()) as {
      id: number;
      title: { raw: string };
      content: { raw: string };
      featured_media: number;
    }[];
    expect(posts).toHaveLength(1);
    expect(posts[0]?.title.raw).toBe('„Social Media: Unvergleichlich“');
    expect(posts[0]?.content.raw).toContain('Bild: Rike / <a');
    expect(posts[0]?.featured_media).toBeGreaterThan(0);
    // The remote id is written back to the file.
    await expect.poll(() => readFile(path.join(kladde.library, 'social-media-unvergleichlich', 'index.md'), 'utf8'), { timeout: 5000 }).toContain(`id: ${posts[0]?.id}`);
  });
});
