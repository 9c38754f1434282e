import { splitFrontMatter } from '../../common/markdown/front-matter.js';
import { SEARCH_FIELDS, type SearchField, type SearchHit, type SearchRequest } from '../../common/model/search.js';
import { findSnippet } from '../../common/text/search-snippet.js';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EventName, EventPayload } from '../../common/ipc/contract.js';
import { postIdSchema } from '../../common/model/post.js';
import type { EventSink } from '../events/event-sink.js';
import type { PostStore } from '../posts/post-store.js';
import { searchDocument } from './search-document.js';
import { loadIndexFile, newIndex, saveIndexFile, type LoadedIndex } from './search-index-file.js';

export interface SearchServiceDeps {
  posts: PostStore;
  log?: (message: string) => void;
  /** How long after the last change the index is written to `.kladde/suche.json`. */
  saveDelayMs?: number;
}

const DEFAULT_LIMIT = 30;
const READ_CONCURRENCY = 16;
const FIELD_SET = new Set<string>(SEARCH_FIELDS);

/**
 * Full-text search over the library (title, body, tags, categories, image credits) with German folding. The
 * index lives in `.kladde/suche.json` with each post's modification time: at the first search it is loaded
 * (or built, when missing, corrupt or of another format) and compared with the library, and after any change
 * the library watcher reports only posts whose time differs are read and indexed again — never the whole library.
 * Post files are read through the PostStore, so nothing outside the library is ever read.
 */
export class SearchService {
  private loaded: LoadedIndex | null = null;
  /** Something unknown changed since the index was last compared with the whole library. */
  private stale = true;
  /** Posts the watcher named as changed since the last search; re-read before the next one. */
  private readonly pending = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private unsaved = false;
  /** How many posts the last comparison read anew (for tests and the benchmark). */
  lastReindexed = 0;

