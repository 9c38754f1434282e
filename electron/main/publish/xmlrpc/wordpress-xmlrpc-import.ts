import type { PublishRecord } from '../../../common/markdown/front-matter-publish.js';
import type { RemotePostQuery } from '../../../common/model/import.js';
import type { RemoteImportPost, RemoteListedPost, RemoteListing, RemotePostSource } from '../../import/remote-source.js';
import { PublishFailure, type RequestPurpose } from '../publish-errors.js';
import type { PublishTarget } from '../publisher.js';
import { decodeEntities } from '../wordpress-api.js';
import { mediaIdsInContent, remoteMediaOf, type MediaAddresses } from '../wordpress-media-refs.js';
import { onlineHash, postIdParam, toPost, type XmlRpcPost } from './wordpress-xmlrpc-post.js';
import { isStruct, textOf, XmlRpcFault, type XmlRpcStruct, type XmlRpcValue } from './xmlrpc-codec.js';

/** The publisher's call: blog id, user and secret first, failures as PublishFailures. */
export type XmlRpcCaller = (target: PublishTarget, purpose: RequestPurpose, method: string, params: readonly XmlRpcValue[]) => Promise<XmlRpcValue>;

/** Fields of a listed post (only these, not the content: `wp.getPosts` takes single field names too). */
const LIST_FIELDS = ['post_title', 'post_date', 'post_date_gmt', 'post_status', 'post_type'];
/** Posts counted per call while finding out how many match. */
const COUNT_CHUNK = 1000;

/**
 * „Beiträge holen“ over XML-RPC: `wp.getPosts` (newest first, with WordPress's own search `s`) and `wp.getPost`
 * for the stored `post_content`, terms by name and the featured image; the media through `wp.getMediaLibrary`
 * (attached to the post) and `wp.getMediaItem` (named by the content but attached elsewhere). XML-RPC gives no
 * alt text of a media item, so the featured image's alt text stays empty here.
 */
export class WordPressXmlRpcImporter implements RemotePostSource {
  constructor(
    private readonly call: XmlRpcCaller,
    private readonly auth: (target: PublishTarget) => readonly XmlRpcValue[],
  ) {}

  async listPosts(target: PublishTarget, query: RemotePostQuery): Promise<RemoteListing> {
    const start = (query.page - 1) * query.perPage;
    const types: ('post' | 'page')[] = query.includePages ? ['post', 'page'] : ['post'];
    const counts: number[] = [];
    for (const type of types) counts.push(await this.count(target, type, query.search));
    const total = counts.reduce((a, b) => a + b, 0);
    const posts: RemoteListedPost[] = [];
    let before = 0;
    for (const [index, type] of types.entries()) {
      const count = counts[index] ?? 0;
      const offset = Math.max(0, start + posts.length - before);
      const wanted = query.perPage - posts.length;
      if (wanted > 0 && offset < count) posts.push(...(await this.list(target, type, query.search, offset, wanted, LIST_FIELDS)).map((s) => listed(s, type)));
      before += count;
    }
    return { posts, total, nextPage: start + query.perPage < total ? query.page + 1 : null };
  }

  private async list(target: PublishTarget, type: 'post' | 'page', search: string, offset: number, number: number, fields: readonly string[]): Promise<XmlRpcStruct[]> {
    const filter: XmlRpcStruct = { post_type: type, number, offset, orderby: 'date', order: 'DESC' };
    if (search.trim()) filter['s'] = search.trim();
    const answer = await this.call(target, 'read', 'wp.getPosts', [...this.auth(target), filter, [...fields]]);
    return (Array.isArray(answer) ? answer : []).filter(isStruct);
  }

  /** XML-RPC says no total: the matching posts are counted by their ids alone. */
  private async count(target: PublishTarget, type: 'post' | 'page', search: string): Promise<number> {
    let count = 0;
    for (;;) {
      const chunk = await this.list(target, type, search, count, COUNT_CHUNK, ['post_id']);
      count += chunk.length;
      if (chunk.length < COUNT_CHUNK) return count;
    }
  }

