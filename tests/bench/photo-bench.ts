import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_BLOG_IMAGES, type BlogView, type PublishOutcome } from '../../electron/common/model/blog.js';
import { processForUpload } from '../../electron/main/images/upload-processing.js';
import { mediaPosts, startKladde, type Kladde, type SeenRequest } from '../support/kladde.js';
import { CAMERA_TAGS, writePhoto, writeTags } from '../support/photos.js';
import { startWordPress, WordPressUnavailableError, type WordPressServer } from '../support/wordpress/index.js';

const PHOTOS = 10;
const POST_ID = 'zehn-fotos';

const number = (value: number, digits: number): string => value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number): string => `${number(ms / 1000, 1)} s`;
const megabytes = (bytes: number): string => `${number(bytes / 1_000_000, 1)} MB`;

/** Ten camera-like JPEGs of about 5 MB (4000×3000, quality 97) with GPS, serials and credits, each different. */
async function writePhotos(dir: string): Promise<{ names: string[]; bytes: number }> {
  const names: string[] = [];
  let bytes = 0;
  for (let i = 0; i < PHOTOS; i++) {
    const name = `foto-${String(i + 1).padStart(2, '0')}.jpg`;
    const file = path.join(dir, name);
    await writePhoto(file, 4000, 3000, i + 1, 97);
    await writeTags(file, CAMERA_TAGS);
    bytes += (await readFile(file)).byteLength;
    names.push(name);
  }
  return { names, bytes };
}

function post(names: string[]): string {
  const credits = names.flatMap((name, i) => [`  ${name}:`, `    alt: Foto ${i + 1}`, '    author: Rike Kopf', '    license: own']);
  const body = names.flatMap((name, i) => [`![Foto ${i + 1}](${name})`, '']);
  return ['---', 'title: Zehn Fotos vom Wochenmarkt', `slug: ${POST_ID}`, 'status: draft', 'images:', ...credits, '---', ...body].join('\n');
}

async function timedPublish(kladde: Kladde, blogId: string): Promise<{ ms: number; requests: SeenRequest[] }> {
  const before = kladde.requests.length;
  const started = performance.now();
  const outcome = await kladde.call<PublishOutcome>('publishPost', POST_ID, blogId, { onConflict: 'ask' });
  const ms = performance.now() - started;
  if (outcome.status !== 'done') throw new Error(`Veröffentlichen fehlgeschlagen: ${JSON.stringify(outcome)}`);
  return { ms, requests: kladde.requests.slice(before) };
}

const sent = (requests: SeenRequest[]) => mediaPosts(requests).reduce((sum, r) => sum + r.fileBytes, 0);

/**
 * Ten 5 MB photos to a real WordPress 6.1 on loopback (tests/support/wordpress): the first publish with the
 * default image settings (2560 px, quality 82, position removed), the same post again without change (nothing
 * sent), and once more with shrinking switched off (every original sent) for comparison. Without a startable
 * WordPress it measures the processing alone, in memory, and says so.
 */
export async function benchPhotos(): Promise<string[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-photo-bench-'));
  const libraryDir = path.join(root, 'bibliothek');
  const dir = path.join(libraryDir, POST_ID);
  let wp: WordPressServer | undefined;
  let kladde: Kladde | undefined;
  try {
    await mkdir(dir, { recursive: true });
    const { names, bytes } = await writePhotos(dir);
    await writeFile(path.join(dir, 'index.md'), post(names));
    const head = `${PHOTOS} Fotos (4000×3000, zusammen ${megabytes(bytes)})`;
    try {
      wp = await startWordPress();
    } catch (error) {
      if (!(error instanceof WordPressUnavailableError)) throw error;
      return processingOnly(dir, names, bytes, head, error.message);
    }
    kladde = await startKladde({ configDir: path.join(root, 'config'), libraryDir });
    const blog = await kladde.call<BlogView>('addBlog', { url: wp.baseUrl });
    await kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: wp.appPassword });

    const shrunk = await timedPublish(kladde, blog.id);
    const again = await timedPublish(kladde, blog.id);
    await kladde.call('updateBlog', blog.id, { images: { ...DEFAULT_BLOG_IMAGES, shrink: false, stripLocation: false } });
    const originals = await timedPublish(kladde, blog.id);
    const share = (sent(shrunk.requests) / bytes) * 100;
    return [
      `${head} an echtes WordPress 6.1 auf 127.0.0.1 (REST):`,
      `  verkleinert (2560 px, Qualität 82, ohne Standort): ${megabytes(sent(shrunk.requests))} gesendet statt ${megabytes(bytes)} (${number(share, 0)} %), ${seconds(shrunk.ms)}`,
      `  noch einmal ohne Änderung: ${mediaPosts(again.requests).length} Bild-Uploads, ${sent(again.requests)} Bild-Bytes, ${seconds(again.ms)}`,
      `  zum Vergleich unverändert (Verkleinern aus): ${megabytes(sent(originals.requests))} gesendet, ${seconds(originals.ms)}`,
    ];
  } finally {
    await kladde?.services.stop();
    await wp?.stop();
    await rm(root, { recursive: true, force: true });
  }
}

/** Without WordPress: what processing alone costs and saves (no network, no blog). */
async function processingOnly(dir: string, names: string[], bytes: number, head: string, why: string): Promise<string[]> {
  let out = 0;
  const started = performance.now();
  for (const name of names) out += (await processForUpload(await readFile(path.join(dir, name)), 'jpeg', DEFAULT_BLOG_IMAGES)).bytes.byteLength;
  const ms = performance.now() - started;
  return [
    `${head}, NUR Verarbeitung ohne Blog (WordPress nicht startbar: ${why}):`,
    `  verkleinert auf ${megabytes(out)} statt ${megabytes(bytes)} (${number((out / bytes) * 100, 0)} %), ${seconds(ms)}`,
  ];
}
