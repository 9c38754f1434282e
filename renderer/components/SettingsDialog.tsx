import type { Settings } from '../../electron/common/model/settings';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

export interface SettingsDialogProps {
  settings: Settings;
  libraryPath: string;
  onChange: (patch: Partial<Pick<Settings, 'uiLanguage'>>) => void;
  onClose: () => void;
}

export function SettingsDialog(props: SettingsDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog title={t('settings.title')} onClose={props.onClose}>
      <div className="settings-grid">
        <label htmlFor="s-language">{t('settings.language')}</label>
        <select id="s-language" value={props.settings.uiLanguage} onChange={(e) => props.onChange({ uiLanguage: e.target.value as Settings['uiLanguage'] })}>
          <option value="system">{t('settings.languageSystem')}</option>
          <option value="de">{t('settings.languageDe')}</option>
          <option value="en">{t('settings.languageEn')}</option>
        </select>
        <span>{t('settings.library')}</span>
        <code className="library-path">{props.libraryPath}</code>
      </div>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={props.onClose}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}
