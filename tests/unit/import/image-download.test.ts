import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, platformFetch } from '../../../electron/main/http/http-client.js';
import { downloadImage, ImportCancelled, mediaHash } from '../../../electron/main/import/image-download.js';
import { tinyGif, tinyJpeg, noisePng } from '../images/tiny-images.js';
import { ImageServer } from './support/import-harness.js';

const server = new ImageServer();
const http = new HttpClient({ fetch: platformFetch, timeoutMs: 10_000 });
beforeAll(() => server.start());
afterAll(() => server.stop());

describe('downloadImage', () => {
  it('judges by content, not by the type the server claims', async () => {
    server.answers.set('/gif.jpg', { bytes: tinyGif(), type: 'image/jpeg' });
    const got = await downloadImage(http, { url: server.url('/gif.jpg') });
    expect(got).toMatchObject({ ok: true, type: 'gif', hash: mediaHash(tinyGif()) });
    server.answers.set('/html.jpg', { bytes: new TextEncoder().encode('<html>Anmelden</html>'), type: 'image/jpeg' });
    expect(await downloadImage(http, { url: server.url('/html.jpg') })).toEqual({ ok: false, message: `${server.url('/html.jpg')} ist kein Bild (erkannt werden JPEG, PNG, GIF, WebP und AVIF – nach dem Inhalt).` });
  });

  it('refuses what is larger than the limit without keeping it', async () => {
    server.answers.set('/gross.png', { bytes: noisePng(200, 200, 7), type: 'image/png' });
    const got = await downloadImage(http, { url: server.url('/gross.png') }, { maxBytes: 10_000 });
    expect(got).toEqual({ ok: false, message: `Das Bild ${server.url('/gross.png')} ist größer als 10 KB.` });
  });

  it('tries the address the post used when the original is gone, and names the last failure', async () => {
    server.answers.set('/a-300x200.jpg', { bytes: tinyJpeg('a') });
    expect(await downloadImage(http, { url: server.url('/a.jpg'), fallbackUrl: server.url('/a-300x200.jpg') })).toMatchObject({ ok: true, from: server.url('/a-300x200.jpg') });
    server.answers.set('/kaputt.jpg', { status: 500 });
    expect(await downloadImage(http, { url: server.url('/weg.jpg'), fallbackUrl: server.url('/kaputt.jpg') })).toEqual({
      ok: false,
      message: `Das Bild ${server.url('/kaputt.jpg')} ließ sich nicht laden (Status 500).`,
    });
    expect(await downloadImage(http, { url: 'file:///etc/passwd' })).toEqual({ ok: false, message: 'Die Bildadresse „file:///etc/passwd“ ist keine http(s)-Adresse.' });
    expect(await downloadImage(http, { url: 'http://127.0.0.1:1/x.jpg' })).toEqual({ ok: false, message: 'Das Bild http://127.0.0.1:1/x.jpg ist nicht erreichbar.' });
  });

  it('a cancel is no missing image but a cancel', async () => {
    server.answers.set('/haengt.jpg', { hold: new Promise<void>(() => undefined), bytes: tinyJpeg('x') });
    const controller = new AbortController();
    const pending = downloadImage(http, { url: server.url('/haengt.jpg') }, { signal: controller.signal });
    while (server.count('/haengt.jpg') === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(ImportCancelled);
  });
});
