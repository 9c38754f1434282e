import type { PublishRecord } from '../../../common/markdown/front-matter-publish.js';
import type { RemotePostQuery } from '../../../common/model/import.js';
import type { RemoteImportPost, RemoteListing, RemotePostSource } from '../../import/remote-source.js';
import { PublishFailure, type RequestPurpose } from '../publish-errors.js';
import type { PublishTarget } from '../publisher.js';
import { decodeEntities } from '../wordpress-api.js';
import { onlineHash, toPost } from './metaweblog-post.js';
import { isStruct, type XmlRpcValue } from './xmlrpc-codec.js';

export type MetaWeblogCaller = (target: PublishTarget, purpose: RequestPurpose, method: string, params: readonly XmlRpcValue[]) => Promise<XmlRpcValue>;

/** `getRecentPosts` has no offset: the newest n are fetched and the page cut out, up to this many. */
const MAX_RECENT = 2000;

/**
 * „Beiträge holen“ over MetaWeblog, for engines without `wp.*`: the newest posts (no offset, no search and no
 * pages in this API — the page is cut from the newest ones and the search matches titles here), each with its
 * stored text, categories by name and `mt_keywords` as tags. No media ids and no featured image.
 */
export class MetaWeblogImporter implements RemotePostSource {
  constructor(
    private readonly call: MetaWeblogCaller,
    private readonly auth: (target: PublishTarget) => readonly XmlRpcValue[],
  ) {}

  async listPosts(target: PublishTarget, query: RemotePostQuery): Promise<RemoteListing> {
    const search = query.search.trim().toLocaleLowerCase('de');
    const start = (query.page - 1) * query.perPage;
    // Without a search one more than the page tells whether another page follows; with one, all are looked at.
    const wanted = Math.min(MAX_RECENT, search ? MAX_RECENT : start + query.perPage + 1);
    const answer = await this.call(target, 'read', 'metaWeblog.getRecentPosts', [...this.auth(target), wanted]);
    const all = (Array.isArray(answer) ? answer : [])
      .filter(isStruct)
      .map(toPost)
      .filter((p) => !search || decodeEntities(p.title).toLocaleLowerCase('de').includes(search));
    const complete = search !== '' || all.length < wanted;
    const posts = all.slice(start, start + query.perPage).map((p) => ({ remoteId: p.id, title: p.title, date: p.date, status: p.status || 'publish', type: 'post' as const }));
    return { posts, total: complete ? all.length : null, nextPage: all.length > start + query.perPage ? query.page + 1 : null };
  }

  async fetchPost(target: PublishTarget, remoteId: string): Promise<RemoteImportPost> {
    const [, user, secret] = this.auth(target);
    const answer = await this.call(target, 'read', 'metaWeblog.getPost', [remoteId, user ?? '', secret ?? '']);
    if (!isStruct(answer)) throw new PublishFailure('invalid-response', 'Der Blog hat den Beitrag nicht lesbar geliefert.', false);
    const post = toPost(answer);
    const record: Omit<PublishRecord, 'media'> = { id: post.id || remoteId, link: post.link, modified_gmt: post.modifiedGmt, online_hash: onlineHash(post) };
    return {
      remoteId: post.id || remoteId,
      type: 'post',
      title: post.title,
      slug: post.slug,
      date: post.date,
      ...(post.dateGmt ? { dateGmt: post.dateGmt } : {}),
      status: post.status || 'publish',
      categories: post.categories,
      tags: post.tags,
      excerpt: post.excerpt,
      content: post.content,
      sticky: post.sticky,
      commentStatus: post.commentStatus,
      record,
      media: [],
    };
  }
}
