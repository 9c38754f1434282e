import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

const POST = `---\ntitle: Rechtschreibung\nslug: rechtschreibung\nstatus: draft\nlang: de\n---\n\nDie Datenschutzerklärung steht unten. Hier ist ein Rechtschreibfeler im Satz.\n`;

async function editorText(): Promise<string> {
  return page.locator('.cm-content').evaluate((el) => (el as HTMLElement).innerText);
}

beforeAll(async () => {
  kladde = await startKladde();
  await mkdir(path.join(kladde.library, 'rechtschreibung'));
  await writeFile(path.join(kladde.library, 'rechtschreibung', 'index.md'), POST);
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(kladde.url);
  await page.locator('[data-post-id="rechtschreibung"]').click();
  await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === 'Rechtschreibung');
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
});

describe('German spell checking in the editor', () => {
  it('underlines a misspelt word but not a correct compound', async () => {
    await expect.poll(() => page.locator('.cm-misspelled').allTextContents(), { timeout: 15_000 }).toEqual(['Rechtschreibfeler']);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'rechtschreibung.png') });
  });

  it('replaces the word with a suggestion from the right-click menu', async () => {
    await page.locator('.cm-misspelled').click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Rechtschreibfehler', exact: true }).click();
    await expect.poll(() => editorText()).toContain('ein Rechtschreibfehler im Satz');
    await expect.poll(() => page.locator('.cm-misspelled').count(), { timeout: 10_000 }).toBe(0);
  });

  it('adds a word to the personal dictionary: the underline goes and the file is written', async () => {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Kladdeblog ist neu.');
    await expect.poll(() => page.locator('.cm-misspelled').allTextContents(), { timeout: 15_000 }).toEqual(['Kladdeblog']);
    await page.locator('.cm-misspelled').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Zum Wörterbuch hinzufügen' }).click();
    await expect.poll(() => page.locator('.cm-misspelled').count()).toBe(0);
    const dictionary = path.join(kladde.library, '.kladde', 'woerterbuch.txt');
    await expect.poll(() => readFile(dictionary, 'utf8').catch(() => '')).toContain('Kladdeblog');
    // Typing the word again does not underline it.
    await page.keyboard.type(' Kladdeblog bleibt.');
    await page.waitForTimeout(1200);
    expect(await page.locator('.cm-misspelled').count()).toBe(0);
  });

  it('sets German quotes as you type, and Ctrl+Z gives back the straight quote', async () => {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Er sagte "Hallo"');
    await expect.poll(() => editorText()).toContain('Er sagte „Hallo“');
    await page.keyboard.press('Control+z');
    await expect.poll(() => editorText()).toContain('Er sagte „Hallo"');
  });

  it('follows the post’s language from the fields panel: Swiss quotes for de-CH, written to the file', async () => {
    await page.locator('#f-lang').selectOption('de-CH');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Sie sagte "Grüezi"');
    await expect.poll(() => editorText()).toContain('Sie sagte «Grüezi»');
    await expect.poll(() => readFile(path.join(kladde.library, 'rechtschreibung', 'index.md'), 'utf8'), { timeout: 5000 }).toMatch(/lang: de-CH[\s\S]*Sie sagte «Grüezi»/);
  });
});
