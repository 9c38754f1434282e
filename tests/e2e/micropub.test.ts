import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startMicropub, type MicropubServer } from '../support/micropub/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

// A person adds their IndieWeb site in the UI as Micropub, pastes an app token, publishes a credited post and is
// told that Micropub cannot see changes made online; then signs in again in the browser (IndieAuth).
let site: MicropubServer;
let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
let token = '';

const POST = `---
title: '„Eine Notiz“ für Micropub'
slug: eine-notiz
status: published
tags:
  - IndieWeb
lang: de
images:
  kopf.png:
    alt: Ein rotes Quadrat
    author: Rike
    source: pixelio.de
    license: pixelio
---

Ein kurzer Beitrag mit „typografischen“ Anführungszeichen.

![Ein rotes Quadrat](kopf.png)
`;

beforeAll(async () => {
  site = await startMicropub();
  token = await site.issueToken();
  kladde = await startKladde();
  await mkdir(path.join(kladde.library, 'eine-notiz'));
  await writeFile(path.join(kladde.library, 'eine-notiz', 'kopf.png'), tinyPng(64, 48));
  await writeFile(path.join(kladde.library, 'eine-notiz', 'index.md'), POST);
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(kladde.url);
  await page.locator('[data-post-id="eine-notiz"]').click();
  await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === '„Eine Notiz“ für Micropub');
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
  await site?.stop();
});

describe('a Micropub site in the UI', () => {
  it('adds the site as Micropub and saves a pasted app token', async () => {
    await page.getByRole('button', { name: 'Veröffentlichen …' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Blogs verwalten' }).click();
    await page.locator('#blog-url').fill(site.origin);
    await page.getByText('Erweitert', { exact: true }).click();
    await page.locator('#blog-kind').selectOption('micropub');
    await page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    await expect.poll(() => page.locator('.blog-choice').textContent(), { timeout: 30_000 }).toBe('Kladde nutzt Micropub (Micro.blog, IndieWeb), wie unter „Erweitert“ gewählt.');
    await expect.poll(() => page.getByTestId('micropub-browser-sign-in').count(), { timeout: 15_000 }).toBe(1);
    await page.getByText('App-Token einfügen', { exact: true }).click();
    await page.locator('#blog-token').fill(token);
    await page.getByRole('button', { name: 'Token speichern' }).click();
    await expect.poll(() => page.locator('.blog-settings').textContent(), { timeout: 30_000 }).toContain('Angemeldet als 127.0.0.1');
    expect(await page.content()).not.toContain(token);
    await page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();
  });

  it('publishes the credited post and says that changes made online cannot be seen', async () => {
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('publish-no-online-check').textContent(), { timeout: 15_000 }).toMatch(/Micropub kann nicht erkennen, ob der Beitrag im Blog geändert wurde/);
    await expect.poll(() => dialog.getByRole('button', { name: 'Veröffentlichen', exact: true }).isEnabled(), { timeout: 30_000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    const done = page.getByTestId('publish-done');
    await expect.poll(() => done.count(), { timeout: 60_000 }).toBe(1);
    const posts = await site.posts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.properties['title']).toBe('„Eine Notiz“ für Micropub');
    expect(posts[0]?.content).toContain('Bild: Rike / <a');
    expect(await site.uploads()).toHaveLength(1);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'micropub-veroeffentlicht.png') });
    await expect.poll(() => readFile(path.join(kladde.library, 'eine-notiz', 'index.md'), 'utf8'), { timeout: 10_000 }).toContain(`id: ${posts[0]?.url}`);
  });

  it('signs in again in the browser: the IndieAuth page redirects back to Kladde', async () => {
    await page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();
    // With a signed-in blog the publish dialog offers no „Blogs verwalten“: the way there is the settings.
    await page.getByRole('button', { name: /Einstellungen/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Blogs verwalten' }).click();
    await page.locator('.blog-item').first().click();
    await expect.poll(() => page.getByTestId('micropub-browser-sign-in').count(), { timeout: 15_000 }).toBe(1);
    const opened = browser.context.waitForEvent('page', { timeout: 30_000 });
    await page.getByTestId('micropub-browser-sign-in').click();
    const tab = await opened;
    await expect.poll(() => tab.content(), { timeout: 30_000 }).toContain('Zurück zu Kladde');
    await expect.poll(() => page.locator('.blog-settings').textContent(), { timeout: 30_000 }).toContain('Angemeldet als 127.0.0.1');
    expect(await site.exchanges()).toEqual([{ ok: true }]);
  });
});
