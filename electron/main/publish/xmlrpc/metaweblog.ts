import { REMOTE_STATUSES, type BlogTerms, type RemoteStatus } from '../../../common/model/blog.js';
import type { PublishedMedia, PublishRecord } from '../../../common/markdown/front-matter-publish.js';
import type { HttpClient } from '../../http/http-client.js';
import { PublishFailure, type RequestPurpose } from '../publish-errors.js';
import { sendMissingImages, type DiscoveredBlog, type LocalImage, type OnlinePost, type Publisher, type PublishRequest, type PublishResult, type PublishTarget, type RemoteOutcome } from '../publisher.js';
import { normalizeBlogUrl, wordpressDate, wordpressStatus } from '../wordpress-api.js';
import { isStruct, textOf, XmlRpcBase64, XmlRpcDateTime, type XmlRpcStruct, type XmlRpcValue } from './xmlrpc-codec.js';
import { xmlRpcCall } from './xmlrpc-client.js';
import { findXmlRpcEndpoint } from './xmlrpc-discovery.js';
import { xmlRpcFailure } from './xmlrpc-errors.js';
import { MetaWeblogImporter } from './metaweblog-import.js';
import { onlineHash, toPost, type MwPost } from './metaweblog-post.js';

/**
 * MetaWeblog, the XML-RPC API most blog engines besides WordPress speak (Movable Type, b2evolution, Serendipity …),
 * as the fallback when a blog offers no `wp.*`. It knows less: categories by name, tags as `mt_keywords`, publish
 * or not (no states), no featured image and no modification time everywhere — conflicts are found by the hash of
 * what the blog stores, and by `date_modified_gmt` where the engine (WordPress) reports it.
 */
export class MetaWeblogPublisher implements Publisher {
  readonly kind = 'metaweblog' as const;

  /** „Beiträge holen“ through `metaWeblog.getRecentPosts` and `metaWeblog.getPost`. */
  readonly importer = new MetaWeblogImporter(
    (target, purpose, method, params) => this.call(target, purpose, method, params),
    (target) => this.auth(target),
  );

  async discover(input: string, http: HttpClient): Promise<DiscoveredBlog> {
    const url = normalizeBlogUrl(input);
    if (!url) throw new PublishFailure('bad-request', 'Das ist keine Blog-Adresse (http:// oder https://).', false);
    const found = await findXmlRpcEndpoint(url, http);
    return { name: new URL(url).hostname, url, apiRoot: found.endpoint, site: found.blogId, authorizeUrl: null };
  }

  async verify(target: PublishTarget): Promise<{ accountName: string }> {
    const blogs = await this.call(target, 'sign-in', 'blogger.getUsersBlogs', ['', target.blog.user, target.secret]);
    if (!Array.isArray(blogs)) throw new PublishFailure('invalid-response', 'Der Blog hat auf die Anmeldung unerwartet geantwortet.', false);
    return { accountName: target.blog.user };
  }

