import { mkdir, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../electron/common/ipc/limits.js';
import { launchChromium } from '../support/browser.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

// TEMPORARY (drop at merge, with electron/main/ipc/import-handlers.temp.ts): the „Beiträge holen“ dialog against
// the stand-in handlers — 27 fake posts, a job that gives every outcome — to see and drive each step before the
// real ImportService exists. tests/e2e/import.test.ts is the real test against WordPress.
let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `import-temp-${name}.png`) });
const dialog = () => page.getByRole('dialog', { name: 'Beiträge holen' });

beforeAll(async () => {
  kladde = await startKladde();
  const blogs = kladde.services.publishing.blogs;
  const added = await blogs.add({
    kind: 'wordpress-xmlrpc',
    name: 'Rikes Blog',
    url: 'https://rike.example/',
    apiRoot: 'https://rike.example/xmlrpc.php',
    user: 'rike',
    site: '1',
    authorizeUrl: null,
    defaultStatus: 'draft',
    defaultCategory: '',
    output: 'blocks',
  });
  await kladde.services.publishing.credentials.set(added.id, 'geheim');
  await blogs.add({ kind: 'wordpress', name: 'Altes Blog', url: 'https://alt.example/', apiRoot: 'https://alt.example/wp-json/', user: '', site: '', authorizeUrl: null, defaultStatus: 'draft', defaultCategory: '', output: 'blocks' });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(kladde.url);
  await page.locator('.cm-content').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
});

