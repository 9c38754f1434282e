import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../electron/common/ipc/contract';
import type { Settings, SettingsPatch } from '../electron/common/model/settings';
import { Workspace } from './components/Workspace';
import { I18nProvider, resolveUiLanguage, translator } from './i18n/i18n';
import { api } from './lib/api';
import { applyTheme, useTheme } from './hooks/useTheme';

// Before the settings arrive, the system's choice: no light flash on a dark desktop.
applyTheme('system');

/** Loads app info and settings, picks the UI language, then shows the workspace. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const [i, s] = await Promise.all([api.appInfo(), api.getSettings()]);
      if (!i.ok) return setFailure(i.error.message);
      if (!s.ok) return setFailure(s.error.message);
      setInfo(i.value);
      setSettings(s.value);
    })();
  }, []);

  const onSettings = useCallback((patch: SettingsPatch) => {
    setSettings((s) => (s ? { ...s, ...patch } : s));
    void api.setSettings(patch).then((r) => {
      if (r.ok) setSettings(r.value);
    });
  }, []);

  const systemLanguage = info?.transport === 'web' ? navigator.language : (info?.systemLanguage ?? navigator.language);
  const language = resolveUiLanguage(settings?.uiLanguage ?? 'system', systemLanguage);
  useTheme(settings?.theme ?? 'system');
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  if (failure) return <div className="fatal">{translator(language)('app.startFailed', { message: failure })}</div>;
  if (!info || !settings) return <div className="loading">{translator(language)('app.loading')}</div>;
  return (
    <I18nProvider language={language}>
      <Workspace info={info} settings={settings} onSettings={onSettings} />
    </I18nProvider>
  );
}
