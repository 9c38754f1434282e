import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInBrowser } from './support/app-in-browser.js';

const filler = Array.from({ length: 80 }, (_, i) => `Absatz ${i + 1}: Ein ruhiger Abend, nichts Besonderes geschieht.`).join('\n\n');

async function post(library: string, id: string, text: string): Promise<void> {
  await mkdir(path.join(library, id));
  await writeFile(path.join(library, id, 'index.md'), text);
}

const app = useAppInBrowser({
  seed: async (library) => {
    await post(library, 'umzug', `---\ntitle: Der Umzug\ntags: [Alltag]\n---\n\n${filler}\n\nZuletzt wohnten wir in der Straße am alten Hafen.\n`);
    await post(library, 'fremd', '---\ntitle: Fremder Text\n---\n\nDie <b>Strasse</b> und <img src=x onerror="window.__pwned=1"> hier.\n');
  },
});

const hitTitles = () => app.page.locator('.search-hit .search-hit-title').allTextContents();

describe('searching the library', () => {
  it('„strasse“ finds „Straße“, marks it, and opens the post with the editor selection on it', async () => {
    const { page } = app;
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Shift+F');
    const field = page.getByRole('combobox', { name: 'In der Bibliothek suchen' });
    await field.fill('strasse');
    await expect.poll(hitTitles).toEqual(expect.arrayContaining(['Der Umzug', 'Fremder Text']));

    // The snippet is text: the post's tags appear as characters, never as elements.
    const foreign = page.locator('.search-hit', { hasText: 'Fremder Text' });
    expect(await foreign.locator('.search-snippet').textContent()).toContain('<img src=x onerror=');
    expect(await page.locator('.search-results img, .search-results b').count()).toBe(0);
    expect(await foreign.locator('mark').allTextContents()).toEqual(['Strasse']);
    const ours = page.locator('.search-hit', { hasText: 'Der Umzug' });
    expect(await ours.locator('mark').allTextContents()).toEqual(['Straße']);

    // Keyboard: move to „Der Umzug“ and open it with Enter.
    for (let i = 0; i < 3 && (await ours.getAttribute('aria-selected')) !== 'true'; i++) await field.press('ArrowDown');
    expect(await ours.getAttribute('aria-selected')).toBe('true');
    await field.press('Enter');

    await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === 'Der Umzug');
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('Straße');
    // The match is scrolled into view: its selection lies inside the editor's visible area.
    const visible = await page.evaluate(() => {
      const scroller = document.querySelector('.cm-scroller')?.getBoundingClientRect();
      const range = document.getSelection()?.getRangeAt(0).getBoundingClientRect();
      return !!scroller && !!range && range.top >= scroller.top && range.bottom <= scroller.bottom;
    });
    expect(visible).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(app.pageErrors).toEqual([]);
  });

  it('the sidebar offers the full search beside its list filter', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /In allen Texten suchen/ }).click();
    const field = page.getByRole('combobox', { name: 'In der Bibliothek suchen' });
    expect(await field.inputValue()).toBe('strasse');
    await field.fill('muenchen');
    await expect.poll(() => page.locator('.search-status').textContent()).toBe('Nichts gefunden für „muenchen“.');
    await field.press('Escape');
    await expect.poll(() => page.locator('.library-search').count()).toBe(0);
  });
});
