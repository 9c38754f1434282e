import { useEffect } from 'react';
import type { Settings } from '../../electron/common/model/settings';

export type ThemeSetting = Settings['theme'];
export type Theme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(setting: ThemeSetting, systemPrefersDark: boolean): Theme {
  if (setting !== 'system') return setting;
  return systemPrefersDark ? 'dark' : 'light';
}

/** Puts the theme on <html data-theme>, where styles/theme.css picks its colours up. */
export function applyTheme(setting: ThemeSetting): Theme {
  const theme = resolveTheme(setting, window.matchMedia(DARK_QUERY).matches);
  document.documentElement.dataset['theme'] = theme;
  return theme;
}

/** Follows the setting, and with „System“ the operating system's light/dark switch while Kladde runs. */
export function useTheme(setting: ThemeSetting): void {
  useEffect(() => {
    applyTheme(setting);
    if (setting !== 'system') return;
    const media = window.matchMedia(DARK_QUERY);
    const onChange = () => applyTheme('system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [setting]);
}
