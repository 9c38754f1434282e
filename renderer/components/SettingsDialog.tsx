import type { Settings, SettingsPatch } from '../../electron/common/model/settings';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

export interface SettingsDialogProps {
  settings: Settings;
  libraryPath: string;
  onChange: (patch: SettingsPatch) => void;
  onClose: () => void;
}

type Toggle = 'spellcheck' | 'smartQuotes' | 'germanGuillemets' | 'smartDashes' | 'smartEllipsis';

export function SettingsDialog(props: SettingsDialogProps) {
  const { t } = useI18n();
  const s = props.settings;
  const toggles: [Toggle, Parameters<typeof t>[0]][] = [
    ['spellcheck', 'settings.spellcheck'],
    ['smartQuotes', 'settings.smartQuotes'],
    ['germanGuillemets', 'settings.guillemets'],
    ['smartDashes', 'settings.smartDashes'],
    ['smartEllipsis', 'settings.smartEllipsis'],
  ];
  return (
    <Dialog title={t('settings.title')} onClose={props.onClose}>
      <div className="settings-grid">
        <label htmlFor="s-language">{t('settings.language')}</label>
        <select id="s-language" value={s.uiLanguage} onChange={(e) => props.onChange({ uiLanguage: e.target.value as Settings['uiLanguage'] })}>
          <option value="system">{t('settings.languageSystem')}</option>
          <option value="de">{t('settings.languageDe')}</option>
          <option value="en">{t('settings.languageEn')}</option>
        </select>
        <span>{t('settings.library')}</span>
        <code className="library-path">{props.libraryPath}</code>
        <h3>{t('settings.writing')}</h3>
        <label htmlFor="s-default-language">{t('settings.defaultLanguage')}</label>
        <select id="s-default-language" value={s.defaultLanguage} onChange={(e) => props.onChange({ defaultLanguage: e.target.value as Settings['defaultLanguage'] })}>
          <option value="de">{t('settings.langDe')}</option>
          <option value="de-AT">{t('settings.langDeAt')}</option>
          <option value="de-CH">{t('settings.langDeCh')}</option>
          <option value="en">{t('settings.langEn')}</option>
        </select>
        {toggles.map(([key, label]) => (
          <label key={key} className="check">
            <input type="checkbox" checked={s[key]} onChange={(e) => props.onChange({ [key]: e.target.checked })} />
            {t(label)}
          </label>
        ))}
      </div>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={props.onClose}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}
