import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInBrowser } from './support/app-in-browser.js';
import { SCREENSHOT_DIR } from './support/kladde.js';

const POST = `---
title: Eine Reise an den Rhein
status: draft
---

Wir fuhren früh los, der Zug war fast leer.
`;

const app = useAppInBrowser({
  seed: async (library) => {
    await mkdir(path.join(library, 'rhein'));
    await writeFile(path.join(library, 'rhein', 'index.md'), POST);
  },
  open: { id: 'rhein', title: 'Eine Reise an den Rhein' },
});

const file = () => path.join(app.kladde.library, 'rhein', 'index.md');
const editorText = () => app.page.getByRole('textbox', { name: 'Markdown-Editor' }).evaluate((el) => (el as HTMLElement).innerText);
const versions = () => app.kladde.services.history.list('rhein');

async function typeAtEnd(text: string): Promise<void> {
  await app.page.getByRole('textbox', { name: 'Markdown-Editor' }).click();
  await app.page.keyboard.press('Control+End');
  await app.page.keyboard.type(text);
  await app.page.keyboard.press('Control+s');
  await expect.poll(() => app.page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe('Gespeichert');
}

/** Visible elements of the dialog whose own background is light (as the theme test measures them). */
const lightBackgroundsIn = (selector: string) =>
  app.page.evaluate((sel) => {
    const found: string[] = [];
    const root = document.querySelector(sel);
    for (const el of Array.from(root?.querySelectorAll<HTMLElement>('*') ?? [])) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
      if (!m || (m[4] !== undefined && Number(m[4]) < 0.2)) continue;
      const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      if (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0) > 0.25) found.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return found;
  }, selector);

describe('the version history in the browser', () => {
  it('shows how an older version differs from now, restores it into editor and file, and lists the restore', async () => {
    const { page } = app;
    await typeAtEnd('\nDie erste Fassung endet hier.');
    // The first save keeps the post as it was opened and the saved text.
    await expect.poll(async () => (await versions()).map((v) => v.reason), { timeout: 10_000 }).toEqual(['save', 'opened']);
    const older = await readFile(file(), 'utf8');
    expect(older).toContain('Die erste Fassung endet hier.');

    await typeAtEnd('\nDann kam ein ganz neuer Absatz dazu.');
    expect(await readFile(file(), 'utf8')).toContain('ganz neuer Absatz');

    await page.getByTestId('open-history').click();
    const panel = page.getByTestId('history-panel');
    await panel.waitFor();
    // Newest first; the newest kept version is chosen and its difference to now is shown at once.
    await expect.poll(() => panel.locator('.version').count()).toBe(2);
    await expect.poll(() => panel.locator('.version').first().getAttribute('data-reason')).toBe('save');
    await expect.poll(() => panel.locator('.version').first().textContent()).toMatch(/Gespeichert.*Wörter/);
    const diff = panel.getByTestId('diff-view');
    await expect.poll(() => diff.textContent(), { timeout: 10_000 }).toContain('ganz neuer Absatz');
    await expect.poll(() => diff.locator('.cm-changedLine').count()).toBeGreaterThan(0);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'verlauf.png') });

    // Side by side shows both texts in two editors.
    await panel.getByRole('button', { name: 'Nebeneinander' }).click();
    await expect.poll(() => diff.locator('.cm-mergeView .cm-editor').count()).toBe(2);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await lightBackgroundsIn('.history-dialog')).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'verlauf-dunkel.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await panel.getByRole('button', { name: 'Untereinander' }).click();

    await page.getByRole('button', { name: 'Diese Version wiederherstellen' }).click();
    await expect.poll(() => editorText(), { timeout: 10_000 }).not.toContain('ganz neuer Absatz');
    expect(await editorText()).toContain('Die erste Fassung endet hier.');
    await expect.poll(() => readFile(file(), 'utf8'), { timeout: 10_000 }).toBe(older);
    // The text the restore replaced is the newest version now, so the restore itself can be undone.
    await expect.poll(() => panel.locator('.version').first().getAttribute('data-reason'), { timeout: 10_000 }).toBe('restore');
    await expect.poll(() => panel.locator('.version').first().textContent()).toContain('Vor dem Wiederherstellen');
    await expect.poll(() => diff.textContent(), { timeout: 10_000 }).toContain('ganz neuer Absatz');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'verlauf-wiederhergestellt.png') });
    await panel.page().getByRole('button', { name: 'Schließen' }).click();
    await expect.poll(() => page.getByTestId('history-panel').count()).toBe(0);
    expect(await page.getByTestId('save-state').textContent()).toBe('Gespeichert');
    expect(app.pageErrors).toEqual([]);
  });
});
