import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { germanPost } from '../bench/corpus.js';
import { SCREENSHOT_DIR } from './support/kladde.js';
import { useAppInBrowser } from './support/app-in-browser.js';

const app = useAppInBrowser({
  seed: async (library) => {
    await mkdir(path.join(library, 'lang'));
    await writeFile(path.join(library, 'lang', 'index.md'), germanPost('Ein langer Beitrag', 'lang', 40 * 1024).replace('date: 2013-01-03T10:00:00', 'date: 2030-01-03T10:00:00'));
  },
  open: { id: 'lang', title: 'Ein langer Beitrag' },
});

beforeAll(async () => {
  // Blocks beyond the first frame's budget are rendered when the renderer is idle.
  await app.page.waitForFunction(() => document.querySelector('.k-article .k-block') !== null && document.querySelector('.k-article .k-pending') === null);
});

/** The 0-based source line of the first preview block in view. */
async function previewTopLine(): Promise<number> {
  return app.page.evaluate(() => {
    const pane = document.querySelector('.preview-pane') as HTMLElement;
    const top = pane.getBoundingClientRect().top;
    const blocks = [...document.querySelectorAll<HTMLElement>('.k-article .k-block[data-line]')];
    const first = blocks.find((b) => b.getBoundingClientRect().bottom > top + 1);
    return Number(first?.dataset['line'] ?? -1);
  });
}

describe('scroll sync', () => {
  it('scrolls the preview with the editor, and the editor with the preview', async () => {
    const headingLine = await app.page.evaluate(() => {
      const blocks = [...document.querySelectorAll<HTMLElement>('.k-article .k-block[data-line]')];
      const h = blocks.filter((b) => b.querySelector('h2'))[5];
      return Number(h?.dataset['line'] ?? -1);
    });
    expect(headingLine).toBeGreaterThan(50);
    // Jump there with CodeMirror's „go to line“ (Ctrl+Alt+G): the line ends up in the middle of the editor,
    // so the preview's top block is a little above it.
    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+Alt+g');
    await app.page.keyboard.type(String(headingLine + 1));
    await app.page.keyboard.press('Enter');
    await expect.poll(previewTopLine).toBeGreaterThan(headingLine - 40);
    expect(await previewTopLine()).toBeLessThanOrEqual(headingLine);

    await app.page.waitForTimeout(400);
    const editorTop = () => app.page.locator('.cm-scroller').evaluate((s) => s.scrollTop);
    const before = await editorTop();
    expect(before).toBeGreaterThan(1000);
    // Back to the top of the preview: the editor follows to the first block of the body (below the front matter).
    await app.page.locator('.preview-pane').evaluate((pane) => (pane.scrollTop = 0));
    await expect.poll(editorTop).toBeLessThan(before / 3);
  });
});

describe('the English interface', () => {
  it('switches every label to English in the settings, and back', async () => {
    await app.page.getByRole('button', { name: /Einstellungen/ }).click();
    await app.page.locator('#s-language').selectOption('en');
    await expect.poll(() => app.page.getByRole('dialog').locator('h2').textContent()).toBe('Settings');
    await app.page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => app.page.getByRole('button', { name: 'Publish …' }).count()).toBe(1);
    expect(await app.page.locator('.sidebar-heading').textContent()).toBe('Library');
    expect(await app.page.locator('html').getAttribute('lang')).toBe('en');
    // The post stays German: its preview keeps lang="de" for hyphenation.
    expect(await app.page.locator('.k-article').getAttribute('lang')).toBe('de');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'english.png') });
    await app.page.getByRole('button', { name: /Settings/ }).click();
    await app.page.locator('#s-language').selectOption('de');
    await expect.poll(() => app.page.getByRole('dialog').locator('h2').textContent()).toBe('Einstellungen');
  });
});
