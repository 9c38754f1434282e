import { REMOTE_STATUSES, type Blog, type BlogTerms, type RemoteStatus, type Term } from '../../../common/model/blog.js';
import type { PublishedMedia, PublishRecord } from '../../../common/markdown/front-matter-publish.js';
import { toBlockMarkup } from '../../../common/markdown/wp-blocks.js';
import type { HttpClient } from '../../http/http-client.js';
import type { RequestPurpose } from '../publish-errors.js';
import { PublishFailure } from '../publish-errors.js';
import { categoryNames, sendMissingImages, type DiscoveredBlog, type LocalImage, type OnlinePost, type Publisher, type PublishRequest, type PublishResult, type PublishTarget, type RemoteOutcome } from '../publisher.js';
import { decodeEntities, normalizeBlogUrl, termKey, wordpressDate, wordpressStatus } from '../wordpress-api.js';
import { isStruct, textOf, XmlRpcBase64, XmlRpcDateTime, XmlRpcFault, type XmlRpcStruct, type XmlRpcValue } from './xmlrpc-codec.js';
import { xmlRpcCall } from './xmlrpc-client.js';
import { findXmlRpcEndpoint } from './xmlrpc-discovery.js';
import { xmlRpcFailure } from './xmlrpc-errors.js';
import { WordPressXmlRpcImporter } from './wordpress-xmlrpc-import.js';
import { attachToPost, XmlRpcMediaLibrary, type WpCall } from './wordpress-xmlrpc-media.js';
import { onlineHash, postIdParam, toPost, type XmlRpcPost } from './wordpress-xmlrpc-post.js';

/** Where WordPress.com users make an application password (needed when two-step authentication is on). */
export const WPCOM_APP_PASSWORDS_URL = 'https://wordpress.com/me/security/two-step';

const TAXONOMY = { categories: 'category', tags: 'post_tag' } as const;

/**
 * WordPress over XML-RPC (`wp.*`), the way MarsEdit reaches it: account name plus password — the account
 * password, or an application password when two-step authentication is on (WordPress.com) or the admin made one.
 * `blog.apiRoot` is the `xmlrpc.php` endpoint, `blog.site` the blog id it expects.
 */
export class WordPressXmlRpcPublisher implements Publisher {
  readonly kind = 'wordpress-xmlrpc' as const;

  /** „Beiträge holen“ through the same calls (`wp.getPosts`, `wp.getPost`, the media library). */
  readonly importer = new WordPressXmlRpcImporter(
    (target, purpose, method, params) => this.call(target, purpose, method, params),
    (target) => this.auth(target),
  );

  async discover(input: string, http: HttpClient): Promise<DiscoveredBlog> {
    const url = normalizeBlogUrl(input);
    if (!url) throw new PublishFailure('bad-request', 'Das ist keine Blog-Adresse (http:// oder https://).', false);
    const found = await findXmlRpcEndpoint(url, http);
    if (found.api !== 'wordpress') {
      throw new PublishFailure('api-disabled', 'Der Blog bietet nur MetaWeblog an, nicht die WordPress-Schnittstelle; das unterstützt Kladde noch nicht.', false);
    }
    const host = new URL(url).hostname;
    // The RSD's home address, not what was typed: a typo'd path still names the same blog (one blog, one entry).
    const home = found.homePage ? normalizeBlogUrl(found.homePage) : null;
    return { name: host, url: home ?? url, apiRoot: found.endpoint, site: found.blogId, authorizeUrl: isWordPressCom(url) ? WPCOM_APP_PASSWORDS_URL : null };
  }

  async verify(target: PublishTarget): Promise<{ accountName: string }> {
    const blogs = await this.call(target, 'sign-in', 'wp.getUsersBlogs', [target.blog.user, target.secret]);
    if (!Array.isArray(blogs)) throw new PublishFailure('invalid-response', 'Der Blog hat auf die Anmeldung unerwartet geantwortet.', false);
    let name = target.blog.user;
    try {
      const profile = await this.call(target, 'sign-in', 'wp.getProfile', [...this.auth(target), ['display_name']]);
      if (isStruct(profile)) name = textOf(profile['display_name']) || name;
    } catch {
      /* the display name is a nicety */
    }
    return { accountName: name };
  }

