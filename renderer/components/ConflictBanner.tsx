import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import type { DiffLayout } from '../editor/diff-view';
import { Dialog } from './Dialog';
import { DiffLayoutSwitch } from './history/DiffLayoutSwitch';
import { DiffView } from './history/DiffView';

export interface ConflictBannerProps {
  mine: () => string;
  theirs: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/** Shown instead of ever overwriting a file that changed on disk while the editor held unsaved text. */
export function ConflictBanner(props: ConflictBannerProps) {
  const { t } = useI18n();
  const [both, setBoth] = useState<string | null>(null);
  // The same comparison as the version history: the file on disk against the editor's text.
  const [layout, setLayout] = useState<DiffLayout>('split');
  return (
    <div className="banner banner-warning" role="alert" data-testid="conflict-banner">
      <span>{t('conflict.message')}</span>
      <span className="banner-actions">
        <button type="button" onClick={props.onKeepMine}>
          {t('conflict.keepMine')}
        </button>
        <button type="button" onClick={props.onTakeTheirs}>
          {t('conflict.takeTheirs')}
        </button>
        <button type="button" onClick={() => setBoth(props.mine())}>
          {t('conflict.showBoth')}
        </button>
      </span>
      {both !== null && (
        <Dialog title={t('conflict.showBoth')} onClose={() => setBoth(null)} wide>
          <div className="history-compare-head">
            <span />
            <DiffLayoutSwitch layout={layout} onChange={setLayout} />
          </div>
          <DiffView original={props.theirs} current={both} layout={layout} labels={{ original: t('conflict.theirs'), current: t('conflict.mine') }} />
          <div className="dialog-buttons">
            <button type="button" onClick={() => setBoth(null)}>
              {t('conflict.close')}
            </button>
            <button type="button" onClick={() => { setBoth(null); props.onTakeTheirs(); }}>
              {t('conflict.takeTheirs')}
            </button>
            <button type="button" className="primary" onClick={() => { setBoth(null); props.onKeepMine(); }}>
              {t('conflict.keepMine')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
