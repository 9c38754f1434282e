import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ImportedRemotePost } from '../../common/markdown/import-post.js';

/**
 * A streaming reader for WordPress exports (WXR 1.0, 1.1, 1.2: RSS 2.0 with the `wp:`, `content:`, `excerpt:`
 * and `dc:` namespaces). It parses with saxes chunk by chunk and hands out one item at a time, so a 200 MB export
 * is never held in memory at once. A DOCTYPE (and with it any entity declaration) is refused outright: WordPress
 * never writes one, and entity expansion is the way XML files attack their readers.
 */

/** One `<item>` of an export, as written (HTML and shortcodes untouched). */
export interface WxrItem {
  id: string;
  /** `post`, `page`, `attachment`, `nav_menu_item`… */
  type: string;
  title: string;
  link: string;
  slug: string;
  /** `wp:post_date`, the blog's local time. */
  date: string;
  dateGmt: string;
  /** `wp:post_modified_gmt`: when the post was last changed on the blog, in UTC (`2024-05-01 08:00:00`). */
  modifiedGmt: string;
  status: string;
  author: string;
  content: string;
  excerpt: string;
  categories: string[];
  tags: string[];
  /** The file of an attachment. */
  attachmentUrl: string;
  /** `wp:postmeta` as key → value (the last value of a repeated key). */
  meta: Record<string, string>;
  /** `wp:comment_status`: open, closed. */
  commentStatus: string;
  /** `wp:is_sticky`: `1` for a post pinned to the front page. */
  isSticky: string;
}

/** Why an export cannot be read, with the place in the file. */
export class WxrError extends Error {
  constructor(
    message: string,
    readonly code: 'doctype' | 'xml' | 'not-wxr',
  ) {
    super(message);
    this.name = 'WxrError';
  }
}

/** What the export says about the blog (read before the first item). */
export interface WxrChannel {
  title: string;
  link: string;
  /** `de-DE`, `en-US`…, or empty. */
  language: string;
  /** `1.0`, `1.1`, `1.2`, or empty when no `wp:wxr_version` came before the first item. */
  version: string;
}

export type WxrEvent = { kind: 'channel'; channel: WxrChannel } | { kind: 'item'; item: WxrItem };

function emptyItem(): WxrItem {
  return {
    id: '', type: '', title: '', link: '', slug: '', date: '', dateGmt: '', modifiedGmt: '', status: '', author: '',
    content: '', excerpt: '', categories: [], tags: [], attachmentUrl: '', meta: {}, commentStatus: '', isSticky: '',
  };
}

/** Item fields by element name (text content, CDATA or not). */
const ITEM_FIELDS: Readonly<Record<string, keyof WxrItem>> = {
  title: 'title',
  link: 'link',
  'dc:creator': 'author',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'id',
  'wp:post_date': 'date',
  'wp:post_date_gmt': 'dateGmt',
  'wp:post_modified_gmt': 'modifiedGmt',
  'wp:post_name': 'slug',
  'wp:status': 'status',
  'wp:post_type': 'type',
  'wp:attachment_url': 'attachmentUrl',
  'wp:comment_status': 'commentStatus',
  'wp:is_sticky': 'isSticky',
};

/**
 * The channel and the items of an export, in file order, from a stream of its bytes (or text). Throws
 * {@link WxrError} on a DOCTYPE, on XML that is not well-formed, and when the file is no RSS at all.
 */
export async function* readWxr(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<WxrEvent> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const queue: WxrEvent[] = [];
  const path: string[] = [];
  let text = '';
  let item: WxrItem | null = null;
  let category: { domain: string } | null = null;
  let meta: { key: string; value: string } | null = null;
  const channel: WxrChannel = { title: '', link: '', language: '', version: '' };
  let channelSent = false;
  let sawRss = false;
  let failure: Error | null = null;

  parser.on('doctype', () => {
    throw new WxrError('Die Exportdatei enthält eine DOCTYPE-Angabe; solche Dateien werden aus Sicherheitsgründen nicht gelesen.', 'doctype');
  });
  parser.on('error', (e) => {
    failure ??= new WxrError(`Die Exportdatei ist kein gültiges XML: ${e.message}`, 'xml');
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    path.push(tag.name);
    text = '';
    if (path.length === 1) {
      if (tag.name !== 'rss') throw new WxrError('Die Datei ist kein WordPress-Export (kein RSS).', 'not-wxr');
      sawRss = true;
    }
    if (tag.name === 'item' && path.length === 3) {
      if (!channelSent) {
        queue.push({ kind: 'channel', channel: { ...channel } });
        channelSent = true;
      }
      item = emptyItem();
    } else if (item && tag.name === 'category' && path.length === 4) {
      category = { domain: String(tag.attributes['domain'] ?? '') };
    } else if (item && tag.name === 'wp:postmeta') {
      meta = { key: '', value: '' };
    }
  });
  const onText = (t: string) => {
    text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const depth = path.length;
    path.pop();
    const value = text;
    text = '';
    if (item) {
      if (tag.name === 'item' && depth === 3) {
        queue.push({ kind: 'item', item });
        item = null;
        return;
      }
      if (category && tag.name === 'category') {
        const name = value.trim();
        if (name && category.domain === 'category') item.categories.push(name);
        else if (name && category.domain === 'post_tag') item.tags.push(name);
        category = null;
        return;
      }
      if (meta) {
        if (tag.name === 'wp:meta_key') meta.key = value.trim();
        else if (tag.name === 'wp:meta_value') meta.value = value;
        else if (tag.name === 'wp:postmeta') {
          if (meta.key) item.meta[meta.key] = meta.value;
          meta = null;
        }
        return;
      }
      const field = depth === 4 ? ITEM_FIELDS[tag.name] : undefined;
      if (field && field !== 'categories' && field !== 'tags' && field !== 'meta') item[field] = field === 'content' || field === 'excerpt' ? value : value.trim();
      return;
    }
    if (depth === 3) {
      if (tag.name === 'title') channel.title = value.trim();
      else if (tag.name === 'link') channel.link = value.trim();
      else if (tag.name === 'language') channel.language = value.trim();
      else if (tag.name === 'wp:wxr_version') channel.version = value.trim();
    }
  });

  const decoder = new TextDecoder('utf-8');
  const flush = function* (): Generator<WxrEvent> {
    if (failure) throw failure;
    while (queue.length > 0) {
      const next = queue.shift();
      if (next) yield next;
    }
  };
  let empty = true;
  for await (const chunk of source) {
    const part = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (empty && part.trim() !== '') empty = false;
    parser.write(part);
    yield* flush();
  }
  const rest = decoder.decode();
  if (rest) parser.write(rest);
  if (empty && rest.trim() === '') throw new WxrError('Die Exportdatei ist leer.', 'not-wxr');
  parser.close();
  yield* flush();
  if (!sawRss) throw new WxrError('Die Datei ist kein WordPress-Export (leer oder kein RSS).', 'not-wxr');
  if (!channelSent) yield { kind: 'channel', channel: { ...channel } };
}

