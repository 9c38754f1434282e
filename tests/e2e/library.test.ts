import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startKladde, type RunningKladde } from './support/kladde.js';

let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

const ids = () => page.locator('[data-post-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-post-id')));
const exists = (p: string) => access(p).then(() => true, () => false);

async function postMenu(id: string, item: string): Promise<void> {
  await page.locator(`.post-item:has([data-post-id="${id}"]) .post-menu-button`).click();
  await page.getByRole('menuitem', { name: item }).click();
}

beforeAll(async () => {
  kladde = await startKladde();
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(kladde.url);
  await page.locator('.cm-content').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
});

describe('the library sidebar', () => {
  it('duplicates a post as a draft copy', async () => {
    await postMenu('willkommen-in-kladde', 'Duplizieren');
    await expect.poll(ids).toContain('willkommen-in-kladde-kopie');
    expect(await readFile(path.join(kladde.library, 'willkommen-in-kladde-kopie', 'index.md'), 'utf8')).toContain('title: Willkommen in Kladde (Kopie)');
  });

  it('renames a post: the folder moves and the slug follows', async () => {
    await postMenu('willkommen-in-kladde-kopie', 'Umbenennen …');
    await page.locator('#rename-slug').fill('zweiter-rundgang');
    await page.getByRole('button', { name: 'Umbenennen', exact: true }).click();
    await expect.poll(ids).toContain('zweiter-rundgang');
    expect(await exists(path.join(kladde.library, 'willkommen-in-kladde-kopie'))).toBe(false);
    expect(await readFile(path.join(kladde.library, 'zweiter-rundgang', 'index.md'), 'utf8')).toContain('slug: zweiter-rundgang');
  });

  it('filters by text and by status', async () => {
    await page.getByRole('searchbox', { name: 'Beiträge durchsuchen' }).fill('Kopie');
    await expect.poll(ids).toEqual(['zweiter-rundgang']);
    await page.getByRole('searchbox', { name: 'Beiträge durchsuchen' }).fill('');
    await page.locator('.sidebar-filters select').selectOption('published');
    await expect.poll(() => page.locator('.sidebar-empty').textContent()).toBe('Kein Beitrag passt zum Filter.');
    await page.locator('.sidebar-filters select').selectOption('all');
    await expect.poll(async () => (await ids()).length).toBe(2);
  });

  it('asks before deleting, moves the post into the trash and restores it', async () => {
    await postMenu('zweiter-rundgang', 'In den Papierkorb …');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Beitrag in den Papierkorb legen?');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await ids()).toContain('zweiter-rundgang');

    await postMenu('zweiter-rundgang', 'In den Papierkorb …');
    await page.getByRole('dialog').getByRole('button', { name: 'In den Papierkorb' }).click();
    await expect.poll(ids).not.toContain('zweiter-rundgang');
    expect(await exists(path.join(kladde.library, 'zweiter-rundgang'))).toBe(false);

    await page.getByRole('button', { name: 'Papierkorb' }).click();
    await page.getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect.poll(ids).toContain('zweiter-rundgang');
    expect(await readFile(path.join(kladde.library, 'zweiter-rundgang', 'index.md'), 'utf8')).toContain('Willkommen in Kladde (Kopie)');
  });
});
