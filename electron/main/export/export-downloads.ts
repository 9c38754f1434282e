import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';

/** A download nobody fetched (a closed tab) is removed after this long. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const FILE = /^[a-f0-9]{32}$/;

export interface Download {
  name: string;
  mime: string;
  size: number;
  /** The bytes, read once; the file is removed when the stream is done (or fails). */
  stream(): ReadStream;
}

interface Waiting {
  file: string;
  name: string;
  mime: string;
  size: number;
}

/**
 * The web host's exports, each waiting in a temp file (`export-files/` in the config folder) under a random token
 * for exactly one download: the browser gets the token, never a path. Taken files are removed after they were
 * streamed; untaken ones after a day, also those of an earlier run.
 */
export class ExportDownloads {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Writes a download through `write` into a fresh temp file and returns its token. The file counts only once it
   * is completely written: a failed write leaves nothing behind.
   */
  async create(name: string, mime: string, write: (out: Writable) => Promise<void>): Promise<{ token: string; size: number }> {
    await this.removeStale();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const token = randomBytes(16).toString('hex');
    const file = path.join(this.dir, token);
    const part = `${file}.part`;
    try {
      await write(createWriteStream(part, { flags: 'wx', mode: 0o600 }));
      await rename(part, file);
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
    const size = (await stat(file)).size;
    this.waiting.set(token, { file, name, mime, size });
    return { token, size };
  }

  /** The download behind a token, handed out once; null when unknown or taken already. */
  take(token: string): Download | null {
    if (!FILE.test(token)) return null;
    const entry = this.waiting.get(token);
    if (!entry) return null;
    this.waiting.delete(token);
    return {
      name: entry.name,
      mime: entry.mime,
      size: entry.size,
      stream: () => {
        const stream = createReadStream(entry.file);
        stream.once('close', () => void rm(entry.file, { force: true }));
        return stream;
      },
    };
  }

  /** Removes downloads older than a day, and half-written ones of an earlier run. */
  async removeStale(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const token = name.replace(/\.part$/, '');
      if (!FILE.test(token)) continue;
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => null);
      if (info && this.now() - info.mtimeMs > MAX_AGE_MS) {
        await rm(file, { force: true });
        this.waiting.delete(token);
      }
    }
  }
}