/** Posts in the bin and editor leftovers are no posts to import. */
const SKIPPED_STATUSES = new Set(['trash', 'auto-draft', 'inherit']);

/** The post types an import takes by default. */
export const IMPORTED_TYPES = ['post'] as const;

/** An exported post ready for {@link importPost}, with where it came from. */
export interface WxrPost extends ImportedRemotePost {
  id: string;
  type: string;
  link: string;
  /** When the blog last changed it (UTC, `YYYY-MM-DDTHH:MM:SS`), '' when the export does not say. */
  modifiedGmt: string;
}

/** An attachment of the export: a media item of the blog, with its id there. */
export interface WxrAttachment {
  id: string;
  url: string;
  alt: string;
  caption: string;
}

/** What a first pass over an export finds: the blog, its attachments, and how many posts it will yield. */
export interface WxrSummary {
  channel: WxrChannel;
  /** By attachment id. */
  attachments: Map<string, WxrAttachment>;
  /** The items {@link readWxrPosts} yields for the same types. */
  posts: number;
}

/** Reads the whole export once, keeping only the channel, the attachments (a few strings each) and a count. */
export async function readWxrSummary(source: AsyncIterable<Uint8Array | string>, types: readonly string[] = IMPORTED_TYPES): Promise<WxrSummary> {
  const attachments = new Map<string, WxrAttachment>();
  let channel: WxrChannel = { title: '', link: '', language: '', version: '' };
  let posts = 0;
  for await (const event of readWxr(source)) {
    if (event.kind === 'channel') {
      channel = event.channel;
      continue;
    }
    const a = event.item;
    if (a.type === 'attachment') attachments.set(a.id, { id: a.id, url: a.attachmentUrl, alt: a.meta['_wp_attachment_image_alt'] ?? '', caption: a.excerpt });
    else if (types.includes(a.type) && !SKIPPED_STATUSES.has(a.status)) posts++;
  }
  return { channel, attachments, posts };
}

/**
 * The posts of an export, one by one, ready for `importPost`. Featured images point to attachments that may
 * stand anywhere in the file, so the file is read twice: first only attachments (address, alt text, caption —
 * a few strings each), then the posts. `open` gives a fresh stream of the file each time. A caller that made
 * the first pass itself ({@link readWxrSummary}) hands its summary in.
 */
export async function* readWxrPosts(
  open: () => AsyncIterable<Uint8Array | string>,
  types: readonly string[] = IMPORTED_TYPES,
  summary?: WxrSummary,
): AsyncGenerator<WxrPost> {
  const { attachments } = summary ?? (await readWxrSummary(open(), types));
  let lang = '';
  for await (const event of readWxr(open())) {
    if (event.kind === 'channel') {
      lang = (event.channel.language.split(/[-_]/)[0] ?? '').toLowerCase();
      continue;
    }
    const item = event.item;
    if (!types.includes(item.type) || SKIPPED_STATUSES.has(item.status)) continue;
    const thumb = attachments.get(item.meta['_thumbnail_id'] ?? '');
    yield {
      id: item.id,
      type: item.type,
      link: item.link,
      title: item.title,
      slug: item.slug,
      date: item.date,
      dateGmt: item.dateGmt,
      modifiedGmt: isoLocal(item.modifiedGmt),
      status: item.status,
      categories: item.categories,
      tags: item.tags,
      excerpt: item.excerpt,
      content: item.content,
      ...(thumb?.url ? { featuredImage: { url: thumb.url, alt: thumb.alt, caption: thumb.caption, id: item.meta['_thumbnail_id'] ?? '' } } : {}),
      ...(lang ? { lang } : {}),
      sticky: item.isSticky === '1',
      commentStatus: item.commentStatus,
    };
  }
}

/** `2024-05-01 08:00:00` → `2024-05-01T08:00:00`, the form the blog's APIs give modification times in; '' for WordPress's zero date. */
function isoLocal(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(value.trim());
  return m && !value.startsWith('0000') ? `${m[1]}T${m[2]}` : '';
}
