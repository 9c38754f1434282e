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

  constructor(
    private readonly store: PostStore,
    private readonly events: EventSink,
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
    this.watcher.on('all', (event, file) => void this.onEvent(event, file));
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
      this.scheduleListChanged();
    }
  }

  private scheduleListChanged(): void {
    if (this.stopped) return;
    if (this.listTimer) clearTimeout(this.listTimer);
    this.listTimer = setTimeout(() => this.events.emit('libraryChanged', {}), 150);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.listTimer) clearTimeout(this.listTimer);
    await this.watcher?.close();
    this.watcher = null;
  }
}
