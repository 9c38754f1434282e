import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { pdfText } from '../support/pdf-text.js';
import { unzip } from '../support/unzip.js';
import { POST_ID, seedExportPost } from '../unit/export/export-fixture.js';
import { useAppInBrowser } from './support/app-in-browser.js';
import { SCREENSHOT_DIR } from './support/kladde.js';

// Issue 12 „Export“, done when: a post with a credited image exported as HTML opens in a NEW browser page without any
// network, its images load and the credits are there; its PDF holds the text; the library ZIP holds the posts.
// Up to 8 helpers share 2 cores: starting the host and Chromium can take minutes, never a reason to fail.
vi.setConfig({ hookTimeout: 600_000 });
const app = useAppInBrowser({ seed: seedExportPost, open: { id: POST_ID, title: 'Hafen im Januar' } });
const LONG = 60_000;

let out: string;
/** A second Chromium, offline, with every http(s) request refused and recorded. */
let offline: Awaited<ReturnType<typeof launchChromium>>;
const networkTried: string[] = [];

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'kladde-e2e-export-'));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  offline = await launchChromium();
  await offline.context.setOffline(true);
  await offline.context.route(/^(https?|wss?):/, (route) => {
    networkTried.push(route.request().url());
    return route.abort();
  });
});
afterAll(async () => {
  await offline?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const dialog = () => app.page.getByRole('dialog', { name: 'Exportieren' });

async function openDialog(kind: RegExp): Promise<void> {
  if ((await dialog().count()) === 0) await app.page.getByTestId('export-button').click();
  await dialog().getByRole('radio', { name: kind }).check();
}

async function exportDownload(file: string): Promise<string> {
  const [download]: [Download, void] = await Promise.all([
    app.page.waitForEvent('download', { timeout: LONG }),
    dialog().getByRole('button', { name: 'Exportieren', exact: true }).click(),
  ]);
  const target = path.join(out, file);
  await download.saveAs(target);
  await expect.poll(() => dialog().getByTestId('export-status').textContent(), { timeout: LONG }).toContain('Heruntergeladen:');
  return target;
}

/** Opens a file in the offline browser and waits until every image has loaded or failed. */
async function openOffline(file: string): Promise<Page> {
  const page = await offline.context.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => [...document.images].every((i) => i.complete), undefined, { timeout: LONG });
  return page;
}

async function imageWidths(page: Page): Promise<number[]> {
  return page.evaluate(() => [...document.images].map((i) => i.naturalWidth));
}

describe('export in the browser', () => {
  it('exports the post as one HTML file that opens offline with its images and credits', { timeout: 3 * LONG }, async () => {
    await openDialog(/Beitrag als HTML/);
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'export-dialog.png') });
    const file = await exportDownload('hafen.html');
    expect(path.basename(file)).toBe('hafen.html');
    const page = await openOffline(file);
    expect(await page.title()).toBe('Hafen im Januar');
    // The featured image on top (40×30) and the figure in the body (24×16), both from data: URLs.
    expect(await imageWidths(page)).toEqual([40, 24]);
    const caption = await page.locator('figcaption').textContent();
    expect(caption).toContain('Das Boot im Hafen');
    expect(caption).toContain('Bild: Max Muster / pixelio.de');
    expect(await page.locator('.k-credit-line').textContent()).toBe('Bild: Rike / pixelio.de');
    // No script ran and nothing was fetched from the network.
    expect(networkTried).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'export-offline.png'), fullPage: true });

    // Chromium's print path (the engine of Electron's printToPDF) turns the same page into a PDF with its text.
    const pdf = path.join(out, 'hafen.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Hafen im Januar');
    expect(text).toContain('Ein Text über den Hafen im Januar.');
    expect(text).toContain('Bild: Max Muster / pixelio.de');
    expect(text).toContain('Bild: Rike / pixelio.de');
    await page.close();
  });

  it('exports the post as a folder (a ZIP in the browser) whose page finds its images beside it', { timeout: 3 * LONG }, async () => {
    await openDialog(/Beitrag als HTML/);
    await dialog().getByRole('radio', { name: /Bilder daneben/ }).check();
    const zip = await exportDownload('hafen-ordner.zip');
    const entries = await unzip(zip);
    expect([...entries.keys()].sort()).toEqual([`${POST_ID}/bilder/boot mit segel.png`, `${POST_ID}/hafen.png`, `${POST_ID}/index.html`]);
    const folder = path.join(out, 'entpackt');
    for (const [name, bytes] of entries) {
      await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
      await writeFile(path.join(folder, name), bytes);
    }
    const page = await openOffline(path.join(folder, POST_ID, 'index.html'));
    expect(await imageWidths(page)).toEqual([40, 24]);
    expect(await page.locator('figcaption').textContent()).toContain('Max Muster');
    expect(networkTried).toEqual([]);
    await page.close();
    await dialog().getByRole('radio', { name: /Bilder in die Datei einbetten/ }).check();
  });

  it('PDF: opens the exported page in a new tab to print it', { timeout: 3 * LONG }, async () => {
    await openDialog(/Beitrag als PDF/);
    expect(await dialog().textContent()).toContain('Als PDF speichern');
    const [tab] = await Promise.all([
      app.page.context().waitForEvent('page', { timeout: LONG }),
      dialog().getByRole('button', { name: 'Exportieren', exact: true }).click(),
    ]);
    await tab.waitForLoadState('load', { timeout: LONG });
    expect(await tab.locator('h1').textContent()).toBe('Hafen im Januar');
    await tab.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0), undefined, { timeout: LONG });
    expect(await tab.locator('.k-credit-line').textContent()).toBe('Bild: Rike / pixelio.de');
    await expect.poll(() => dialog().getByTestId('export-status').textContent(), { timeout: LONG }).toContain('Druckansicht');
    await tab.close();
  });

  it('backs up the library as a ZIP holding every post with its images', { timeout: 3 * LONG }, async () => {
    await openDialog(/Bibliothek als ZIP/);
    const zip = await exportDownload('sicherung.zip');
    const entries = await unzip(zip);
    const names = [...entries.keys()];
    expect(names).toContain('Bibliothek/hafen-im-januar/index.md');
    expect(names).toContain('Bibliothek/hafen-im-januar/bilder/boot mit segel.png');
    expect(names).toContain('Bibliothek/willkommen-in-kladde/index.md');
    expect(names).toContain('Bibliothek/.kladde/woerterbuch.txt');
    expect(names).not.toContain('Bibliothek/.kladde/liste.json');
    expect(entries.get('Bibliothek/hafen-im-januar/index.md')).toEqual(await readFile(path.join(app.kladde.library, POST_ID, 'index.md')));
    expect(await dialog().getByTestId('export-status').textContent()).toMatch(/Heruntergeladen: Bibliothek-\d{4}-\d{2}-\d{2}\.zip/);
    expect(app.pageErrors).toEqual([]);
  });
});
