import type { PublishError, PublishErrorCode } from '../../electron/common/model/blog';
import type { AppError } from '../../electron/common/result';
import type { MessageKey } from '../i18n/de';
import { errorText, type Translate, type UiLanguage } from '../i18n/i18n';

/** Why adding a blog failed, as main names it in `params.cause` (publish-service.ts `addBlog`). */
export const ADD_BLOG_CAUSES = ['address', 'unreachable', 'timeout', 'tls', 'server', 'forbidden', 'no-api', 'duplicate', 'cancelled'] as const;
export type AddBlogCause = (typeof ADD_BLOG_CAUSES)[number];

const ADD_BLOG_KEYS: Readonly<Record<AddBlogCause, MessageKey>> = {
  address: 'blogs.error.address',
  unreachable: 'blogs.error.unreachable',
  timeout: 'blogs.error.timeout',
  tls: 'blogs.error.tls',
  server: 'blogs.error.server',
  forbidden: 'blogs.error.forbidden',
  'no-api': 'blogs.error.no-api',
  duplicate: 'blogs.error.duplicate',
  cancelled: 'blogs.error.cancelled',
};

/**
 * A failure of adding a blog in the UI language: it speaks of the blog (nothing waits in the outbox yet) and
 * says what to do next. Anything main did not name a cause for falls back to the general error text.
 */
export function addBlogErrorText(t: Translate, error: AppError): string {
  const cause = error.params?.['cause'];
  const key = cause !== undefined && (ADD_BLOG_CAUSES as readonly string[]).includes(cause) ? ADD_BLOG_KEYS[cause as AddBlogCause] : null;
  if (!key) return errorText(t, error);
  return t(key, { address: error.params?.['address'] ?? '', name: error.params?.['name'] ?? '' });
}

/** A publish failure in two parts: what happened, and what to do next. `text` is both, once each. */
export interface PublishErrorWords {
  reason: string;
  next: string;
  text: string;
}

/**
 * A publish failure in the UI language. German takes main's own words (they name the purpose, the status, the
 * header hint …) and ends with its next step; English words the code (`publishError.<code>`) and its next step.
 * A job file from before `next` existed keeps its German message as it is.
 */
export function publishErrorWords(t: Translate, language: UiLanguage, error: PublishError): PublishErrorWords {
  const code: PublishErrorCode = error.code;
  if (language === 'de') {
    if (error.next && error.message.endsWith(error.next)) {
      const reason = error.message.slice(0, error.message.length - error.next.length).trim();
      return { reason, next: error.next, text: error.message };
    }
    return { reason: error.message, next: '', text: error.message };
  }
  const reason = t(`publishError.${code}`);
  const next = t(`publishError.next.${code}`);
  return { reason, next, text: `${reason} ${next}` };
}

/** The outbox's answer when a post waits there: the reason once, then what happens next. */
export function queuedText(t: Translate, language: UiLanguage, error: PublishError): string {
  const words = publishErrorWords(t, language, error);
  return `${t('publish.queued', { reason: words.reason })}${words.next ? ` ${words.next}` : ''}`;
}
