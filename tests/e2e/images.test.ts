import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyPng } from '../unit/images/tiny-images.js';
import { SCREENSHOT_DIR } from './support/kladde.js';
import { useAppInBrowser } from './support/app-in-browser.js';

const file = () => path.join(app.kladde.library, 'bilder', 'index.md');

const POST = `---\ntitle: \"Social Media: Unvergleichlich\"\nslug: bilder\ndate: 2013-01-03T10:00:00\nstatus: draft\nlang: de\n---\n\nEin Absatz vor dem Bild.\n\nEin Absatz danach.\n`;

/** Drops (or pastes) a PNG file into the editor the way Chromium delivers it from the file manager. */
async function deliver(kind: 'drop' | 'paste', name: string, bytes: Buffer, line: string): Promise<void> {
  const target = app.page.locator('.cm-line', { hasText: line }).first();
  const box = await target.boundingBox();
  if (!box) throw new Error(`Zeile „${line}“ nicht sichtbar`);
  if (kind === 'paste') {
    await target.click();
    await app.page.keyboard.press('End');
  }
  await app.page.evaluate(
    ({ kind, name, data, x, y }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'image/png' }));
      const content = document.querySelector('.cm-content') as HTMLElement;
      if (kind === 'drop') {
        content.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true, clientX: x, clientY: y }));
        content.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, clientX: x, clientY: y }));
      } else {
        content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }
    },
    { kind, name, data: bytes.toString('base64'), x: box.x + box.width - 2, y: box.y + box.height / 2 },
  );
}

const app = useAppInBrowser({
  seed: async (library) => {
    await mkdir(path.join(library, 'bilder'));
    await writeFile(file(), POST);
  },
  open: { id: 'bilder', title: 'Social Media: Unvergleichlich' },
});

describe('images with credits', () => {
  it('copies a dropped image into the post folder, inserts it and opens its credit form', async () => {
    await deliver('drop', 'Sonnenuntergang über Köln.png', tinyPng(40, 30), 'Ein Absatz vor dem Bild.');
    await expect.poll(() => readFile(file(), 'utf8'), { timeout: 8000 }).toContain('![](sonnenuntergang-ueber-koeln.png)');
    expect((await readFile(path.join(app.kladde.library, 'bilder', 'sonnenuntergang-ueber-koeln.png'))).length).toBeGreaterThan(0);
    await expect.poll(() => app.page.getByTestId('credit-form').count()).toBe(1);
    await expect.poll(() => app.page.getByTestId('images-tab').textContent()).toContain('1 unvollständig');
    await expect.poll(() => app.page.locator('.status-bar').textContent()).toContain('1 Bild ohne vollständigen Bildnachweis');
  });

  it('fills the credit from the pixelio preset: the preview shows the figure with its caption, index.md holds the fields', async () => {
    await app.page.locator('#c-license').selectOption('pixelio');
    await app.page.locator('#c-author').fill('Rike');
    await app.page.locator('#c-alt').fill('Sonnenuntergang über dem Rhein');
    await expect.poll(() => app.page.getByTestId('credit-line').textContent()).toBe('Bild: Rike / pixelio.de');
    const figure = app.page.locator('.k-article figure');
    await expect.poll(() => figure.locator('figcaption').textContent()).toBe('Bild: Rike / pixelio.de');
    expect(await figure.locator('figcaption a').getAttribute('href')).toMatch(/^https?:\/\/(www\.)?pixelio\.de/);
    expect(await figure.locator('img').getAttribute('alt')).toBe('Sonnenuntergang über dem Rhein');
    // The preview loads the local file through the web host's media route.
    await expect.poll(() => figure.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(40);
    await expect.poll(() => app.page.getByTestId('images-tab').textContent()).toBe('Bilder (1)');
    await expect.poll(() => readFile(file(), 'utf8'), { timeout: 5000 }).toMatch(/images:\n {2}sonnenuntergang-ueber-koeln\.png:\n(?: {4}.+\n)+/);
    const text = await readFile(file(), 'utf8');
    expect(text).toContain('author: Rike');
    expect(text).toContain('license: pixelio');
    expect(text).toContain('source: pixelio.de');
    expect(text).toContain('alt: Sonnenuntergang über dem Rhein');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'bildnachweis.png') });
  });

  it('takes a pasted image as well and stores identical content once', async () => {
    await deliver('paste', 'image.png', tinyPng(40, 30), 'Ein Absatz danach.');
    await expect.poll(() => readFile(file(), 'utf8'), { timeout: 8000 }).toMatch(/!\[\]\(sonnenuntergang-ueber-koeln\.png\)[\s\S]*Ein Absatz danach\.\n\n!\[\]\(sonnenuntergang-ueber-koeln\.png\)/);
    await deliver('paste', 'Zweites Bild.png', tinyPng(20, 20, [10, 120, 30]), 'Ein Absatz danach.');
    await expect.poll(() => readFile(file(), 'utf8'), { timeout: 8000 }).toContain('![](zweites-bild.png)');
  });

  it('puts the featured image’s credit into the body', async () => {
    await app.page.locator('.image-thumb[data-image="zweites-bild.png"]').click();
    await app.page.locator('#c-license').selectOption('cc-by-4.0');
    await app.page.locator('#c-title').fill('Wiese');
    await app.page.locator('#c-author').fill('Max Muster');
    await app.page.locator('#c-sourceUrl').fill('https://example.org/wiese');
    await app.page.locator('#c-alt').fill('Eine grüne Wiese');
    await app.page.getByRole('button', { name: 'Als Beitragsbild verwenden' }).click();
    await expect.poll(() => readFile(file(), 'utf8'), { timeout: 5000 }).toContain('image: zweites-bild.png');
    // Remove the body reference: the featured image's credit must still be visible in the body.
    const text = await readFile(file(), 'utf8');
    await app.page.locator('.cm-content').evaluate(() => undefined);
    await writeFile(file(), text.replace('![](zweites-bild.png)\n', ''));
    await expect.poll(() => app.page.locator('.k-article .k-credit-line').textContent(), { timeout: 8000 }).toContain('Max Muster');
    expect(await app.page.locator('.k-article .k-credit-line').textContent()).toContain('CC BY 4.0');
  });

  it('refuses a file that is not an image, whatever its name', async () => {
    await deliver('drop', 'kein-bild.png', Buffer.from('Das ist nur Text, kein PNG.'), 'Ein Absatz vor dem Bild.');
    await expect.poll(() => app.page.locator('.banner-error').textContent(), { timeout: 5000 }).toContain('kein-bild.png');
    expect(await readFile(file(), 'utf8')).not.toContain('kein-bild');
  });
});
