import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { splitFrontMatter, updateFrontMatter } from '../../common/markdown/front-matter.js';
import { readPublishState, setPublishRecord, type PublishedMedia, type PublishRecord } from '../../common/markdown/front-matter-publish.js';
import { htmlText, importPost, type ImportedRemotePost, type RemoteImage } from '../../common/markdown/import-post.js';
import type { ImportItemResult } from '../../common/model/import.js';
import { postIdSchema, slugSchema } from '../../common/model/post.js';
import { KladdeError } from '../../common/result.js';
import { slugify } from '../../common/text/slug.js';
import type { EventSink } from '../events/event-sink.js';
import type { HttpClient } from '../http/http-client.js';
import { pathExists, syncDirectory } from '../fs/atomic-write.js';
import type { PostStore } from '../posts/post-store.js';
import { versionOf } from '../posts/post-store.js';
import { downloadImage, ImportCancelled, mediaHash } from './image-download.js';
import type { ImportIndex, ImportIndexEntry, PendingImage } from './import-index.js';
import type { RemoteMedia } from './remote-source.js';
import { retargetImage } from './retarget-images.js';

/** Where imports put a post together before it appears in the library (hidden, same file system). */
export const STAGING_DIR = path.join('.kladde', 'import-tmp');

/** One remote post to import, from a blog or an export. */
export interface PostToImport {
  /** Its key in the import index (see importKey). */
  key: string;
  remoteId: string;
  remote: ImportedRemotePost;
  /** The blog whose publish record it gets, or null (an export without a blog). */
  blogId: string | null;
  /** The record as the blog's publisher writes it, without media; null without a blog. */
  record: Omit<PublishRecord, 'media'> | null;
  /** The media item on the blog that an image address names (any size variant), if known. */
  findMedia: (urls: readonly string[]) => RemoteMedia | undefined;
}

export interface ImportOptions {
  downloadImages: boolean;
  /** The user agreed to overwrite the local copy although it changed since the last import. */
  overwrite: boolean;
  signal?: AbortSignal;
}

export interface ImportWriterDeps {
  posts: PostStore;
  http: HttpClient;
  index: ImportIndex;
  events?: EventSink;
  maxImageBytes?: number;
  /** Called with a local post's text before the import overwrites it (the version history keeps it). */
  beforeOverwrite?: (postId: string, text: string) => Promise<void>;
}

/**
 * A hash of a post's text as the import compares it: the publish records left out (publishing writes them). The
 * `publish:` block is cut by lines (the key at the start of a line of the front matter, and the indented lines
 * under it) rather than through the YAML parser: this runs for every post of an import and must stay cheap, and
 * it only has to agree with itself.
 */
export function textHash(text: string): string {
  const split = splitFrontMatter(text);
  if (split.yaml === null) return versionOf(text);
  const kept: string[] = [];
  let inside = false;
  for (const line of split.yaml.split('\n')) {
    if (/^publish\s*:/.test(line)) inside = true;
    else if (inside && line !== '' && !/^[ \t]/.test(line)) inside = false;
    if (!inside) kept.push(line);
  }
  return versionOf(kept.join('\n') + '\u0000' + split.body);
}

/** File names an import writes: what importPost makes (`foto.jpg`, `foto-2.jpg`), nothing that could leave the folder. */
export const SAFE_FILE = /^[a-z0-9][a-z0-9_-]{0,119}\.[a-z0-9]{1,8}$/;

