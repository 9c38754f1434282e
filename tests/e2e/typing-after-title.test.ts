import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startKladde, type RunningKladde } from './support/kladde.js';

let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
const pageErrors: string[] = [];

const SENTENCE = 'Ein kurzer Satz über nichts.';

async function editorText(): Promise<string> {
  return page.locator('.cm-content').evaluate((el) => (el as HTMLElement).innerText);
}

function postFile(id: string): string {
  return path.join(kladde.library, id, 'index.md');
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

beforeAll(async () => {
  kladde = await startKladde();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(kladde.url);
  await page.locator('.cm-content').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
});

describe('nothing typed is lost', () => {
  it('keeps every character typed right after a title, while the folder follows the slug (5 rounds)', async () => {
    for (let round = 1; round <= 5; round++) {
      await page.getByRole('button', { name: 'Neuer Beitrag' }).click();
      await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Neuer Beitrag');
      await page.locator('.title-input').fill(`Runde ${round} am Fenster`);
      const slug = `runde-${round}-am-fenster`;
      await expect.poll(() => page.locator('#f-slug').inputValue()).toBe(slug);
      // Leaving the title starts the rename; the typing starts at once and runs while it happens.
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(SENTENCE);

      await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 8000 }).toBe('Gespeichert');
      await expect.poll(() => page.locator(`[data-post-id="${slug}"]`).count(), { timeout: 8000 }).toBe(1);
      const text = await editorText();
      expect(occurrences(text, SENTENCE)).toBe(1);
      const disk = await readFile(postFile(slug), 'utf8');
      expect(occurrences(disk, SENTENCE)).toBe(1);
      expect(disk).toContain(`title: Runde ${round} am Fenster`);
      expect(disk.trimEnd().endsWith(SENTENCE)).toBe(true);
    }
    expect(pageErrors).toEqual([]);
  });

  it('does not leave a post whose text cannot be saved: the dialog says why, and the text stays', async () => {
    const id = 'runde-5-am-fenster';
    await page.locator(`[data-post-id="${id}"]`).click();
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Runde 5 am Fenster');
    // A folder where the post's file was: writing it fails, for root too.
    await rm(postFile(id));
    await mkdir(postFile(id));
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Dieser Satz darf nicht verloren gehen.');
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 8000 }).toContain('Speichern fehlgeschlagen');

    await page.locator('[data-post-id="runde-1-am-fenster"]').click();
    const dialog = page.getByRole('dialog', { name: 'Beitrag nicht gespeichert' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Dein Text konnte nicht gespeichert werden');
    await dialog.getByRole('button', { name: 'Beim Beitrag bleiben' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('.title-input').inputValue()).toBe('Runde 5 am Fenster');
    expect(await editorText()).toContain(`${SENTENCE} Dieser Satz darf nicht verloren gehen.`);

    // Once the file can be written again, the post saves and can be left.
    await rm(postFile(id), { recursive: true });
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('!');
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 8000 }).toBe('Gespeichert');
    expect(await readFile(postFile(id), 'utf8')).toContain('Dieser Satz darf nicht verloren gehen.!');
    await page.locator('[data-post-id="runde-1-am-fenster"]').click();
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Runde 1 am Fenster');
  });
});
