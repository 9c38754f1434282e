import type { PublishedPost } from '../../electron/common/model/blog';
import { formatDateTimeShort } from '../../electron/common/text/dates';
import type { MessageKey } from '../i18n/de';
import type { UiLanguage } from '../i18n/i18n';

/** How the UI reports a finished publish: one sentence, and the one link that works for the author. */
export interface PublishedWording {
  key: MessageKey;
  params: Record<string, string>;
  /** The public address for a published post; the blog's editor for anything readers cannot see yet. */
  url: string;
  /** Which address `url` is: `public` shows the address itself, `edit` a „Im Blog bearbeiten“ link. */
  link: 'public' | 'edit' | 'none';
}

/**
 * Honest wording: only a post the blog made public is „Veröffentlicht“ with its address — a draft's `?p=5` gives
 * readers a 404. A draft, a post waiting for review or a private one says where it is and links the blog's
 * editor; a scheduled one names its date (the blog's site-local time, in the UI language).
 */
export function publishedWording(post: PublishedPost, language: UiLanguage): PublishedWording {
  const edit = (key: MessageKey, params: Record<string, string> = {}): PublishedWording =>
    post.editUrl ? { key, params, url: post.editUrl, link: 'edit' } : { key, params, url: '', link: 'none' };
  switch (post.remoteStatus) {
    case 'publish':
      return { key: 'publish.result.publish', params: {}, url: post.link, link: post.link ? 'public' : 'none' };
    case 'future':
      return edit('publish.result.future', { date: formatDateTimeShort(post.date, language) });
    case 'draft':
      return edit('publish.result.draft');
    case 'pending':
      return edit('publish.result.pending');
    case 'private':
      return edit('publish.result.private');
    case 'unknown':
      // A job from before Kladde asked the blog: say only what is sure.
      return post.editUrl ? edit('publish.result.unknown') : { key: 'publish.result.unknown', params: {}, url: post.link, link: post.link ? 'public' : 'none' };
  }
}
