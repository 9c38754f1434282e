import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from './support/kladde.js';
import { useAppInBrowser } from './support/app-in-browser.js';


async function openPost(id: string): Promise<void> {
  await app.page.locator(`[data-post-id="${id}"]`).click();
  await expect.poll(() => app.page.locator('.title-input').count()).toBe(1);
}

async function editorText(): Promise<string> {
  return app.page.locator('.cm-content').evaluate((el) => (el as HTMLElement).innerText);
}

const app = useAppInBrowser();

describe('writing a post in the browser', () => {
  it('shows the German welcome post of a new library', async () => {
    await expect.poll(() => app.page.locator('.k-article h2').first().textContent()).toBe('So ist Kladde aufgebaut');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'hauptfenster.png') });
  });

  it('creates a post, follows typing in the preview, autosaves, and keeps the text after a reload', async () => {
    await app.page.getByRole('button', { name: 'Neuer Beitrag' }).click();
    await expect.poll(() => app.page.locator('.title-input').inputValue()).toBe('Neuer Beitrag');
    const file = path.join(app.kladde.library, 'neuer-beitrag', 'index.md');

    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+End');
    await app.page.keyboard.type('Grüße aus Köln – schöne Straßen, Ölgemälde und Übermut.');
    await expect.poll(() => app.page.locator('.k-article').textContent()).toContain('Grüße aus Köln – schöne Straßen');
    await expect.poll(() => app.page.getByTestId('save-state').textContent(), { timeout: 5000 }).toBe('Gespeichert');
    expect(await readFile(file, 'utf8')).toContain('Grüße aus Köln – schöne Straßen, Ölgemälde und Übermut.');

    // A title typed in the fields panel lands in the front matter and the slug follows it.
    await app.page.locator('.title-input').fill('Über Größe & Maß');
    await expect.poll(() => app.page.locator('#f-slug').inputValue()).toBe('ueber-groesse-mass');
    await app.page.locator('.cm-content').click();
    await expect.poll(() => readFile(path.join(app.kladde.library, 'ueber-groesse-mass', 'index.md'), 'utf8').catch(() => ''), { timeout: 5000 })
      .toContain('title: Über Größe & Maß');

    await app.page.reload();
    await app.page.locator('.cm-content').waitFor();
    await openPost('ueber-groesse-mass');
    expect(await editorText()).toContain('Grüße aus Köln – schöne Straßen, Ölgemälde und Übermut.');
    await expect.poll(() => app.page.getByTestId('count-words').textContent()).toMatch(/\d+ Wörter/);
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'beitrag.png') });
  });

  it('reloads a clean post that another program changed', async () => {
    const file = path.join(app.kladde.library, 'ueber-groesse-mass', 'index.md');
    const before = await readFile(file, 'utf8');
    await writeFile(file, before + '\nVon außen ergänzt.\n');
    await expect.poll(() => editorText(), { timeout: 8000 }).toContain('Von außen ergänzt.');
    await expect.poll(() => app.page.getByTestId('reloaded-notice').count()).toBe(1);
  });

  it('shows the conflict banner instead of overwriting when the post is dirty, and keeps mine on request', async () => {
    const file = path.join(app.kladde.library, 'ueber-groesse-mass', 'index.md');
    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+End');
    await app.page.keyboard.type('Meine Änderung.');
    // Another program writes before the autosave fires.
    const theirs = (await readFile(file, 'utf8')) + '\nFremde Änderung.\n';
    await writeFile(file, theirs);
    await expect.poll(() => app.page.getByTestId('conflict-banner').count(), { timeout: 8000 }).toBe(1);
    await app.page.waitForTimeout(1500);
    expect(await readFile(file, 'utf8')).toBe(theirs);
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'konflikt.png') });

    await app.page.getByRole('button', { name: 'Beide anzeigen' }).click();
    await expect.poll(() => app.page.getByTestId('diff-view').textContent()).toContain('Fremde Änderung.');
    await expect.poll(() => app.page.getByTestId('diff-view').textContent()).toContain('Meine Änderung.');
    await app.page.getByRole('dialog').getByRole('button', { name: 'Meine behalten' }).click();
    await expect.poll(() => readFile(file, 'utf8'), { timeout: 5000 }).toContain('Meine Änderung.');
    expect(await readFile(file, 'utf8')).not.toContain('Fremde Änderung.');
    await expect.poll(() => app.page.getByTestId('conflict-banner').count()).toBe(0);
  });

  it('takes their version on request', async () => {
    const file = path.join(app.kladde.library, 'ueber-groesse-mass', 'index.md');
    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+End');
    await app.page.keyboard.type('Verworfen.');
    const theirs = (await readFile(file, 'utf8')) + '\nIhre Fassung gewinnt.\n';
    await writeFile(file, theirs);
    await expect.poll(() => app.page.getByTestId('conflict-banner').count(), { timeout: 8000 }).toBe(1);
    await app.page.getByRole('button', { name: 'Fremde übernehmen' }).click();
    await expect.poll(() => editorText()).toContain('Ihre Fassung gewinnt.');
    expect(await editorText()).not.toContain('Verworfen.');
    await app.page.waitForTimeout(1500);
    expect(await readFile(file, 'utf8')).toBe(theirs);
  });

  it('opens a post with malformed front matter, shows line and column, and leaves the file untouched', async () => {
    const dir = path.join(app.kladde.library, 'kaputt');
    await mkdir(dir);
    const broken = '---\ntitle: "Ungeschlossen\ntags: [a, b\n---\n\nDer Text bleibt.\n';
    await writeFile(path.join(dir, 'index.md'), broken);
    await expect.poll(() => app.page.locator('[data-post-id="kaputt"]').count(), { timeout: 8000 }).toBe(1);
    await app.page.locator('[data-post-id="kaputt"]').click();
    const alert = app.page.locator('.fields-error');
    await expect.poll(() => alert.textContent()).toMatch(/Zeile \d+, Spalte \d+/);
    expect(await editorText()).toContain('Der Text bleibt.');
    await app.page.waitForTimeout(1500);
    expect(await readFile(path.join(dir, 'index.md'), 'utf8')).toBe(broken);
  });

  it('threw no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
