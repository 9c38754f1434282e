import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, open as openFile, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { parseFrontMatter, removeFrontMatterKeys, splitFrontMatter, updateFrontMatter } from '../../common/markdown/front-matter.js';
import { postIdSchema, trashEntrySchema, type OpenedPost, type PostSummary, type SaveResult, type TrashEntry } from '../../common/model/post.js';
import { KladdeError } from '../../common/result.js';
import { slugify } from '../../common/text/slug.js';
import { pathExists, writeFileAtomic } from '../fs/atomic-write.js';
import { LibraryPaths } from './library-paths.js';
import { decodePost, encodePost, looksBinary, NEW_FILE_FORMAT, type DecodedPost, type PostFileFormat } from './post-bytes.js';
import { fileProblem, isMissing, readProblem } from './read-problems.js';
import { quickWordCount } from './quick-words.js';
import { simpleListedFields, type ListedFields } from './simple-front-matter.js';
import { welcomeImage, WELCOME_IMAGE_NAME } from './welcome-image.js';
import { welcomePost } from './welcome-post.js';

export interface PostStoreDeps {
  /** The library folder the user chose. */
  root: string;
  /** Injected so tests can pin dates. */
  now?: () => Date;
  /** The `lang:` of a new post: the settings' default language (German when not given). */
  defaultLanguage?: () => string | Promise<string>;
}

/** Seeded into a new library's personal dictionary (one word per line, `#` starts a comment). */
const STARTER_WORDS = [
  '# Persönliches Wörterbuch von Kladde: ein Wort je Zeile.',
  'Kladde',
  'Markdown',
  'Slug',
  'Slugs',
  'Beitragsbild',
  'Bildnachweise',
  'Blogbeitrag',
  'Blogbeiträge',
  'WordPress',
  'Hugo',
  'Jekyll',
  'Pixabay',
  'Unsplash',
  'pixelio',
  'Strg',
  'Creative',
  'Commons',
];

const TRASH = '.papierkorb';
const STATE = '.kladde';
const TRASH_META = '.kladde-papierkorb.json';
/** What writeFileAtomic leaves behind when a save is killed mid-write. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;
/** What an image import leaves behind when it is killed mid-copy. */
const IMPORT_TEMP_FILE = /^\.kladde-import-[0-9a-f]{12}\.tmp$/;
/** A temp file younger than this may belong to a save still running (in this or another Kladde). */
const STALE_TEMP_MS = 60_000;
/** Files read at once while listing: enough to keep the disk and libuv's threads busy, few enough for the fd limit. */
const LIST_CONCURRENCY = 32;
/** The head of a file read for its summary; longer front matter is read in full. */
const HEAD_BYTES = 16 * 1024;
/** Folders read synchronously before the event loop gets a turn again (about 10 ms of work). */
const LIST_SLICE = 250;
/** Opening with O_NOFOLLOW fails on a symlinked index.md, which then takes the careful path; not on Windows. */
const NO_FOLLOW: number | undefined = process.platform === 'win32' ? undefined : constants.O_NOFOLLOW;
// 2: numbers in front matter read as written, problem texts without yaml's own position.
// 3: posts that cannot be read are listed with a reason; words counted from the prose of the head.
const LIST_CACHE_FORMAT = 3;

interface ListCache {
  format: number;
  entries: Record<string, CacheEntry>;
}

export function versionOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Local wall-clock time without zone, the way WordPress takes a post's `date`. */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * The library of posts on disk: one folder per post with `index.md` and its images. Knows nothing of
 * Electron, so it runs in plain Node (tests, the web host) exactly as in the app.
 */
export class PostStore {
  readonly paths: LibraryPaths;
  private readonly now: () => Date;
  private readonly defaultLanguage: () => string | Promise<string>;
  /** Versions this process last read or wrote, so its own writes are not reported as outside changes. */
  private readonly known = new Map<string, string>();
  /** Posts with one of this process's writes in flight (count), whose file may still hold the text before it. */
  private readonly writing = new Map<string, number>();

  constructor(deps: PostStoreDeps) {
    this.paths = new LibraryPaths(deps.root);
    this.now = deps.now ?? (() => new Date());
    this.defaultLanguage = deps.defaultLanguage ?? (() => 'de');
  }

