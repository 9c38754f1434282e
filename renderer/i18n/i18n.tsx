import { createContext, useContext, type ReactNode } from 'react';
import { resolveUiLanguage, type UiLanguage } from '../../electron/common/model/settings';
import type { AppError } from '../../electron/common/result';
import { de, type MessageKey } from './de';
import { en } from './en';
import { isDisconnected } from '../lib/connection';
import { applyPlurals } from './plural';

export { resolveUiLanguage, type UiLanguage };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const tables: Record<UiLanguage, Record<MessageKey, string>> = { de, en };


/**
 * The UI's words in one language: `{name}` takes a parameter (numbers formatted for the language), and
 * `{count, plural, one {# Kategorie} other {# Kategorien}}` picks the plural form (see plural.ts).
 */
export function translator(language: UiLanguage): Translate {
  const table = tables[language];
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const numberFormat = new Intl.NumberFormat(locale);
  const rules = new Intl.PluralRules(locale);
  return (key, params) =>
    applyPlurals(table[key], params, rules, (n) => numberFormat.format(n)).replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params?.[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numberFormat.format(value) : value;
    });
}

/** The locale for dates in the UI: German, or British English (day before month) for the English UI. */
export function uiDateLocale(language: UiLanguage): string {
  return language === 'de' ? 'de' : 'en-GB';
}

export function errorText(t: Translate, error: AppError): string {
  // The web host is down: say how to get it back, not that a file failed.
  if (isDisconnected(error)) return t('error.disconnected');
  return t('error.withDetail', { message: t(`error.${error.code}`), detail: error.message });
}

const I18nContext = createContext<{ t: Translate; language: UiLanguage }>({ t: translator('de'), language: 'de' });

export function I18nProvider(props: { language: UiLanguage; children: ReactNode }) {
  return <I18nContext.Provider value={{ t: translator(props.language), language: props.language }}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): { t: Translate; language: UiLanguage } {
  return useContext(I18nContext);
}
