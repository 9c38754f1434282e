import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';

/**
 * What Kladde remembers about every post it imported, in the library's `.kladde/import-index.jsonl` (so it
 * travels with the library): where the post went, a hash of the remote post as converted and of the text written
 * (to tell „changed online“ from „changed here“ on the next import), and the images still on the blog.
 *
 * One JSON line per change, the last line of a key wins: appending a line per imported post costs next to
 * nothing even for thousands of posts, and a line torn by a crash is skipped when read. The file is rewritten
 * compactly once it holds many outdated lines.
 */

/** An image the post still names by its address on the blog (offline import, or a failed download). */
export const pendingImageSchema = z.object({
  /** The planned file name in the post's folder. */
  file: z.string(),
  /** The address to fetch first (the full-size original). */
  url: z.string(),
  fallbackUrl: z.string().optional(),
  /** The address as the post's text names it now. */
  href: z.string(),
  /** The media item on the blog, when known (recorded in the publish record after the download). */
  mediaId: z.string().optional(),
  mediaUrl: z.string().optional(),
});
export type PendingImage = z.infer<typeof pendingImageSchema>;

export const importIndexEntrySchema = z.object({
  /** `blog:<blogId>:<remoteId>` or `wxr:<site>:<postId>` (see {@link importKey}). */
  key: z.string(),
  postId: z.string(),
  /** The blog whose publish record the post carries, or null (an export without a blog). */
  blogId: z.string().nullable(),
  remoteHash: z.string(),
  /** {@link textHash} of the text Kladde wrote last. */
  writtenHash: z.string(),
  pending: z.array(pendingImageSchema),
});
export type ImportIndexEntry = z.infer<typeof importIndexEntrySchema>;

/** The key of a remote post: by blog when the import belongs to a connected blog, else by the export's site. */
export function importKey(source: { blogId: string } | { site: string }, remoteId: string): string {
  return 'blogId' in source ? `blog:${source.blogId}:${remoteId}` : `wxr:${source.site.replace(/\/+$/, '')}:${remoteId}`;
}

export class ImportIndex {
  private entries: Map<string, ImportIndexEntry> | null = null;
  private lines = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** The index of a library. */
  static inLibrary(root: string): ImportIndex {
    return new ImportIndex(path.join(root, '.kladde', 'import-index.jsonl'));
  }

  async get(key: string): Promise<ImportIndexEntry | undefined> {
    return (await this.load()).get(key);
  }

  async all(): Promise<ImportIndexEntry[]> {
    return [...(await this.load()).values()];
  }

  /** Remembers an entry (replacing the key's earlier one). */
  put(entry: ImportIndexEntry): Promise<void> {
    return this.serial(async () => {
      const entries = await this.load();
      entries.set(entry.key, entry);
      await mkdir(path.dirname(this.file), { recursive: true });
      this.lines++;
      if (this.lines > 2 * entries.size + 200) {
        await writeFileAtomic(this.file, [...entries.values()].map((e) => JSON.stringify(e) + '\n').join(''));
        this.lines = entries.size;
      } else {
        await appendFile(this.file, JSON.stringify(entry) + '\n');
      }
    });
  }

  private async load(): Promise<Map<string, ImportIndexEntry>> {
    if (this.entries) return this.entries;
    const entries = new Map<string, ImportIndexEntry>();
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      /* nothing imported yet */
    }
    let lines = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      lines++;
      try {
        const parsed = importIndexEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) entries.set(parsed.data.key, parsed.data);
      } catch {
        /* a line torn by a crash */
      }
    }
    // Another load may have finished meanwhile; the first one stays.
    this.entries ??= entries;
    this.lines = lines;
    return this.entries;
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
