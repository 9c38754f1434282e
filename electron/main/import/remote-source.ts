import type { ImportedRemotePost } from '../../common/markdown/import-post.js';
import type { PublishRecord } from '../../common/markdown/front-matter-publish.js';
import type { RemotePostQuery } from '../../common/model/import.js';
import type { PublishTarget } from '../publish/publisher.js';

/** A post of the blog's listing, before its content is fetched. */
export interface RemoteListedPost {
  remoteId: string;
  title: string;
  date: string;
  status: string;
  type: 'post' | 'page';
}

export interface RemoteListing {
  posts: RemoteListedPost[];
  total: number | null;
  nextPage: number | null;
}

/** A media item of the blog that the post uses, so the downloaded file is known to be on the blog already. */
export interface RemoteMedia {
  /** The address as the post's content or featured image names it (any size variant). */
  url: string;
  id: string;
  /** The full-size original's address, when known. */
  sourceUrl?: string;
}

/** One post as an import needs it: the stored content plus what the publish record must say. */
export interface RemoteImportPost extends ImportedRemotePost {
  remoteId: string;
  type: 'post' | 'page';
  sticky: boolean;
  /** `open`, `closed`, or '' when the blog does not say. */
  commentStatus: string;
  /** The publish record as this target writes it after a publish (id, link, modified time, online hash), without media. */
  record: Omit<PublishRecord, 'media'>;
  /** Media items the post refers to (content images and the featured image), with their ids on the blog. */
  media: RemoteMedia[];
}

/**
 * How a kind of blog hands its posts out for an import. A publisher that can be imported from offers one
 * (`Publisher.importer`); the import service never switches on a blog's kind.
 */
export interface RemotePostSource {
  listPosts(target: PublishTarget, query: RemotePostQuery): Promise<RemoteListing>;
  fetchPost(target: PublishTarget, remoteId: string): Promise<RemoteImportPost>;
}
