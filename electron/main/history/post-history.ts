import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryReason, HistoryVersion } from '../../common/model/history.js';
import { historyVersionIdSchema } from '../../common/model/history.js';
import type { OpenedPost, SaveResult } from '../../common/model/post.js';
import { KladdeError } from '../../common/result.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { LibraryPaths } from '../posts/library-paths.js';
import { compressText, decompressText, parseVersionFile, shortHash, VERSION_FILE_SUFFIX, versionId, type VersionName } from './history-files.js';
import { StableIds, STABLE_ID } from './history-ids.js';
import { versionsToKeep } from './history-pruning.js';

/** The history's folder inside the library (hidden, so the watcher and the post list ignore it). */
export const HISTORY_DIR = path.join('.kladde', 'verlauf');

/** At most one snapshot per post this often while saves keep coming (typing); the last one follows at the end. */
export const SAVE_SNAPSHOT_MS = 3 * 60 * 1000;

/** Posts whose opened text is remembered until their first snapshot (the newest ones win). */
const MAX_OPENED = 20;

export interface HistoryTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface PostHistoryDeps {
  /** The library folder. */
  root: string;
  /** The post as the editor sees it; the post store's `peek`. */
  readPost: (id: string) => Promise<{ text: string; version: string }>;
  /** Saves a post unless it changed since `baseVersion`; the post store's `save`. */
  savePost: (id: string, text: string, baseVersion: string, force: boolean) => Promise<SaveResult>;
  /** Words of a text, as the status bar counts them. */
  countWords: (text: string) => number;
  now?: () => number;
  timers?: HistoryTimers;
  /** Between save snapshots of one post (default {@link SAVE_SNAPSHOT_MS}). */
  throttleMs?: number;
  log?: (message: string) => void;
}

interface Throttle {
  lastMs: number;
  pending: string | null;
  timer: unknown;
}

const defaultTimers: HistoryTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A snapshot waiting for its turn must not keep a test or the web host's process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Earlier versions of every post, gzip-compressed in `.kladde/verlauf/<stable id>/` in the library: after saves
 * (at most every three minutes while typing), and always before something replaces the text wholesale — publishing,
 * an import overwriting it, „Fremde übernehmen“, a restore, a rename. Pruned as it grows (see versionsToKeep).
 *
 * Nothing here runs on the save path: {@link noteSaved} only queues, and the queue writes after the save has
 * answered, with compression in the thread pool. Everything that touches the files runs in one queue, in order.
 */