describe('„Beiträge holen“ against the temporary handlers', () => {
  it('opens from the library with the signed-in blog chosen, and Escape closes it', async () => {
    await page.getByRole('button', { name: 'Beiträge holen …' }).click();
    await expect.poll(() => dialog().getByRole('radio', { name: /Rikes Blog/ }).isChecked()).toBe(true);
    expect(await dialog().getByRole('radio', { name: /Altes Blog/ }).isDisabled()).toBe(true);
    expect(await dialog().textContent()).toContain('nicht angemeldet');
    await shot('1-quelle');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
  });

  it('checks the chosen export in the browser and refuses one too large, naming the command line', async () => {
    await page.getByRole('button', { name: 'Beiträge holen …' }).click();
    await dialog().getByRole('radio', { name: /WordPress-Exportdatei/ }).check();
    expect(await dialog().getByRole('button', { name: 'Holen' }).isDisabled()).toBe(true);
    await dialog().getByRole('checkbox', { name: 'Bilder jetzt herunterladen' }).uncheck();
    expect(await dialog().textContent()).toContain('Aus: Die Bilder bleiben erst im Blog verlinkt');

    const notXml = page.waitForEvent('filechooser');
    await dialog().getByRole('button', { name: 'Datei wählen …' }).click();
    await (await notXml).setFiles({ name: 'notizen.txt', mimeType: 'text/plain', buffer: Buffer.from('Hallo') });
    const alert = dialog().getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Das ist keine XML-Datei.');

    // A sparse file: as large as the browser mode refuses, without writing 80 MB.
    const big = path.join(kladde.configDir, 'riesig.xml');
    await writeFile(big, '');
    await truncate(big, MAX_BODY_BYTES + 1024);
    const tooLarge = page.waitForEvent('filechooser');
    await dialog().getByRole('button', { name: 'Datei wählen …' }).click();
    await (await tooLarge).setFiles(big);
    await expect.poll(() => alert.textContent()).toContain('im Browser nimmt Kladde höchstens 80 MB an');
    expect(await alert.textContent()).toContain(`npx kladde import "riesig.xml" --library "${kladde.library}"`);
    await shot('1-wxr-zu-gross');
  });

  it('lists the blog’s posts page by page, searches, and fetches the chosen ones with every outcome', async () => {
    await dialog().getByRole('radio', { name: /Rikes Blog/ }).check();
    await dialog().getByRole('button', { name: 'Weiter' }).click();
    const rows = dialog().locator('.import-post');
    await expect.poll(() => rows.count()).toBe(20);
    expect(await dialog().textContent()).toContain('27 Beiträge im Blog');
    expect(await dialog().textContent()).toContain('Seite 1 von 2');
    expect(await rows.first().textContent()).toContain('1. Januar 2013');
    expect(await rows.nth(3).textContent()).toContain('Entwurf');
    await shot('2-liste');

    await dialog().getByRole('button', { name: 'Nächste →' }).click();
    await expect.poll(() => rows.count()).toBe(7);
    await dialog().getByRole('button', { name: '← Vorherige' }).click();
    await expect.poll(() => rows.count()).toBe(20);

    await dialog().getByRole('searchbox', { name: 'Im Blog suchen' }).fill('Nummer 2');
    await expect.poll(() => rows.count()).toBe(9); // Nummer 2, 20–27
    await dialog().getByRole('searchbox', { name: 'Im Blog suchen' }).fill('');
    await expect.poll(() => rows.count()).toBe(20);

    for (let i = 0; i < 7; i++) await rows.nth(i).getByRole('checkbox').check();
    await dialog().getByRole('button', { name: 'Ausgewählte holen (7)' }).click();
    await expect.poll(() => page.getByTestId('import-count').textContent()).toMatch(/^\d von 7 Beiträgen$/);
    await shot('3-fortschritt');

    const summary = page.getByTestId('import-summary');
    await expect.poll(() => summary.count(), { timeout: 20_000 }).toBe(1);
    const counts = await dialog().locator('.import-counts li').allTextContents();
    expect(counts).toEqual(['3 Beiträge neu', '1 Beitrag aktualisiert', '1 Beitrag unverändert', '1 Beitrag lokal geändert', '1 Beitrag fehlgeschlagen']);
    expect(await summary.textContent()).toContain('Der Blog hat mit einem Fehler geantwortet (500).');
    expect(await summary.textContent()).toContain('2 Bilder liegen noch im Blog.');
    await shot('3-ergebnis');
  });

  it('overwrites the locally changed post on request', async () => {
    await dialog().getByRole('button', { name: 'Trotzdem überschreiben' }).click();
    await expect.poll(() => dialog().locator('.import-counts li').allTextContents(), { timeout: 20_000 }).toEqual(['1 Beitrag aktualisiert']);
  });

  it('cancels a running import with Escape and keeps what came', async () => {
    await dialog().getByRole('button', { name: 'Weitere holen …' }).click();
    await dialog().getByRole('button', { name: 'Weiter' }).click();
    await dialog().getByRole('button', { name: 'Alle holen' }).click();
    await expect.poll(() => page.getByTestId('import-count').textContent()).toMatch(/^[1-9] von 27 Beiträgen$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 20_000 }).toContain('Abgebrochen.');
    expect(await dialog().count()).toBe(1);
  });

  it('opens a fetched post in the editor with a click, and the library lists it', async () => {
    const row = dialog().locator('button.import-result').first();
    const title = (await row.locator('.import-result-title').textContent()) ?? '';
    await row.click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe(title);
    await expect.poll(() => page.locator('.post-list').textContent()).toContain(title);
  });

  it('is reachable from a connected blog in the blogs dialog, straight to its posts', async () => {
    await page.getByRole('button', { name: /Einstellungen/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Blogs verwalten' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /Rikes Blog/ }).click();
    await shot('0-blogs-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Beiträge holen …' }).click();
    await expect.poll(() => dialog().locator('.import-post').count()).toBe(20);
    expect(await dialog().textContent()).toContain('Beiträge aus Rikes Blog');
  });

  it('works with the keyboard alone', async () => {
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    await page.getByRole('button', { name: 'Beiträge holen …' }).focus();
    await page.keyboard.press('Enter');
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.tagName ?? ''}:${el?.getAttribute('type') ?? ''}:${el?.textContent ?? ''}:${(el as HTMLInputElement | null)?.value ?? ''}`;
    });
    await expect.poll(focused).toBe('INPUT:radio::rike-example');
    const tabTo = async (text: string) => {
      for (let i = 0; i < 40 && !(await focused()).includes(text); i++) await page.keyboard.press('Tab');
      expect(await focused()).toContain(text);
    };
    await tabTo('Weiter');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/^INPUT:search:/);
    await page.keyboard.type('Nummer 2');
    await expect.poll(() => dialog().locator('.import-post').count()).toBe(9);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo('Ausgewählte holen (9)');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toContain('Abbrechen');
    await expect.poll(() => page.getByTestId('import-summary').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(focused).toContain('Schließen');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().count()).toBe(0);
  });
});
