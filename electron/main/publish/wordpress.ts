import { REMOTE_STATUSES, type Blog, type BlogKind, type BlogTerms, type RemoteStatus, type Term } from '../../common/model/blog.js';
import type { PublishedMedia, PublishRecord } from '../../common/markdown/front-matter-publish.js';
import { toBlockMarkup } from '../../common/markdown/wp-blocks.js';
import { HttpError, type HttpClient, type HttpRequest } from '../http/http-client.js';
import { PublishFailure, type RequestPurpose } from './publish-errors.js';
import { wordpressFailure } from './wordpress-errors.js';
import { WordPressRestImporter } from './wordpress-import.js';
import { attachMedia, findInMediaLibrary, type WordPressCall } from './wordpress-media.js';
import { categoryNames, sendMissingImages, type DiscoveredBlog, type OnlinePost, type Publisher, type PublishRequest, type PublishResult, type PublishTarget, type RemoteOutcome } from './publisher.js';
import {
  apiRootFromLink,
  authorization,
  decodeEntities,
  normalizeBlogUrl,
  onlineHash,
  readPostOrPage,
  routeUrl,
  termKey,
  WPCOM_API,
  wordpressDate,
  wordpressStatus,
  type WpPost,
} from './wordpress-api.js';

interface WpMedia {
  id: number;
  source_url: string;
}

interface WpTerm {
  id: number;
  name: string;
  slug: string;
  parent?: number;
}

/** How many terms WordPress gives per page at most. */
const PER_PAGE = 100;
const MAX_PAGES = 50;

/**
 * Self-hosted WordPress (REST API with an application password) and WordPress.com (the same REST API under
 * public-api.wordpress.com with a bearer token). The two differ only in the address of a route and the
 * Authorization header, both decided in wordpress-api.ts.
 */
export class WordPressPublisher implements Publisher {
  constructor(readonly kind: Extract<BlogKind, 'wordpress' | 'wordpress-com'>) {}

  /** „Beiträge holen“ through the same authenticated requests. */
  readonly importer = new WordPressRestImporter((target, purpose, request) => this.request(target, purpose, request));

  async discover(input: string, http: HttpClient): Promise<DiscoveredBlog> {
    const url = normalizeBlogUrl(input);
    if (!url) throw new PublishFailure('bad-request', 'Das ist keine Blog-Adresse (http:// oder https://).', false);
    if (this.kind === 'wordpress-com') {
      const site = new URL(url).hostname;
      return { name: site, url, apiRoot: WPCOM_API, site, authorizeUrl: null };
    }
    const apiRoot = await this.findApiRoot(url, http);
    let index: { body: Record<string, unknown> };
    try {
      index = await http.json<Record<string, unknown>>({ url: apiRoot });
    } catch (error) {
      throw wordpressFailure(error, 'discover');
    }
    const namespaces = Array.isArray(index.body['namespaces']) ? (index.body['namespaces'] as unknown[]) : [];
    if (!namespaces.includes('wp/v2')) {
      throw new PublishFailure('rest-disabled', 'Der Blog bietet die WordPress-REST-API (wp/v2) nicht an; ein Plugin hat sie vermutlich abgeschaltet.', false);
    }
    const name = typeof index.body['name'] === 'string' ? decodeEntities(index.body['name']) : new URL(url).hostname;
    const home = typeof index.body['home'] === 'string' ? normalizeBlogUrl(index.body['home']) : null;
    return { name, url: home ?? url, apiRoot, site: '', authorizeUrl: authorizeUrlOf(index.body) };
  }