  get root(): string {
    return this.paths.root;
  }

  /** Creates the library on first use, with a welcome post, and never again after that. */
  async ensureLibrary(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const marker = path.join(this.root, STATE, 'library.json');
    try {
      await stat(marker);
      return;
    } catch {
      /* first start */
    }
    await mkdir(path.join(this.root, STATE), { recursive: true });
    const entries = await readdir(this.root);
    if (!entries.some((e) => !e.startsWith('.'))) {
      const id = 'willkommen-in-kladde';
      await mkdir(this.paths.postDir(id), { recursive: true });
      await writeFileAtomic(this.paths.postFile(id), welcomePost(localDateTime(this.now())));
      await writeFileAtomic(path.join(this.paths.postDir(id), WELCOME_IMAGE_NAME), welcomeImage());
    }
    // The personal dictionary starts with the words of blogging that Hunspell's German does not know,
    // so a new library's own welcome post is not full of red underlines. It is the user's file from then on.
    const dictionary = path.join(this.root, STATE, 'woerterbuch.txt');
    if (!(await pathExists(dictionary))) await writeFileAtomic(dictionary, STARTER_WORDS.join('\n') + '\n');
    await writeFileAtomic(marker, JSON.stringify({ created: this.now().toISOString(), format: 1 }, null, 2) + '\n');
  }

  /**
   * Summaries of every post. Unchanged posts (same mtime and size) come from a summary cache in the
   * library's `.kladde` folder, so even a large library lists quickly at start; changed ones are read anew,
   * only their head (the front matter) and a bounded number at a time. A post that cannot be read is listed
   * with the reason instead of vanishing; only a library folder that cannot be read at all is an error.
   */
  async list(): Promise<PostSummary[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch (error) {
      throw new KladdeError('unreadable', `Der Bibliotheksordner ist ${readProblem(error) ?? 'nicht vorhanden'}: ${this.root}`);
    }
    // A folder whose name is no valid id could be listed but never opened, so it is not listed.
    const candidates = entries.filter(
      (e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith('.') && postIdSchema.safeParse(e.name).success,
    );
    const cache = await this.readListCache();
    const fresh: ListCache = { format: LIST_CACHE_FORMAT, entries: {} };
    let changed = Object.keys(cache.entries).length !== candidates.length;
    const summaries: PostSummary[] = [];
    const take = (id: string, found: Found) => {
      if (found.kind === 'skip') return;
      if (found.kind === 'cached') {
        fresh.entries[id] = found.entry;
        summaries.push(found.entry.summary);
        return;
      }
      changed = true;
      // Only summaries of a file that could be read are kept: a permission fixed later shows at once.
      if (found.entry) fresh.entries[id] = found.entry;
      summaries.push(found.summary);
    };
    // Plain folders are read synchronously, a slice at a time: for ten thousand small files the thread pool's
    // round trips cost several times the reading itself. Links (and systems without O_NOFOLLOW) take the
    // careful path below, which follows them only within the library.
    const careful: Dirent[] = [];
    const buffer = Buffer.allocUnsafe(HEAD_BYTES + 1);
    for (let i = 0; i < candidates.length; i++) {
      if (i > 0 && i % LIST_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const entry = candidates[i] as Dirent;
      if (NO_FOLLOW === undefined || entry.isSymbolicLink()) {
        careful.push(entry);
        continue;
      }
      const found = this.readPlainEntry(entry.name, buffer, cache.entries[entry.name]);
      if (found.kind === 'link') careful.push(entry);
      else take(entry.name, found);
    }
    await eachLimited(careful, LIST_CONCURRENCY, async (entry) => take(entry.name, await this.readLinkedEntry(entry, cache.entries[entry.name])));
    if (changed) await this.writeListCache(fresh);
    return summaries.sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title, 'de'));
  }

  private listCacheFile(): string {
    return path.join(this.root, STATE, 'liste.json');
  }

