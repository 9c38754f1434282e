import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInBrowser } from './support/app-in-browser.js';


const SENTENCE = 'Ein kurzer Satz über nichts.';

async function editorText(): Promise<string> {
  return app.page.locator('.cm-content').evaluate((el) => (el as HTMLElement).innerText);
}

function postFile(id: string): string {
  return path.join(app.kladde.library, id, 'index.md');
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

const app = useAppInBrowser();

describe('nothing typed is lost', () => {
  it('keeps every character typed right after a title, while the folder follows the slug (5 rounds)', async () => {
    for (let round = 1; round <= 5; round++) {
      await app.page.getByRole('button', { name: 'Neuer Beitrag' }).click();
      await expect.poll(() => app.page.locator('.title-input').inputValue()).toBe('Neuer Beitrag');
      await app.page.locator('.title-input').fill(`Runde ${round} am Fenster`);
      const slug = `runde-${round}-am-fenster`;
      await expect.poll(() => app.page.locator('#f-slug').inputValue()).toBe(slug);
      // Leaving the title starts the rename; the typing starts at once and runs while it happens.
      await app.page.locator('.cm-content').click();
      await app.page.keyboard.press('Control+End');
      await app.page.keyboard.type(SENTENCE);

      await expect.poll(() => app.page.getByTestId('save-state').textContent(), { timeout: 8000 }).toBe('Gespeichert');
      await expect.poll(() => app.page.locator(`[data-post-id="${slug}"]`).count(), { timeout: 8000 }).toBe(1);
      const text = await editorText();
      expect(occurrences(text, SENTENCE)).toBe(1);
      const disk = await readFile(postFile(slug), 'utf8');
      expect(occurrences(disk, SENTENCE)).toBe(1);
      expect(disk).toContain(`title: Runde ${round} am Fenster`);
      expect(disk.trimEnd().endsWith(SENTENCE)).toBe(true);
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('does not leave a post whose text cannot be saved: the dialog says why, and the text stays', async () => {
    const id = 'runde-5-am-fenster';
    await app.page.locator(`[data-post-id="${id}"]`).click();
    await expect.poll(() => app.page.locator('.title-input').inputValue()).toBe('Runde 5 am Fenster');
    // A folder where the post's file was: writing it fails, for root too.
    await rm(postFile(id));
    await mkdir(postFile(id));
    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+End');
    await app.page.keyboard.type(' Dieser Satz darf nicht verloren gehen.');
    await expect.poll(() => app.page.getByTestId('save-state').textContent(), { timeout: 8000 }).toContain('Speichern fehlgeschlagen');

    await app.page.locator('[data-post-id="runde-1-am-fenster"]').click();
    const dialog = app.page.getByRole('dialog', { name: 'Beitrag nicht gespeichert' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Dein Text konnte nicht gespeichert werden');
    await dialog.getByRole('button', { name: 'Beim Beitrag bleiben' }).click();
    await expect.poll(() => app.page.getByRole('dialog').count()).toBe(0);
    expect(await app.page.locator('.title-input').inputValue()).toBe('Runde 5 am Fenster');
    expect(await editorText()).toContain(`${SENTENCE} Dieser Satz darf nicht verloren gehen.`);

    // Once the file can be written again, the post saves and can be left.
    await rm(postFile(id), { recursive: true });
    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+End');
    await app.page.keyboard.type('!');
    await expect.poll(() => app.page.getByTestId('save-state').textContent(), { timeout: 8000 }).toBe('Gespeichert');
    expect(await readFile(postFile(id), 'utf8')).toContain('Dieser Satz darf nicht verloren gehen.!');
    await app.page.locator('[data-post-id="runde-1-am-fenster"]').click();
    await expect.poll(() => app.page.locator('.title-input').inputValue()).toBe('Runde 1 am Fenster');
  });
});
