import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

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
          <div className="compare">
            <section>
              <h3>{t('conflict.mine')}</h3>
              <pre>{both}</pre>
            </section>
            <section>
              <h3>{t('conflict.theirs')}</h3>
              <pre>{props.theirs}</pre>
            </section>
          </div>
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
