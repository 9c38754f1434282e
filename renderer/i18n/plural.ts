import type { MessageKey } from './de';
import type { Translate, UiLanguage } from './i18n';

/** The keys that come as a pair `<base>.one` / `<base>.other`. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

const rules: Partial<Record<UiLanguage, Intl.PluralRules>> = {};

/**
 * A count in words with the right noun form: „1 Beitrag“, „2 Beiträge“. German and English both only tell one
 * from many, so a pair of keys is enough; `Intl.PluralRules` decides which (it knows that 0 is plural).
 */
export function plural(t: Translate, language: UiLanguage, base: PluralBase, count: number, params: Record<string, string | number> = {}): string {
  const rule = (rules[language] ??= new Intl.PluralRules(language === 'de' ? 'de-DE' : 'en-GB'));
  const form = rule.select(count) === 'one' ? 'one' : 'other';
  return t(`${base}.${form}` as MessageKey, { count, ...params });
}
