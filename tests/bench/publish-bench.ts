import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BlogView, PublishOutcome } from '../../electron/common/model/blog.js';
import { startKladde, type Kladde, type SeenRequest } from '../support/kladde.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { noisePng } from '../unit/images/tiny-images.js';

const IMAGES = 10;
const POST_ID = 'zehn-bilder';

/** Ten distinct noisy PNGs of 50–200 KB, so the uploads take visible time (noise does not compress). */
function benchImages(): { name: string; bytes: Buffer }[] {
  return Array.from({ length: IMAGES }, (_, i) => {
    const width = 140 + i * 20;
    return { name: `bild-${String(i + 1).padStart(2, '0')}.png`, bytes: noisePng(width, 160, i + 1) };
  });
}

/** A German post showing every image in its body, the first also as featured image, each credited. */
function benchPost(images: { name: string }[]): string {
  const credits = images.flatMap(({ name }, i) => [
    `  ${name}:`,
    `    alt: Rauschen Nummer ${i + 1}`,
    `    author: Rike`,
    `    license: own`,
  ]);
  const body = images.flatMap(({ name }, i) => [`## Abschnitt ${i + 1}`, '', `Ein Absatz über Bild ${i + 1}.`, '', `![Bild ${i + 1}](${name})`, '']);
  return [
    '---',
    'title: Zehn Bilder vom Wochenmarkt',
    `slug: ${POST_ID}`,
    'date: 2024-05-04T09:30:00',
    'status: published',
    'categories: [Alltag]',
    'tags: [Wochenmarkt, Fotos]',
    `image: ${images[0]?.name ?? ''}`,
    'lang: de',
    'images:',
    ...credits,
    '---',
    'Am Samstag auf dem Wochenmarkt: zehn Bilder.',
    '',
    ...body,
  ].join('\n');
}

const number = (value: number, digits: number): string =>
  value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number): string => `${number(ms / 1000, ms < 1000 ? 2 : 1)} s`;
const megabytes = (bytes: number): string => `${number(bytes / 1_000_000, 2)} MB`;

/** „POST media ×10, GET posts ×1“: which routes a publish called, in the order first seen. */
function routes(requests: SeenRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const url = decodeURIComponent(r.url);
    const route = /wp\/v2\/([a-z-]+)/.exec(url)?.[1] ?? (/wp-json\/?$/.test(url) ? 'Index' : url);
    const key = `${r.method} ${route}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} ×${n}`).join(', ');
}

interface Run {
  ms: number;
  requests: SeenRequest[];
  outcome: PublishOutcome;
}

async function timedPublish(kladde: Kladde, blogId: string): Promise<Run> {
  const before = kladde.requests.length;
  const started = performance.now();
  const outcome = await kladde.call<PublishOutcome>('publishPost', POST_ID, blogId, { onConflict: 'ask' });
  const ms = performance.now() - started;
  if (outcome.status !== 'done') throw new Error(`Veröffentlichen fehlgeschlagen: ${JSON.stringify(outcome)}`);
  return { ms, requests: kladde.requests.slice(before), outcome };
}

const uploads = (requests: SeenRequest[]) => requests.filter((r) => r.method === 'POST' && /wp\/v2\/media/.test(decodeURIComponent(r.url)));
const fileBytes = (requests: SeenRequest[]) => requests.reduce((sum, r) => sum + r.fileBytes, 0);
const bodyBytes = (requests: SeenRequest[]) => requests.reduce((sum, r) => sum + r.bodyBytes, 0);

/**
 * Publishing a post with ten credited images to a real WordPress 6.1 on loopback (Debian's PHP and MariaDB, see
 * tests/support/wordpress), through Kladde's IPC handlers with a counting fetch: the first publish (uploads,
 * terms, post) and a second publish without any change, which must send no image bytes.
 */
export async function benchPublish(): Promise<string[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-publish-bench-'));
  const libraryDir = path.join(root, 'bibliothek');
  let wp: WordPressServer | undefined;
  let kladde: Kladde | undefined;
  try {
    wp = await startWordPress();
    const images = benchImages();
    await mkdir(path.join(libraryDir, POST_ID), { recursive: true });
    await writeFile(path.join(libraryDir, POST_ID, 'index.md'), benchPost(images));
    for (const image of images) await writeFile(path.join(libraryDir, POST_ID, image.name), image.bytes);
    const imageBytes = images.reduce((sum, image) => sum + image.bytes.length, 0);

    kladde = await startKladde({ configDir: path.join(root, 'config'), libraryDir });
    const blog = await kladde.call<BlogView>('addBlog', { url: wp.baseUrl });
    await kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: wp.appPassword });
    const problems = await kladde.call<unknown[]>('checkPublish', POST_ID, blog.id);
    if (problems.length > 0) throw new Error(`Der Bench-Beitrag besteht die Prüfung nicht: ${JSON.stringify(problems)}`);

    const first = await timedPublish(kladde, blog.id);
    const second = await timedPublish(kladde, blog.id);
    if (second.outcome.status === 'done' && first.outcome.status === 'done' && second.outcome.remoteId !== first.outcome.remoteId) {
      throw new Error(`Das zweite Veröffentlichen legte einen neuen Beitrag an (${first.outcome.remoteId} → ${second.outcome.remoteId})`);
    }

    const firstUploads = uploads(first.requests);
    const secondUploads = uploads(second.requests);
    return [
      `Veröffentlichen mit ${IMAGES} Bildern (echtes WordPress 6.1 auf 127.0.0.1, Start ${seconds(wp.startup.totalMs)}): ` +
        `erstes Mal ${seconds(first.ms)}, ${first.requests.length} Anfragen ` +
        `(${firstUploads.length} Bild-Uploads, ${megabytes(fileBytes(first.requests))} Bilddaten von ${megabytes(imageBytes)}); ` +
        `zweites Mal ohne Änderung ${seconds(second.ms)}, ${second.requests.length} Anfragen, ` +
        `${secondUploads.length} Bild-Uploads, ${fileBytes(second.requests)} Bild-Bytes`,
      `  erstes Mal: ${routes(first.requests)}; gesendet ${megabytes(bodyBytes(first.requests))}`,
      `  zweites Mal: ${routes(second.requests)}; gesendet ${number(bodyBytes(second.requests) / 1000, 1)} kB`,
    ];
  } finally {
    await kladde?.services.stop();
    await wp?.stop();
    await rm(root, { recursive: true, force: true });
  }
}
