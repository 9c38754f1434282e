import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInBrowser } from './support/app-in-browser.js';
import { SCREENSHOT_DIR } from './support/kladde.js';

const app = useAppInBrowser({
  seed: async (library) => {
    await mkdir(path.join(library, 'hafen'));
    await writeFile(path.join(library, 'hafen', 'index.md'), '---\ntitle: Ein Abend am Hafen\nstatus: draft\n---\n\nDie Sonne ging unter.\n');
  },
  open: { id: 'hafen', title: 'Ein Abend am Hafen' },
});

/** How far the page is wider than the window (0: it fits, nothing scrolls sideways). */
const overflow = () => app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('window width', () => {
  it.each([
    [1280, 'de'],
    [1024, 'de'],
    [1024, 'en'],
    [900, 'de'],
  ] as const)('at %i px (%s) nothing is cut off and the page never scrolls sideways', async (width, language) => {
    const { page } = app;
    await app.kladde.services.settings.update({ uiLanguage: language });
    await page.setViewportSize({ width, height: 760 });
    await page.reload();
    await page.locator('.cm-content').waitFor();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `breite-${width}-${language}.png`) });
    expect(await overflow()).toBe(0);
    // Every toolbar button is fully inside the window.
    const outside = await page.locator('.toolbar button').evaluateAll((buttons) =>
      buttons.filter((b) => b.getBoundingClientRect().right > window.innerWidth + 0.5).map((b) => b.textContent),
    );
    expect(outside).toEqual([]);
  });
});