  /** The `Link` header of the blog's page names the root; without it, `?rest_route=/` works on every WordPress. */
  private async findApiRoot(url: string, http: HttpClient): Promise<string> {
    let lastError: unknown = null;
    try {
      const page = await http.send({ method: 'GET', url });
      const fromLink = apiRootFromLink(page.headers.get('link'));
      if (fromLink) {
        const root = new URL(fromLink, page.url);
        // A site address left at http:// (common behind a TLS proxy) must not send the password unencrypted.
        if (new URL(url).protocol === 'https:' && root.protocol === 'http:') root.protocol = 'https:';
        return root.toString();
      }
    } catch (error) {
      if (error instanceof HttpError && error.kind !== 'http' && error.kind !== 'invalid-response') throw wordpressFailure(error, 'discover');
      lastError = error;
    }
    for (const candidate of [`${url}?rest_route=/`, `${url}wp-json/`]) {
      try {
        const answer = await http.send({ method: 'GET', url: candidate });
        if (answer.status === 200 && looksLikeRestIndex(answer.text)) return candidate;
      } catch (error) {
        lastError = error;
      }
    }
    if (lastError instanceof HttpError && lastError.kind !== 'http') throw wordpressFailure(lastError, 'discover');
    throw new PublishFailure(
      'rest-disabled',
      'Unter dieser Adresse wurde keine WordPress-REST-API gefunden. Ist es ein WordPress-Blog, und ist die REST-API eingeschaltet?',
      false,
    );
  }

  async verify(target: PublishTarget): Promise<{ accountName: string }> {
    const me = await this.call<{ name?: string; slug?: string }>(target, 'sign-in', { url: routeUrl(target.blog, 'users/me', { context: 'edit' }) });
    return { accountName: me.name || me.slug || target.blog.user };
  }

  async fetchTerms(target: PublishTarget): Promise<BlogTerms> {
    const [categories, tags] = await Promise.all([this.allTerms(target, 'categories'), this.allTerms(target, 'tags')]);
    return { categories, tags, fetchedAt: new Date().toISOString() };
  }

  private async allTerms(target: PublishTarget, taxonomy: 'categories' | 'tags'): Promise<Term[]> {
    const terms: Term[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const url = routeUrl(target.blog, taxonomy, { per_page: PER_PAGE, page, context: 'view', _fields: 'id,name,slug,parent' });
      const response = await this.request<WpTerm[]>(target, 'terms', { url });
      for (const t of response.body) terms.push({ id: t.id, name: decodeEntities(t.name), slug: t.slug, parent: t.parent ?? 0 });
      const pages = Number(response.headers.get('x-wp-totalpages') ?? '1');
      if (!Number.isFinite(pages) || page >= pages || response.body.length === 0) break;
    }
    return terms;
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const terms: BlogTerms = { categories: [...request.terms.categories], tags: [...request.terms.tags], fetchedAt: request.terms.fetchedAt };
    request.progress({ phase: 'prepare', done: 0, total: 0 });

    // 1. The post online, before anything is sent: changed online → ask; deleted online → say so.
    let existing: WpPost | null = null;
    if (request.previous) {
      existing = await this.readPost(request, request.previous.id);
      if (existing.status === 'trash') {
        throw new PublishFailure('deleted-online', 'Der Beitrag liegt im Blog im Papierkorb.', false);
      }
      const stored = request.previous.modified_gmt;
      const changed = existing.modified_gmt !== stored || (request.previous.online_hash !== '' && onlineHash(existing) !== request.previous.online_hash);
      if (request.onConflict === 'ask' && stored !== '' && changed) {
        return {
          kind: 'conflict',
          terms,
          online: {
            remoteId: String(existing.id),
            title: existing.title.raw ?? decodeEntities(existing.title.rendered ?? ''),
            link: existing.link,
            modifiedGmt: existing.modified_gmt,
            storedModifiedGmt: stored,
          },
        };
      }
    } else if (request.createAttempted) {
      // An earlier create may have reached the blog although its answer was lost: find it instead of doubling it.
      existing = await this.findCreated(request);
    }

    // 2. Terms by name, created when missing.
    request.progress({ phase: 'terms', done: 0, total: request.fields.categories.length + request.fields.tags.length });
    const categories = await this.ensureTerms(request, 'categories', categoryNames(request), terms.categories);
    const tags = await this.ensureTerms(request, 'tags', request.fields.tags, terms.tags);

    // 3. Images not yet on the blog (by content hash; the blog's own media library is asked first).
    const call: WordPressCall = (purpose, r) => this.call(request, purpose, r);
    const uploaded: string[] = [];
    const orphans: string[] = [];
    const media = await sendMissingImages(
      request,
      async (image) => {
        const sent = await this.upload(request, image, existing?.id);
        uploaded.push(sent.id);
        return sent;
      },
      // An orphan found there (an upload whose answer was lost) is attached like a new upload.
      (image) => findInMediaLibrary(request, call, image, (id) => orphans.push(id)),
    );

    // 4. The post itself, rendered by the one renderer with the blog's image addresses.
    request.progress({ phase: 'post', done: 0, total: 1 });
    const html = request.render((key) => media[key]?.url);
    const idsByUrl = new Map(Object.values(media).map((m) => [m.url, numericId(m.id)]));
    const content = request.blog.output === 'blocks' ? toBlockMarkup(html, { mediaId: (src) => idsByUrl.get(src) }) : html;
    const date = wordpressDate(request.fields.date);
    const featuredId = request.featuredKey ? media[request.featuredKey]?.id : undefined;
    const featured = featuredId !== undefined ? numericId(featuredId) : undefined;
    const body: Record<string, unknown> = {
      title: request.fields.title,
      content,
      excerpt: request.fields.excerpt,
      slug: request.slug,
      status: wordpressStatus(request.fields.status, date, new Date(), request.blog.defaultStatus),
      categories,
      tags,
      featured_media: featured ?? 0,
      sticky: request.fields.sticky,
      // Without `comments:` in the front matter the blog's own setting stays.
      ...(request.fields.comments ? { comment_status: request.fields.comments } : {}),
      ...date,
    };
    let saved: WpPost;
    if (existing) {
      saved = await this.call<WpPost>(request, 'update', { method: 'POST', url: routeUrl(request.blog, `${existing.type === 'page' ? 'pages' : 'posts'}/${existing.id}`), json: body });
    } else {
      await request.creating();
      saved = await this.call<WpPost>(request, 'create', { method: 'POST', url: routeUrl(request.blog, 'posts'), json: body });
    }
    // New uploads of a new post (an existing post got them attached on upload) and orphans found in the library.
    await attachMedia(request, call, existing ? orphans : [...uploaded, ...orphans], saved.id);
    request.progress({ phase: 'post', done: 1, total: 1 });
    const record: PublishRecord = { id: String(saved.id), link: saved.link, modified_gmt: saved.modified_gmt, online_hash: onlineHash(saved), media };
    return { kind: 'done', record, terms, remote: remoteOutcome(request.blog, saved) };
  }

