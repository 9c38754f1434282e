import type { RemotePostSummary } from '../../../electron/common/model/import';
import { formatDate } from '../../../electron/common/text/dates';
import type { Translate } from '../../i18n/i18n';
import { remoteStatusWord } from '../../lib/import-wording';

export interface ImportPostRowProps {
  post: RemotePostSummary;
  chosen: boolean;
  onToggle: (on: boolean) => void;
  dateLocale: string;
  t: Translate;
}

/** One of the blog's posts in the list: a checkbox with title, date, status and whether the library has it. */
export function ImportPostRow({ post, chosen, onToggle, dateLocale, t }: ImportPostRowProps) {
  return (
    <li className="import-post">
      <label>
        <input type="checkbox" checked={chosen} onChange={(e) => onToggle(e.target.checked)} />
        <span className="import-post-text">
          <span className="import-post-title">{post.title || post.remoteId}</span>
          <span className="import-post-meta">
            <span>{formatDate(post.date, dateLocale)}</span>
            <span>{remoteStatusWord(t, post.status)}</span>
            {post.type === 'page' && <span>{t('import.typePage')}</span>}
            {post.localPostId && <span className="import-in-library">{t('import.inLibrary')}</span>}
          </span>
        </span>
      </label>
    </li>
  );
}
