import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { open, readdir, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_BODY_BYTES } from '../../common/ipc/limits.js';
import { postProblems, type PostProblem } from '../../common/markdown/image-problems.js';
import type { ImageMetadata, ImageType, ImportedImage, PostImageFile } from '../../common/model/images.js';
import { KladdeError } from '../../common/result.js';
import type { LibraryPaths } from '../posts/library-paths.js';
import { numberedName, safeImageStem } from './file-names.js';
import { readImageMetadata } from './image-metadata.js';
import { EXTENSION, MIME, SNIFF_BYTES, sniffImage } from './image-type.js';

export interface ImageServiceOptions {
  /** Largest file taken from disk; default 256 MB. */
  maxFileBytes?: number;
}

/** A local file the preview may show, found and checked by {@link ImageService.resolveMedia}. */
export interface MediaFile {
  /** Real path (symlinks resolved), inside the post's own folder. */
  path: string;
  mime: string;
  size: number;
  modifiedMs: number;
}

// The same limit as an upload through either transport: what goes in by bytes also goes in by path.
const DEFAULT_MAX_FILE = MAX_BODY_BYTES;
const CHUNK = 1024 * 1024;
const MAX_DEPTH = 4;
const MAX_FILES = 5000;
/** SVG is served to the preview (a user may have put one there) but can never run script or load anything. */
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * A post's images on disk: taking files in (by content, under a safe name, each content once), listing them,
 * reading their metadata, and serving them to the preview confined to the post's own folder.
 * Knows nothing of Electron: the window's drop/paste/dialog handlers and the web host call it alike.
 */
export class ImageService {
  private readonly maxFileBytes: number;
  /** Hashes of files already read, valid while size and mtime are unchanged. */
  private readonly hashes = new Map<string, { size: number; mtimeMs: number; hash: string }>();
  /** One import at a time per post, so two drops cannot pick the same free name. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly paths: LibraryPaths,
    options: ImageServiceOptions = {},
  ) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE;
  }

  /** The content security policy to send with a served image. */
  static readonly mediaCsp = SVG_CSP;

  /**
   * Copies an image file from disk (drag and drop, file dialog) into the post's folder, streaming, so a 50 MB
   * photo does not block the event loop. `displayName` names the file in messages and suggests the stored name.
   */
  async importFromPath(postId: string, source: string, displayName = path.basename(source)): Promise<ImportedImage> {
    const info = await stat(source).catch(() => null);
    if (!info?.isFile()) throw new KladdeError('not-found', `„${displayName}“ wurde nicht gefunden oder ist keine Datei.`);
    if (info.size > this.maxFileBytes) throw tooLarge(displayName, this.maxFileBytes);
    const head = await readHead(source);
    const type = imageTypeOf(head, displayName, info.size);
    return this.store(postId, type, displayName, () => createReadStream(source, { highWaterMark: CHUNK }));
  }

  /** Stores image bytes (paste, upload from the browser) in the post's folder. */
  async importFromBytes(postId: string, bytes: Uint8Array, suggestedName: string): Promise<ImportedImage> {
    if (bytes.byteLength > this.maxFileBytes) throw tooLarge(suggestedName, this.maxFileBytes);
    const type = imageTypeOf(bytes.subarray(0, SNIFF_BYTES), suggestedName, bytes.byteLength);
    // Written in chunks through the same stream as a file, so hashing never holds the event loop for long.
    return this.store(postId, type, suggestedName, () => Readable.from(chunks(bytes)));
  }