  async fetchTerms(target: PublishTarget): Promise<BlogTerms> {
    const [categories, tags] = await Promise.all([this.terms(target, 'categories'), this.terms(target, 'tags')]);
    return { categories, tags, fetchedAt: new Date().toISOString() };
  }

  private async terms(target: PublishTarget, which: keyof typeof TAXONOMY): Promise<Term[]> {
    const answer = await this.call(target, 'terms', 'wp.getTerms', [...this.auth(target), TAXONOMY[which], { hide_empty: false }]);
    return (Array.isArray(answer) ? answer : []).filter(isStruct).map(toTerm);
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const terms: BlogTerms = { categories: [...request.terms.categories], tags: [...request.terms.tags], fetchedAt: request.terms.fetchedAt };
    request.progress({ phase: 'prepare', done: 0, total: 0 });

    // 1. The post online, before anything is sent: changed online → ask; deleted online → say so.
    let existing: XmlRpcPost | null = null;
    if (request.previous) {
      existing = await this.readPost(request, request.previous.id);
      if (existing.status === 'trash') throw new PublishFailure('deleted-online', 'Der Beitrag liegt im Blog im Papierkorb.', false);
      const stored = request.previous.modified_gmt;
      const changed = existing.modifiedGmt !== stored || (request.previous.online_hash !== '' && onlineHash(existing) !== request.previous.online_hash);
      if (request.onConflict === 'ask' && stored !== '' && changed) {
        return { kind: 'conflict', terms, online: { remoteId: existing.id, title: existing.title, link: existing.link, modifiedGmt: existing.modifiedGmt, storedModifiedGmt: stored } };
      }
    } else if (request.createAttempted) {
      // An earlier create may have reached the blog although its answer was lost: find it instead of doubling it.
      existing = await this.findCreated(request);
    }

    // 2. Terms by name, created when missing.
    request.progress({ phase: 'terms', done: 0, total: request.fields.categories.length + request.fields.tags.length });
    const categories = await this.ensureTerms(request, 'categories', categoryNames(request), terms.categories);
    const tags = await this.ensureTerms(request, 'tags', request.fields.tags, terms.tags);

    // 3. Images not yet on the blog (by content hash; the blog's own media library is asked first). An existing
    // post gets its new uploads attached at once; a new one after it was created, with orphans found there.
    const call: WpCall = (purpose, method, params) => this.call(request, purpose, method, [...this.auth(request), ...params]);
    const library = new XmlRpcMediaLibrary(request, call);
    const uploaded: string[] = [];
    const orphans: string[] = [];
    const media = await sendMissingImages(
      request,
      async (image) => {
        const sent = await this.upload(request, image, existing?.id);
        uploaded.push(sent.id);
        return sent;
      },
      (image) => library.find(image, (id) => orphans.push(id)),
    );

    // 4. The post itself, rendered by the one renderer with the blog's image addresses.
    request.progress({ phase: 'post', done: 0, total: 1 });
    const html = request.render((key) => media[key]?.url);
    const idsByUrl = new Map(Object.values(media).map((m) => [m.url, /^\d+$/.test(m.id) ? Number(m.id) : undefined]));
    const content = request.blog.output === 'blocks' ? toBlockMarkup(html, { mediaId: (src) => idsByUrl.get(src) }) : html;
    const date = wordpressDate(request.fields.date);
    const featured = request.featuredKey ? media[request.featuredKey]?.id : undefined;
    const struct: XmlRpcStruct = {
      // An imported page stays a page: WordPress refuses to change a post's type.
      post_type: existing?.type === 'page' ? 'page' : 'post',
      post_title: request.fields.title,
      post_content: content,
      post_excerpt: request.fields.excerpt,
      post_name: request.slug,
      post_status: wordpressStatus(request.fields.status, date, new Date(), request.blog.defaultStatus),
      // An empty value removes a featured image the post had online.
      post_thumbnail: featured !== undefined && /^\d+$/.test(featured) ? Number(featured) : '',
    };
    // A page has neither categories nor tags, and cannot be pinned: WordPress refuses the whole edit (401) if sent.
    const page = existing?.type === 'page';
    if (!page) struct['terms'] = { category: categories, post_tag: tags };
    // Unsticking needs a right an author may lack: `sticky` goes out when set, or to unpin a post pinned online.
    if (!page && (request.fields.sticky || existing?.sticky)) struct['sticky'] = request.fields.sticky;
    // Without `comments:` in the front matter the blog's own setting stays.
    if (request.fields.comments) struct['comment_status'] = request.fields.comments;
    // Without a zone WordPress reads the date in the blog's own time zone, as the front matter means it.
    if (date.date) struct['post_date'] = XmlRpcDateTime.fromLocal(date.date);
    else if (date.date_gmt) struct['post_date_gmt'] = XmlRpcDateTime.fromLocal(date.date_gmt, 'Z');
    let id: string;
    if (existing) {
      id = existing.id;
      await this.call(request, 'update', 'wp.editPost', [...this.auth(request), id, struct]);
    } else {
      await request.creating();
      id = textOf(await this.call(request, 'create', 'wp.newPost', [...this.auth(request), struct]));
      if (id === '') throw new PublishFailure('invalid-response', 'Der Blog hat den Beitrag angelegt, aber keine Nummer dafür genannt.', false);
    }
    await attachToPost(call, existing ? orphans : [...uploaded, ...orphans], id);
    const saved = await this.readPost(request, id);
    request.progress({ phase: 'post', done: 1, total: 1 });
    const record: PublishRecord = { id: saved.id, link: saved.link, modified_gmt: saved.modifiedGmt, online_hash: onlineHash(saved), media };
    return { kind: 'done', record, terms, remote: remoteOutcome(request.blog, saved) };
  }

