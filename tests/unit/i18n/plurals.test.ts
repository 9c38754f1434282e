import { describe, expect, it } from 'vitest';
import { translator } from '../../../renderer/i18n/i18n.js';
import { de } from '../../../renderer/i18n/de.js';
import { en } from '../../../renderer/i18n/en.js';
import { pluralBlocks } from '../../../renderer/i18n/plural.js';

/**
 * Counts in German need their plural form („1 Kategorie“, „2 Kategorien“). A plain `{name}` directly before a
 * German noun (capitalised, maybe after one adjective: „{count} unveränderte Zeilen“) is a count without plural
 * handling — the check below finds every such string, so a new one cannot slip in.
 */
/** Units stay as they are after any number („1 MB“, „80 MB“). */
const UNITS = new Set(['KB', 'MB', 'GB', 'TB', 'MP']);
const PREPOSITIONS = new Set(['ohne', 'mit', 'von', 'in', 'im', 'bei', 'für', 'aus', 'nach', 'zu', 'zum', 'zur', 'an', 'auf', 'über', 'unter', 'vor']);

function countsWithoutPlural(table: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [key, text] of Object.entries(table)) {
    let rest = text;
    for (const block of pluralBlocks(text).reverse()) rest = rest.slice(0, block.start) + '#PLURAL#' + rest.slice(block.end);
    // The word between may only be an attributive adjective (-e, -en, -er, -es, -em), not a verb („{address} hat Kladde“).
    for (const m of rest.matchAll(/\{(\w+)\}\s+(?:(\p{Ll}+(?:e|en|er|es|em))\s+)?(\p{Lu}\p{L}*)/gu)) {
      if (m[3] && UNITS.has(m[3])) continue;
      // „{n} ohne Leerzeichen“: a preposition, not an adjective, stands between the number and the noun.
      if (m[2] && PREPOSITIONS.has(m[2])) continue;
      found.push(`${key}: {${m[1]}}`);
    }
  }
  return found;
}

const pluralNames = (text: string) => pluralBlocks(text).map((b) => b.name).sort();

describe('plural forms', () => {
  it('every count in the German strings has plural forms', () => {
    expect(countsWithoutPlural(de)).toEqual([]);
  });

  it('the check finds a count without plural forms', () => {
    expect(countsWithoutPlural({ a: '{count} Kategorien', b: '… {count} unveränderte Zeilen', c: 'Kladde nutzt {api}, weil {other} in diesem Blog', d: 'Bilder {done} von {total}', e: '{n} ohne Leerzeichen', f: 'Der Blog unter {address} hat Kladde' })).toEqual([
      'a: {count}',
      'b: {count}',
    ]);
    expect(countsWithoutPlural({ a: '{count, plural, one {# Kategorie} other {# Kategorien}}' })).toEqual([]);
  });

  it('English has plural forms wherever German has, for the same numbers, with `one` and `other`', () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      expect(pluralNames(en[key]), key).toEqual(pluralNames(de[key]));
      for (const block of [...pluralBlocks(de[key]), ...pluralBlocks(en[key])]) expect(Object.keys(block.forms).sort(), key).toEqual(['one', 'other']);
    }
  });

  it('picks the form by the number and formats it for the language', () => {
    const tDe = translator('de');
    const tEn = translator('en');
    expect(tDe('blogs.termsCount', { categories: 1, tags: 2 })).toBe('1 Kategorie, 2 Schlagwörter (offline verfügbar)');
    expect(tDe('blogs.termsCount', { categories: 0, tags: 1 })).toBe('0 Kategorien, 1 Schlagwort (offline verfügbar)');
    expect(tDe('count.words', { count: 12345 })).toBe('12.345 Wörter');
    expect(tDe('recovery.skipped', { count: 1 })).toBe('… 1 unveränderte Zeile');
    expect(tDe('images.lacking', { count: 1 })).toBe('1 Bild ohne vollständigen Bildnachweis');
    expect(tEn('count.selection', { words: 1, characters: 1 })).toBe('Selection: 1 word, 1 character');
    expect(tEn('library.words', { count: 1200 })).toBe('1,200 words');
  });

  it('leaves literal braces of hints alone', () => {
    expect(translator('de')('settings.creditTemplateHint')).toContain('{author}');
  });
});
