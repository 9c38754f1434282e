import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import type { EventSink } from '../events/event-sink.js';
import type { PostStore } from './post-store.js';

/**
 * Watches the library for changes made by other programs (a sync client, git, another editor) and reports
 * changed posts by content, so Kladde's own atomic saves never count as outside changes.
 */
export class LibraryWatcher {
  private watcher: FSWatcher | null = null;
  private listTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set by stop(): an event still on its way (an async check in flight) must not be reported after it. */
  private stopped = false;
  /** The post folders changed since the last `libraryChanged`; null when something unknown changed (an error). */
  private changedPosts: Set<string> | null = new Set();

  /** File-system errors the watcher met and survived (an unreadable folder, a loop of links), for tests and logs. */
  readonly problems: string[] = [];

  constructor(
    private readonly store: PostStore,
    private readonly events: EventSink,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const root = this.store.root;
    this.watcher = watch(root, {
      ignoreInitial: true,
      depth: 1,
      ignored: (p: string) => {
        const rel = path.relative(root, p);
        return rel.split(path.sep).some((part) => part.startsWith('.'));
      },
      awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 },
    });
    this.watcher.on('all', (event, file) => void this.onEvent(event, file).catch((error: unknown) => this.onError(error)));
    // Without a listener an 'error' event throws and ends the whole process: a folder without permission
    // (`mkdir -m 000`), a loop of links or an over-long name must only cost that folder its watching.
    this.watcher.on('error', (error) => this.onError(error));
    await new Promise<void>((resolve) => this.watcher?.once('ready', () => resolve()));
  }

  private async onEvent(event: string, file: string): Promise<void> {
    const rel = path.relative(this.store.root, file).split(path.sep);
    if (rel.length === 2 && rel[1] === 'index.md' && rel[0] && (event === 'change' || event === 'add')) {
      const id = rel[0];
      const version = await this.store.checkOutsideChange(id);
      if (version && !this.stopped) this.events.emit('postChangedOnDisk', { id, version });
    }
    if (event === 'addDir' || event === 'unlinkDir' || event === 'add' || event === 'unlink' || event === 'change') {
      // A post folder that appeared or went, or its index.md: the search re-reads exactly these.
      const post = rel[0];
      if (post && ((rel.length === 1 && event.endsWith('Dir')) || (rel.length === 2 && rel[1] === 'index.md'))) this.changedPosts?.add(post);
      this.scheduleListChanged();
    }
  }

  private onError(error: unknown): void {
    const code = (error as NodeJS.ErrnoException | null)?.code ?? (error instanceof Error ? error.name : 'unbekannt');
    this.problems.push(code);
    if (this.problems.length > 100) this.problems.shift();
    // Only the kind: a path may hold private names.
    this.log(`Bibliothek beobachten: ${code}`);
    // The folder the error came from is most likely new or changed: the list shows it with its reason.
    this.changedPosts = null;
    this.scheduleListChanged();
  }

  private scheduleListChanged(): void {
    if (this.stopped) return;
    if (this.listTimer) clearTimeout(this.listTimer);
    this.listTimer = setTimeout(() => {
      const posts = this.changedPosts;
      this.changedPosts = new Set();
      this.events.emit('libraryChanged', posts ? { posts: [...posts] } : {});
    }, 150);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.listTimer) clearTimeout(this.listTimer);
    await this.watcher?.close();
    this.watcher = null;
  }
}
