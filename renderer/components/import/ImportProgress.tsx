import type { ImportJob } from '../../../electron/common/model/import';
import { useI18n } from '../../i18n/i18n';

export interface ImportProgressProps {
  job: ImportJob;
  cancelling: boolean;
  onCancel: () => void;
}

/** Step 3 while posts are coming: how many of how many, the one now, and a way to stop. */
export function ImportProgress({ job, cancelling, onCancel }: ImportProgressProps) {
  const { t } = useI18n();
  const count =
    job.total === null
      ? t('import.progressOpen', { done: job.done })
      : t('import.progress', { done: job.done, total: job.total });
  return (
    <div className="import-progress">
      {/* Without a total (an export still being read) the bar has no value: the browser shows it as busy. */}
      {job.total === null ? <progress aria-label={count} /> : <progress aria-label={count} max={Math.max(job.total, 1)} value={job.done} />}
      <p className="import-count" role="status" data-testid="import-count">
        {count}
      </p>
      <p className="import-current muted">{job.current ? t('import.current', { title: job.current }) : '\u00a0'}</p>
      <div className="dialog-buttons">
        <button type="button" autoFocus disabled={cancelling} onClick={onCancel}>
          {cancelling ? t('import.cancelling') : t('dialog.cancel')}
        </button>
      </div>
    </div>
  );
}
