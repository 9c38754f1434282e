import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInBrowser } from './support/app-in-browser.js';


const ids = () => app.page.locator('[data-post-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-post-id')));
const exists = (p: string) => access(p).then(() => true, () => false);

async function postMenu(id: string, item: string): Promise<void> {
  await app.page.locator(`.post-item:has([data-post-id="${id}"]) .post-menu-button`).click();
  await app.page.getByRole('menuitem', { name: item }).click();
}

const app = useAppInBrowser();

describe('the library sidebar', () => {
  it('duplicates a post as a draft copy', async () => {
    await postMenu('willkommen-in-kladde', 'Duplizieren');
    await expect.poll(ids).toContain('willkommen-in-kladde-kopie');
    expect(await readFile(path.join(app.kladde.library, 'willkommen-in-kladde-kopie', 'index.md'), 'utf8')).toContain('title: Willkommen in Kladde (Kopie)');
  });

  it('renames a post: the folder moves and the slug follows', async () => {
    await postMenu('willkommen-in-kladde-kopie', 'Umbenennen …');
    await app.page.locator('#rename-slug').fill('zweiter-rundgang');
    await app.page.getByRole('button', { name: 'Umbenennen', exact: true }).click();
    await expect.poll(ids).toContain('zweiter-rundgang');
    expect(await exists(path.join(app.kladde.library, 'willkommen-in-kladde-kopie'))).toBe(false);
    expect(await readFile(path.join(app.kladde.library, 'zweiter-rundgang', 'index.md'), 'utf8')).toContain('slug: zweiter-rundgang');
  });

  it('filters by text and by status', async () => {
    await app.page.getByRole('searchbox', { name: 'Liste filtern' }).fill('Kopie');
    await expect.poll(ids).toEqual(['zweiter-rundgang']);
    await app.page.getByRole('searchbox', { name: 'Liste filtern' }).fill('');
    await app.page.locator('.sidebar-filters select').selectOption('published');
    await expect.poll(() => app.page.locator('.sidebar-empty').textContent()).toBe('Kein Beitrag passt zum Filter.');
    await app.page.locator('.sidebar-filters select').selectOption('all');
    await expect.poll(async () => (await ids()).length).toBe(2);
  });

  it('asks before deleting, moves the post into the trash and restores it', async () => {
    await postMenu('zweiter-rundgang', 'In den Papierkorb …');
    const dialog = app.page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Beitrag in den Papierkorb legen?');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await ids()).toContain('zweiter-rundgang');

    await postMenu('zweiter-rundgang', 'In den Papierkorb …');
    await app.page.getByRole('dialog').getByRole('button', { name: 'In den Papierkorb' }).click();
    await expect.poll(ids).not.toContain('zweiter-rundgang');
    expect(await exists(path.join(app.kladde.library, 'zweiter-rundgang'))).toBe(false);

    await app.page.getByRole('button', { name: 'Papierkorb' }).click();
    await app.page.getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect.poll(ids).toContain('zweiter-rundgang');
    expect(await readFile(path.join(app.kladde.library, 'zweiter-rundgang', 'index.md'), 'utf8')).toContain('Willkommen in Kladde (Kopie)');
  });
});
