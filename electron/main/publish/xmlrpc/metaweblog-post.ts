import { createHash } from 'node:crypto';
import { isStruct, textOf, XmlRpcDateTime, type XmlRpcStruct, type XmlRpcValue } from './xmlrpc-codec.js';

/** What Kladde reads of a post through `metaWeblog.getPost` / `getRecentPosts`, for the publisher and the importer. */
export interface MwPost {
  id: string;
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  link: string;
  date: string;
  /** WordPress adds these; other engines may not. */
  dateGmt: string;
  status: string;
  modifiedGmt: string;
  categories: string[];
  /** `mt_keywords`, split at commas. */
  tags: string[];
  sticky: boolean;
  /** From `mt_allow_comments` (1 open, 0 or 2 closed), '' when the engine does not say. */
  commentStatus: string;
}

function dateText(value: XmlRpcValue | undefined): string {
  return value instanceof XmlRpcDateTime ? value.toLocalString() : '';
}

function commentStatusOf(value: XmlRpcValue | undefined): string {
  const text = textOf(value).trim().toLowerCase();
  if (text === '1' || text === 'open') return 'open';
  if (text === '0' || text === '2' || text === 'closed') return 'closed';
  return '';
}

export function toPost(s: XmlRpcStruct): MwPost {
  const date = s['dateCreated'];
  const more = textOf(s['mt_text_more']);
  const categories = Array.isArray(s['categories']) ? s['categories'].map((c) => (isStruct(c) ? textOf(c['categoryName']) : textOf(c))).filter((c) => c !== '') : [];
  return {
    id: textOf(s['postid']),
    title: textOf(s['title']),
    content: more ? `${textOf(s['description'])}<!--more-->${more}` : textOf(s['description']),
    excerpt: textOf(s['mt_excerpt']),
    slug: textOf(s['wp_slug']),
    link: textOf(s['permaLink']) || textOf(s['link']),
    date: date instanceof XmlRpcDateTime ? date.toLocalString() : textOf(date),
    dateGmt: dateText(s['date_created_gmt']),
    status: textOf(s['post_status']),
    modifiedGmt: dateText(s['date_modified_gmt']),
    categories,
    tags: textOf(s['mt_keywords'])
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    sticky: s['sticky'] === true,
    commentStatus: commentStatusOf(s['mt_allow_comments']),
  };
}

export function onlineHash(post: Pick<MwPost, 'title' | 'content' | 'excerpt'>): string {
  return createHash('sha256').update(JSON.stringify([post.title, post.content, post.excerpt])).digest('hex').slice(0, 32);
}