  async fetchOnline(target: PublishTarget, remoteId: string): Promise<OnlinePost> {
    const post = await this.readPost(target, remoteId);
    return {
      title: post.title.raw ?? decodeEntities(post.title.rendered ?? ''),
      content: post.content.raw ?? post.content.rendered ?? '',
      excerpt: post.excerpt.raw ?? '',
      slug: post.slug || post.generated_slug || '',
      date: post.date,
      status: post.status,
      link: post.link,
    };
  }

  private async readPost(target: PublishTarget, id: string): Promise<WpPost> {
    return (await readPostOrPage((t, p, r) => this.request(t, p, r), target, id)).post;
  }

  /** The post an earlier, unanswered create made: same slug, same title, made by this account's request. */
  private async findCreated(request: PublishRequest): Promise<WpPost | null> {
    const url = routeUrl(request.blog, 'posts', { slug: request.slug, status: 'any', context: 'edit', per_page: 10 });
    const found = await this.call<WpPost[]>(request, 'read', { url });
    return found.find((p) => (p.title.raw ?? '') === request.fields.title) ?? null;
  }

  private async ensureTerms(request: PublishRequest, taxonomy: 'categories' | 'tags', names: readonly string[], cache: Term[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of names) {
      const key = termKey(name);
      if (!key) continue;
      let term = cache.find((t) => termKey(t.name) === key);
      if (!term) {
        term = await this.createTerm(request, taxonomy, name.trim());
        cache.push(term);
      }
      if (!ids.includes(term.id)) ids.push(term.id);
    }
    return ids;
  }

  private async createTerm(request: PublishRequest, taxonomy: 'categories' | 'tags', name: string): Promise<Term> {
    try {
      const { body } = await this.request<WpTerm>(request, 'terms', { method: 'POST', url: routeUrl(request.blog, taxonomy), json: { name } });
      return { id: body.id, name: decodeEntities(body.name), slug: body.slug, parent: body.parent ?? 0 };
    } catch (error) {
      // Created meanwhile, or differing from a cached name only in a way WordPress ignores: use the existing term.
      const existingId = error instanceof PublishFailure ? null : termExistsId(error);
      if (existingId === null) throw error;
      return { id: existingId, name, slug: '', parent: 0 };
    }
  }