  private async readListCache(): Promise<ListCache> {
    try {
      const raw = JSON.parse(await readFile(this.listCacheFile(), 'utf8')) as ListCache;
      if (raw.format === LIST_CACHE_FORMAT && raw.entries && typeof raw.entries === 'object') return raw;
    } catch {
      /* no or broken cache: list from the files */
    }
    return { format: LIST_CACHE_FORMAT, entries: {} };
  }

  private async writeListCache(cache: ListCache): Promise<void> {
    try {
      await mkdir(path.join(this.root, STATE), { recursive: true });
      await writeFileAtomic(this.listCacheFile(), JSON.stringify(cache));
    } catch {
      /* the cache is an optimisation; a read-only library still lists */
    }
  }

  /** A post in a plain folder, read synchronously through one descriptor; `link` when index.md is a symlink. */
  private readPlainEntry(id: string, buffer: Buffer, hit: CacheEntry | undefined): Found | { kind: 'link' } {
    const file = path.join(this.root, id, 'index.md');
    let fd: number;
    try {
      fd = openSync(file, constants.O_RDONLY | (NO_FOLLOW ?? 0));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { kind: 'link' };
      return problemFound(id, error, 0);
    }
    let info: Stats | undefined;
    try {
      info = fstatSync(fd);
      if (info.isDirectory()) return problemFound(id, { code: 'EISDIR' }, info.mtimeMs);
      if (!info.isFile()) return { kind: 'skip' };
      if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return { kind: 'cached', entry: hit };
      const n = readSync(fd, buffer, 0, HEAD_BYTES + 1, 0);
      return summaryFromHead(id, info, buffer.subarray(0, Math.min(n, HEAD_BYTES)), n <= HEAD_BYTES, () => readFileSync(file));
    } catch (error) {
      return problemFound(id, error, info?.mtimeMs ?? 0);
    } finally {
      closeSync(fd);
    }
  }

  /** A post whose folder or index.md is a symlink: followed only when it stays inside the library. */
  private async readLinkedEntry(entry: Dirent, hit: CacheEntry | undefined): Promise<Found> {
    const id = entry.name;
    const file = path.join(this.root, id, 'index.md');
    let info: Stats;
    let real: string;
    try {
      info = await lstat(file);
      real = file;
      // Symlinks (of the folder or the file) must not lead out of the library.
      if (entry.isSymbolicLink() || info.isSymbolicLink()) {
        real = await this.paths.realInside(file);
        info = await stat(real);
      }
    } catch (error) {
      // Outside links are none of Kladde's business and stay unlisted; a vanished post is simply gone.
      if (error instanceof KladdeError) return { kind: 'skip' };
      return problemFound(id, error, 0);
    }
    if (info.isDirectory()) return problemFound(id, { code: 'EISDIR' }, info.mtimeMs);
    if (!info.isFile()) return { kind: 'skip' };
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return { kind: 'cached', entry: hit };
    try {
      const { head, whole } = await readHead(real, HEAD_BYTES);
      return summaryFromHead(id, info, head, whole, () => readFileSync(real));
    } catch (error) {
      return problemFound(id, error, info.mtimeMs);
    }
  }

  /** The post's text (as the editor gets it) and version, without taking that version as known — unlike open(). */
  async peek(id: string): Promise<{ text: string; version: string }> {
    const { decoded } = await this.readDecoded(id);
    return { text: decoded.text, version: versionOf(decoded.text) };
  }

  async open(id: string): Promise<OpenedPost> {
    const { decoded } = await this.readDecoded(id);
    const version = versionOf(decoded.text);
    this.known.set(id, version);
    return {
      id,
      text: decoded.text,
      version,
      readOnly: decoded.legacyEncoding ? { reason: 'encoding', encoding: decoded.legacyEncoding } : null,
    };
  }

  /** A post's file, read and decoded, with the real path it was read from. */
  private async readDecoded(id: string): Promise<{ decoded: DecodedPost; target: string }> {
    const file = this.paths.postFile(id);
    let bytes: Buffer;
    let target: string;
    try {
      target = await this.paths.realInside(file);
      bytes = await readFile(target);
    } catch (error) {
      throw fileProblem(error, id);
    }
    return { decoded: decodePost(bytes, id), target };
  }

  private async readPost(id: string): Promise<string> {
    return (await this.readDecoded(id)).decoded.text;
  }

