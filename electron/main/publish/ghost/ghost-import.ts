import type { RemotePostQuery } from '../../../common/model/import.js';
import type { RemoteImportPost, RemoteListedPost, RemoteListing, RemoteMedia, RemotePostSource } from '../../import/remote-source.js';
import { PublishFailure } from '../publish-errors.js';
import type { PublishTarget } from '../publisher.js';
import { adminUrl, importStatusOf, plainGhostHtml, isBlogImage, mediaIdOf, onlineHash, utcSeconds, type GhostPagination, type GhostPost } from './ghost-api.js';
import type { GhostClient, GhostType } from './ghost-client.js';

interface Listed {
  id: string;
  title: string;
  status: string;
  published_at?: string | null;
  updated_at: string;
}

/** The most Kladde asks for at once when it has to skip over the posts to reach the pages. */
const MAX_LIMIT = 100;

/**
 * „Beiträge holen“ from Ghost: posts (and pages when asked), newest first, each with `formats=html`. The HTML goes
 * through the same HTML → Markdown conversion as a WordPress import (the import service calls it), so figures and
 * their credit captions come back as Markdown images with credits.
 */
export class GhostImporter implements RemotePostSource {
  constructor(private readonly client: GhostClient) {}

  async listPosts(target: PublishTarget, query: RemotePostQuery): Promise<RemoteListing> {
    const start = (query.page - 1) * query.perPage;
    const posts = await this.listType(target, 'post', query.search, query.page, query.perPage);
    const listed = [...posts.items];
    let total = posts.total;
    if (query.includePages) {
      // Pages follow all posts: the part of this page beyond the posts is read from the pages' start.
      const wanted = query.perPage - listed.length;
      const offset = Math.max(0, start - posts.total);
      const pages = await this.listType(target, 'page', query.search, 1, Math.min(MAX_LIMIT, Math.max(1, offset + wanted)));
      if (wanted > 0) listed.push(...pages.items.slice(offset, offset + wanted));
      total = posts.total + pages.total;
    }
    return { posts: listed, total, nextPage: start + query.perPage < total ? query.page + 1 : null };
  }

  private async listType(target: PublishTarget, type: GhostType, search: string, page: number, limit: number): Promise<{ items: RemoteListedPost[]; total: number }> {
    const words = search.trim();
    const route = type === 'page' ? 'pages/' : 'posts/';
    const answer = await this.client.call<Record<string, Listed[] | { pagination?: GhostPagination } | undefined>>(target, 'read', {
      url: adminUrl(target.blog, route, {
        limit,
        page,
        order: 'published_at desc',
        fields: 'id,title,status,published_at,updated_at',
        // NQL: title contains the words (quotes and backslashes escaped).
        ...(words ? { filter: `title:~'${words.replace(/[\\']/g, (c) => `\\${c}`)}'` } : {}),
      }),
    });
    const items = answer[type === 'page' ? 'pages' : 'posts'];
    const meta = answer['meta'];
    const pagination = meta && !Array.isArray(meta) ? meta.pagination : undefined;
    const list = Array.isArray(items) ? items : [];
    return {
      items: list.map((p) => ({ remoteId: p.id, title: p.title, date: utcSeconds(p.published_at ?? p.updated_at), status: importStatusOf(p.status), type })),
      total: pagination?.total ?? list.length,
    };
  }

  async fetchPost(target: PublishTarget, remoteId: string): Promise<RemoteImportPost> {
    if (!/^[0-9a-f]{24}$/i.test(remoteId)) throw new PublishFailure('bad-request', `„${remoteId}“ ist keine Beitragskennung dieses Blogs.`, false);
    let found: { post: GhostPost; type: GhostType };
    try {
      found = await this.client.readPostOrPage(target, remoteId);
    } catch (error) {
      if (error instanceof PublishFailure && error.code === 'deleted-online') {
        throw new PublishFailure('not-found', `Den Beitrag ${remoteId} gibt es im Blog nicht (mehr).`, false);
      }
      throw error;
    }
    const { post, type } = found;
    const html = plainGhostHtml(post.html ?? '');
    const date = utcSeconds(post.published_at ?? post.updated_at);
    return {
      remoteId: post.id,
      type,
      title: post.title,
      slug: post.slug,
      date,
      // The same moment in UTC: the import writes the date with its zone (`Z`).
      dateGmt: date,
      status: importStatusOf(post.status),
      categories: [],
      // Internal tags (`#…`) steer themes; they are no words of the post.
      tags: (post.tags ?? []).map((t) => t.name).filter((name) => !name.startsWith('#')),
      excerpt: post.custom_excerpt ?? '',
      content: html,
      ...(post.feature_image
        ? { featuredImage: { url: post.feature_image, alt: post.feature_image_alt ?? '', caption: post.feature_image_caption ?? '', id: mediaIdOf(post.feature_image) } }
        : {}),
      sticky: post.featured === true,
      commentStatus: '',
      record: { id: post.id, link: post.url, modified_gmt: post.updated_at, online_hash: onlineHash(post) },
      media: blogImages(target.blog.url, html, post.feature_image ?? null),
    };
  }
}

/** The images of the post that lie in the blog's own image folder: they need no upload when published back. */
function blogImages(siteUrl: string, html: string, featured: string | null): RemoteMedia[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/gi)) if (match[1]) urls.add(match[1].replace(/&amp;/g, '&'));
  if (featured) urls.add(featured);
  return [...urls]
    .filter((url) => isBlogImage(siteUrl, url))
    .map((url) => {
      // Ghost's resized copies live under /size/w600/; the original is the same path without it.
      const original = url.replace(/\/content\/images\/size\/[^/]+\//, '/content/images/');
      return { url, id: mediaIdOf(original), sourceUrl: original };
    });
}
