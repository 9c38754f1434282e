import type { HistoryVersion } from '../../../electron/common/model/history';
import { useI18n } from '../../i18n/i18n';
import { versionTime, wordChangeText } from '../../lib/history-wording';

export interface VersionListProps {
  versions: readonly HistoryVersion[];
  selected: string | null;
  onSelect: (versionId: string) => void;
}

/** The kept versions of the post, newest first: when, why, and how many words came or went. */
export function VersionList({ versions, selected, onSelect }: VersionListProps) {
  const { t, language } = useI18n();
  return (
    <ol className="version-list" aria-label={t('history.versions')} data-testid="version-list">
      {versions.map((v) => (
        <li key={v.versionId}>
          <button
            type="button"
            className={v.versionId === selected ? 'version selected' : 'version'}
            aria-current={v.versionId === selected ? 'true' : undefined}
            data-reason={v.reason}
            onClick={() => onSelect(v.versionId)}
          >
            <span className="version-time">{versionTime(v.timeMs, language)}</span>
            <span className="version-reason">{t(`history.reason.${v.reason}`)}</span>
            <span className="version-words">
              {t('history.words', { count: v.words })}
              {v.wordChange !== null && <span className="version-change"> · {wordChangeText(t, v.wordChange)}</span>}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
