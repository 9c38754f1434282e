import { useState } from 'react';
import { LICENSES, LICENSE_PRESETS, type License } from '../../electron/common/model/attribution';
import { checkCreditTemplate, DEFAULT_CREDIT_TEXTS, type CreditLanguage } from '../../electron/common/markdown/credits';
import type { Settings, SettingsPatch } from '../../electron/common/model/settings';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

export interface SettingsDialogProps {
  onManageBlogs: () => void;
  settings: Settings;
  libraryPath: string;
  onChange: (patch: SettingsPatch) => void;
  onClose: () => void;
}

type Toggle = 'spellcheck' | 'foldFrontMatter' | 'smartQuotes' | 'germanGuillemets' | 'smartDashes' | 'smartEllipsis';

export function SettingsDialog(props: SettingsDialogProps) {
  const { t, language } = useI18n();
  const s = props.settings;
  const [license, setLicense] = useState<License>('pixelio');
  const [creditLang, setCreditLang] = useState<CreditLanguage>('de');
  const own = s.creditTexts[creditLang]?.templates?.[license];
  const template = own ?? DEFAULT_CREDIT_TEXTS[creditLang].templates[license];
  const problems = checkCreditTemplate(template);
  const setTemplate = (value: string | null) => {
    const texts = s.creditTexts[creditLang] ?? {};
    const templates = { ...(texts.templates ?? {}) };
    if (value === null) delete templates[license];
    else templates[license] = value;
    props.onChange({ creditTexts: { ...s.creditTexts, [creditLang]: { ...texts, templates } } });
  };
  const toggles: [Toggle, Parameters<typeof t>[0]][] = [
    ['spellcheck', 'settings.spellcheck'],
    ['foldFrontMatter', 'settings.foldFrontMatter'],
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
        <label htmlFor="s-theme">{t('settings.theme')}</label>
        <select id="s-theme" value={s.theme} onChange={(e) => props.onChange({ theme: e.target.value as Settings['theme'] })}>
          <option value="system">{t('settings.themeSystem')}</option>
          <option value="light">{t('settings.themeLight')}</option>
          <option value="dark">{t('settings.themeDark')}</option>
        </select>
        <span>{t('settings.library')}</span>
        <code className="library-path">{props.libraryPath}</code>
        <span>{t('publish.blog')}</span>
        <div>
          <button type="button" onClick={props.onManageBlogs}>
            {t('blogs.title')} …
          </button>
        </div>
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
        <label htmlFor="s-featured-credit">{t('settings.featuredCredit')}</label>
        <select id="s-featured-credit" value={s.featuredCredit} onChange={(e) => props.onChange({ featuredCredit: e.target.value as Settings['featuredCredit'] })}>
          <option value="line">{t('settings.featuredCreditLine')}</option>
          <option value="list">{t('settings.featuredCreditList')}</option>
          <option value="none">{t('settings.featuredCreditNone')}</option>
        </select>
        <label className="check">
          <input type="checkbox" checked={s.privateEmbeds} onChange={(e) => props.onChange({ privateEmbeds: e.target.checked })} />
          {t('settings.privateEmbeds')}
        </label>
        <h3>{t('settings.creditTemplates')}</h3>
        <div className="template-pick">
          <select aria-label={t('images.license')} value={license} onChange={(e) => setLicense(e.target.value as License)}>
            {LICENSES.map((l) => (
              <option key={l} value={l}>
                {LICENSE_PRESETS[l].label[language]}
              </option>
            ))}
          </select>
          <select aria-label={t('settings.language')} value={creditLang} onChange={(e) => setCreditLang(e.target.value as CreditLanguage)}>
            <option value="de">{t('settings.langDe')}</option>
            <option value="en">{t('settings.langEn')}</option>
          </select>
        </div>
        <div className="template-edit">
          <input
            aria-label={t('settings.creditTemplateFor', { license: LICENSE_PRESETS[license].label[language], lang: creditLang })}
            value={template}
            aria-invalid={problems.length > 0}
            onChange={(e) => setTemplate(e.target.value)}
          />
          <button type="button" disabled={own === undefined} onClick={() => setTemplate(null)}>
            {t('settings.creditTemplateReset')}
          </button>
        </div>
        <p className="template-hint">{problems.length > 0 ? problems.map((p) => t(`settings.templateProblem.${p.code}`, { at: p.at + 1 })).join(' · ') : t('settings.creditTemplateHint')}</p>
      </div>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={props.onClose}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}