  /** Uploads an image; attached to the post right away when the post exists already. */
  private async upload(request: PublishRequest, image: PublishRequest['images'][number], postId?: number): Promise<PublishedMedia> {
    const fields: Record<string, string> = {
      title: image.credit.title?.trim() || stem(image.fileName),
      alt_text: image.alt,
      caption: image.captionHtml,
      description: image.creditText,
      ...(postId !== undefined ? { post: String(postId) } : {}),
    };
    const { body } = await this.request<WpMedia>(request, 'media', {
      method: 'POST',
      url: routeUrl(request.blog, 'media'),
      multipart: { fields, files: [{ name: 'file', fileName: image.fileName, contentType: image.contentType, bytes: image.bytes }] },
      timeoutMs: 120_000,
    });
    return { hash: image.hash, id: String(body.id), url: body.source_url };
  }

  private async call<T>(target: PublishTarget, purpose: RequestPurpose, request: HttpRequest): Promise<T> {
    return (await this.request<T>(target, purpose, request)).body;
  }

  /** Every authenticated request: adds the Authorization header, turns failures into PublishFailures. */
  private async request<T>(target: PublishTarget, purpose: RequestPurpose, request: HttpRequest): Promise<{ body: T; headers: Headers }> {
    try {
      const response = await target.http.json<T>({
        ...request,
        headers: { ...request.headers, Authorization: authorization(target.blog, target.secret) },
        ...(target.signal ? { signal: target.signal } : {}),
      });
      return { body: response.body, headers: response.headers };
    } catch (error) {
      if (purpose === 'terms' && termExistsId(error) !== null) throw error;
      throw wordpressFailure(error, purpose);
    }
  }
}

/** What WordPress made of the post, with its edit screen (wp-admin, or WordPress.com's editor). */
export function remoteOutcome(blog: Pick<Blog, 'kind' | 'url' | 'site'>, post: Pick<WpPost, 'id' | 'status' | 'date'>): RemoteOutcome {
  const remoteStatus = (REMOTE_STATUSES as readonly string[]).includes(post.status) ? (post.status as RemoteStatus) : 'unknown';
  let editUrl = '';
  try {
    editUrl =
      blog.kind === 'wordpress-com'
        ? `https://wordpress.com/post/${encodeURIComponent(blog.site)}/${post.id}`
        : new URL(`wp-admin/post.php?post=${post.id}&action=edit`, blog.url.endsWith('/') ? blog.url : `${blog.url}/`).toString();
  } catch {
    /* no usable address: the UI shows no edit link */
  }
  return { remoteStatus, editUrl, date: post.date ?? '' };
}

/** WordPress's `term_exists` answer carries the existing term's id in `data.term_id`. */
function termExistsId(error: unknown): number | null {
  if (!(error instanceof HttpError) || error.code !== 'term_exists') return null;
  const data = error.details.data;
  const id = data && typeof data === 'object' ? (data as Record<string, unknown>)['term_id'] : data;
  return typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null;
}

function looksLikeRestIndex(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as { namespaces?: unknown };
    return Array.isArray(parsed.namespaces);
  } catch {
    return false;
  }
}

/** Where the blog lets a user make an application password in the browser (WordPress 5.6+), if offered. */
function authorizeUrlOf(index: Record<string, unknown>): string | null {
  const auth = index['authentication'];
  if (!auth || typeof auth !== 'object') return null;
  const app = (auth as Record<string, unknown>)['application-passwords'];
  const endpoints = app && typeof app === 'object' ? (app as Record<string, unknown>)['endpoints'] : null;
  const url = endpoints && typeof endpoints === 'object' ? (endpoints as Record<string, unknown>)['authorization'] : null;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return null;
  const u = new URL(url);
  u.searchParams.set('app_name', 'Kladde');
  return u.toString();
}

/** WordPress's ids are numbers; a remembered id that is not one (a record from another engine) counts as none. */
function numericId(id: string): number | undefined {
  return /^\d+$/.test(id) ? Number(id) : undefined;
}

function stem(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
}