/** `https://b.de/wp-content/uploads/2024/05/see-300x200.jpg?x` → `b.de/wp-content/uploads/2024/05/see.jpg`. */
export function mediaUrlKey(url: string): string {
  return url
    .trim()
    .replace(/[?#].*$/, '')
    .replace(/^https?:\/\//i, '')
    .replace(/-(?:\d+x\d+|scaled)(?=\.[a-z0-9]+$)/i, '')
    .toLowerCase();
}

/** Finds media by address among a list (a blog's answer for one post). */
export function mediaFinder(media: readonly RemoteMedia[]): (urls: readonly string[]) => RemoteMedia | undefined {
  const byKey = new Map<string, RemoteMedia>();
  for (const m of media) {
    for (const u of [m.url, m.sourceUrl]) if (u && !byKey.has(mediaUrlKey(u))) byKey.set(mediaUrlKey(u), m);
  }
  return (urls) => {
    for (const u of urls) {
      const hit = byKey.get(mediaUrlKey(u));
      if (hit) return hit;
    }
    return undefined;
  };
}

/** The images of one post as they came out of the download step. */
interface ImageOutcome {
  text: string;
  staged: { file: string; hash: string }[];
  media: Record<string, PublishedMedia>;
  pending: PendingImage[];
  missing: number;
  problems: string[];
}

/**
 * Writes imported posts into the library: a new folder (named by the slug, unique) put together in a hidden
 * staging folder and renamed into place in one step, or an update of the post that holds the remote post
 * already — never a second folder for it, never over local edits without the user's word.
 */
export class ImportWriter {
  private readonly reserved = new Set<string>();

  constructor(private readonly deps: ImportWriterDeps) {}

  private get stagingRoot(): string {
    return path.join(this.deps.posts.root, STAGING_DIR);
  }

  /** Removes staging folders an interrupted import left (older than an hour: another Kladde may be importing). */
  async removeStaleStaging(now = Date.now()): Promise<void> {
    const names = await readdir(this.stagingRoot).catch(() => [] as string[]);
    for (const name of names) {
      const dir = path.join(this.stagingRoot, name);
      const info = await stat(dir).catch(() => null);
      if (info && now - info.mtimeMs > 60 * 60 * 1000) await rm(dir, { recursive: true, force: true });
    }
  }

  /** Imports one post. Throws {@link ImportCancelled} when cancelled before it was written; other failures are results. */
  async importOne(item: PostToImport, existingId: string | null, options: ImportOptions): Promise<ImportItemResult> {
    const title = htmlText(item.remote.title) || item.remoteId;
    const result = (outcome: ImportItemResult['outcome'], postId: string | null, message: string | null = null, imagesMissing = 0): ImportItemResult => ({
      remoteId: item.remoteId,
      title,
      postId,
      outcome,
      message,
      imagesMissing,
    });
    let converted: { text: string; images: RemoteImage[] };
    try {
      converted = importPost(item.remote);
    } catch (error) {
      return result('failed', existingId, `Der Beitrag ließ sich nicht umwandeln: ${error instanceof Error ? error.message : String(error)}`);
    }
    const remoteHash = versionOf(converted.text + '\n' + JSON.stringify(converted.images));
    const entry = await this.deps.index.get(item.key);
    let local: { text: string; version: string } | null = null;
    if (existingId !== null) {
      try {
        local = await this.deps.posts.peek(existingId);
      } catch (error) {
        if (!(error instanceof KladdeError && error.code === 'not-found')) {
          return result('failed', existingId, `Der vorhandene Beitrag „${existingId}“ ließ sich nicht lesen: ${error instanceof Error ? error.message : ''}`);
        }
      }
    }
    const postId = local ? existingId : null;
    if (local && postId) {
      const known = entry?.postId === postId ? entry : undefined;
      if (known && known.remoteHash === remoteHash) return result('unchanged', postId, null, known.pending.length);
      const localHash = textHash(local.text);
      if (!known && localHash === textHash(converted.text)) {
        await this.remember(item, postId, remoteHash, localHash, []);
        return result('unchanged', postId);
      }
      const clean = known !== undefined && known.writtenHash === localHash;
      if (!clean && !options.overwrite) {
        return result('local-changes', postId, 'Der Beitrag wurde hier geändert, seit er geholt wurde; er bleibt, wie er ist, bis du das Überschreiben erlaubst.');
      }
    }

    if (options.signal?.aborted) throw new ImportCancelled();
    const staging = path.join(this.stagingRoot, randomBytes(8).toString('hex'));
    await mkdir(staging, { recursive: true });
    try {
      const images = await this.fetchImages(converted, item, staging, options, postId);
      let text = images.text;
      text = fixSlug(text, item.remote.slug);
      if (local && postId) text = keepOtherRecords(text, local.text, item.blogId);
      if (item.blogId && item.record) {
        const previous = local ? readPublishState(local.text, item.blogId).media : {};
        text = setPublishRecord(text, item.blogId, { ...item.record, media: { ...keptMedia(previous, images), ...images.media } }) ?? text;
      }
      const message =
        images.missing > 0 && options.downloadImages
          ? `${images.missing === 1 ? 'Ein Bild konnte' : `${images.missing} Bilder konnten`} nicht geladen werden und ${images.missing === 1 ? 'bleibt' : 'bleiben'} im Blog verlinkt. ${images.problems[0] ?? ''}`.trim()
          : null;
      // Cancelled while the images came: nothing of this post is written.
      if (options.signal?.aborted) throw new ImportCancelled();
      const writtenHash = textHash(text);
      if (local && postId) {
        await this.remember(item, postId, remoteHash, writtenHash, images.pending);
        const dir = await this.deps.posts.paths.realInside(this.deps.posts.paths.postDir(postId));
        for (const s of images.staged) await rename(path.join(staging, s.file), path.join(dir, s.file));
        await this.deps.beforeOverwrite?.(postId, local.text);
        const saved = await this.deps.posts.save(postId, text, local.version, false);
        if (saved.status === 'conflict') {
          return result('local-changes', postId, 'Der Beitrag wurde eben hier gespeichert; er bleibt, wie er ist, bis du das Überschreiben erlaubst.');
        }
        // The file changed under an editor that may have it open: it reloads it (or asks, with unsaved typing).
        this.deps.events?.emit('postChangedOnDisk', { id: postId, version: saved.version });
        return result('updated', postId, message, images.missing);
      }
      const id = await this.createFolder(item, staging, text, remoteHash, writtenHash, images.pending);
      return result('created', id, message, images.missing);
    } catch (error) {
      if (error instanceof ImportCancelled) throw error;
      return result('failed', postId, `Der Beitrag ließ sich nicht speichern: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** Downloads (or, offline, leaves remote) the images of a converted post into the staging folder. */
  private async fetchImages(
    converted: { text: string; images: RemoteImage[] },
    item: PostToImport,
    staging: string,
    options: ImportOptions,
    existingId: string | null,
  ): Promise<ImageOutcome> {
    const out: ImageOutcome = { text: converted.text, staged: [], media: {}, pending: [], missing: 0, problems: [] };
    const byHash = new Map<string, string>();
    const existingDir = existingId ? await this.deps.posts.paths.realInside(this.deps.posts.paths.postDir(existingId)).catch(() => null) : null;
    for (const image of converted.images) {
      const href = image.fallbackUrl ?? image.url;
      const media = item.findMedia([image.url, ...(image.fallbackUrl ? [image.fallbackUrl] : [])]);
      const keepRemote = (problem: string | null) => {
        out.text = retargetImage(out.text, image.file, href);
        out.pending.push({
          file: image.file,
          url: image.url,
          ...(image.fallbackUrl ? { fallbackUrl: image.fallbackUrl } : {}),
          href,
          // The address the post used (a size variant stays one), so publishing back writes the same `src`.
          ...(media ? { mediaId: media.id, mediaUrl: href } : {}),
        });
        out.missing++;
        if (problem) out.problems.push(problem);
      };
      if (!SAFE_FILE.test(image.file)) {
        keepRemote(`Der Dateiname „${image.file.slice(0, 80)}“ ist nicht sicher.`);
        continue;
      }
      if (!options.downloadImages) {
        keepRemote(null);
        continue;
      }
      const got = await downloadImage(this.deps.http, image, {
        ...(this.deps.maxImageBytes ? { maxBytes: this.deps.maxImageBytes } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (!got.ok) {
        keepRemote(got.message);
        continue;
      }
      const same = byHash.get(got.hash);
      if (same !== undefined) {
        // Identical content under another address: stored once, both references point to the one file.
        out.text = retargetImage(out.text, image.file, same);
        continue;
      }
      byHash.set(got.hash, image.file);
      if (media) out.media[image.file] = { hash: got.hash, id: media.id, url: href };
      // An update whose folder has this very file already leaves it alone.
      if (existingDir && (await sameFile(path.join(existingDir, image.file), got.bytes))) continue;
      await writeDurable(path.join(staging, image.file), got.bytes);
      out.staged.push({ file: image.file, hash: got.hash });
    }
    return out;
  }

  /** Names the new folder (unique, from the slug or title), remembers it, and renames the staged folder into place. */
  private async createFolder(item: PostToImport, staging: string, text: string, remoteHash: string, writtenHash: string, pending: PendingImage[]): Promise<string> {
    await writeDurable(path.join(staging, 'index.md'), text);
    const stem = folderStem(item.remote.slug, item.remote.title);
    for (let n = 1; n < 10_000; n++) {
      const id = n === 1 ? stem : `${stem}-${n}`;
      if (this.reserved.has(id) || (await pathExists(this.deps.posts.paths.postDir(id)))) continue;
      this.reserved.add(id);
      try {
        // Remembered first: a crash right after the rename must not make the next import write a second folder.
        await this.remember(item, id, remoteHash, writtenHash, pending);
        await rename(staging, this.deps.posts.paths.postDir(id));
        await syncDirectory(this.deps.posts.root);
        return id;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
      } finally {
        this.reserved.delete(id);
      }
    }
    throw new KladdeError('already-exists', 'Kein freier Ordnername gefunden');
  }

  private remember(item: PostToImport, postId: string, remoteHash: string, writtenHash: string, pending: PendingImage[]): Promise<void> {
    const entry: ImportIndexEntry = { key: item.key, postId, blogId: item.blogId, remoteHash, writtenHash, pending };
    return this.deps.index.put(entry);
  }
}

/** The folder name of a new post: the remote slug made safe (WordPress percent-encodes what it cannot transliterate), else the title. */
export function folderStem(slug: string, title: string): string {
  let decoded = slug;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    /* keep as written */
  }
  const stem = (slugify(decoded) || slugify(title) || 'beitrag').slice(0, 170).replace(/-+$/, '') || 'beitrag';
  return postIdSchema.safeParse(stem).success ? stem : 'beitrag';
}

/** A remote slug Kladde cannot publish with (`../x`, spaces) is not kept: publishing makes one from the title. */
function fixSlug(text: string, slug: string): string {
  if (slug === '' || slugSchema.safeParse(slug).success) return text;
  return updateFrontMatter(text, { slug: '' }) ?? text;
}

/** The publish records of other blogs in the local copy, carried over into the new text. */
function keepOtherRecords(text: string, localText: string, blogId: string | null): string {
  const yaml = splitFrontMatter(localText).yaml;
  if (yaml === null) return text;
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch {
    return text;
  }
  const publish = data && typeof data === 'object' ? (data as Record<string, unknown>)['publish'] : undefined;
  if (!publish || typeof publish !== 'object') return text;
  let out = text;
  for (const other of Object.keys(publish)) {
    if (other === blogId) continue;
    const record = readPublishState(localText, other).record;
    if (record) out = setPublishRecord(out, other, record) ?? out;
  }
  return out;
}

/** Media the local record knew for files this update leaves as they are. */
function keptMedia(previous: Record<string, PublishedMedia>, images: ImageOutcome): Record<string, PublishedMedia> {
  const staged = new Set(images.staged.map((s) => s.file));
  return Object.fromEntries(Object.entries(previous).filter(([file]) => !staged.has(file) && images.text.includes(file)));
}

async function sameFile(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile() || info.size !== bytes.byteLength) return false;
    return mediaHash(await readFile(file)) === mediaHash(bytes);
  } catch {
    return false;
  }
}


/**
 * A file of the staging folder, written and synced. No temp file and no folder sync per file: the staging folder
 * is invisible until it is renamed into the library as a whole, and that rename is what is synced.
 */
async function writeDurable(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

