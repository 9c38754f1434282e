import type { ImportItemOutcome, ImportJob } from '../../../electron/common/model/import';
import type { MessageKey } from '../../i18n/de';
import { useI18n } from '../../i18n/i18n';
import { COUNT_ORDER, OUTCOME_ORDER } from '../../lib/import-wording';
import { ImportResultList } from './ImportResultList';

export interface ImportSummaryProps {
  job: ImportJob;
  /** A second import of these posts that overwrites their local changes. */
  onOverwrite: (remoteIds: string[]) => void;
  onDownloadImages: () => void;
  onOpenPost: (postId: string) => void;
  onAgain: () => void;
  onClose: () => void;
}

/**
 * Step 3 when the import has ended: counts by outcome, what failed and why, what was left alone because it was
 * changed in Kladde (with „Trotzdem überschreiben“), images still on the blog, and every post to open.
 */
export function ImportSummary({ job, onOverwrite, onDownloadImages, onOpenPost, onAgain, onClose }: ImportSummaryProps) {
  const { t } = useI18n();
  const of = (outcome: ImportItemOutcome) => job.results.filter((r) => r.outcome === outcome);
  const failed = of('failed');
  const local = of('local-changes');
  const imagesMissing = job.results.reduce((sum, r) => sum + r.imagesMissing, 0);
  const ordered = OUTCOME_ORDER.flatMap(of);
  const fetched = ordered.filter((r) => r.outcome === 'created' || r.outcome === 'updated' || r.outcome === 'unchanged');

  return (
    <div className="import-summary" data-testid="import-summary">
      <p className={job.state === 'failed' ? 'field-error' : 'import-state'} role="status">
        {job.state === 'done' && t('import.done')}
        {job.state === 'cancelled' && t('import.cancelled')}
        {job.state === 'failed' && t('import.failed', { message: job.message ?? '' })}
      </p>
      {ordered.length > 0 && (
        <ul className="import-counts" aria-label={t('import.summary')}>
          {COUNT_ORDER.map((outcome) => {
            const n = of(outcome).length;
            if (n === 0) return null;
            return (
              <li key={outcome} className={`import-outcome-${outcome}`}>
                <strong>{t('import.count', { count: n })}</strong> {t(`import.outcome.${outcome}` as MessageKey)}
              </li>
            );
          })}
        </ul>
      )}
      {failed.length > 0 && (
        <section className="import-section import-failed">
          <h3>{t('import.failedList')}</h3>
          <ImportResultList results={failed} onOpenPost={onOpenPost} withMessages label={t('import.failedList')} />
        </section>
      )}
      {local.length > 0 && (
        <section className="import-section import-local">
          <h3>{t('import.localChanges')}</h3>
          <ImportResultList results={local} onOpenPost={onOpenPost} label={t('import.localChanges')} />
          <div className="row-buttons">
            <button type="button" onClick={() => onOverwrite(local.map((r) => r.remoteId))}>
              {t('import.overwrite')}
            </button>
          </div>
        </section>
      )}
      {imagesMissing > 0 && (
        <section className="import-section import-images row-buttons">
          <span>{t('import.imagesMissing', { count: imagesMissing })}</span>
          <button type="button" onClick={onDownloadImages}>
            {t('import.downloadImagesNow')}
          </button>
        </section>
      )}
      {fetched.length > 0 && (
        <section className="import-section">
          <h3>{t('import.results')}</h3>
          <ImportResultList results={fetched} onOpenPost={onOpenPost} label={t('import.results')} />
        </section>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onAgain}>
          {t('import.again')}
        </button>
        <button type="button" className="primary" autoFocus onClick={onClose}>
          {t('settings.close')}
        </button>
      </div>
    </div>
  );
}
