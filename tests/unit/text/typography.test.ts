import { describe, expect, it } from 'vitest';
import {
  APOSTROPHE,
  QUOTE_MARKS,
  QUOTE_STYLES,
  fixQuotes,
  isQuoteStyle,
  quoteFixes,
  quoteStyleForLang,
  smartQuote,
  type QuoteStyle,
  type TextRange,
} from '../../../electron/common/text/typography.js';

/** Ranges of every `…` span marked in the input, for tests that do not need a Markdown parser. */
function backtickRanges(text: string): TextRange[] {
  return [...text.matchAll(/`[^`]*`/g)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
}

describe('fixQuotes', () => {
  const rows: [string, QuoteStyle, string, string][] = [
    ['double and single, German', 'de', `Er sagte "Sie rief 'Hallo'".`, 'Er sagte „Sie rief ‚Hallo‘“.'],
    ['guillemets', 'de-guillemets', `Er sagte "Sie rief 'Hallo'".`, 'Er sagte »Sie rief ›Hallo‹«.'],
    ['Swiss', 'de-CH', `Er sagte "Sie rief 'Hallo'".`, 'Er sagte «Sie rief ‹Hallo›».'],
    ['English', 'en', `He said "she called 'hello'".`, 'He said “she called ‘hello’”.'],
    ['apostrophe inside a word', 'de', "Wie geht's? So geht's.", 'Wie geht’s? So geht’s.'],
    ['apostrophe after a word', 'de', "Max' Auto", 'Max’ Auto'],
    ['apostrophe inside a quoted word', 'de', "'Peter's Buch'", '‚Peter’s Buch‘'],
    ['German elisions', 'de', "So 'ne Sache, wie 's kommt, in den '90ern", 'So ’ne Sache, wie ’s kommt, in den ’90ern'],
    ['English elisions', 'en', "'Tis rock 'n' roll from the '90s", '’Tis rock ’n’ roll from the ’90s'],
    ['a quoted number stays a quote', 'de', "Orwells '1984'", 'Orwells ‚1984‘'],
    ['primes after numbers stay straight', 'de', `Er ist 5' 11" groß.`, `Er ist 5' 11" groß.`],
    ['a number inside a quote closes it', 'de', `"Es waren 3"`, '„Es waren 3“'],
    ['a lone quote between spaces stays', 'de', `a " b`, `a " b`],
    ['after brackets and dashes', 'de', `("a") – "b" [‘x’] /"c"`, '(„a“) – „b“ [‘x’] /„c“'],
    ['through emphasis', 'de', `*"a"* und **"b"**`, '*„a“* und **„b“**'],
    ['escapes stay', 'de', `\\"a\\"`, `\\"a\\"`],
    ['a paragraph resets open quotes', 'de', `"offen\n\n'neu' und x'`, '„offen\n\n‚neu‘ und x’'],
    ['a soft line break keeps them', 'de', `"Zeile\neins" 'a\nb'`, '„Zeile\neins“ ‚a\nb‘'],
    ['after a blockquote marker', 'de', `>"a"`, '>„a“'],
    ['existing marks count as open quotes', 'de', `„Sie sagte 'ja'"`, '„Sie sagte ‚ja‘“'],
  ];
  for (const [name, style, input, expected] of rows) {
    it(name, () => expect(fixQuotes(input, [], style)).toBe(expected));
  }

  it('leaves excluded ranges alone and does not count quotes in them', () => {
    const text = 'Mit `"a"` und "b" und `x\'` und \'c\'';
    expect(fixQuotes(text, backtickRanges(text), 'de')).toBe('Mit `"a"` und „b“ und `x\'` und ‚c‘');
  });

  it('accepts unsorted, overlapping and out-of-bounds ranges', () => {
    const text = `"a" "b" "c"`;
    const ranges: TextRange[] = [{ from: 8, to: 99 }, { from: 4, to: 6 }, { from: 5, to: 7 }, { from: -3, to: 0 }];
    expect(fixQuotes(text, ranges, 'de')).toBe(`„a“ "b" "c"`);
  });

  it('returns one-character changes in document order', () => {
    const changes = quoteFixes(`"a" 'b'`, [], 'de');
    expect(changes).toEqual([
      { from: 0, to: 1, insert: '„' },
      { from: 2, to: 3, insert: '“' },
      { from: 4, to: 5, insert: '‚' },
      { from: 6, to: 7, insert: '‘' },
    ]);
  });

  it('changes nothing in text without straight quotes', () => {
    expect(quoteFixes('„Schon“ fertig’s.', [], 'de')).toEqual([]);
  });

  // A quadratic fix would run for minutes here: the timeout catches that; speed itself is a benchmark matter.
  it('handles a long document', { timeout: 20_000 }, () => {
    const paragraph = `Er sagte "Hallo", sie sagte 'Tschüss' und ging's an. `.repeat(40);
    const text = Array.from({ length: 250 }, () => paragraph).join('\n\n');
    const fixed = fixQuotes(text, [], 'de');
    expect(fixed).not.toMatch(/["']/);
    const count = (s: string, ch: string): number => s.split(ch).length - 1;
    expect(count(fixed, '„')).toBe(count(text, '"') / 2);
    expect(count(fixed, '’')).toBe(count(text, "'") / 3);
  });
});

describe('smartQuote while typing', () => {
  it('opens a quote being typed at the end even without text behind it', () => {
    expect(smartQuote('"', 'Er sagte ', '', 'de')).toBe('„');
    expect(smartQuote("'", '„Er sagte ', '', 'de')).toBe('‚');
  });

  it('closes a single quote only when one is open, else writes an apostrophe', () => {
    expect(smartQuote("'", '„Er sagte ‚Hallo', '', 'de')).toBe('‘');
    expect(smartQuote("'", 'Hallo', '', 'de')).toBe(APOSTROPHE);
  });

  it('counts open quotes in the paragraph before', () => {
    expect(smartQuote("'", '‚a‘ und b', '', 'de')).toBe(APOSTROPHE);
    expect(smartQuote("'", '‚a‘ und ‚b', '', 'de')).toBe('‘');
  });
});

describe('quote styles', () => {
  it('has four distinct marks per style and the apostrophe is ’', () => {
    for (const style of QUOTE_STYLES) expect(new Set(Object.values(QUOTE_MARKS[style])).size).toBe(4);
    expect(APOSTROPHE).toBe('\u2019');
  });

  const langs: [string, boolean, QuoteStyle][] = [
    ['de', false, 'de'],
    ['de-DE', false, 'de'],
    ['de-AT', false, 'de'],
    ['de', true, 'de-guillemets'],
    ['de-CH', false, 'de-CH'],
    ['de_ch', true, 'de-CH'],
    ['en', false, 'en'],
    ['en-GB', true, 'en'],
    ['fr', false, 'de'],
    ['', false, 'de'],
  ];
  for (const [lang, guillemets, style] of langs) {
    it(`lang "${lang}"${guillemets ? ' with guillemets' : ''} → ${style}`, () => expect(quoteStyleForLang(lang, guillemets)).toBe(style));
  }

  it('recognizes style names', () => {
    expect(isQuoteStyle('de-CH')).toBe(true);
    expect(isQuoteStyle('fr')).toBe(false);
    expect(isQuoteStyle(3)).toBe(false);
  });
});
