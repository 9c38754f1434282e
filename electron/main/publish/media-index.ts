import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { blogIdSchema } from '../../common/model/blog.js';
import { publishedMediaSchema, type PublishedMedia } from '../../common/markdown/front-matter-publish.js';
import { writeFileAtomic } from '../fs/atomic-write.js';

const FORMAT = 1;
/** Entries kept per blog at most (the newest); a photo blog's decade of uploads fits. */
const MAX_ENTRIES = 20_000;
const indexSchema = z.object({
  format: z.literal(FORMAT),
  /** Content hash → the media item on the blog. */
  media: z.record(z.string(), publishedMediaSchema.extend({ at: z.string().optional() })),
});

/**
 * What each blog already has, by content hash: every upload from any post (and every item found in the blog's
 * own media library), in `<library>/.kladde/media/<blogId>.json`. It travels with the library, so a photo used
 * in a second post — or in a post on another machine — is not sent again.
 */
export class MediaIndex {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  private file(blogId: string): string {
    return path.join(this.dir, `${blogIdSchema.parse(blogId)}.json`);
  }

  private async read(blogId: string): Promise<z.infer<typeof indexSchema>['media']> {
    try {
      const parsed = indexSchema.safeParse(JSON.parse(await readFile(this.file(blogId), 'utf8')));
      return parsed.success ? parsed.data.media : {};
    } catch {
      return {};
    }
  }

  /** The media item this blog has with this content, or null. */
  async find(blogId: string, hash: string): Promise<PublishedMedia | null> {
    await this.queue;
    const entry = (await this.read(blogId))[hash];
    return entry ? { hash: entry.hash, id: entry.id, url: entry.url } : null;
  }

  /** Remembers a media item of the blog (after an upload, or when found in the blog's library). */
  remember(blogId: string, media: PublishedMedia, now: Date = new Date()): Promise<void> {
    const run = this.queue.then(async () => {
      const all = await this.read(blogId);
      all[media.hash] = { hash: media.hash, id: media.id, url: media.url, at: now.toISOString() };
      const entries = Object.entries(all);
      const kept = entries.length > MAX_ENTRIES ? Object.fromEntries(entries.sort((a, b) => (b[1].at ?? '').localeCompare(a[1].at ?? '')).slice(0, MAX_ENTRIES)) : all;
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.file(blogId), JSON.stringify({ format: FORMAT, media: kept }) + '\n');
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Forgets an item the blog no longer has (deleted from its media library). */
  forget(blogId: string, hash: string): Promise<void> {
    const run = this.queue.then(async () => {
      const all = await this.read(blogId);
      if (!(hash in all)) return;
      delete all[hash];
      await writeFileAtomic(this.file(blogId), JSON.stringify({ format: FORMAT, media: all }) + '\n');
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