  /**
   * A post that Kladde may rewrite itself (rename, duplicate, restore): valid UTF-8 text. Anything else is
   * refused before anything moves, so a Latin-1 file is never converted without the user's word.
   */
  private async readWritable(id: string): Promise<{ text: string; format: PostFileFormat; target: string }> {
    const { decoded, target } = await this.readDecoded(id);
    if (decoded.legacyEncoding) throw notUtf8(id);
    return { text: decoded.text, format: decoded.format, target };
  }

  /**
   * Rewrites a post that is not valid UTF-8 as UTF-8, after the user agreed. The bytes are read as
   * Windows-1252 (Latin-1's superset, which maps every byte to one character), so nothing is lost; line
   * endings stay as they were.
   */
  async convertToUtf8(id: string): Promise<OpenedPost> {
    const { decoded, target } = await this.readDecoded(id);
    if (decoded.legacyEncoding) await writeFileAtomic(target, encodePost(decoded.text, decoded.format));
    return this.open(id);
  }

  async create(title: string): Promise<OpenedPost> {
    const clean = title.trim() || 'Neuer Beitrag';
    const id = await this.freeId(slugify(clean) || 'beitrag');
    const text = updateFrontMatter('', {
      title: clean,
      slug: id,
      date: localDateTime(this.now()),
      status: 'draft',
      lang: (await this.defaultLanguage()) || 'de',
    });
    await mkdir(this.paths.postDir(id));
    await writeFileAtomic(this.paths.postFile(id), text ?? '');
    return this.open(id);
  }

  /**
   * Saves unless the file changed on disk since `baseVersion` was read; then the caller must decide. The
   * editor works in LF: the file keeps its own line ending (CRLF, CR) and BOM. Text equal to what is on disk
   * is not written at all, so saving an untouched post never changes a byte.
   */
  async save(id: string, text: string, baseVersion: string, force: boolean): Promise<SaveResult> {
    const file = this.paths.postFile(id);
    let disk: DecodedPost | null = null;
    let target: string;
    try {
      target = await this.paths.realInside(file);
      disk = decodePost(await readFile(target), id);
    } catch (error) {
      // Only a missing file means "write it anew"; anything else (no permission, a folder) must not be overwritten.
      if (error instanceof KladdeError || !isMissing(error)) throw fileProblem(error, id);
      // The folder may exist, and may be a symlink: the new file must land inside the library too.
      await mkdir(this.paths.postDir(id), { recursive: true });
      target = path.join(await this.paths.realInside(this.paths.postDir(id)), 'index.md');
    }
    if (disk?.legacyEncoding) throw notUtf8(id);
    const lf = text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
    const version = versionOf(lf);
    if (disk !== null && !force) {
      const diskVersion = versionOf(disk.text);
      if (diskVersion !== baseVersion && disk.text !== lf) return { status: 'conflict', diskText: disk.text, diskVersion };
    }
    this.known.set(id, version);
    if (disk?.text !== lf) {
      this.writing.set(id, (this.writing.get(id) ?? 0) + 1);
      try {
        // A file that mixes line endings is written with its most frequent one, the one it mostly already has.
        await writeFileAtomic(target, encodePost(lf, disk?.format ?? NEW_FILE_FORMAT));
      } finally {
        const left = (this.writing.get(id) ?? 1) - 1;
        if (left > 0) this.writing.set(id, left);
        else this.writing.delete(id);
      }
    }
    return { status: 'saved', id, version };
  }

  /**
   * A change main itself makes to a saved post (the publish record after publishing): applied to the text on disk
   * now — the user may have saved again meanwhile — and written with its version known first, so the library
   * watcher never reports it as an outside change. `edit` returns null to leave the text alone. Gives the written
   * text and version (for the renderer to adopt without a „changed outside“ notice), or null when nothing was written.
   */
  async writeOwnChange(id: string, edit: (text: string) => string | null): Promise<OpenedPost | null> {
    for (let tries = 0; tries < 5; tries++) {
      const now = await this.open(id);
      const next = edit(now.text);
      if (next === null) return null;
      if (next === now.text) return now;
      const saved = await this.save(id, next, now.version, false);
      if (saved.status === 'saved') return { id, text: next, version: saved.version };
    }
    return null;
  }

