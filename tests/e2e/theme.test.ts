import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInBrowser } from './support/app-in-browser.js';
import { SCREENSHOT_DIR } from './support/kladde.js';

const POST = `---
title: Ein Abend am Hafen
status: ready
tags: [Hafen, Abend]
---

## Am Wasser

Die Sonne ging über dem **Hafen** unter, und auf der *Straße* wurde es still. Ein [Link](https://example.org) zum
Weiterlesen, dazu \`Code\` im Satz.

> Ein Zitat, ruhig und kursiv.

- Erster Punkt
- Zweiter Punkt

\`\`\`js
const gruss = "Hallo";
\`\`\`
`;

const app = useAppInBrowser({
  seed: async (library) => {
    await mkdir(path.join(library, 'hafen'));
    await writeFile(path.join(library, 'hafen', 'index.md'), POST);
  },
  open: { id: 'hafen', title: 'Ein Abend am Hafen' },
});

/** Visible elements whose own background is light (WCAG relative luminance over 0.25): none may remain in dark mode. */
const lightBackgrounds = () =>
  app.page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || el.closest('img, svg')) continue;
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
      if (!m || (m[4] !== undefined && Number(m[4]) < 0.2)) continue;
      const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      const lum = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
      if (lum > 0.25) found.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return found;
  });

async function chooseTheme(label: 'Hell' | 'Dunkel' | 'Wie das System'): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: /Einstellungen/ }).first().click();
  await page.getByLabel('Erscheinungsbild').selectOption({ label });
  await page.getByRole('button', { name: 'Schließen' }).click();
}

describe('light and dark', () => {
  it('follows the system, and the setting overrides it both ways', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
    await chooseTheme('Dunkel');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await chooseTheme('Hell');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
    await chooseTheme('Wie das System');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
  });

  it('screenshots: hell.png and dunkel.png; in dark mode no light surface is left (app, editor, preview)', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1400, height: 860 });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await chooseTheme('Hell');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'hell.png') });

    await chooseTheme('Dunkel');
    await page.locator('.cm-content').click();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dunkel.png') });
    expect(await lightBackgrounds()).toEqual([]);
    const colors = await page.evaluate(() => ({
      editor: getComputedStyle(document.querySelector('.cm-editor') as Element).backgroundColor,
      preview: getComputedStyle(document.querySelector('.preview-pane') as Element).backgroundColor,
      article: getComputedStyle(document.querySelector('.k-article') as Element).color,
    }));
    expect(colors).toEqual({ editor: 'rgb(36, 39, 43)', preview: 'rgb(33, 36, 40)', article: 'rgb(220, 223, 227)' });

    // Dialogs too: the library search with a highlighted match.
    await page.keyboard.press('Control+Shift+F');
    await page.getByRole('combobox', { name: 'In der Bibliothek suchen' }).fill('strasse');
    await page.locator('.search-hit mark').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'suche-dunkel.png') });
    expect(await lightBackgrounds()).toEqual([]);
    await page.keyboard.press('Escape');
    expect(app.pageErrors).toEqual([]);
  });
});
