import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** A stable id: 16 hex digits, random, never derived from a name. */
export const STABLE_ID = /^[0-9a-f]{16}$/;

const idsFileSchema = z.object({ format: z.literal(1), ids: z.record(z.string(), z.string().regex(STABLE_ID)) });

/**
 * Which history folder belongs to which post. A post's id is its folder name, which a rename changes; its history
 * must not be lost with it, and writing an id into every post's front matter would add a line the user never asked
 * for (and that Hugo, Jekyll or a diff would show). So the library keeps one small map `folder → stable id` in
 * `.kladde/verlauf/beitraege.json`, updated whenever Kladde renames, deletes or restores a post. A folder renamed by
 * another program starts a new history (its old one stays on disk under the old id).
 *
 * Keys are post ids, or `trash:<trashId>` for a post in the trash (restoring it takes its history back).
 */
export class StableIds {
  private ids: Map<string, string> | null = null;

  constructor(private readonly file: string) {}

  /** The post's stable id; `create` gives it one when it has none yet. */
  async get(key: string, create: true): Promise<string>;
  async get(key: string, create?: false): Promise<string | null>;
  async get(key: string, create = false): Promise<string | null> {
    const ids = await this.load();
    const found = ids.get(key);
    if (found || !create) return found ?? null;
    const id = randomBytes(8).toString('hex');
    ids.set(key, id);
    await this.persist();
    return id;
  }

  /** The entry moves from one key to the other (a rename, into the trash, out of it). */
  async move(from: string, to: string): Promise<void> {
    if (from === to) return;
    const ids = await this.load();
    const id = ids.get(from);
    if (!id) return;
    ids.delete(from);
    ids.set(to, id);
    await this.persist();
  }

  private async load(): Promise<Map<string, string>> {
    if (this.ids) return this.ids;
    const ids = new Map<string, string>();
    try {
      const parsed = idsFileSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (parsed.success) for (const [key, id] of Object.entries(parsed.data.ids)) ids.set(key, id);
    } catch {
      /* no history yet, or a broken map: new histories start */
    }
    this.ids ??= ids;
    return this.ids;
  }

  private async persist(): Promise<void> {
    if (!this.ids) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const data = { format: 1, ids: Object.fromEntries([...this.ids].sort(([a], [b]) => a.localeCompare(b))) };
    await writeFileAtomic(this.file, JSON.stringify(data, null, 1) + '\n');
  }
}