  async fetchTerms(target: PublishTarget): Promise<BlogTerms> {
    const answer = await this.call(target, 'terms', 'metaWeblog.getCategories', this.auth(target));
    const categories = (Array.isArray(answer) ? answer : []).filter(isStruct).map((c, index) => {
      const name = textOf(c['categoryName']) || textOf(c['description']) || textOf(c['title']);
      return { id: Number(textOf(c['categoryId'])) || index + 1, name, slug: '', parent: Number(textOf(c['parentId'])) || 0 };
    });
    return { categories, tags: [], fetchedAt: new Date().toISOString() };
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const terms: BlogTerms = { categories: [...request.terms.categories], tags: [...request.terms.tags], fetchedAt: request.terms.fetchedAt };
    request.progress({ phase: 'prepare', done: 0, total: 0 });
    let existing: MwPost | null = null;
    if (request.previous) {
      existing = await this.readPost(request, request.previous.id);
      const previous = request.previous;
      const changed =
        (previous.online_hash !== '' && onlineHash(existing) !== previous.online_hash) ||
        (previous.modified_gmt !== '' && existing.modifiedGmt !== '' && existing.modifiedGmt !== previous.modified_gmt);
      if (request.onConflict === 'ask' && changed) {
        return {
          kind: 'conflict',
          terms,
          online: { remoteId: existing.id, title: existing.title, link: existing.link, modifiedGmt: existing.modifiedGmt, storedModifiedGmt: previous.modified_gmt },
        };
      }
    } else if (request.createAttempted) {
      // An earlier create may have reached the blog although its answer was lost: find it instead of doubling it.
      const recent = await this.call(request, 'read', 'metaWeblog.getRecentPosts', [...this.auth(request), 30]);
      existing = (Array.isArray(recent) ? recent : []).filter(isStruct).map(toPost).find((p) => p.title === request.fields.title) ?? null;
    }

    const media = await sendMissingImages(request, (image) => this.upload(request, image));

    request.progress({ phase: 'post', done: 0, total: 1 });
    const date = wordpressDate(request.fields.date);
    const status = wordpressStatus(request.fields.status, date, new Date(), request.blog.defaultStatus);
    const categories = request.fields.categories.length > 0 ? request.fields.categories : request.blog.defaultCategory ? [request.blog.defaultCategory] : [];
    // Other engines know no block markup: MetaWeblog always gets the rendered HTML.
    const struct: XmlRpcStruct = {
      title: request.fields.title,
      description: request.render((key) => media[key]?.url),
      mt_excerpt: request.fields.excerpt,
      wp_slug: request.slug,
      mt_keywords: request.fields.tags.join(', '),
      categories: [...categories],
    };
    if (date.date) struct['dateCreated'] = XmlRpcDateTime.fromLocal(date.date);
    else if (date.date_gmt) struct['date_created_gmt'] = XmlRpcDateTime.fromLocal(date.date_gmt, 'Z');
    const publish = status !== 'draft';
    let id: string;
    if (existing) {
      id = existing.id;
      await this.call(request, 'update', 'metaWeblog.editPost', [id, request.blog.user, request.secret, struct, publish]);
    } else {
      await request.creating();
      id = textOf(await this.call(request, 'create', 'metaWeblog.newPost', [...this.auth(request), struct, publish]));
      if (id === '') throw new PublishFailure('invalid-response', 'Der Blog hat den Beitrag angelegt, aber keine Nummer dafür genannt.', false);
    }
    const saved = await this.readPost(request, id);
    request.progress({ phase: 'post', done: 1, total: 1 });
    const record: PublishRecord = { id: saved.id || id, link: saved.link, modified_gmt: saved.modifiedGmt, online_hash: onlineHash(saved), media };
    return { kind: 'done', record, terms, remote: outcome(saved, publish) };
  }

  async fetchOnline(target: PublishTarget, remoteId: string): Promise<OnlinePost> {
    const post = await this.readPost(target, remoteId);
    return { title: post.title, content: post.content, excerpt: post.excerpt, slug: post.slug, date: post.date, status: post.status, link: post.link };
  }

  private async readPost(target: PublishTarget, id: string): Promise<MwPost> {
    const answer = await this.call(target, 'read', 'metaWeblog.getPost', [id, target.blog.user, target.secret]);
    if (!isStruct(answer)) throw new PublishFailure('invalid-response', 'Der Blog hat den Beitrag nicht lesbar geliefert.', false);
    return toPost(answer);
  }

  private async upload(request: PublishRequest, image: LocalImage): Promise<PublishedMedia> {
    const file = { name: image.fileName, type: image.contentType, bits: new XmlRpcBase64(image.bytes) };
    const answer = await this.call(request, 'media', 'metaWeblog.newMediaObject', [...this.auth(request), file], 120_000);
    const url = isStruct(answer) ? textOf(answer['url']) : '';
    if (url === '') throw new PublishFailure('invalid-response', `Der Blog hat das Bild „${image.fileName}“ angenommen, aber keine Adresse dafür genannt.`, false);
    // Engines without media ids: the address is the id.
    const id = (isStruct(answer) ? textOf(answer['id']) : '') || url;
    return { hash: image.hash, id, url };
  }

  private auth(target: PublishTarget): [XmlRpcValue, string, string] {
    return [target.blog.site || '1', target.blog.user, target.secret];
  }

  private async call(target: PublishTarget, purpose: RequestPurpose, method: string, params: readonly XmlRpcValue[], timeoutMs?: number): Promise<XmlRpcValue> {
    try {
      return await xmlRpcCall({ url: target.blog.apiRoot, http: target.http, ...(target.signal ? { signal: target.signal } : {}) }, method, params, timeoutMs);
    } catch (error) {
      throw xmlRpcFailure(error, purpose);
    }
  }
}

function outcome(post: MwPost, published: boolean): RemoteOutcome {
  const status = post.status || (published ? 'publish' : 'draft');
  const remoteStatus = (REMOTE_STATUSES as readonly string[]).includes(status) ? (status as RemoteStatus) : 'unknown';
  return { remoteStatus, editUrl: '', date: post.date };
}
