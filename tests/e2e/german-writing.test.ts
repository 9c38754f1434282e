import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from './support/kladde.js';
import { useAppInBrowser } from './support/app-in-browser.js';


const POST = `---\ntitle: Rechtschreibung\nslug: rechtschreibung\nstatus: draft\nlang: de\n---\n\nDie Datenschutzerklärung steht unten. Hier ist ein Rechtschreibfeler im Satz.\n`;

async function editorText(): Promise<string> {
  return app.page.locator('.cm-content').evaluate((el) => (el as HTMLElement).innerText);
}

const app = useAppInBrowser({
  seed: async (library) => {
    await mkdir(path.join(library, 'rechtschreibung'));
    await writeFile(path.join(library, 'rechtschreibung', 'index.md'), POST);
  },
  open: { id: 'rechtschreibung', title: 'Rechtschreibung' },
});

describe('German spell checking in the editor', () => {
  it('underlines a misspelt word but not a correct compound', async () => {
    await expect.poll(() => app.page.locator('.cm-misspelled').allTextContents(), { timeout: 15_000 }).toEqual(['Rechtschreibfeler']);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'rechtschreibung.png') });
  });

  it('replaces the word with a suggestion from the right-click menu', async () => {
    await app.page.locator('.cm-misspelled').click({ button: 'right' });
    const menu = app.page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Rechtschreibfehler', exact: true }).click();
    await expect.poll(() => editorText()).toContain('ein Rechtschreibfehler im Satz');
    await expect.poll(() => app.page.locator('.cm-misspelled').count(), { timeout: 10_000 }).toBe(0);
  });

  it('adds a word to the personal dictionary: the underline goes and the file is written', async () => {
    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+End');
    await app.page.keyboard.type('Kladdeblog ist neu.');
    await expect.poll(() => app.page.locator('.cm-misspelled').allTextContents(), { timeout: 15_000 }).toEqual(['Kladdeblog']);
    await app.page.locator('.cm-misspelled').click({ button: 'right' });
    await app.page.getByRole('menuitem', { name: 'Zum Wörterbuch hinzufügen' }).click();
    await expect.poll(() => app.page.locator('.cm-misspelled').count()).toBe(0);
    const dictionary = path.join(app.kladde.library, '.kladde', 'woerterbuch.txt');
    await expect.poll(() => readFile(dictionary, 'utf8').catch(() => '')).toContain('Kladdeblog');
    // Typing the word again does not underline it.
    await app.page.keyboard.type(' Kladdeblog bleibt.');
    await app.page.waitForTimeout(1200);
    expect(await app.page.locator('.cm-misspelled').count()).toBe(0);
  });

  it('sets German quotes as you type, and Ctrl+Z gives back the straight quote', async () => {
    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+End');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.type('Er sagte "Hallo"');
    await expect.poll(() => editorText()).toContain('Er sagte „Hallo“');
    await app.page.keyboard.press('Control+z');
    await expect.poll(() => editorText()).toContain('Er sagte „Hallo"');
  });

  it('follows the post’s language from the fields panel: Swiss quotes for de-CH, written to the file', async () => {
    await app.page.locator('#f-lang').selectOption('de-CH');
    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+End');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.type('Sie sagte "Grüezi"');
    await expect.poll(() => editorText()).toContain('Sie sagte «Grüezi»');
    await expect.poll(() => readFile(path.join(app.kladde.library, 'rechtschreibung', 'index.md'), 'utf8'), { timeout: 5000 }).toMatch(/lang: de-CH[\s\S]*Sie sagte «Grüezi»/);
  });
});