export class PostHistory {
  private readonly paths: LibraryPaths;
  private readonly ids: StableIds;
  private readonly now: () => number;
  private readonly timers: HistoryTimers;
  private readonly throttleMs: number;
  private readonly throttles = new Map<string, Throttle>();
  /** The text of a post as it was opened, kept until the post's first snapshot (so the first save can be undone). */
  private readonly opened = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PostHistoryDeps) {
    this.paths = new LibraryPaths(deps.root);
    this.ids = new StableIds(path.join(this.dir, 'beitraege.json'));
    this.now = deps.now ?? Date.now;
    this.timers = deps.timers ?? defaultTimers;
    this.throttleMs = deps.throttleMs ?? SAVE_SNAPSHOT_MS;
  }

  get dir(): string {
    return path.join(this.paths.root, HISTORY_DIR);
  }

  /** A post was opened: its text is remembered, so the first snapshot after a save can keep what was there before. */
  noteOpened(id: string, text: string): void {
    this.paths.postDir(id);
    this.opened.delete(id);
    this.opened.set(id, text);
    for (const key of this.opened.keys()) {
      if (this.opened.size <= MAX_OPENED) break;
      this.opened.delete(key);
    }
  }

  /**
   * A save went through. Returns at once; the snapshot is written after the save's answer is on its way, at most
   * one per post every {@link SAVE_SNAPSHOT_MS} — the last text of a burst follows when that time is up.
   */
  noteSaved(id: string, text: string): void {
    this.paths.postDir(id);
    const now = this.now();
    const t = this.throttles.get(id) ?? { lastMs: -Infinity, pending: null, timer: null };
    this.throttles.set(id, t);
    if (now - t.lastMs >= this.throttleMs && t.timer === null) {
      t.lastMs = now;
      t.pending = text;
      // A timer of 0 lets the save's answer leave first: hashing and counting a long post take a few milliseconds.
      t.timer = this.timers.setTimeout(() => this.writePending(id, t), 0);
      return;
    }
    t.pending = text;
    if (t.timer !== null) return;
    t.timer = this.timers.setTimeout(() => {
      t.lastMs = this.now();
      this.writePending(id, t);
    }, Math.max(0, t.lastMs + this.throttleMs - now));
  }

  private writePending(id: string, t: Throttle): void {
    t.timer = null;
    const pending = t.pending;
    t.pending = null;
    if (pending !== null) void this.enqueue(() => this.writeSave(id, pending)).catch((error: unknown) => this.failed(error));
  }

  /** Keeps `text` as a version now (before publishing, an import, „Fremde übernehmen“ …); null when it was kept already. */
  snapshot(id: string, text: string, reason: Exclude<HistoryReason, 'save' | 'opened'>): Promise<HistoryVersion | null> {
    this.paths.postDir(id);
    // A save snapshot still waiting with the same text is this one now.
    const t = this.throttles.get(id);
    if (t?.pending === text) t.pending = null;
    return this.enqueue(() => this.write(id, text, reason, reason !== 'restore'));
  }

  /** Keeps the post's text on disk as a version (before publishing, renaming); nothing when it cannot be read. */
  async snapshotDisk(id: string, reason: 'publish' | 'rename' | 'import'): Promise<HistoryVersion | null> {
    const disk = await this.deps.readPost(id).catch(() => null);
    return disk ? this.snapshot(id, disk.text, reason) : null;
  }

  /** The post's versions, newest first. */
  async list(id: string): Promise<HistoryVersion[]> {
    this.paths.postDir(id);
    return this.enqueue(async () => {
      const folder = await this.folderOf(id, false);
      return folder ? withWordChanges(await readVersions(folder)) : [];
    });
  }

  /** The text of one version. */
  async read(id: string, version: string): Promise<string> {
    this.paths.postDir(id);
    return this.enqueue(() => this.readNow(id, version));
  }

  /**
   * Puts an earlier version back: the text on disk is kept as a version first (so the restore can be undone), then
   * the old text is saved over it. Refused with `conflict` when the file is not at `baseVersion` any more.
   */
  async restore(id: string, version: string, baseVersion: string): Promise<OpenedPost> {
    const text = await this.read(id, version);
    const disk = await this.deps.readPost(id);
    if (disk.version !== baseVersion) {
      throw new KladdeError('conflict', 'Der Beitrag wurde inzwischen geändert; die Version wurde nicht wiederhergestellt.');
    }
    await this.snapshot(id, disk.text, 'restore');
    const saved = await this.deps.savePost(id, text, baseVersion, false);
    if (saved.status === 'conflict') {
      throw new KladdeError('conflict', 'Der Beitrag wurde inzwischen geändert; die Version wurde nicht wiederhergestellt.');
    }
    return { id, text, version: saved.version, readOnly: null };
  }

  /** Kladde renamed a post's folder: its history follows. */
  renamed(from: string, to: string): Promise<void> {
    this.moveMemory(from, to);
    return this.enqueue(() => this.ids.move(from, to));
  }

  /** A post went to the trash: its history waits there with it. */
  trashed(id: string, trashId: string): Promise<void> {
    this.moveMemory(id, null);
    return this.enqueue(() => this.ids.move(id, `trash:${trashId}`));
  }

  /** A post came back from the trash (perhaps under a new name): its history with it. */
  untrashed(trashId: string, id: string): Promise<void> {
    return this.enqueue(() => this.ids.move(`trash:${trashId}`, id));
  }

  /** Waits for every snapshot queued so far (not for those waiting for their time). */
  async settled(): Promise<void> {
    await this.queue;
  }

  /** Writes the snapshots still waiting for their time (on quit), and waits for everything queued. */
  async flush(): Promise<void> {
    for (const [id, t] of this.throttles) {
      if (t.timer !== null) this.timers.clearTimeout(t.timer);
      t.timer = null;
      const pending = t.pending;
      t.pending = null;
      if (pending !== null) void this.enqueue(() => this.writeSave(id, pending)).catch((error: unknown) => this.failed(error));
    }
    await this.queue;
  }

  // ——— inside ———

  private moveMemory(from: string, to: string | null): void {
    const t = this.throttles.get(from);
    this.throttles.delete(from);
    if (t && to !== null) {
      // A pending snapshot was for the old name: it is written under the new one.
      if (t.timer !== null) this.timers.clearTimeout(t.timer);
      t.timer = null;
      this.throttles.set(to, { ...t, timer: null });
      if (t.pending !== null) {
        const pending = t.pending;
        t.pending = null;
        void this.enqueue(() => this.writeSave(to, pending)).catch((error: unknown) => this.failed(error));
      }
    }
    const opened = this.opened.get(from);
    this.opened.delete(from);
    if (opened !== undefined && to !== null) this.opened.set(to, opened);
  }

  private async writeSave(id: string, text: string): Promise<void> {
    const opened = this.opened.get(id);
    if (opened !== undefined) {
      this.opened.delete(id);
      // The post's first version: what it was before this session's first save.
      const folder = await this.folderOf(id, false);
      if (opened !== text && (!folder || (await readVersions(folder)).length === 0)) await this.write(id, opened, 'opened', true, -1);
    }
    await this.write(id, text, 'save', true);
  }

  private async write(id: string, text: string, reason: HistoryReason, dedupe: boolean, offsetMs = 0): Promise<HistoryVersion | null> {
    const folder = await this.folderOf(id, true);
    const versions = await readVersions(folder);
    const hash = shortHash(text);
    if (dedupe && versions[0]?.hash === hash) return null;
    const words = this.deps.countWords(text);
    // Two versions in one millisecond (a restore right after a save) get consecutive times.
    let timeMs = this.now() + offsetMs;
    const newest = versions[0]?.timeMs ?? -Infinity;
    if (timeMs <= newest) timeMs = newest + 1;
    const name = versionId(timeMs, reason, words, hash);
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(path.join(folder, name + VERSION_FILE_SUFFIX), await compressText(text));
    await this.prune(folder, [{ versionId: name, timeMs, reason, words, hash }, ...versions]);
    return { versionId: name, timeMs, reason, words, wordChange: versions[0] ? words - versions[0].words : null };
  }

  private async prune(folder: string, versions: VersionName[]): Promise<void> {
    const keep = versionsToKeep(versions.map((v) => v.timeMs), this.now());
    for (const v of versions) {
      if (!keep.has(v.timeMs)) await unlink(path.join(folder, v.versionId + VERSION_FILE_SUFFIX)).catch(() => undefined);
    }
  }

  private async readNow(id: string, version: string): Promise<string> {
    if (!historyVersionIdSchema.safeParse(version).success) throw new KladdeError('invalid-input', 'Ungültige Versions-ID');
    const folder = await this.folderOf(id, false);
    if (!folder) throw new KladdeError('not-found', 'Diese Version gibt es nicht (mehr).');
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(folder, version + VERSION_FILE_SUFFIX));
    } catch {
      throw new KladdeError('not-found', 'Diese Version gibt es nicht (mehr).');
    }
    try {
      return await decompressText(bytes);
    } catch {
      throw new KladdeError('unreadable', 'Diese Version ist beschädigt und lässt sich nicht lesen.');
    }
  }

  /** The history folder of a post; null when it has none (and `create` is false). */
  private async folderOf(id: string, create: true): Promise<string>;
  private async folderOf(id: string, create: false): Promise<string | null>;
  private async folderOf(id: string, create: boolean): Promise<string | null> {
    const stable = create ? await this.ids.get(id, true) : await this.ids.get(id);
    if (stable === null) return null;
    if (!STABLE_ID.test(stable)) throw new KladdeError('outside-library', 'Ungültige Verlaufs-ID');
    return path.join(this.dir, stable);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private failed(error: unknown): void {
    // Only the kind: messages may hold the post's name.
    const code = (error as NodeJS.ErrnoException | null)?.code;
    this.deps.log?.(`Verlauf: Version nicht geschrieben (${code ?? (error instanceof Error ? error.name : 'unbekannt')})`);
  }
}

/** The versions in a history folder, newest first. */
async function readVersions(folder: string): Promise<VersionName[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names
    .map(parseVersionFile)
    .filter((v): v is VersionName => v !== null)
    .sort((a, b) => b.timeMs - a.timeMs);
}

function withWordChanges(versions: VersionName[]): HistoryVersion[] {
  return versions.map((v, i) => {
    const older = versions[i + 1];
    return { versionId: v.versionId, timeMs: v.timeMs, reason: v.reason, words: v.words, wordChange: older ? v.words - older.words : null };
  });
}