  async rename(id: string, slug: string): Promise<OpenedPost> {
    const from = this.paths.postDir(id);
    const to = this.paths.postDir(slug);
    await this.realPostDir(id);
    // Everything that could refuse is checked before the folder moves: a link out of the library, a file
    // that cannot be read or must not be rewritten.
    const { text, format } = await this.readWritable(id);
    const updated = updateFrontMatter(text, { slug });
    if (slug !== id) {
      if (await pathExists(to)) throw new KladdeError('already-exists', `Es gibt schon einen Beitrag „${slug}“`);
      await rename(from, to);
      this.known.delete(id);
    }
    if (updated !== null && updated !== text) {
      await writeFileAtomic(this.paths.postFile(slug), encodePost(updated, format));
    }
    return this.open(slug);
  }

  async duplicate(id: string): Promise<OpenedPost> {
    const { text, format } = await this.readWritable(id);
    const newId = await this.freeId(`${id}-kopie`);
    // Left-over temp files of interrupted saves are not part of the post.
    await cp(await this.realPostDir(id), this.paths.postDir(newId), {
      recursive: true,
      filter: (source) => !TEMP_FILE.test(path.basename(source)),
    });
    const title = parseFrontMatter(text);
    // The copy is a new post everywhere: it must not carry the original's remote ids.
    const unpublished = removeFrontMatterKeys(text, ['publish']) ?? text;
    const updated = updateFrontMatter(unpublished, {
      slug: newId,
      status: 'draft',
      ...(title.ok ? { title: `${title.fields.title || id} (Kopie)` } : {}),
    });
    if (updated !== null) await writeFileAtomic(this.paths.postFile(newId), encodePost(updated, format));
    return this.open(newId);
  }

  /** Moves the post's folder into the library's trash, from where it can be restored. */
  async delete(id: string): Promise<TrashEntry> {
    const dir = this.paths.postDir(id);
    await this.realPostDir(id);
    // A post whose index.md leads out of the library is none of Kladde's business, not even to move.
    if (await pathExists(this.paths.postFile(id))) await this.paths.realInside(this.paths.postFile(id)).catch(onlyOutside);
    const parsed = parseFrontMatter(await this.readPost(id).catch(() => ''));
    const deletedMs = this.now().getTime();
    await mkdir(path.join(this.root, TRASH), { recursive: true });
    let trashId = `${deletedMs}-${id}`;
    for (let n = 2; await pathExists(path.join(this.root, TRASH, trashId)); n++) trashId = `${deletedMs}-${n}-${id}`;
    const trashDir = path.join(this.root, TRASH, trashId);
    await rename(dir, trashDir);
    const entry: TrashEntry = {
      trashId,
      originalId: id,
      title: (parsed.ok && parsed.fields.title) || id,
      deletedMs,
    };
    await writeFile(path.join(trashDir, TRASH_META), JSON.stringify(entry, null, 2) + '\n');
    this.known.delete(id);
    return entry;
  }

  async listTrash(): Promise<TrashEntry[]> {
    const dir = path.join(this.root, TRASH);
    const names = await readdir(dir).catch(() => [] as string[]);
    const entries = await Promise.all(
      names.map(async (name) => {
        try {
          const raw: unknown = JSON.parse(await readFile(path.join(dir, name, TRASH_META), 'utf8'));
          const entry = trashEntrySchema.safeParse(raw);
          return entry.success && entry.data.trashId === name ? entry.data : null;
        } catch {
          return null;
        }
      }),
    );
    return entries.filter((e): e is TrashEntry => e !== null).sort((a, b) => b.deletedMs - a.deletedMs);
  }

