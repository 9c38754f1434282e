import { createHash } from 'node:crypto';
import { textOf, XmlRpcDateTime, type XmlRpcStruct, type XmlRpcValue } from './xmlrpc-codec.js';

/**
 * A post as `wp.getPost` / `wp.getPosts` give it (the `post` field group), read once for the publisher and the
 * importer, so both compute the same online hash from the same fields.
 */
export interface XmlRpcPost {
  id: string;
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  status: string;
  link: string;
  /** Site-local time, `YYYY-MM-DDTHH:MM:SS`. */
  date: string;
  /** UTC, same form; empty for drafts that never had a date. */
  dateGmt: string;
  modifiedGmt: string;
  type: string;
  sticky: boolean;
  commentStatus: string;
}

export function postIdParam(id: string): XmlRpcValue {
  return /^\d{1,9}$/.test(id) ? Number(id) : id;
}

function dateText(value: XmlRpcValue | undefined): string {
  return value instanceof XmlRpcDateTime ? value.toLocalString() : textOf(value);
}

/**
 * WordPress's XML-RPC reports a scheduled post as `publish` (class-wp-xmlrpc-server.php: „Consider future posts as
 * published“); a `publish` post dated ahead is scheduled, as the REST API and the export say.
 */
function statusOf(s: XmlRpcStruct, dateGmt: string, now: number): string {
  const status = textOf(s['post_status']);
  const gmt = Date.parse(`${dateGmt}Z`);
  return status === 'publish' && Number.isFinite(gmt) && gmt > now ? 'future' : status;
}

export function toPost(s: XmlRpcStruct, now = Date.now()): XmlRpcPost {
  const dateGmt = dateText(s['post_date_gmt']);
  return {
    id: textOf(s['post_id']),
    title: textOf(s['post_title']),
    content: textOf(s['post_content']),
    excerpt: textOf(s['post_excerpt']),
    slug: textOf(s['post_name']),
    status: statusOf(s, dateGmt, now),
    link: textOf(s['link']),
    date: dateText(s['post_date']),
    dateGmt,
    modifiedGmt: dateText(s['post_modified_gmt']),
    type: textOf(s['post_type']),
    sticky: s['sticky'] === true || textOf(s['sticky']) === '1',
    commentStatus: textOf(s['comment_status']),
  };
}

/** What the blog stores of a post that a user can change online, hashed. */
export function onlineHash(post: Pick<XmlRpcPost, 'title' | 'content' | 'excerpt'>): string {
  return createHash('sha256').update(JSON.stringify([post.title, post.content, post.excerpt])).digest('hex').slice(0, 32);
}