  async fetchPost(target: PublishTarget, remoteId: string): Promise<RemoteImportPost> {
    const answer = await this.call(target, 'read', 'wp.getPost', [...this.auth(target), postIdParam(remoteId), ['post', 'terms']]);
    if (!isStruct(answer)) throw new PublishFailure('invalid-response', 'Der Blog hat den Beitrag nicht lesbar geliefert.', false);
    const post = toPost(answer);
    const terms = (Array.isArray(answer['terms']) ? answer['terms'] : []).filter(isStruct);
    const names = (taxonomy: string) => terms.filter((t) => textOf(t['taxonomy']) === taxonomy).map((t) => decodeEntities(textOf(t['name'])));
    const thumb = isStruct(answer['post_thumbnail']) ? answer['post_thumbnail'] : null;
    const thumbId = thumb ? textOf(thumb['attachment_id']) : '';
    const media = await this.mediaOf(target, post, thumb);
    const featured = thumbId ? media.find((m) => textOf(m['attachment_id']) === thumbId) : undefined;
    const record: Omit<PublishRecord, 'media'> = { id: post.id, link: post.link, modified_gmt: post.modifiedGmt, online_hash: onlineHash(post) };
    return {
      remoteId: post.id,
      type: post.type === 'page' ? 'page' : 'post',
      title: post.title,
      slug: post.slug,
      date: post.date,
      ...(post.dateGmt && !post.dateGmt.startsWith('0000') ? { dateGmt: post.dateGmt } : {}),
      status: post.status,
      categories: names('category'),
      tags: names('post_tag'),
      excerpt: post.excerpt,
      content: post.content,
      ...(featured ? { featuredImage: { url: textOf(featured['link']), alt: '', caption: textOf(featured['caption']), id: thumbId } } : {}),
      sticky: post.sticky,
      commentStatus: post.commentStatus,
      record,
      media: remoteMediaOf(media.map(addresses), post.content),
    };
  }

  /** Media attached to the post, then every item the content or the featured image names that is not among them. */
  private async mediaOf(target: PublishTarget, post: XmlRpcPost, thumb: XmlRpcStruct | null): Promise<XmlRpcStruct[]> {
    const attached = await this.call(target, 'read', 'wp.getMediaLibrary', [...this.auth(target), { parent_id: postIdParam(post.id) }]);
    const items = (Array.isArray(attached) ? attached : []).filter(isStruct);
    if (thumb && textOf(thumb['attachment_id'])) items.push(thumb);
    const known = new Set(items.map((m) => textOf(m['attachment_id'])));
    for (const id of mediaIdsInContent(post.content)) {
      if (known.has(id)) continue;
      known.add(id);
      try {
        const item = await this.call(target, 'read', 'wp.getMediaItem', [...this.auth(target), postIdParam(id)]);
        if (isStruct(item)) items.push(item);
      } catch (error) {
        // A deleted attachment the content still names is no reason to fail the import.
        if (!(error instanceof PublishFailure && (error.code === 'deleted-online' || error.code === 'not-found')) && !(error instanceof XmlRpcFault)) throw error;
      }
    }
    return items;
  }
}

function listed(s: XmlRpcStruct, type: 'post' | 'page'): RemoteListedPost {
  const post = toPost(s);
  return { remoteId: post.id, title: post.title, date: post.date, status: post.status, type };
}

/** The item's original and the sizes WordPress made of it (metadata names the size files beside the original). */
function addresses(item: XmlRpcStruct): MediaAddresses {
  const link = textOf(item['link']);
  const folder = link.replace(/[^/]*$/, '');
  const meta = isStruct(item['metadata']) ? item['metadata'] : null;
  const sizes = meta && isStruct(meta['sizes']) ? Object.values(meta['sizes']).filter(isStruct) : [];
  return { id: textOf(item['attachment_id']), sourceUrl: link, sizeUrls: sizes.map((s) => textOf(s['file'])).filter((f) => f !== '').map((f) => folder + f) };
}
