import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { parseFrontMatter, removeFrontMatterKeys, splitFrontMatter, updateFrontMatter } from '../../common/markdown/front-matter.js';
import { postIdSchema, trashEntrySchema, type OpenedPost, type PostSummary, type SaveResult, type TrashEntry } from '../../common/model/post.js';
import { KladdeError } from '../../common/result.js';
import { countText } from '../../common/text/counts.js';
import { slugify } from '../../common/text/slug.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { LibraryPaths } from './library-paths.js';
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
const LIST_CONCURRENCY = 64;
// 2: numbers in front matter read as written, problem texts without yaml's own position.
const LIST_CACHE_FORMAT = 2;

interface ListCache {
  format: number;
  entries: Record<string, { mtimeMs: number; size: number; summary: PostSummary }>;
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
    if (!(await exists(dictionary))) await writeFileAtomic(dictionary, STARTER_WORDS.join('\n') + '\n');
    await writeFileAtomic(marker, JSON.stringify({ created: this.now().toISOString(), format: 1 }, null, 2) + '\n');
  }

  /**
   * Summaries of every post. Unchanged posts (same mtime and size) come from a summary cache in the
   * library's `.kladde` folder, so even a large library lists quickly at start; changed ones are read anew.
   */
  async list(): Promise<PostSummary[]> {
    const entries = await readdir(this.root, { withFileTypes: true });
    // A folder whose name is no valid id could be listed but never opened, so it is not listed.
    const candidates = entries.filter(
      (e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith('.') && postIdSchema.safeParse(e.name).success,
    );
    const cache = await this.readListCache();
    const fresh: ListCache = { format: LIST_CACHE_FORMAT, entries: {} };
    let changed = Object.keys(cache.entries).length !== candidates.length;
    const summaries: PostSummary[] = [];
    for (let i = 0; i < candidates.length; i += LIST_CONCURRENCY) {
      const batch = await Promise.all(
        candidates.slice(i, i + LIST_CONCURRENCY).map(async (entry) => {
          const id = entry.name;
          const file = path.join(this.root, id, 'index.md');
          let info: Stats;
          try {
            info = await lstat(file);
            // Symlinks (of the folder or the file) must not lead out of the library.
            if (entry.isSymbolicLink() || info.isSymbolicLink()) {
              await this.paths.realInside(file);
              info = await stat(file);
            }
          } catch {
            return null;
          }
          if (!info.isFile()) return null;
          const hit = cache.entries[id];
          if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) {
            fresh.entries[id] = hit;
            return hit.summary;
          }
          changed = true;
          const summary = await this.summarize(id, file, info);
          if (summary) fresh.entries[id] = { mtimeMs: info.mtimeMs, size: info.size, summary };
          return summary;
        }),
      );
      for (const s of batch) if (s) summaries.push(s);
    }
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

  private async summarize(id: string, file: string, info: Stats): Promise<PostSummary | null> {
    try {
      const text = await readFile(file, 'utf8');
      const parsed = parseFrontMatter(text);
      const counts = countText(text);
      if (!parsed.ok) {
        return {
          id, title: id, status: 'draft', date: '', wordCount: counts.words, excerpt: '', modifiedMs: info.mtimeMs,
          problem: `${parsed.problem.message} (Zeile ${parsed.problem.line}, Spalte ${parsed.problem.column})`,
        };
      }
      const f = parsed.fields;
      return {
        id,
        title: f.title || id,
        status: f.status,
        date: f.date,
        wordCount: counts.words,
        excerpt: f.excerpt || firstWords(splitFrontMatter(text).body),
        modifiedMs: info.mtimeMs,
        problem: null,
      };
    } catch {
      return null;
    }
  }

  async open(id: string): Promise<OpenedPost> {
    const text = await this.readPost(id);
    const version = versionOf(text);
    this.known.set(id, version);
    return { id, text, version };
  }

  private async readPost(id: string): Promise<string> {
    const file = this.paths.postFile(id);
    try {
      return await readFile(await this.paths.realInside(file), 'utf8');
    } catch (error) {
      if (error instanceof KladdeError) throw error;
      throw new KladdeError('not-found', `Beitrag „${id}“ wurde nicht gefunden`);
    }
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

  /** Saves unless the file changed on disk since `baseVersion` was read; then the caller must decide. */
  async save(id: string, text: string, baseVersion: string, force: boolean): Promise<SaveResult> {
    const file = this.paths.postFile(id);
    let disk: string | null = null;
    let target: string;
    try {
      target = await this.paths.realInside(file);
      disk = await readFile(target, 'utf8');
    } catch (error) {
      // Only a missing file means "write it anew"; anything else (no permission, a folder) must not be overwritten.
      if (error instanceof KladdeError || !isMissing(error)) throw error;
      // The folder may exist, and may be a symlink: the new file must land inside the library too.
      await mkdir(this.paths.postDir(id), { recursive: true });
      target = path.join(await this.paths.realInside(this.paths.postDir(id)), 'index.md');
    }
    if (disk !== null && !force) {
      const diskVersion = versionOf(disk);
      if (diskVersion !== baseVersion && disk !== text) return { status: 'conflict', diskText: disk, diskVersion };
    }
    const version = versionOf(text);
    this.known.set(id, version);
    this.writing.set(id, (this.writing.get(id) ?? 0) + 1);
    try {
      await writeFileAtomic(target, text);
    } finally {
      const left = (this.writing.get(id) ?? 1) - 1;
      if (left > 0) this.writing.set(id, left);
      else this.writing.delete(id);
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
    if (slug !== id) {
      if (await exists(to)) throw new KladdeError('already-exists', `Es gibt schon einen Beitrag „${slug}“`);
      await rename(from, to);
      this.known.delete(id);
    }
    const text = await this.readPost(slug);
    const updated = updateFrontMatter(text, { slug });
    if (updated !== null && updated !== text) {
      await writeFileAtomic(this.paths.postFile(slug), updated);
    }
    return this.open(slug);
  }

  async duplicate(id: string): Promise<OpenedPost> {
    const text = await this.readPost(id);
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
    if (updated !== null) await writeFileAtomic(this.paths.postFile(newId), updated);
    return this.open(newId);
  }

  /** Moves the post's folder into the library's trash, from where it can be restored. */
  async delete(id: string): Promise<TrashEntry> {
    const dir = this.paths.postDir(id);
    await this.realPostDir(id);
    // A post whose index.md leads out of the library is none of Kladde's business, not even to move.
    if (await exists(this.paths.postFile(id))) await this.paths.realInside(this.paths.postFile(id)).catch(onlyOutside);
    const parsed = parseFrontMatter(await this.readPost(id).catch(() => ''));
    const deletedMs = this.now().getTime();
    await mkdir(path.join(this.root, TRASH), { recursive: true });
    let trashId = `${deletedMs}-${id}`;
    for (let n = 2; await exists(path.join(this.root, TRASH, trashId)); n++) trashId = `${deletedMs}-${n}-${id}`;
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
      const text = await this.readPost(id);
      const updated = updateFrontMatter(text, { slug: id });
      if (updated !== null) await writeFileAtomic(this.paths.postFile(id), updated);
    }
    return this.open(id);
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
      if (!(await exists(this.paths.postDir(id)))) return id;
    }
    throw new KladdeError('already-exists', 'Kein freier Ordnername gefunden');
  }
}

/** Whether anything is at the path, a dangling symlink included. */
async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Lets only an `outside-library` refusal through (a vanished file is fine here). */
function onlyOutside(error: unknown): void {
  if (error instanceof KladdeError) throw error;
}


function firstWords(body: string): string {
  const plain = body.replace(/[#>*_`[\]()!|-]/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 160 ? plain.slice(0, 157) + '…' : plain;
}