  /**
   * Hand this to the EventHub. The watcher names the posts that changed (saves, renames, deletions, other
   * programs): just those are read again before the next search. A change it cannot name means one comparison
   * of modification times with the whole library.
   */
  readonly sink: EventSink = {
    emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
      if (name === 'postChangedOnDisk') this.pending.add((payload as EventPayload<'postChangedOnDisk'>).id);
      if (name !== 'libraryChanged') return;
      const posts = (payload as EventPayload<'libraryChanged'>).posts;
      if (posts) for (const id of posts) this.pending.add(id);
      else this.stale = true;
    },
  };

  constructor(private readonly deps: SearchServiceDeps) {}

  /** Searches the library; the best matches first, each with a snippet and where in the post it matched. */
  search(request: SearchRequest): Promise<SearchHit[]> {
    return this.serial(async () => {
      const query = request.query.trim();
      // An empty query only prepares the index (the panel asks so when it opens, while the user starts typing).
      const loaded = await this.ready();
      if (!query) return [];
      const results = loaded.index.search(query).slice(0, request.limit ?? DEFAULT_LIMIT);
      // The files of the shown results are read at once: the disk works on all of them together.
      const texts = await Promise.all(results.map((r) => this.deps.posts.peek(String(r.id)).then((p) => p.text, () => null)));
      const hits: SearchHit[] = [];
      results.forEach((result, i) => {
        const id = String(result.id);
        const text = texts[i];
        if (text === null || text === undefined) return; // gone or unreadable since it was indexed; the next comparison drops it
        const fields = new Set<SearchField>();
        for (const found of Object.values(result.match)) for (const f of found) if (FIELD_SET.has(f)) fields.add(f as SearchField);
        const snippet = findSnippet(text, query, splitFrontMatter(text).bodyOffset);
        hits.push({
          id,
          title: typeof result['title'] === 'string' ? result['title'] : id,
          fields: [...fields],
          snippet: snippet.text,
          highlights: snippet.highlights,
          at: snippet.at,
        });
      });
      return hits;
    });
  }

  /** Loads or builds the index and brings it up to date with the library. */
  refresh(): Promise<void> {
    this.stale = true;
    return this.serial(async () => void (await this.ready()));
  }

  /** A post was saved, created, renamed, restored or deleted: bring just this one up to date now. */
  postChanged(id: string): Promise<void> {
    this.pending.add(id);
    return this.serial(async () => void (this.loaded ? await this.ready() : undefined));
  }

  /** Writes the index now if it changed (at stop, and in tests). */
  flush(): Promise<void> {
    return this.serial(() => this.save());
  }

  async stop(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.flush();
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async ready(): Promise<LoadedIndex> {
    if (!this.loaded) {
      this.loaded = await loadIndexFile(this.deps.posts.root);
      if (!this.loaded) {
        this.deps.log?.('Suchindex wird neu aufgebaut');
        this.loaded = { index: newIndex(), signatures: new Map() };
        this.unsaved = true;
      }
      this.stale = true;
    }
    if (this.stale) {
      this.stale = false;
      this.pending.clear();
      await this.compare(this.loaded);
    } else if (this.pending.size > 0) {
      const ids = [...this.pending];
      this.pending.clear();
      await this.updatePosts(this.loaded, ids);
    }
    return this.loaded;
  }

  /** Re-reads the named posts; one whose file is gone leaves the index. */
  private async updatePosts(loaded: LoadedIndex, ids: readonly string[]): Promise<void> {
    const times = new Map<string, number>();
    for (const id of ids) {
      const ms = await this.modifiedMs(id);
      if (ms !== null) times.set(id, ms);
      else this.forget(loaded, id);
    }
    this.lastReindexed = times.size;
    await this.reindex(loaded, [...times.keys()], times);
    this.scheduleSave();
  }

  private forget(loaded: LoadedIndex, id: string): void {
    if (loaded.index.has(id)) loaded.index.discard(id);
    loaded.signatures.delete(id);
  }

  /** The modification time of a post's index.md (through the library's own path rules), or null without one. */
  private async modifiedMs(id: string): Promise<number | null> {
    try {
      const info = await stat(this.deps.posts.paths.postFile(id));
      return info.isFile() ? info.mtimeMs : null;
    } catch {
      return null;
    }
  }

  /** Every post folder's index.md with its modification time: one readdir and a stat per post, nothing read. */
  private async libraryTimes(): Promise<Map<string, number>> {
    const root = this.deps.posts.root;
    const entries = await readdir(root, { withFileTypes: true });
    const ids = entries
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith('.') && postIdSchema.safeParse(e.name).success)
      .map((e) => e.name);
    const times = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++] as string;
        const info = await stat(path.join(root, id, 'index.md')).catch(() => null);
        if (info?.isFile()) times.set(id, info.mtimeMs);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY * 2, ids.length) }, worker));
    return times;
  }

  /** Compares the index with the library (modification times) and reads only what differs. */
  private async compare(loaded: LoadedIndex): Promise<void> {
    const listed = await this.libraryTimes();
    const changed: string[] = [];
    for (const [id, ms] of listed) if (loaded.signatures.get(id) !== ms) changed.push(id);
    let removed = 0;
    for (const id of [...loaded.signatures.keys()]) {
      if (listed.has(id)) continue;
      this.forget(loaded, id);
      removed++;
    }
    this.lastReindexed = changed.length;
    if (changed.length === 0 && removed === 0) return;
    await this.reindex(loaded, changed, listed);
    this.scheduleSave();
  }

  private async reindex(loaded: LoadedIndex, ids: readonly string[], times: ReadonlyMap<string, number>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++] as string;
        let text: string | null = null;
        try {
          text = (await this.deps.posts.peek(id)).text;
        } catch {
          text = null; // unreadable (binary, no permission, gone): not searchable, listed with its reason elsewhere
        }
        if (loaded.index.has(id)) loaded.index.discard(id);
        if (text === null) {
          if (times.has(id)) loaded.signatures.set(id, times.get(id) ?? 0);
          else loaded.signatures.delete(id);
          continue;
        }
        loaded.index.add(searchDocument(id, text));
        loaded.signatures.set(id, times.get(id) ?? -1);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, ids.length) }, worker));
  }

  private scheduleSave(): void {
    this.unsaved = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.flush();
    }, this.deps.saveDelayMs ?? 2000);
    this.saveTimer.unref?.();
  }

  private async save(): Promise<void> {
    if (!this.unsaved || !this.loaded) return;
    this.unsaved = false;
    try {
      await saveIndexFile(this.deps.posts.root, this.loaded);
    } catch (error) {
      // The index is a cache: a read-only library still searches, it only builds the index at each start.
      this.deps.log?.(`Suchindex speichern: ${(error as NodeJS.ErrnoException).code ?? 'Fehler'}`);
    }
  }
}
