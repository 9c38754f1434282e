import { z } from 'zod';
import { Document, isMap, isScalar, parseDocument, visit, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import { splitFrontMatter } from './front-matter.js';

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

export const publishedMediaSchema = z.object({
  /** Content hash of the file when it was uploaded (hex). */
  hash: z.string().min(1),
  id: z.number().int(),
  url: z.string(),
});
export type PublishedMedia = z.infer<typeof publishedMediaSchema>;

export const publishRecordSchema = z.object({
  id: z.number().int(),
  link: z.string().default(''),
  modified_gmt: z.coerce.string().default(''),
  /**
   * Hash of title, content and excerpt as the blog stored them after the last publish: WordPress's
   * `modified_gmt` has one-second resolution, so an online edit in the same second is caught by this.
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
  const data: unknown = doc.toJS();
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
 * Writes `publish.<blogId>` (creating `publish:` and even the front matter when missing). Returns null — and the
 * caller must leave the text alone — when the front matter does not parse or is not a block map.
 */
export function setPublishRecord(text: string, blogId: string, record: PublishRecord): string | null {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entry = recordValue(record);
  const split = splitFrontMatter(text);
  if (split.yaml === null) {
    return `---${eol}${block({ [PUBLISH_KEY]: { [blogId]: entry } }, '', eol)}---${eol}${eol}${text}`;
  }
  const yaml = split.yaml;
  const doc = parseDocument(yaml, { keepSourceTokens: true });
  if (doc.errors.length > 0) return null;
  if (doc.contents !== null && (!isMap(doc.contents) || doc.contents.flow)) return null;
  const replace = (from: number, to: number, insert: string): string => {
    const next = yaml.slice(0, from) + insert + yaml.slice(to);
    return text.slice(0, split.yamlOffset) + next + text.slice(split.yamlOffset + yaml.length);
  };
  const items = isMap(doc.contents) ? (doc.contents as YAMLMap.Parsed).items : [];
  const pair = items.find((p: Pair<ParsedNode, ParsedNode | null>) => isScalar(p.key) && p.key.value === PUBLISH_KEY);
  if (!pair) {
    const lead = yaml.length > 0 && !yaml.endsWith('\n') ? eol : '';
    return replace(yaml.length, yaml.length, lead + block({ [PUBLISH_KEY]: { [blogId]: entry } }, '', eol));
  }
  const key = pair.key as ParsedNode;
  const value = pair.value;
  const keyIndent = indentOf(yaml, key.range[0]);
  if (value !== null && isMap(value) && !value.flow) {
    const map = value as YAMLMap.Parsed;
    const existing = map.items.find((p) => isScalar(p.key) && String(p.key.value) === blogId);
    const firstKey = map.items[0]?.key;
    const entryIndent = firstKey && isScalar(firstKey) ? indentOf(yaml, firstKey.range[0]) : keyIndent + '  ';
    if (existing) {
      const entryKey = existing.key as ParsedNode;
      const from = entryKey.range[0];
      const to = lineEndAfter(yaml, existing.value?.range?.[1] ?? entryKey.range[1]);
      return replace(from, to, block({ [blogId]: entry }, entryIndent, eol).slice(entryIndent.length));
    }
    const at = lineEndAfter(yaml, map.range[1]);
    const lead = at > 0 && yaml[at - 1] !== '\n' ? eol : '';
    return replace(at, at, lead + block({ [blogId]: entry }, entryIndent, eol));
  }
  // Empty, a scalar or a `{…}` map: written out anew as a block, other blogs' entries kept.
  const others = value !== null && isMap(value) ? (value.toJS(doc) as Record<string, unknown>) : {};
  const merged = { ...others, [blogId]: entry };
  const to = lineEndAfter(yaml, value?.range?.[1] ?? key.range[1]);
  return replace(key.range[0], to, block({ [PUBLISH_KEY]: merged }, keyIndent, eol).slice(keyIndent.length));
}

/** The record as written: fixed key order, media as one flow map per file so the entry stays short. */
function recordValue(record: PublishRecord): Record<string, unknown> {
  return { id: record.id, link: record.link, modified_gmt: record.modified_gmt, online_hash: record.online_hash, media: record.media };
}

function block(value: Record<string, unknown>, indent: string, eol: string): string {
  const doc = new Document(value);
  // Each remembered image on one line: `foto.jpg: { hash: …, id: 45, url: … }`.
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'media' && isMap(pair.value)) {
        for (const item of pair.value.items) if (isMap(item.value)) item.value.flow = true;
      }
    },
  });
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: true, indent: 2 });
  return (
    yaml
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => (line ? indent + line : line))
      .join(eol) + eol
  );
}

function indentOf(yaml: string, at: number): string {
  const lineStart = yaml.lastIndexOf('\n', at - 1) + 1;
  return yaml.slice(lineStart, at);
}

/** The offset after the line break ending the line that holds `offset - 1`. */
function lineEndAfter(yaml: string, offset: number): number {
  if (offset > 0 && yaml[offset - 1] === '\n') return offset;
  const nl = yaml.indexOf('\n', offset);
  return nl === -1 ? yaml.length : nl + 1;
}
