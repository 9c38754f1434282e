import type { Translate, UiLanguage } from '../i18n/i18n';
import { uiDateLocale } from '../i18n/i18n';

/** A version's time in the UI's language: „2. Dez. 2026, 10:42“ / „2 Dec 2026, 10:42“. */
export function versionTime(timeMs: number, language: UiLanguage): string {
  return new Intl.DateTimeFormat(uiDateLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(timeMs));
}

/** „+12 Wörter“, „−1 Wort“, „gleich viele Wörter“. */
export function wordChangeText(t: Translate, change: number): string {
  if (change === 0) return t('history.wordsSame');
  return t(change > 0 ? 'history.wordsMore' : 'history.wordsFewer', { count: Math.abs(change) });
}
