import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { germanPost } from '../bench/corpus.js';
import { launchChromium } from '../support/browser.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

beforeAll(async () => {
  kladde = await startKladde();
  await mkdir(path.join(kladde.library, 'lang'));
  await writeFile(path.join(kladde.library, 'lang', 'index.md'), germanPost('Ein langer Beitrag', 'lang', 40 * 1024).replace('date: 2013-01-03T10:00:00', 'date: 2030-01-03T10:00:00'));
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(kladde.url);
  await page.locator('[data-post-id="lang"]').click();
  await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === 'Ein langer Beitrag');
  // Blocks beyond the first frame's budget are rendered when the renderer is idle.
  await page.waitForFunction(() => document.querySelector('.k-article .k-block') !== null && document.querySelector('.k-article .k-pending') === null);
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
});

/** The 0-based source line of the first preview block in view. */
async function previewTopLine(): Promise<number> {
  return page.evaluate(() => {
    const pane = document.querySelector('.preview-pane') as HTMLElement;
    const top = pane.getBoundingClientRect().top;
    const blocks = [...document.querySelectorAll<HTMLElement>('.k-article .k-block[data-line]')];
    const first = blocks.find((b) => b.getBoundingClientRect().bottom > top + 1);
    return Number(first?.dataset['line'] ?? -1);
  });
}

describe('scroll sync', () => {
  it('scrolls the preview with the editor, and the editor with the preview', async () => {
    const headingLine = await page.evaluate(() => {
      const blocks = [...document.querySelectorAll<HTMLElement>('.k-article .k-block[data-line]')];
      const h = blocks.filter((b) => b.querySelector('h2'))[5];
      return Number(h?.dataset['line'] ?? -1);
    });
    expect(headingLine).toBeGreaterThan(50);
    // Jump there with CodeMirror's „go to line“ (Ctrl+Alt+G): the line ends up in the middle of the editor,
    // so the preview's top block is a little above it.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Alt+g');
    await page.keyboard.type(String(headingLine + 1));
    await page.keyboard.press('Enter');
    await expect.poll(previewTopLine).toBeGreaterThan(headingLine - 40);
    expect(await previewTopLine()).toBeLessThanOrEqual(headingLine);

    await page.waitForTimeout(400);
    const editorTop = () => page.locator('.cm-scroller').evaluate((s) => s.scrollTop);
    const before = await editorTop();
    expect(before).toBeGreaterThan(1000);
    // Back to the top of the preview: the editor follows to the first block of the body (below the front matter).
    await page.locator('.preview-pane').evaluate((pane) => (pane.scrollTop = 0));
    await expect.poll(editorTop).toBeLessThan(before / 3);
  });
});

describe('the English interface', () => {
  it('switches every label to English in the settings, and back', async () => {
    await page.getByRole('button', { name: /Einstellungen/ }).click();
    await page.locator('#s-language').selectOption('en');
    await expect.poll(() => page.getByRole('dialog').locator('h2').textContent()).toBe('Settings');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Publish …' }).count()).toBe(1);
    expect(await page.locator('.sidebar-heading').textContent()).toBe('Library');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The post stays German: its preview keeps lang="de" for hyphenation.
    expect(await page.locator('.k-article').getAttribute('lang')).toBe('de');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'english.png') });
    await page.getByRole('button', { name: /Settings/ }).click();
    await page.locator('#s-language').selectOption('de');
    await expect.poll(() => page.getByRole('dialog').locator('h2').textContent()).toBe('Einstellungen');
  });
});
