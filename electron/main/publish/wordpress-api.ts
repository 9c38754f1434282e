import { createHash } from 'node:crypto';
import type { Blog } from '../../common/model/blog.js';
import type { PostStatus } from '../../common/model/post.js';
import type { HttpRequest } from '../http/http-client.js';
import { PublishFailure, type RequestPurpose } from './publish-errors.js';
import type { PublishTarget } from './publisher.js';
import { parseSiteAddress } from './site-address.js';

/**
 * The pure parts of talking to WordPress: addresses of REST routes, the API-root `Link` header, post fields as
 * WordPress wants them. Kept apart from the requests so they can be tested without a server.
 */

/** The relation WordPress announces its REST root with. */
export const API_REL = 'https://api.w.org/';
export const WPCOM_API = 'https://public-api.wordpress.com/';

/** The API root from a `Link` header (`<https://x/wp-json/>; rel="https://api.w.org/"`), or null. */
export function apiRootFromLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (!m) continue;
    const rel = /rel\s*=\s*"([^"]*)"|rel\s*=\s*([^\s;]+)/i.exec(m[2] ?? '');
    const rels = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/);
    if (rels.includes(API_REL)) return m[1] ?? null;
  }
  return null;
}

/** `example.org/blog` → `https://example.org/blog/`; refuses anything that is not an http(s) address. */
export function normalizeBlogUrl(input: string): string | null {
  const url = parseSiteAddress(input);
  if (!url) return null;
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}

/**
 * The address of a `wp/v2` route. Pretty roots (`…/wp-json/`) take the route as a path; `?rest_route=` roots
 * (plain permalinks) take it as that parameter; WordPress.com takes it under `wp/v2/sites/<site>/`.
 */
export function routeUrl(blog: Pick<Blog, 'kind' | 'apiRoot' | 'site'>, route: string, query: Record<string, string | number | undefined> = {}): string {
  let url: URL;
  if (blog.kind === 'wordpress-com') {
    url = new URL(`wp/v2/sites/${encodeURIComponent(blog.site)}/${route}`, WPCOM_API);
  } else {
    const root = new URL(blog.apiRoot);
    const restRoute = root.searchParams.get('rest_route');
    if (restRoute !== null) {
      url = root;
      url.searchParams.set('rest_route', `${restRoute.replace(/\/?$/, '/')}wp/v2/${route}`);
    } else {
      url = new URL(`wp/v2/${route}`, blog.apiRoot.endsWith('/') ? blog.apiRoot : `${blog.apiRoot}/`);
    }
  }
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/** The Authorization header value; the secret goes nowhere else. */
export function authorization(blog: Pick<Blog, 'kind' | 'user'>, secret: string): string {
  if (blog.kind === 'wordpress-com') return `Bearer ${secret}`;
  return `Basic ${Buffer.from(`${blog.user}:${secret}`, 'utf8').toString('base64')}`;
}

/**
 * The WordPress status for a post's `status:`: draft and ready stay drafts (unless the blog's default is to
 * publish), published → publish (WordPress itself makes that `future` when the date lies ahead), scheduled →
 * future.
 */
export function wordpressStatus(status: PostStatus, date: WordPressDate, now: Date, blogDefault: 'draft' | 'publish'): 'draft' | 'publish' | 'future' {
  if (status === 'scheduled') return 'future';
  if (status === 'published') {
    const gmt = date.date_gmt ? Date.parse(`${date.date_gmt}Z`) : NaN;
    return Number.isFinite(gmt) && gmt > now.getTime() ? 'future' : 'publish';
  }
  return blogDefault === 'publish' && status === 'ready' ? 'publish' : 'draft';
}

/** `date` is site-local time, `date_gmt` UTC; both `YYYY-MM-DDTHH:MM:SS`. */
export interface WordPressDate {
  date?: string;
  date_gmt?: string;
}

/**
 * A front-matter date as WordPress takes it: without a zone it is the blog's local time (`date`), with a zone
 * (`Z`, `+01:00`) it is converted to `date_gmt`. Unreadable or empty dates are left out (WordPress uses now).
 */
export function wordpressDate(value: string): WordPressDate {
  const text = value.trim();
  const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (local) return { date: `${local[1]}T${local[2] ?? '00'}:${local[3] ?? '00'}:${local[4] ?? '00'}` };
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    if (Number.isFinite(ms)) return { date_gmt: new Date(ms).toISOString().slice(0, 19) };
  }
  return {};
}

/** Term names come back HTML-escaped (`Tom &amp; Jerry`); compare them decoded and case-insensitively. */
export function termKey(name: string): string {
  return decodeEntities(name).trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');
}

export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (whole, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase()] ?? whole;
  });
}

/**
 * What the blog stores of a post that a user can change online, hashed (raw fields, as `context=edit` gives them):
 * written into the publish record after a publish and by an import, compared before the next publish.
 */
export function onlineHash(post: { title: { raw?: string }; content: { raw?: string }; excerpt: { raw?: string } }): string {
  const parts = [post.title.raw ?? '', post.content.raw ?? '', post.excerpt.raw ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** A post or page as the REST API gives it with `context=edit`. */
export interface WpPost {
  id: number;
  /** `post` or `page` (an imported page is updated as a page). */
  type?: string;
  link: string;
  slug: string;
  generated_slug?: string;
  status: string;
  date: string;
  date_gmt?: string | null;
  modified_gmt: string;
  title: { raw?: string; rendered?: string };
  content: { raw?: string; rendered?: string };
  excerpt: { raw?: string; rendered?: string };
  categories?: number[];
  tags?: number[];
  featured_media?: number;
  sticky?: boolean;
  comment_status?: string;
}

/** One authenticated REST request of a WordPress publisher, failures already PublishFailures. */
export type WordPressRequest = <T>(target: PublishTarget, purpose: RequestPurpose, request: HttpRequest) => Promise<{ body: T; headers: Headers }>;

/**
 * The post by its id; a page (imported with „Seiten auch holen“) has the same kind of id and is looked for next.
 * When neither route knows it, the pages route's failure stands (`deleted-online` for a 404).
 */
export async function readPostOrPage(request: WordPressRequest, target: PublishTarget, id: string): Promise<{ post: WpPost; type: 'post' | 'page' }> {
  const read = async (route: 'posts' | 'pages') =>
    (await request<WpPost>(target, 'read', { url: routeUrl(target.blog, `${route}/${encodeURIComponent(id)}`, { context: 'edit' }) })).body;
  try {
    return { post: await read('posts'), type: 'post' };
  } catch (error) {
    if (!(error instanceof PublishFailure) || error.code !== 'deleted-online') throw error;
    return { post: await read('pages'), type: 'page' };
  }
}
