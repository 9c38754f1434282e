import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

// Texts a German blogger can trust, in the real UI against the real WordPress: adding the blog twice is refused
// with the entry's name, `htp://` is no address, a revoked password offers „Neu anmelden“ right in the publish
// dialog, the outbox names the blog and when a scheduled post goes out, and so does the library.
let wp: WordPressServer;
let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

const YEAR = new Date().getFullYear() + 1;
const SCHEDULED = `---
title: Geplanter Beitrag
slug: geplanter-beitrag
date: ${YEAR}-12-03T08:00:00
status: scheduled
lang: de
---

Erscheint am 3. Dezember um acht.
`;

beforeAll(async () => {
  wp = await startWordPress();
  kladde = await startKladde();
  await mkdir(path.join(kladde.library, 'geplanter-beitrag'));
  await writeFile(path.join(kladde.library, 'geplanter-beitrag', 'index.md'), SCHEDULED);
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(kladde.url);
  await page.locator('[data-post-id="geplanter-beitrag"]').click();
  await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === 'Geplanter Beitrag');
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
  await wp?.stop();
});

const dialog = () => page.getByRole('dialog');

describe('texts that fit', () => {
  it('the library says when a scheduled post goes out', async () => {
    const badge = page.locator('[data-post-id="geplanter-beitrag"] [data-testid="post-scheduled"]');
    expect(await badge.textContent()).toBe(`geplant: 3. Dez. ${YEAR}, 08:00`);
  });

  it('refuses an address that is none, and the same blog twice, naming its entry', async () => {
    await page.getByRole('button', { name: 'Veröffentlichen …' }).click();
    await dialog().getByRole('button', { name: 'Blogs verwalten' }).click();
    await page.locator('#blog-url').fill(wp.baseUrl.replace('http://', 'htp://'));
    await page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    const error = page.getByTestId('blog-add-error');
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toMatch(/^„htp:\/\/127\.0\.0\.1:\d+“ ist keine Blog-Adresse\. Bitte mit http:\/\/ oder https:\/\/ eingeben/);

    await page.locator('#blog-url').fill(wp.baseUrl);
    await page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    await expect.poll(() => page.locator('#blog-user').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('#blog-user').fill(wp.user);
    await page.locator('#blog-secret').fill(wp.appPassword);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect.poll(() => page.locator('.blog-settings').textContent(), { timeout: 15_000 }).toContain('Angemeldet als');
    const name = ((await page.locator('.blog-item strong').first().textContent()) ?? '').trim();

    // A typo in the path still leads to the same blog.
    await page.locator('#blog-url').fill(`${wp.baseUrl}/blogg/`);
    await page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toBe(
      `Dieser Blog ist schon eingerichtet als „${name}“. Ihn in der Liste auswählen, statt ihn noch einmal hinzuzufügen.`,
    );
    expect(await page.locator('.blog-item').count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'blog-doppelt.png') });
    await dialog().getByRole('button', { name: 'Schließen' }).last().click();
  });

  it('after a revoked password offers „Neu anmelden“ in place, and sends again', async () => {
    await wp.runPhp(`WP_Application_Passwords::delete_all_application_passwords(1); echo 'ok';`);
    await expect.poll(() => dialog().getByRole('button', { name: 'Veröffentlichen', exact: true }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await dialog().getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    const failed = page.getByTestId('publish-failed');
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBe(1);
    expect(await failed.textContent()).toMatch(/^Anmeldung fehlgeschlagen \(401\).*Mit „Neu anmelden“ ein gültiges Anwendungspasswort eintragen\./);
    await page.getByTestId('publish-sign-in-again').click();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'neu-anmelden.png') });

    const fresh = JSON.parse(await wp.runPhp(`echo json_encode(WP_Application_Passwords::create_new_application_password(1, ['name' => 'Kladde neu'])[0]);`)) as string;
    await page.locator('#blog-secret').fill(fresh);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.getByRole('button', { name: 'Noch einmal senden' }).click();
    const done = page.getByTestId('publish-done');
    await expect.poll(() => done.count(), { timeout: 30_000 }).toBe(1);
    expect(await done.getAttribute('data-remote-status')).toBe('future');
    expect(await done.textContent()).toContain(`Geplant für 03.12.${YEAR}, 08:00.`);
    await dialog().getByRole('button', { name: 'Schließen' }).click();
  });

  it('the outbox names the blog and when the post goes out', async () => {
    await page.getByRole('button', { name: /^Postausgang/ }).click();
    const blogName = page.getByTestId('outbox-blog').first();
    await expect.poll(() => blogName.textContent(), { timeout: 10_000 }).not.toMatch(/127-0-0-1/);
    expect(await page.getByTestId('outbox-scheduled').first().textContent()).toBe(` · geplant: 3. Dez. ${YEAR}, 08:00`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'postausgang-geplant.png') });
  });

  it('in English too: the outbox, the library and a refused address', async () => {
    await dialog().getByRole('button', { name: 'Schließen' }).click();
    await page.getByRole('button', { name: /Einstellungen/ }).click();
    await page.locator('#s-language').selectOption('en');
    await expect.poll(() => dialog().locator('h2').textContent()).toBe('Settings');
    await dialog().getByRole('button', { name: 'Manage blogs' }).click();
    await page.locator('#blog-url').fill('htp://mein-blog.de');
    await page.getByRole('button', { name: 'Add blog' }).click();
    await expect.poll(() => page.getByTestId('blog-add-error').textContent(), { timeout: 15_000 }).toBe(
      '“htp://mein-blog.de” is not a blog address. Please enter it with http:// or https://, e.g. https://my-blog.com.',
    );
    expect(await page.locator('[data-post-id="geplanter-beitrag"] [data-testid="post-scheduled"]').textContent()).toBe(`scheduled: 3 Dec ${YEAR}, 08:00`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'blog-adresse-englisch.png') });
  });
});
