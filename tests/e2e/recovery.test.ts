import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { SCREENSHOT_DIR } from './support/kladde.js';
import { startKladdeProcess, type KladdeProcess } from './support/kladde-process.js';

let base: string;
let library: string;
let config: string;
let kladde: KladdeProcess | null = null;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
const pageErrors: string[] = [];

const journalDir = () => path.join(library, '.kladde', 'wiederherstellung');
async function journalTexts(): Promise<string> {
  const names = await readdir(journalDir()).catch(() => [] as string[]);
  const texts = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => readFile(path.join(journalDir(), n), 'utf8').catch(() => '')));
  return texts.join('\n');
}
/**
 * Reloads the tab after the host came back. The reload made while the host was down may still be settling on its
 * error page when the host is up again (on a busy machine Chromium reports that refused connection late, or the late
 * error page aborts the new reload), so a refused or aborted reload is tried again; any other failure, or a host
 * that stays unreachable, fails the test.
 */
async function reloadOnceHostIsBack(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.reload();
      return;
    } catch (error) {
      if (attempt >= 10 || !/ERR_CONNECTION_REFUSED|ERR_ABORTED/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}
const editorText = () => page.locator('.cm-content').evaluate((el) => (el as HTMLElement).innerText);

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'kladde-recovery-e2e-'));
  library = path.join(base, 'Bibliothek');
  config = path.join(base, 'config');
  kladde = await startKladdeProcess({ library, config });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(kladde.url);
  await page.locator('.cm-content').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await kladde?.kill();
  await rm(base, { recursive: true, force: true });
});

