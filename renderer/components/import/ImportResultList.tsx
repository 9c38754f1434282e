import type { ImportItemResult } from '../../../electron/common/model/import';
import type { MessageKey } from '../../i18n/de';
import { useI18n } from '../../i18n/i18n';

export interface ImportResultListProps {
  results: readonly ImportItemResult[];
  onOpenPost: (postId: string) => void;
  /** Shows each row's message under its title (failed posts, images that stayed on the blog). */
  withMessages?: boolean;
  label: string;
}

/** Posts of an import with their outcome; a post that landed in the library opens in the editor on click. */
export function ImportResultList({ results, onOpenPost, withMessages, label }: ImportResultListProps) {
  const { t } = useI18n();
  return (
    <ul className="import-results" aria-label={label}>
      {results.map((r) => {
        const body = (
          <>
            <span className="import-result-title">{r.title || r.remoteId}</span>
            <span className={`import-outcome import-outcome-${r.outcome}`}>{t(`import.outcome.${r.outcome}` as MessageKey)}</span>
            {withMessages && r.message && <span className="import-result-message">{r.message}</span>}
          </>
        );
        const postId = r.postId;
        return (
          <li key={r.remoteId}>
            {postId ? (
              <button type="button" className="import-result" title={t('import.openPost', { title: r.title })} onClick={() => onOpenPost(postId)}>
                {body}
              </button>
            ) : (
              <div className="import-result">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