  async restore(trashId: string): Promise<OpenedPost> {
    const entry = (await this.listTrash()).find((e) => e.trashId === trashId);
    if (!entry) throw new KladdeError('not-found', 'Dieser Eintrag ist nicht im Papierkorb');
    const id = await this.freeId(entry.originalId);
    const from = path.join(this.root, TRASH, entry.trashId);
    await rename(from, this.paths.postDir(id));
    await rm(path.join(this.paths.postDir(id), TRASH_META), { force: true });
    if (id !== entry.originalId) {
      // A file Kladde must not rewrite (not UTF-8, binary) is restored as it is, under its new folder name.
      const readable = await this.readWritable(id).catch(() => null);
      const updated = readable ? updateFrontMatter(readable.text, { slug: id }) : null;
      if (readable && updated !== null) await writeFileAtomic(this.paths.postFile(id), encodePost(updated, readable.format));
    }
    return this.open(id);
  }

  /**
   * Removes temp files that saves and image imports killed mid-write left behind (`kill -9`, a power cut).
   * Only Kladde's own name patterns, only in the post folders and `.kladde`, and only files older than a
   * minute, so a save still running in another Kladde on the same library keeps its file. Never throws.
   */
  async removeStaleTempFiles(): Promise<number> {
    const cutoff = this.now().getTime() - STALE_TEMP_MS;
    const folders = await readdir(this.root, { withFileTypes: true }).catch(() => [] as Dirent[]);
    let removed = 0;
    const dirs = [STATE, ...folders.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name)];
    await eachLimited(dirs, LIST_CONCURRENCY, async (name) => {
      const dir = path.join(this.root, name);
      const files = await readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
      for (const f of files) {
        if (!f.isFile() || !(TEMP_FILE.test(f.name) || IMPORT_TEMP_FILE.test(f.name))) continue;
        const file = path.join(dir, f.name);
        const info = await lstat(file).catch(() => null);
        if (!info || info.mtimeMs > cutoff) continue;
        if (await unlink(file).then(() => true, () => false)) removed++;
      }
    });
    return removed;
  }

  /** The version this process last read or wrote for a post, if any. */
  knownVersion(id: string): string | undefined {
    return this.known.get(id);
  }

  /** Re-reads a post after an outside change; returns its new version, or null when it is unchanged or gone. */
  async checkOutsideChange(id: string): Promise<string | null> {
    if (this.known.get(id) === undefined) return null;
    try {
      const version = versionOf(await this.readPost(id));
      // Compared after the read: a save may have started meanwhile. While one of Kladde's own writes is on its
      // way, what is read may still be the text before it; the write's own file event is checked again after it.
      if (version === this.known.get(id) || this.writing.has(id)) return null;
      return version;
    } catch {
      return null;
    }
  }

  /** The real folder of an existing post inside the library; `not-found` or `outside-library` otherwise. */
  private async realPostDir(id: string): Promise<string> {
    const dir = this.paths.postDir(id);
    try {
      return await this.paths.realInside(dir);
    } catch (error) {
      if (error instanceof KladdeError || !isMissing(error)) throw error;
      throw new KladdeError('not-found', `Beitrag „${id}“ wurde nicht gefunden`);
    }
  }

  private async freeId(base: string): Promise<string> {
    const stem = base.slice(0, 170) || 'beitrag';
    for (let n = 1; n < 10_000; n++) {
      const id = n === 1 ? stem : `${stem}-${n}`;
      if (!(await pathExists(this.paths.postDir(id)))) return id;
    }
    throw new KladdeError('already-exists', 'Kein freier Ordnername gefunden');
  }
}


interface CacheEntry {
  mtimeMs: number;
  size: number;
  summary: PostSummary;
}

/** What listing found for one folder: a summary (cacheable when the file could be read), a cache hit, or nothing. */
type Found = { kind: 'skip' } | { kind: 'cached'; entry: CacheEntry } | { kind: 'read'; summary: PostSummary; entry: CacheEntry | null };

function problemFound(id: string, error: unknown, modifiedMs: number): Found {
  const reason = readProblem(error);
  return reason === null ? { kind: 'skip' } : { kind: 'read', summary: problemSummary(id, reason, modifiedMs), entry: null };
}

/**
 * A post's summary from the head of its file. Front matter longer than the head is read in full; the words of
 * a post longer than the head are estimated from the head and the file's size.
 */
