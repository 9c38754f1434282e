import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { postIdSchema } from '../../common/model/post.js';
import type { RecoveryEntry, RecoveryPatch, RecoveryWrite } from '../../common/model/recovery.js';
import { KladdeError } from '../../common/result.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { LibraryPaths } from '../posts/library-paths.js';

export interface RecoveryJournalDeps {
  /** The library folder; the journal lives in its hidden `.kladde/wiederherstellung/` folder. */
  root: string;
  /** Injected so tests can pin the time an entry was written. */
  now?: () => Date;
  /**
   * The post as the editor sees it (line endings as in the editor) with its version, or null when it is gone.
   * Defaults to the raw file; the composition passes the post store's reader.
   */
  readPost?: (id: string) => Promise<{ text: string; version: string } | null>;
  /** The version Kladde itself last wrote or read for the post, if any (the post store knows it). */
  ownVersion?: (id: string) => string | undefined;
}

/** The journal's folder inside the library (hidden, so the watcher and the post list ignore it). */
export const RECOVERY_DIR = path.join('.kladde', 'wiederherstellung');

const FORMAT = 1;
const journalFileSchema = z.object({
  format: z.literal(FORMAT),
  id: postIdSchema,
  text: z.string(),
  baseVersion: z.string(),
  savedMs: z.number(),
});

/** A post id as a file name: its hash, so no character of the id ever reaches the file system. */
export function journalFileName(id: string): string {
  return `${createHash('sha256').update(id, 'utf8').digest('hex')}.json`;
}

const JOURNAL_FILE = /^[0-9a-f]{64}\.json$/;

/**
 * Unsaved text per post, journaled atomically beside the library so that a crash, a killed process or a closed
 * window loses nothing typed. The renderer writes while the text differs from what it last saved and discards
 * after a save; at start it lists what is left and offers it back.
 */
export class RecoveryJournal {
  private readonly paths: LibraryPaths;
  private readonly now: () => Date;
  /** One write or discard per post at a time, in the order they came: a late write never overtakes a discard. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly readPost: (id: string) => Promise<{ text: string; version: string } | null>;
  private readonly ownVersion: (id: string) => string | undefined;
  /** Posts Kladde renamed or deleted: a journal write still on its way for the old id must not bring it back. */
  private readonly moved = new Set<string>();
  /** Per post, the text of the last write and its number, so the next write may be a patch against it. */
  private readonly held = new Map<string, { text: string; seq: number }>();
  private seq = 0;

  constructor(deps: RecoveryJournalDeps) {
    this.paths = new LibraryPaths(deps.root);
    this.now = deps.now ?? (() => new Date());
    this.readPost = deps.readPost ?? (async (id) => {
      const text = await this.readDisk(id);
      return text === null ? null : { text, version: '' };
    });
    this.ownVersion = deps.ownVersion ?? (() => undefined);
  }

  get dir(): string {
    return path.join(this.paths.root, RECOVERY_DIR);
  }

  /** The journal file of a post; refuses ids the post store would refuse. */
  fileFor(id: string): string {
    // Validates the id exactly like the post store does (throws `outside-library`).
    this.paths.postDir(id);
    return path.join(this.dir, journalFileName(id));
  }

  async write(id: string, entry: RecoveryWrite): Promise<{ savedMs: number; seq?: number }> {
    const file = this.fileFor(id);
    return this.serial(id, () => this.writeNow(id, file, entry));
  }

  /**
   * Applies a change to the text last written for the post: while typing in a long post only the change travels.
   * Refused with `conflict` when the base is not what main holds (a restart, a discard, another tab): the
   * renderer then writes the whole text.
   */
  async patch(id: string, patch: RecoveryPatch): Promise<{ savedMs: number; seq?: number }> {
    const file = this.fileFor(id);
    return this.serial(id, async () => {
      const refused = () => new KladdeError('conflict', 'Die Wiederherstellungskopie hat sich geändert; der ganze Text wird neu geschrieben.');
      if (patch.baseSeq === undefined) {
        // Typed since the save: the base is the post on disk, and only while it is still the version saved.
        const disk = await this.readPost(id).catch(() => null);
        if (!disk || disk.version !== patch.baseVersion || patch.to > disk.text.length) throw refused();
        const text = disk.text.slice(0, patch.from) + patch.insert + disk.text.slice(patch.to);
        return this.writeNow(id, file, { text, baseVersion: patch.baseVersion }, disk);
      }
      const base = this.held.get(id);
      if (!base || base.seq !== patch.baseSeq || patch.to > base.text.length) throw refused();
      const text = base.text.slice(0, patch.from) + patch.insert + base.text.slice(patch.to);
      return this.writeNow(id, file, { text, baseVersion: patch.baseVersion });
    });
  }

  private async writeNow(
    id: string,
    file: string,
    entry: RecoveryWrite,
    /** The post as just read, when the caller has read it already. */
    read?: { text: string; version: string },
  ): Promise<{ savedMs: number; seq?: number }> {
    this.held.delete(id);
    const savedMs = this.now().getTime();
    const own = this.ownVersion(id);
    const disk = read ?? (await this.readPost(id).catch(() => null));
    if (disk === null && this.moved.has(id)) return { savedMs };
    if (disk !== null) this.moved.delete(id);
    // Nothing unsaved (the save overtook this write), or a text older than what Kladde itself saved since
    // (the write was taken before the save and arrived after it): an entry now would later come back as a
    // false recovery and could overwrite the newer text. The editor writes again while it still differs.
    if (disk !== null && (disk.text === entry.text || (entry.baseVersion !== disk.version && own === disk.version))) {
      await remove(file);
      return { savedMs };
    }
    await mkdir(this.dir, { recursive: true });
    const data = { format: FORMAT, id, text: entry.text, baseVersion: entry.baseVersion, savedMs };
    await writeFileAtomic(file, JSON.stringify(data));
    const seq = ++this.seq;
    this.held.set(id, { text: entry.text, seq });
    return { savedMs, seq };
  }

  async discard(id: string): Promise<{ discarded: boolean }> {
    const file = this.fileFor(id);
    return this.serial(id, async () => {
      this.held.delete(id);
      return { discarded: await remove(file) };
    });
  }

  /** The post left this id (renamed or deleted by Kladde): its entry goes, and late writes for it are dropped. */
  async moveAway(id: string): Promise<void> {
    this.moved.add(id);
    await this.discard(id);
  }

  /**
   * Every journaled text that differs from its post on disk, newest first. Entries equal to disk (saved after
   * all) are removed; unreadable files are left alone for a person to look at.
   */
  async list(): Promise<RecoveryEntry[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries: RecoveryEntry[] = [];
    for (const name of names) {
      if (!JOURNAL_FILE.test(name)) continue;
      const file = path.join(this.dir, name);
      const parsed = journalFileSchema.safeParse(await readJson(file));
      if (!parsed.success || journalFileName(parsed.data.id) !== name) continue;
      const { id, text, baseVersion, savedMs } = parsed.data;
      const diskText = (await this.readPost(id).catch(() => null))?.text ?? null;
      if (diskText === text) {
        await this.serial(id, () => {
          this.held.delete(id);
          return remove(file);
        });
        continue;
      }
      entries.push({ id, text, baseVersion, savedMs, diskText });
    }
    return entries.sort((a, b) => b.savedMs - a.savedMs);
  }

  private async readDisk(id: string): Promise<string | null> {
    try {
      return await readFile(await this.paths.realInside(this.paths.postFile(id)), 'utf8');
    } catch {
      return null;
    }
  }

  private serial<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    const settled = next.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return next;
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

async function remove(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
