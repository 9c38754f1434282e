import type { PublishRecord } from '../../common/markdown/front-matter-publish.js';
import type { RemotePostQuery } from '../../common/model/import.js';
import type { RemoteImportPost, RemoteListedPost, RemoteListing, RemotePostSource } from '../import/remote-source.js';
import { PublishFailure } from './publish-errors.js';
import type { PublishTarget } from './publisher.js';
import { decodeEntities, onlineHash, readPostOrPage, routeUrl, type WordPressRequest, type WpPost } from './wordpress-api.js';
import { mediaIdsInContent, remoteMediaOf, type MediaAddresses } from './wordpress-media-refs.js';

interface WpListed {
  id: number;
  type?: string;
  date: string;
  status: string;
  title: { raw?: string; rendered?: string };
}

interface WpEditMedia {
  id: number;
  source_url: string;
  alt_text?: string;
  caption?: { raw?: string; rendered?: string };
  media_details?: { sizes?: Record<string, { source_url?: string }> };
}


/** The REST API's page size limit. */
const MAX_PER_PAGE = 100;

/**
 * „Beiträge holen“ over the REST API (`context=edit`, so the stored content and raw fields come, not the
 * rendered HTML). Posts first, then pages when asked, newest first; listed by offset so both types page as one.
 */
export class WordPressRestImporter implements RemotePostSource {
  constructor(private readonly request: WordPressRequest) {}

  async listPosts(target: PublishTarget, query: RemotePostQuery): Promise<RemoteListing> {
    const start = (query.page - 1) * query.perPage;
    const posts = await this.listType(target, 'posts', query.search, start, query.perPage);
    let total = posts.total;
    const listed = posts.items;
    if (query.includePages) {
      // Pages follow all posts: their offset is what lies beyond the posts.
      const wanted = query.perPage - listed.length;
      const pages = await this.listType(target, 'pages', query.search, Math.max(0, start - (posts.total ?? 0)), Math.max(1, wanted));
      if (wanted > 0) listed.push(...pages.items.slice(0, wanted));
      total = posts.total !== null && pages.total !== null ? posts.total + pages.total : null;
    }
    const nextPage = total !== null ? (start + query.perPage < total ? query.page + 1 : null) : listed.length === query.perPage ? query.page + 1 : null;
    return { posts: listed, total, nextPage };
  }

  private async listType(target: PublishTarget, route: 'posts' | 'pages', search: string, offset: number, perPage: number): Promise<{ items: RemoteListedPost[]; total: number | null }> {
    const url = routeUrl(target.blog, route, {
      context: 'edit',
      status: 'any',
      per_page: Math.min(perPage, MAX_PER_PAGE),
      offset,
      orderby: 'date',
      order: 'desc',
      search: search.trim() || undefined,
      _fields: 'id,type,date,status,title',
    });
    const { body, headers } = await this.request<WpListed[]>(target, 'read', { url });
    const total = Number(headers.get('x-wp-total'));
    const type = route === 'pages' ? 'page' : 'post';
    return {
      items: (Array.isArray(body) ? body : []).map((p) => ({
        remoteId: String(p.id),
        title: p.title.raw ?? decodeEntities(p.title.rendered ?? ''),
        date: p.date,
        status: p.status,
        type,
      })),
      total: headers.has('x-wp-total') && Number.isFinite(total) ? total : null,
    };
  }

  async fetchPost(target: PublishTarget, remoteId: string): Promise<RemoteImportPost> {
    if (!/^\d+$/.test(remoteId)) throw new PublishFailure('bad-request', `„${remoteId}“ ist keine Beitragsnummer dieses Blogs.`, false);
    const { post, type } = await this.readEither(target, remoteId);
    const content = post.content.raw ?? post.content.rendered ?? '';
    const [categories, tags] = await Promise.all([this.termNames(target, 'categories', post.categories ?? []), this.termNames(target, 'tags', post.tags ?? [])]);
    const media = await this.mediaOf(target, post, content);
    const featured = post.featured_media ? media.find((m) => m.id === post.featured_media) : undefined;
    const record: Omit<PublishRecord, 'media'> = { id: String(post.id), link: post.link, modified_gmt: post.modified_gmt, online_hash: onlineHash(post) };
    return {
      remoteId: String(post.id),
      type,
      title: post.title.raw ?? decodeEntities(post.title.rendered ?? ''),
      slug: post.slug || post.generated_slug || '',
      date: post.date,
      ...(post.date_gmt ? { dateGmt: post.date_gmt } : {}),
      status: post.status,
      categories,
      tags,
      excerpt: post.excerpt.raw ?? '',
      content,
      ...(featured ? { featuredImage: { url: featured.source_url, alt: featured.alt_text ?? '', caption: featured.caption?.raw ?? featured.caption?.rendered ?? '', id: String(featured.id) } } : {}),
      sticky: post.sticky === true,
      commentStatus: post.comment_status ?? '',
      record,
      media: remoteMediaOf(media.map(addresses), content),
    };
  }

  /** The post by its id, or a page of that id; neither: the blog does not know it. */
  private async readEither(target: PublishTarget, id: string): Promise<{ post: WpPost; type: 'post' | 'page' }> {
    try {
      return await readPostOrPage(this.request, target, id);
    } catch (error) {
      if (error instanceof PublishFailure && error.code === 'deleted-online') {
        throw new PublishFailure('not-found', `Den Beitrag Nr. ${id} gibt es im Blog nicht (mehr).`, false);
      }
      throw error;
    }
  }

  private async termNames(target: PublishTarget, taxonomy: 'categories' | 'tags', ids: readonly number[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const url = routeUrl(target.blog, taxonomy, { include: ids.join(','), per_page: MAX_PER_PAGE, context: 'view', _fields: 'id,name' });
    const { body } = await this.request<{ id: number; name: string }[]>(target, 'terms', { url });
    const byId = new Map(body.map((t) => [t.id, decodeEntities(t.name)]));
    // In the post's order of ids.
    return ids.map((id) => byId.get(id)).filter((n): n is string => n !== undefined);
  }

  /** The media attached to the post, plus items the content or the featured image name that belong elsewhere. */
  private async mediaOf(target: PublishTarget, post: WpPost, content: string): Promise<WpEditMedia[]> {
    const attached = await this.request<WpEditMedia[]>(target, 'read', {
      url: routeUrl(target.blog, 'media', { parent: post.id, per_page: MAX_PER_PAGE, context: 'edit' }),
    });
    const items = [...attached.body];
    const known = new Set(items.map((m) => String(m.id)));
    const wanted = [...mediaIdsInContent(content), ...(post.featured_media ? [String(post.featured_media)] : [])].filter((id) => !known.has(id));
    const missing = [...new Set(wanted)];
    for (let i = 0; i < missing.length; i += MAX_PER_PAGE) {
      const ids = missing.slice(i, i + MAX_PER_PAGE);
      const more = await this.request<WpEditMedia[]>(target, 'read', {
        url: routeUrl(target.blog, 'media', { include: ids.join(','), per_page: MAX_PER_PAGE, context: 'edit' }),
      });
      items.push(...more.body);
    }
    return items;
  }
}

function addresses(m: WpEditMedia): MediaAddresses {
  const sizes = Object.values(m.media_details?.sizes ?? {})
    .map((s) => s.source_url ?? '')
    .filter((u) => u !== '');
  return { id: String(m.id), sourceUrl: m.source_url, sizeUrls: sizes };
}