function summaryFromHead(id: string, info: Stats, head: Uint8Array, whole: boolean, readAll: () => Uint8Array): Found {
  const found = (summary: PostSummary): Found => ({ kind: 'read', summary, entry: { mtimeMs: info.mtimeMs, size: info.size, summary } });
  if (looksBinary(head)) return found(problemSummary(id, 'keine Textdatei (Binärdaten), wird nicht geöffnet', info.mtimeMs));
  let decoded: DecodedPost;
  try {
    // A head cut inside a character is cut back to its last whole line first.
    decoded = decodePost(whole ? head : head.subarray(0, head.lastIndexOf(10) + 1), id);
    if (!whole && decoded.text.startsWith('---') && splitFrontMatter(decoded.text).yaml === null) {
      decoded = decodePost(readAll(), id);
      whole = true;
    }
  } catch (error) {
    return problemFound(id, error, info.mtimeMs);
  }
  const text = decoded.text;
  const body = splitFrontMatter(text).body;
  const headWords = quickWordCount(body);
  const wordCount = whole ? headWords : Math.round((headWords * info.size) / Math.max(1, head.byteLength));
  let fields: ListedFields | null = simpleListedFields(text);
  if (fields === null) {
    let parsed: ReturnType<typeof parseFrontMatter>;
    try {
      parsed = parseFrontMatter(text);
    } catch (error) {
      // yaml refuses documents that expand too far (alias bombs) by throwing, not by reporting.
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
      return found(problemSummary(id, `Front Matter fehlerhaft: ${message}`, info.mtimeMs));
    }
    if (!parsed.ok) {
      const where = `(Zeile ${parsed.problem.line}, Spalte ${parsed.problem.column})`;
      return found({ ...problemSummary(id, `Front Matter fehlerhaft: ${parsed.problem.message} ${where}`, info.mtimeMs), wordCount });
    }
    fields = parsed.fields;
  }
  return found({
    id,
    title: fields.title || id,
    status: fields.status,
    date: fields.date,
    wordCount,
    excerpt: fields.excerpt || firstWords(body.slice(0, 600)),
    modifiedMs: info.mtimeMs,
    problem: decoded.legacyEncoding !== null ? 'nicht als UTF-8 gespeichert (Windows-1252), öffnet schreibgeschützt' : null,
  });
}

function notUtf8(id: string): KladdeError {
  return new KladdeError(
    'not-utf8',
    `„${id}“ ist nicht als UTF-8 gespeichert und nur zum Lesen geöffnet. Erst „Als UTF-8 umwandeln“, dann speichern.`,
  );
}

function problemSummary(id: string, problem: string, modifiedMs: number): PostSummary {
  return { id, title: id, status: 'draft', date: '', wordCount: 0, excerpt: '', modifiedMs, problem };
}

/** The first `max` bytes of a file in one read, and whether that was all of it. */
async function readHead(file: string, max: number): Promise<{ head: Uint8Array; whole: boolean }> {
  const handle = await openFile(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(max + 1);
    const { bytesRead } = await handle.read(buffer, 0, max + 1, 0);
    return { head: buffer.subarray(0, Math.min(bytesRead, max)), whole: bytesRead <= max };
  } finally {
    await handle.close();
  }
}

/** Runs `task` over every item with at most `limit` running at once. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Lets only an `outside-library` refusal through (a vanished file is fine here). */
function onlyOutside(error: unknown): void {
  if (error instanceof KladdeError) throw error;
}


/**
 * The first words of a body for the list: markup characters become spaces, runs of white space one space, cut at
 * 160 characters. One pass that stops once it has enough (ten thousand posts are listed at a time); the same as
 * `body.replace(/[#>*_`[\]()!|-]/g, ' ').replace(/\s+/g, ' ').trim()` cut at 160.
 */
export function firstWords(body: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < body.length && out.length <= 160; i++) {
    const c = body.charCodeAt(i);
    if (MARKUP_CHARS.has(c) || isJsSpace(c)) {
      space = out.length > 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += body[i];
  }
  return out.length > 160 ? out.slice(0, 157) + '…' : out;
}

const MARKUP_CHARS = new Set([...'#>*_`[]()!|-'].map((c) => c.charCodeAt(0)));

/** What `\s` matches in JavaScript (and `trim` removes). */
function isJsSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
