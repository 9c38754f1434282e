import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tinyJpeg, tinyPng } from '../unit/images/tiny-images.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const POSTS = 1000;

/** A distinct small real image per post: JPEGs with their own comment, PNGs with their own colour. */
export function image(i: number): { bytes: Buffer; ext: string } {
  return i % 2 === 0 ? { bytes: tinyJpeg(`Bild ${i} `.repeat(20)), ext: 'jpg' } : { bytes: tinyPng(4, 4, [i % 256, (i >> 8) % 256, 77]), ext: 'png' };
}

/** Writes a WXR 1.2 export of `n` classic posts, each with a captioned image (a resized copy) and its attachment. */
export async function writeExport(file: string, base: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench-Blog</title><link>${base}</link><language>de-DE</language><wp:wxr_version>1.2</wp:wxr_version>
`);
  for (let i = 0; i < n; i++) {
    const { ext } = image(i);
    const full = `${base}/wp-content/uploads/2024/05/bild-${i}.${ext}`;
    const small = `${base}/wp-content/uploads/2024/05/bild-${i}-300x200.${ext}`;
    const content = `Ein Absatz über Beitrag ${i} mit „Anführungszeichen“ &amp; Umlauten: Grüße aus Köln.

[caption id="attachment_${100000 + i}" align="alignnone" width="300"]<img class="size-medium wp-image-${100000 + i}" src="${small}" alt="Bild ${i}" width="300" height="200" /> Bild: Rike/ pixelio.de[/caption]

Zweiter Absatz mit <strong>fett</strong> und <a href="https://example.org/">Link</a>.
Eine Zeile darunter.`;
    await write(`<item><title><![CDATA[Beitrag Nummer ${i}]]></title><link>${base}/beitrag-${i}/</link><dc:creator><![CDATA[anna]]></dc:creator>
<content:encoded><![CDATA[${content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${i + 1}</wp:post_id><wp:post_date><![CDATA[2024-05-01 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-05-01 08:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[beitrag-${i}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="reisen"><![CDATA[Reisen]]></category></item>
<item><title><![CDATA[bild-${i}]]></title><wp:post_id>${100000 + i}</wp:post_id><wp:post_type><![CDATA[attachment]]></wp:post_type><wp:status><![CDATA[inherit]]></wp:status>
<wp:attachment_url><![CDATA[${full}]]></wp:attachment_url></item>
`);
  }
  await write('</channel>\n</rss>\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/**
 * Importing a 1,000-post WordPress export with 1,000 images served on loopback, in a fresh process: time,
 * posts per second, peak RSS (targets ≤ 60 s, ≤ 300 MB), and the image bytes an unchanged publish would send (0).
 */
export async function benchImport(): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-bench-import-'));
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const m = /\/bild-(\d+)\.(jpg|png)$/.exec((req.url ?? '').split('?')[0] ?? '');
    const i = m ? Number(m[1]) : -1;
    if (i < 0 || i >= POSTS) return void res.writeHead(404).end();
    const { bytes, ext } = image(i);
    res.writeHead(200, { 'content-type': ext === 'jpg' ? 'image/jpeg' : 'image/png', 'content-length': bytes.byteLength }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const file = path.join(dir, 'export.xml');
    await writeExport(file, base, POSTS);
    await mkdir(path.join(dir, 'config'));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'import-once.ts'), file, path.join(dir, 'Bibliothek'), path.join(dir, 'config'), 'bench-blog'], {
      maxBuffer: 1024 * 1024,
    });
    const r = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      ms: number;
      cpuMs: number;
      state: string;
      message: string | null;
      outcomes: Record<string, number>;
      missing: number;
      peak: number;
      images: number;
      imageBytesToSend: number;
    };
    const seconds = r.ms / 1000;
    const mb = r.peak / (1024 * 1024);
    const ok = (good: boolean) => (good ? 'erreicht' : 'VERFEHLT');
    return [
      `WXR-Import ${POSTS} Beiträge mit ${POSTS} Bildern (Loopback): ${seconds.toFixed(1)} s, ${(POSTS / seconds).toFixed(0)} Beiträge/s (Ziel ≤ 60 s: ${ok(seconds <= 60)}); ` +
        `Spitze RSS ${mb.toFixed(0)} MB (Ziel ≤ 300 MB: ${ok(mb <= 300)}); CPU-Zeit ${(r.cpuMs / 1000).toFixed(1)} s`,
      `  Ergebnis: ${r.state}${r.message ? ` (${r.message})` : ''}, ${Object.entries(r.outcomes).map(([k, v]) => `${v} ${k}`).join(', ')}; ${r.missing} Bilder fehlen; ${requests} Bildanfragen`,
      `  Unverändert zurück veröffentlichen: ${r.imageBytesToSend} Bild-Bytes zu senden (${r.images} Bilder im Blog bekannt)`,
    ];
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