describe('nothing typed is lost', () => {
  it('offers text typed just before the host was killed, restores it and saves it', async () => {
    const first = kladde;
    if (!first) throw new Error('Kladde läuft nicht');
    await page.getByRole('button', { name: 'Neuer Beitrag' }).click();
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Neuer Beitrag');
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 5000 }).toBe('Gespeichert');
    const file = path.join(library, 'neuer-beitrag', 'index.md');

    // Autosave never reaches the host, so only the journal can keep what follows.
    await page.route('**/api/savePost', (route) => route.abort());
    const sentences = Array.from({ length: 25 }, (_, i) => `Satz ${i + 1}: Grüße aus Köln, „schön“ – ${'äöüß'.slice(0, (i % 4) + 1)}.`).join(' ');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    // The first sentence typed key by key, the other 24 arriving as fast as an input event can bring them.
    const [firstSentence, ...rest] = sentences.split(/(?<=\.) /);
    await page.keyboard.type(`${firstSentence ?? ''} `);
    await page.keyboard.insertText(rest.join(' '));
    await expect.poll(journalTexts, { timeout: 10_000 }).toContain(JSON.stringify(sentences).slice(1, -1));
    expect(await readFile(file, 'utf8')).not.toContain('Satz 1:');

    await first.kill();
    // The unsaved text makes the browser ask before reloading: that is the beforeunload guard. The reload happens
    // while the host is down, so the tab's last-moment save cannot land anywhere (a save sent while the page
    // unloads can slip past the test's route block, and would rescue the text before the dialog could).
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await page.reload().catch(() => undefined);
    expect(asked).toEqual(['beforeunload']);
    kladde = await startKladdeProcess({ library, config });
    // Same token, same port: the tab's address stays valid.
    expect(kladde.url).toBe(first.url);
    await reloadOnceHostIsBack();
    const dialog = page.getByRole('dialog', { name: 'Nicht gespeicherter Text gefunden' });
    await dialog.waitFor();
    const entry = dialog.locator('[data-recovery-id="neuer-beitrag"]');
    await expect.poll(() => entry.locator('.recovery-age').textContent()).toMatch(/gerade eben|vor \d+ Minute/);
    await expect.poll(() => entry.locator('.diff-added').first().textContent()).toContain('Satz 1: Grüße aus Köln');
    await page.unroute('**/api/savePost');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'wiederherstellen.png') });

    await entry.getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(editorText).toContain('Satz 25: Grüße aus Köln');
    await expect.poll(() => readFile(file, 'utf8'), { timeout: 10_000 }).toContain(sentences);
    // Saved: the journal forgets the entry.
    await expect.poll(journalTexts, { timeout: 10_000 }).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('keeps text typed while the host is down in the tab, and offers it after a reload', async () => {
    const running = kladde;
    if (!running) throw new Error('Kladde läuft nicht');
    const file = path.join(library, 'neuer-beitrag', 'index.md');
    await running.kill();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Ohne Verbindung geschrieben.');
    await expect
      .poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 })
      .toContain('Keine Verbindung zu Kladde. Bitte „npm run web“ wieder starten');
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kladde-recovery:'))))
      .toEqual(['kladde-recovery:neuer-beitrag']);
    // Main's journal could not be reached: the text is in this tab only.
    expect(await journalTexts()).toBe('');

    // Reloaded while the host is still down, the tab's last-moment save reaches nobody: only this tab's mirror can
    // bring the text back.
    await page.route('**/api/savePost', (route) => route.abort());
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload().catch(() => undefined);
    kladde = await startKladdeProcess({ library, config });
    await reloadOnceHostIsBack();
    const dialog = page.getByRole('dialog', { name: 'Nicht gespeicherter Text gefunden' });
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('.diff-added').first().textContent()).toContain('Ohne Verbindung geschrieben.');
    await page.unroute('**/api/savePost');
    await dialog.locator('[data-recovery-id="neuer-beitrag"]').getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect.poll(() => readFile(file, 'utf8'), { timeout: 10_000 }).toContain('Ohne Verbindung geschrieben.');
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kladde-recovery:'))))
      .toEqual([]);
  });

  it('a tab left open keeps saving after the host is started again, without a reload', async () => {
    const running = kladde;
    if (!running) throw new Error('Kladde läuft nicht');
    const file = path.join(library, 'neuer-beitrag', 'index.md');
    await running.kill();
    kladde = await startKladdeProcess({ library, config });
    expect(kladde.url).toBe(running.url);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Nach dem Neustart.');
    await expect.poll(() => readFile(file, 'utf8'), { timeout: 10_000 }).toContain('Nach dem Neustart.');
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 5000 }).toBe('Gespeichert');
  });

  it('restores into a new folder when a file now stands where the post’s folder was, and does not ask again', async () => {
    const running = kladde;
    if (!running) throw new Error('Kladde läuft nicht');
    await page.getByRole('button', { name: '+ Neuer Beitrag' }).click();
    await expect.poll(() => page.locator('#f-slug').inputValue()).toBe('neuer-beitrag-2');
    await page.locator('.title-input').fill('Platz belegt');
    await expect.poll(() => page.locator('#f-slug').inputValue()).toBe('platz-belegt');
    await page.locator('.cm-content').click();
    await expect.poll(() => readdir(library), { timeout: 10_000 }).toContain('platz-belegt');
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe('Gespeichert');
    await page.route('**/api/savePost', (route) => route.abort());
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Nur im Journal.');
    await expect.poll(journalTexts, { timeout: 10_000 }).toContain('Nur im Journal.');
    await running.kill();
    // Another program puts a file where the folder was: the post is gone and its place is taken.
    await rm(path.join(library, 'platz-belegt'), { recursive: true, force: true });
    await writeFile(path.join(library, 'platz-belegt'), 'keine Ordner hier');
    kladde = await startKladdeProcess({ library, config });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.unroute('**/api/savePost');
    const dialog = page.getByRole('dialog', { name: 'Nicht gespeicherter Text gefunden' });
    await dialog.waitFor();
    await dialog.locator('[data-recovery-id="platz-belegt"]').getByRole('button', { name: 'Wiederherstellen' }).click();
    const moved = path.join(library, 'platz-belegt-2', 'index.md');
    await expect.poll(() => readFile(moved, 'utf8').catch(() => ''), { timeout: 10_000 }).toContain('Nur im Journal.');
    expect(await readFile(moved, 'utf8')).toContain('title: Platz belegt');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'platz-belegt-2' }).count()).toBeGreaterThan(0);
    // Nothing is left to offer: the next start shows no dialog.
    await expect.poll(journalTexts, { timeout: 10_000 }).not.toContain('Nur im Journal.');
    await page.reload();
    await page.locator('.cm-content').waitFor();
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kladde-recovery:')))).toEqual([]);
    expect(await dialog.count()).toBe(0);
  });
});
