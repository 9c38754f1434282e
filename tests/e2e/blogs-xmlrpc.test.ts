import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

// A person adds a blog over XML-RPC in the dialog: the dialog says which interface and why, explains account vs
// application password, and the account password signs in against the real WordPress on loopback.
let wp: WordPressServer;
let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

beforeAll(async () => {
  wp = await startWordPress();
  kladde = await startKladde();
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(kladde.url);
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
  await wp?.stop();
});

describe('adding a blog over XML-RPC in the blogs dialog', () => {
  it('picks XML-RPC under „Erweitert“, says so, explains the password and signs in', async () => {
    await page.getByRole('button', { name: 'Veröffentlichen …' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Blogs verwalten' }).click();
    await page.locator('#blog-url').fill(wp.baseUrl);
    await page.getByText('Erweitert', { exact: true }).click();
    await page.locator('#blog-kind').selectOption('wordpress-xmlrpc');
    await page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    await expect.poll(() => page.locator('.blog-choice').textContent(), { timeout: 15_000 }).toBe(
      'Kladde nutzt XML-RPC (Konto- oder Anwendungspasswort), wie unter „Erweitert“ gewählt.',
    );
    const settings = page.locator('.blog-settings');
    expect(await settings.textContent()).toContain(`Schnittstelle: XML-RPC (Konto- oder Anwendungspasswort) – ${wp.baseUrl}/xmlrpc.php`);
    expect(await settings.textContent()).toContain('Entweder das Passwort des Kontos oder ein Anwendungspasswort.');
    expect(await page.locator('label[for="blog-secret"]').textContent()).toBe('Passwort');
    await page.locator('#blog-user').fill(wp.user);
    await page.locator('#blog-secret').fill(wp.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect.poll(() => settings.textContent(), { timeout: 15_000 }).toContain('Angemeldet als');
    expect(await page.content()).not.toContain(wp.password);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/blogs-xmlrpc.png` });
  });

  it('says clearly when the password is wrong', async () => {
    await page.locator('#blog-secret').fill('falsch');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect.poll(() => page.locator('.blog-settings .field-error').first().textContent(), { timeout: 15_000 }).toMatch(
      /Anmeldung fehlgeschlagen: Benutzername oder Passwort stimmen nicht/,
    );
  });
});
