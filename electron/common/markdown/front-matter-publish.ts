import { z } from 'zod';
import { Document, isMap, parseDocument, type Node, type YAMLMap } from 'yaml';
import { editFrontMatter, splitFrontMatter } from './front-matter-edit.js';

/**
 * Where a post was published, kept in its own front matter so it travels with the post (git, another machine):
 *
 * ```yaml
 * publish:
 *   mein-blog:                      # the blog's id
 *     id: 123                       # the post's id on the blog
 *     link: https://example.org/hallo/
 *     modified_gmt: 2025-03-01T10:00:00   # the blog's modification time after Kladde's last publish
 *     online_hash: 9c0e…            # what the blog stored then, hashed (see publishRecordSchema)
 *     media:
 *       foto.jpg: { hash: 3b1f…, id: 45, url: https://example.org/wp-content/uploads/foto.jpg }
 * ```
 *
 * `media` remembers which image content (by hash) is already on that blog, so unchanged images are never sent
 * again. Writing replaces only the one blog's entry; every other byte of the front matter stays as it was.
 */

export const PUBLISH_KEY = 'publish';

/**
 * A remote id as the blog gave it, opaque to Kladde (WordPress's numbers, another engine's strings). Records
 * written before ids became strings hold YAML numbers (`id: 123`); they read as `'123'`.
 */
export const remoteIdSchema = z.union([z.string().min(1).max(200), z.number().int().nonnegative()]).transform((id) => String(id));

export const publishedMediaSchema = z.object({
  /** Content hash of the file when it was uploaded (hex). */
  hash: z.string().min(1),
  id: remoteIdSchema,
  url: z.string(),
});
export type PublishedMedia = z.infer<typeof publishedMediaSchema>;

export const publishRecordSchema = z.object({
  id: remoteIdSchema,
  link: z.string().default(''),
  modified_gmt: z.coerce.string().default(''),
  /**
   * Hash of title, content and excerpt as the blog stored them after the last publish: a blog's modification time
   * may have one-second resolution (WordPress's has), so an online edit in the same second is caught by this.
   */
  online_hash: z.coerce.string().default(''),
  media: z.record(z.string(), publishedMediaSchema).default({}),
});
export type PublishRecord = z.infer<typeof publishRecordSchema>;

/** The media part alone (remembered uploads may exist before the post itself was created). */
const mediaOnlySchema = z.object({ media: z.record(z.string(), publishedMediaSchema).default({}) });

/** What the front matter says about one blog: the post's record, or only remembered media, or nothing. */
export interface BlogPublishState {
  record: PublishRecord | null;
  media: Record<string, PublishedMedia>;
}

/** Reads `publish.<blogId>`; malformed entries count as „not published yet“, never as an error. */
export function readPublishState(text: string, blogId: string): BlogPublishState {
  const split = splitFrontMatter(text);
  if (split.yaml === null) return { record: null, media: {} };
  const doc = parseDocument(split.yaml);
  if (doc.errors.length > 0) return { record: null, media: {} };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch {
    return { record: null, media: {} };
  }
  const publish = isRecord(data) ? data[PUBLISH_KEY] : undefined;
  const entry = isRecord(publish) ? publish[blogId] : undefined;
  const record = publishRecordSchema.safeParse(entry);
  if (record.success) return { record: record.data, media: record.data.media };
  const media = mediaOnlySchema.safeParse(entry);
  return { record: null, media: media.success ? media.data.media : {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Writes `publish.<blogId>` (creating `publish:` and even the front matter when missing) through the one
 * front-matter editor: other blogs' entries and every other byte stay. A `{…}` or scalar `publish:` is written
 * out anew as a block. Returns null — and the caller must leave the text alone — when the front matter does not
 * parse or is not a block map.
 */
export function setPublishRecord(text: string, blogId: string, record: PublishRecord): string | null {
  const result = editFrontMatter(text, [{ path: [PUBLISH_KEY, blogId], value: recordNode(record) }], {
    flowCollectionPadding: true,
    replaceInTheWay: true,
  });
  return result.ok ? result.text : null;
}

/** The record as written: fixed key order, each remembered image on one line (`foto.jpg: { hash: …, id: 45 }`). */
function recordNode(record: PublishRecord): Node {
  const media = Object.fromEntries(Object.entries(record.media).map(([key, m]) => [key, { hash: m.hash, id: yamlId(m.id), url: m.url }]));
  const doc = new Document(
    { id: yamlId(record.id), link: record.link, modified_gmt: record.modified_gmt, online_hash: record.online_hash, media },
    { aliasDuplicateObjects: false },
  );
  const map = doc.contents as YAMLMap;
  const mediaNode = map.get('media', true);
  if (isMap(mediaNode)) {
    if (mediaNode.items.length === 0) mediaNode.flow = true;
    for (const item of mediaNode.items) if (isMap(item.value)) item.value.flow = true;
  }
  return map;
}

/** A digits-only id is written as a YAML number, as every release before opaque ids wrote it (`id: 123`, not `"123"`). */
function yamlId(id: string): string | number {
  return /^(?:0|[1-9]\d{0,14})$/.test(id) ? Number(id) : id;
}
