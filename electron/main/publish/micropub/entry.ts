import type { PostFields } from '../../../common/model/post.js';

/** Micropub properties: every value is an array (mf2 JSON). */
export type Mf2Properties = Record<string, unknown[]>;

/** The properties Kladde sends and replaces on update — and removes online when the post has none any more. */
export const OWN_PROPERTIES = ['name', 'content', 'summary', 'category', 'published', 'post-status', 'photo'] as const;

export interface EntryInput {
  fields: PostFields;
  slug: string;
  /** The rendered body with the blog's image addresses. */
  html: string;
  /** Categories (the post's or the blog's default) and tags: Micropub knows only `category`. */
  categories: readonly string[];
  /** The featured image on the blog, with its alt text. */
  photo: { url: string; alt: string } | null;
  /** `published` makes the post public, `draft` keeps it a draft (Micropub's `post-status`). */
  status: 'published' | 'draft';
}

/**
 * The post as an h-entry's properties: title, HTML content from the one renderer, excerpt as summary, categories
 * and tags as categories (each once), the date as given, draft or published, the featured image as `photo` with
 * its alt text. Empty values are left out (and removed online on update).
 */
export function entryProperties(input: EntryInput): Mf2Properties {
  const props: Mf2Properties = {
    name: [input.fields.title],
    content: [{ html: input.html }],
    'post-status': [input.status],
  };
  if (input.fields.excerpt.trim() !== '') props['summary'] = [input.fields.excerpt];
  const seen = new Set<string>();
  const categories = [...input.categories, ...input.fields.tags].map((c) => c.trim()).filter((c) => {
    const key = c.toLowerCase();
    if (c === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (categories.length > 0) props['category'] = categories;
  if (input.fields.date.trim() !== '') props['published'] = [input.fields.date.trim()];
  if (input.photo) props['photo'] = [{ value: input.photo.url, alt: input.photo.alt }];
  return props;
}

/** A create request (JSON): the entry plus `mp-slug`, so the server need not make one (some drop umlauts). */
export function createBody(props: Mf2Properties, slug: string): Record<string, unknown> {
  return { type: ['h-entry'], properties: { ...props, ...(slug ? { 'mp-slug': [slug] } : {}) } };
}

/**
 * An update as the requests to send: one `replace` with every property the post has, then one `delete` for those
 * it no longer has but the server still holds — two requests, as some servers (@benjifs/micropub) apply only one
 * operation per request.
 */
export function updateBodies(url: string, props: Mf2Properties, online: ReadonlySet<string>): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [{ action: 'update', url, replace: props }];
  const gone = OWN_PROPERTIES.filter((p) => !(p in props) && online.has(p));
  if (gone.length > 0) bodies.push({ action: 'update', url, delete: gone });
  return bodies;
}

/** Micropub's `post-status` for the post: public when published (or ready on a blog that publishes at once). */
export function micropubStatus(status: PostFields['status'], blogDefault: 'draft' | 'publish'): 'published' | 'draft' {
  if (status === 'published' || status === 'scheduled') return 'published';
  return status === 'ready' && blogDefault === 'publish' ? 'published' : 'draft';
}

/** The first value of a property as text (`content` may be `{html}` or a string). */
export function firstText(props: Record<string, unknown>, key: string): string {
  const value = props[key];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object') {
    const record = first as Record<string, unknown>;
    if (typeof record['html'] === 'string') return record['html'];
    if (typeof record['value'] === 'string') return record['value'];
  }
  return '';
}

/** A file name the media endpoint takes without surprises: ASCII letters, digits and dashes, the extension kept. */
export function uploadName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const stem = (dot > 0 ? fileName.slice(0, dot) : fileName)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  return `${stem || 'bild'}${ext ? `.${ext}` : ''}`;
}
