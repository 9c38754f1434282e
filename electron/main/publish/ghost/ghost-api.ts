import { createHash } from 'node:crypto';
import type { Blog, RemoteStatus } from '../../../common/model/blog.js';
import type { PostStatus } from '../../../common/model/post.js';
import { parseSiteAddress } from '../site-address.js';

/**
 * The pure parts of talking to Ghost's Admin API (Ghost 5 and 6): addresses, fields as Ghost wants them, what its
 * answers mean. Kept apart from the requests so they can be tested without a server.
 */

/** The API version Kladde speaks; Ghost answers older clients compatibly and says so in a header. */
export const ACCEPT_VERSION = 'v6.0';

/** Ghost's limits on post fields (longer values are refused with 422). */
export const MAX_EXCERPT = 300;
export const MAX_IMAGE_ALT = 191;

/** `example.org/blog` → `https://example.org/blog/`; refuses anything that is not an http(s) address. */
export function normalizeSiteUrl(input: string): string | null {
  const url = parseSiteAddress(input);
  if (!url) return null;
  url.search = '';
  // An address copied from Ghost Admin (`…/ghost/#/dashboard`) still names the site.
  url.pathname = url.pathname.replace(/\/ghost(?:\/.*)?$/, '/');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}

/** The Admin API root of a site: `https://example.org/ghost/api/admin/`. */
export function adminApiRoot(siteUrl: string): string {
  return new URL('ghost/api/admin/', siteUrl).toString();
}

/** The address of an Admin API route (`posts/`, `posts/<id>/`, …) with its query. */
export function adminUrl(blog: Pick<Blog, 'apiRoot'>, route: string, query: Record<string, string | number | undefined> = {}): string {
  const root = blog.apiRoot.endsWith('/') ? blog.apiRoot : `${blog.apiRoot}/`;
  const url = new URL(route, root);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/** Where the author edits the post in Ghost Admin. */
export function editorUrl(siteUrl: string, id: string, type: 'post' | 'page' = 'post'): string {
  try {
    return new URL(`ghost/#/editor/${type}/${encodeURIComponent(id)}`, siteUrl).toString();
  } catch {
    return '';
  }
}

/**
 * The Ghost status for a post's `status:`: draft and ready stay drafts (unless the blog's default is to publish),
 * published → published (scheduled when its date lies ahead), scheduled → scheduled. Ghost refuses `scheduled`
 * without a future date; such a post goes out as published.
 */
export function ghostStatus(status: PostStatus, publishedAt: string | undefined, now: Date, blogDefault: 'draft' | 'publish'): 'draft' | 'published' | 'scheduled' {
  const future = publishedAt !== undefined && Date.parse(publishedAt) > now.getTime();
  if (status === 'scheduled' || status === 'published') return future ? 'scheduled' : 'published';
  return blogDefault === 'publish' && status === 'ready' ? 'published' : 'draft';
}

/**
 * A front-matter date as Ghost's `published_at` (UTC, ISO). A date without zone is the writer's local time, as
 * Kladde shows it. Unreadable or empty dates are left out (Ghost uses the moment of publishing).
 */
export function ghostDate(value: string): string | undefined {
  const text = value.trim();
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (local) {
    const date = new Date(Number(local[1]), Number(local[2]) - 1, Number(local[3]), Number(local[4] ?? 0), Number(local[5] ?? 0), Number(local[6] ?? 0));
    return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  return undefined;
}

/** Ghost's status in the words the rest of Kladde uses (WordPress's): public, scheduled or draft. */
export function remoteStatusOf(status: string): RemoteStatus {
  if (status === 'published' || status === 'sent') return 'publish';
  if (status === 'scheduled') return 'future';
  if (status === 'draft') return 'draft';
  return 'unknown';
}

/** The same in the status words an import reads (WordPress's `post_status`). */
export function importStatusOf(status: string): string {
  const remote = remoteStatusOf(status);
  return remote === 'unknown' ? 'draft' : remote;
}

/** `2024-05-01T10:00:00.000Z` → `2024-05-01T10:00:00` (UTC, the form the publish record and the import use). */
export function utcSeconds(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 19) : '';
}

/** Tag names compare as Ghost compares them: trimmed, case-insensitively. */
export function tagKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');
}

/**
 * What Ghost stores of a post that a user can change online, hashed: its title, its HTML (rendered from the stored
 * document, so the same document gives the same HTML) and its excerpt. Written into the publish record after a
 * publish and by an import, compared before the next publish: Ghost's `updated_at` has one-second resolution.
 */
export function onlineHash(post: Pick<GhostPost, 'title' | 'html' | 'custom_excerpt'>): string {
  const parts = [post.title ?? '', post.html ?? '', post.custom_excerpt ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** The classes Ghost's image card gives a plain image (a wide or full-width card keeps its class: Markdown has no width). */
const PLAIN_CARD_CLASSES = new Set(['kg-card', 'kg-image-card', 'kg-card-hascaption']);

/**
 * Ghost's stored HTML as the HTML Kladde sent: Ghost gives every heading an `id` made from its text and wraps an image
 * in its image card's classes. Both say nothing the Markdown does not, so they are dropped before the HTML → Markdown
 * conversion (which keeps any attribute it cannot express as raw HTML). Anything else stays as Ghost has it.
 */
export function plainGhostHtml(html: string): string {
  return html
    .replace(/<(h[1-6]) id="[^"<>]*">/g, '<$1>')
    .replace(/<figure class="([^"<>]*)">/g, (whole, classes: string) =>
      classes.split(/\s+/).every((c) => PLAIN_CARD_CLASSES.has(c)) ? '<figure>' : whole,
    )
    .replace(/(<img\b[^<>]*?) class="kg-image"/g, '$1');
}

/** The media id Kladde remembers for an uploaded image: its path below `/content/images/` (Ghost gives no id). */
export function mediaIdOf(url: string): string {
  const match = /\/content\/images\/(.+)$/.exec(url.replace(/[?#].*$/, ''));
  return (match?.[1] ?? url).slice(-200);
}

/** Whether an image address lies in the blog's own image folder (`<site>/content/images/…`). */
export function isBlogImage(siteUrl: string, url: string): boolean {
  try {
    const site = new URL(siteUrl);
    const image = new URL(url, siteUrl);
    return image.origin === site.origin && image.pathname.startsWith(`${site.pathname}content/images/`);
  } catch {
    return false;
  }
}

/** A post or page as the Admin API gives it (`formats=html`, `include=tags`). */
export interface GhostPost {
  id: string;
  uuid?: string;
  title: string;
  slug: string;
  html?: string | null;
  status: string;
  url: string;
  featured?: boolean;
  feature_image?: string | null;
  feature_image_alt?: string | null;
  feature_image_caption?: string | null;
  custom_excerpt?: string | null;
  published_at?: string | null;
  updated_at: string;
  created_at?: string;
  tags?: { id: string; name: string; slug: string }[];
}

/** A tag as `tags/` lists it. */
export interface GhostTag {
  id: string;
  name: string;
  slug: string;
  visibility?: string;
}

/** Ghost's pagination block (`meta.pagination`). */
export interface GhostPagination {
  page: number;
  limit: number | 'all';
  pages: number;
  total: number;
  next: number | null;
}