  async fetchOnline(target: PublishTarget, remoteId: string): Promise<OnlinePost> {
    const post = await this.readPost(target, remoteId);
    return { title: post.title, content: post.content, excerpt: post.excerpt, slug: post.slug, date: post.date, status: post.status, link: post.link };
  }

  private async readPost(target: PublishTarget, id: string): Promise<XmlRpcPost> {
    const answer = await this.call(target, 'read', 'wp.getPost', [...this.auth(target), postIdParam(id), ['post']]);
    if (!isStruct(answer)) throw new PublishFailure('invalid-response', 'Der Blog hat den Beitrag nicht lesbar geliefert.', false);
    return toPost(answer);
  }

  /** The post an earlier, unanswered create made: same title, and the same slug once WordPress gave it one. */
  private async findCreated(request: PublishRequest): Promise<XmlRpcPost | null> {
    const filter = { post_type: 'post', number: 50, orderby: 'date', order: 'DESC', s: request.fields.title };
    const found = await this.call(request, 'read', 'wp.getPosts', [...this.auth(request), filter, ['post']]);
    const posts = (Array.isArray(found) ? found : []).filter(isStruct).map(toPost);
    return posts.find((p) => p.title === request.fields.title && (p.slug === '' || p.slug === request.slug)) ?? null;
  }

  private async ensureTerms(request: PublishRequest, which: keyof typeof TAXONOMY, names: readonly string[], cache: Term[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of names) {
      const key = termKey(name);
      if (!key) continue;
      let term = cache.find((t) => termKey(t.name) === key);
      if (!term) {
        term = await this.createTerm(request, which, name.trim(), key);
        cache.push(term);
      }
      if (!ids.includes(term.id)) ids.push(term.id);
    }
    return ids;
  }

  private async createTerm(request: PublishRequest, which: keyof typeof TAXONOMY, name: string, key: string): Promise<Term> {
    try {
      const id = textOf(await xmlRpcCall(this.endpoint(request), 'wp.newTerm', [...this.auth(request), { name, taxonomy: TAXONOMY[which] }]));
      return { id: Number(id), name, slug: '', parent: 0 };
    } catch (error) {
      // Created meanwhile, or differing from a cached name only in a way WordPress ignores: use the existing term.
      if (!(error instanceof XmlRpcFault) || error.faultCode !== 500) throw xmlRpcFailure(error, 'terms');
      const existing = (await this.terms(request, which)).find((t) => termKey(t.name) === key);
      if (!existing) throw xmlRpcFailure(error, 'terms');
      return existing;
    }
  }

