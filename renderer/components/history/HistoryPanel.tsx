import { useMemo, useState } from 'react';
import type { AppError } from '../../../electron/common/result';
import type { PostDocumentStore } from '../../document/post-document-store';
import type { DiffLayout } from '../../editor/diff-view';
import { usePostHistory } from '../../hooks/usePostHistory';
import { useI18n } from '../../i18n/i18n';
import { Dialog } from '../Dialog';
import { DiffLayoutSwitch } from './DiffLayoutSwitch';
import { DiffView } from './DiffView';
import { VersionList } from './VersionList';

export interface HistoryPanelProps {
  store: PostDocumentStore;
  /** The open post. */
  postId: string;
  onClose: () => void;
  onError: (error: AppError) => void;
  /** A version was put back (the editor and the file have it now). */
  onRestored: () => void;
}

/**
 * The version history of the open post: the kept versions on the left, the chosen one's difference to the text
 * now on the right, and „Diese Version wiederherstellen“.
 */
export function HistoryPanel({ store, postId, onClose, onError, onRestored }: HistoryPanelProps) {
  const { t } = useI18n();
  const history = usePostHistory(store, postId, onError);
  const [layout, setLayout] = useState<DiffLayout>('unified');
  // The text now, as of the moment a version's text arrived (typing goes on behind the dialog's backdrop).
  const current = useMemo(() => (history.text === null ? '' : store.getSnapshot().text), [history.text, store]);
  const labels = useMemo(() => ({ original: t('history.older'), current: t('history.now') }), [t]);
  const restore = async () => {
    if (await history.restore()) onRestored();
  };

  return (
    <Dialog title={t('history.title')} onClose={onClose} wide className="history-dialog">
      <div className="history-panel" data-testid="history-panel">
        <div className="history-versions">
          {history.versions === null && <p className="history-note">{t('history.loading')}</p>}
          {history.versions?.length === 0 && <p className="history-note">{t('history.empty')}</p>}
          {history.versions && history.versions.length > 0 && (
            <VersionList versions={history.versions} selected={history.selected} onSelect={history.select} />
          )}
        </div>
        <section className="history-compare" aria-label={t('history.compare')}>
          <div className="history-compare-head">
            <h3>{t('history.compare')}</h3>
            <DiffLayoutSwitch layout={layout} onChange={setLayout} />
          </div>
          {history.selected === null && <p className="history-note">{t('history.choose')}</p>}
          {history.text !== null && history.text === current && <p className="history-note">{t('history.same')}</p>}
          {history.text !== null && history.text !== current && (
            <DiffView original={history.text} current={current} layout={layout} labels={labels} />
          )}
        </section>
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          {t('history.close')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={history.text === null || history.text === current || history.restoring}
          onClick={() => void restore()}
        >
          {t('history.restore')}
        </button>
      </div>
    </Dialog>
  );
}