  private async store(postId: string, type: ImageType, suggestedName: string, source: () => Readable): Promise<ImportedImage> {
    return this.exclusive(postId, async () => {
      const dir = await this.postFolder(postId);
      const temp = path.join(dir, `.kladde-import-${randomBytes(6).toString('hex')}.tmp`);
      let hash: string;
      let size: number;
      try {
        ({ hash, size } = await copyHashing(source(), temp, this.maxFileBytes, suggestedName));
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
      try {
        const existing = await this.findByHash(dir, hash, size);
        let name: string;
        let reused = false;
        if (existing) {
          name = existing;
          reused = true;
          await unlink(temp);
        } else {
          name = await freeName(dir, safeImageStem(suggestedName), EXTENSION[type]);
          await rename(temp, path.join(dir, name));
        }
        const file = path.join(dir, ...name.split('/'));
        const info = await stat(file);
        this.hashes.set(file, { size: info.size, mtimeMs: info.mtimeMs, hash });
        return {
          name,
          type,
          mime: MIME[type],
          size: info.size,
          hash,
          modifiedMs: info.mtimeMs,
          reused,
          markdown: `![](${markdownPath(name)})`,
          metadata: await readImageMetadata(file),
        };
      } finally {
        await unlink(temp).catch(() => undefined);
      }
    });
  }

  /** The image files of a post (by content), in sub-folders too, with size and content hash. */
  async list(postId: string): Promise<PostImageFile[]> {
    const dir = await this.postFolder(postId);
    const out: PostImageFile[] = [];
    for (const rel of await walk(dir)) {
      const file = path.join(dir, ...rel.split('/'));
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) continue;
      const sniffed = sniffImage(await readHead(file));
      if (sniffed.kind !== 'image') continue;
      out.push({
        name: rel,
        type: sniffed.type,
        mime: MIME[sniffed.type],
        size: info.size,
        hash: await this.hashOf(file, info.size, info.mtimeMs),
        modifiedMs: info.mtimeMs,
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }

  /** Every file of the post's folder (relative, with `/`), for {@link postProblems}'s missing-file check. */
  async existingFiles(postId: string): Promise<string[]> {
    return walk(await this.postFolder(postId));
  }

  /** What an image file of the post says about its credit (XMP/IPTC/EXIF) and the form's prefill. */
  async metadata(postId: string, fileName: string): Promise<ImageMetadata> {
    const media = await this.resolveMedia(postId, fileName);
    return readImageMetadata(media.path);
  }

  /** All image problems of the post as saved on disk (see the pure `postProblems`). */
  async problems(postId: string): Promise<PostProblem[]> {
    const dir = await this.postFolder(postId);
    const index = await this.paths.realInside(path.join(dir, 'index.md')).catch(() => null);
    if (!index) throw new KladdeError('not-found', `Beitrag „${postId}“ wurde nicht gefunden`);
    const text = await readFile(index, 'utf8');
    return postProblems(text, await walk(dir));
  }

  /**
   * Finds a file of a post for the preview: `relative` as the Markdown names it (`foto.jpg`, `bilder/a.png`,
   * already percent-decoded). Refuses — with `outside-library` — absolute paths, `..`, hidden files, backslashes,
   * and symlinks that lead out of the post's own folder; refuses files that are not images by content.
   */
  async resolveMedia(postId: string, relative: string): Promise<MediaFile> {
    const rel = checkRelative(relative);
    const dir = await this.postFolder(postId);
    const lexical = this.paths.fileInPost(postId, rel);
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      throw new KladdeError('not-found', `Bild „${rel}“ nicht gefunden`);
    }
    if (!real.startsWith(dir + path.sep)) throw new KladdeError('outside-library', 'Pfad liegt außerhalb des Beitragsordners');
    const info = await stat(real);
    if (!info.isFile()) throw new KladdeError('not-found', `Bild „${rel}“ nicht gefunden`);
    const sniffed = sniffImage(await readHead(real));
    let mime: string;
    if (sniffed.kind === 'image') mime = MIME[sniffed.type];
    else if (sniffed.kind === 'svg') mime = 'image/svg+xml';
    else throw new KladdeError('forbidden', `„${rel}“ ist keine Bilddatei`);
    return { path: real, mime, size: info.size, modifiedMs: info.mtimeMs };
  }

  /** A checked media file with a stream of its bytes (for the web host's route and Electron's protocol). */
  async openMedia(postId: string, relative: string): Promise<MediaFile & { stream: () => ReadStream }> {
    const media = await this.resolveMedia(postId, relative);
    return { ...media, stream: () => createReadStream(media.path, { highWaterMark: CHUNK }) };
  }

  /** For a protocol handler that wants the bytes: null when the file is missing or refused. */
  async readMedia(postId: string, relative: string): Promise<{ body: Uint8Array; type: string } | null> {
    try {
      const media = await this.resolveMedia(postId, relative);
      return { body: await readFile(media.path), type: media.mime };
    } catch {
      return null;
    }
  }

  /** The post's folder with symlinks resolved; it must exist and lie inside the library. */
  private async postFolder(postId: string): Promise<string> {
    const dir = this.paths.postDir(postId);
    try {
      return await this.paths.realInside(dir);
    } catch (error) {
      if (error instanceof KladdeError) throw error;
      throw new KladdeError('not-found', `Beitrag „${postId}“ wurde nicht gefunden`);
    }
  }

  private async findByHash(dir: string, hash: string, size: number): Promise<string | null> {
    for (const rel of await walk(dir)) {
      const file = path.join(dir, ...rel.split('/'));
      const info = await stat(file).catch(() => null);
      if (!info?.isFile() || info.size !== size) continue;
      if ((await this.hashOf(file, info.size, info.mtimeMs)) === hash) return rel;
    }
    return null;
  }

  private async hashOf(file: string, size: number, mtimeMs: number): Promise<string> {
    const known = this.hashes.get(file);
    if (known && known.size === size && known.mtimeMs === mtimeMs) return known.hash;
    const hasher = createHash('sha256');
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) hasher.update(chunk as Buffer);
    const hash = hasher.digest('hex');
    this.hashes.set(file, { size, mtimeMs, hash });
    return hash;
  }

  private async exclusive<T>(key: string, run: () => Promise<T>): Promise<T> {
    const before = this.locks.get(key) ?? Promise.resolve();
    const next = before.catch(() => undefined).then(run);
    this.locks.set(key, next);
    try {
      return await next;
    } finally {
      if (this.locks.get(key) === next) this.locks.delete(key);
    }
  }
}

function tooLarge(name: string, max: number): KladdeError {
  return new KladdeError('invalid-input', `„${name}“ ist größer als ${Math.round(max / (1024 * 1024))} MB.`);
}

/** The image type of a file's first bytes, or a clear German refusal. */
function imageTypeOf(head: Uint8Array, name: string, size: number): ImageType {
  if (size === 0) throw new KladdeError('invalid-input', `„${name}“ ist leer.`);
  const sniffed = sniffImage(head);
  if (sniffed.kind === 'image') return sniffed.type;
  if (sniffed.kind === 'svg') {
    throw new KladdeError(
      'invalid-input',
      `„${name}“ ist eine SVG-Grafik. SVG kann Skripte enthalten und wird von WordPress ohne Zusatz nicht angenommen; bitte als PNG oder JPEG exportieren.`,
    );
  }
  if (sniffed.kind === 'heic') {
    throw new KladdeError('invalid-input', `„${name}“ ist ein HEIC-Foto, das Browser und Blogs nicht anzeigen; bitte als JPEG exportieren.`);
  }
  throw new KladdeError(
    'invalid-input',
    `„${name}“ ist kein Bild, das Kladde übernehmen kann. Erkannt werden JPEG, PNG, GIF, WebP und AVIF – nach dem Inhalt, nicht nach der Endung.`,
  );
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function* chunks(bytes: Uint8Array): Generator<Buffer> {
  for (let i = 0; i < bytes.byteLength; i += CHUNK) {
    const part = bytes.subarray(i, Math.min(i + CHUNK, bytes.byteLength));
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  }
}

/** Streams into a new temp file, hashing on the way, and syncs it so a crash leaves no torn image. */
async function copyHashing(source: Readable, temp: string, max: number, name: string): Promise<{ hash: string; size: number }> {
  const hasher = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > max) return done(tooLarge(name, max));
      hasher.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(source, counter, createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
  const handle = await open(temp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { hash: hasher.digest('hex'), size };
}

/** The first `stem.ext`, `stem-2.ext`, … not taken in the folder (case-insensitively, for macOS and Windows). */
async function freeName(dir: string, stem: string, extension: string): Promise<string> {
  const taken = new Set((await readdir(dir)).map((n) => n.toLowerCase()));
  for (let n = 1; n < 100_000; n++) {
    const name = numberedName(stem, extension, n);
    if (!taken.has(name.toLowerCase())) return name;
  }
  throw new KladdeError('already-exists', 'Kein freier Dateiname gefunden');
}

/** Files under a folder, relative with `/`: no hidden entries, no symlinks, a bounded depth and count. */
async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, prefix: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (out.length >= MAX_FILES || entry.name.startsWith('.')) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isFile()) out.push(rel);
      else if (entry.isDirectory() && depth < MAX_DEPTH) await visit(path.join(dir, entry.name), rel, depth + 1);
    }
  };
  await visit(root, '', 1);
  return out.sort();
}

/** Relative path checks that hold on every platform, before any file system call. */
function checkRelative(relative: string): string {
  const refuse = () => new KladdeError('outside-library', 'Pfad liegt außerhalb des Beitragsordners');
  if (typeof relative !== 'string' || relative === '' || relative.length > 1000) throw refuse();
  if (relative.includes('\0') || relative.includes('\\') || relative.startsWith('/') || /^[a-z]:/i.test(relative)) throw refuse();
  const parts = relative.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.'))) throw refuse();
  return parts.join('/');
}

/** Names Kladde stores need no escaping; names found in the folder may have spaces or parentheses. */
function markdownPath(name: string): string {
  return /[\s()<>]/.test(name) ? name.split('/').map(encodeURIComponent).join('/') : name;
}