  private async upload(request: PublishRequest, image: LocalImage, postId?: string): Promise<PublishedMedia> {
    const file: XmlRpcStruct = { name: image.fileName, type: image.contentType, bits: new XmlRpcBase64(image.bytes), overwrite: false };
    // Uploaded for an existing post: WordPress attaches it there („Hochgeladen zu“).
    if (postId && /^\d+$/.test(postId)) file['post_id'] = Number(postId);
    const answer = await this.call(request, 'media', 'wp.uploadFile', [...this.auth(request), file], 120_000);
    const id = isStruct(answer) ? textOf(answer['attachment_id']) || textOf(answer['id']) : '';
    const url = isStruct(answer) ? textOf(answer['url']) : '';
    if (id === '' || url === '') throw new PublishFailure('invalid-response', `Der Blog hat das Bild „${image.fileName}“ angenommen, aber keine Adresse dafür genannt.`, false);
    // Title, caption (the credit with its link) and description in the media library, as over REST. XML-RPC cannot
    // set the alt text (protected meta); the post's own <img> carries it. The image is on the blog either way, so a
    // failure here must not make a later attempt send it again.
    const describe = { post_type: 'attachment', post_title: image.credit.title?.trim() || image.fileName.replace(/\.[^.]+$/, ''), post_excerpt: image.captionHtml, post_content: image.creditText };
    await xmlRpcCall(this.endpoint(request), 'wp.editPost', [...this.auth(request), postIdParam(id), describe]).catch(() => undefined);
    return { hash: image.hash, id, url };
  }

  /** Blog id, user name and secret: the first three parameters of every `wp.*` call. */
  private auth(target: PublishTarget): [XmlRpcValue, string, string] {
    const blogId = /^\d+$/.test(target.blog.site) ? Number(target.blog.site) : target.blog.site || 1;
    return [blogId, target.blog.user, target.secret];
  }

  private endpoint(target: PublishTarget): { url: string; http: HttpClient; signal?: AbortSignal } {
    return { url: target.blog.apiRoot, http: target.http, ...(target.signal ? { signal: target.signal } : {}) };
  }

  private async call(target: PublishTarget, purpose: RequestPurpose, method: string, params: readonly XmlRpcValue[], timeoutMs?: number): Promise<XmlRpcValue> {
    try {
      return await xmlRpcCall(this.endpoint(target), method, params, timeoutMs);
    } catch (error) {
      throw xmlRpcFailure(error, purpose);
    }
  }
}

function isWordPressCom(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'wordpress.com' || host.endsWith('.wordpress.com');
}

function toTerm(s: XmlRpcStruct): Term {
  return { id: Number(textOf(s['term_id'])) || 0, name: decodeEntities(textOf(s['name'])), slug: textOf(s['slug']), parent: Number(textOf(s['parent'])) || 0 };
}

/** What WordPress made of the post, with its edit screen (wp-admin, or WordPress.com's editor). */
function remoteOutcome(blog: Pick<Blog, 'url'>, post: XmlRpcPost): RemoteOutcome {
  const remoteStatus = (REMOTE_STATUSES as readonly string[]).includes(post.status) ? (post.status as RemoteStatus) : 'unknown';
  let editUrl = '';
  try {
    editUrl = isWordPressCom(blog.url)
      ? `https://wordpress.com/post/${encodeURIComponent(new URL(blog.url).hostname)}/${encodeURIComponent(post.id)}`
      : new URL(`wp-admin/post.php?post=${encodeURIComponent(post.id)}&action=edit`, blog.url.endsWith('/') ? blog.url : `${blog.url}/`).toString();
  } catch {
    /* no usable address: the UI shows no edit link */
  }
  return { remoteStatus, editUrl, date: post.date };
}
