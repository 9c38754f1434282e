import { describe, expect, it } from 'vitest';
import { foldText, foldWithOrigin } from '../../../electron/common/text/search-fold.js';
import { findSnippet, queryTerms } from '../../../electron/common/text/search-snippet.js';

describe('German folding', () => {
  it.each([
    ['Straße', 'strasse'],
    ['STRASSE', 'strasse'],
    ['München', 'muenchen'],
    ['Muenchen', 'muenchen'],
    ['ÄRGER', 'aerger'],
    ['Öl', 'oel'],
    ['Übermut', 'uebermut'],
    ['GROẞ', 'gross'],
    ['Café', 'cafe'],
    ['naïve', 'naive'],
    ['Kladde2026', 'kladde2026'],
  ])('%s → %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('keeps the original offset of every folded character', () => {
    const f = foldWithOrigin('aß b');
    expect(f.folded).toBe('ass b');
    expect(f.origin).toEqual([0, 1, 1, 2, 3, 4]);
  });

  it('splits a query into folded words, once each', () => {
    expect(queryTerms('  Straße, STRASSE  Köln!')).toEqual(['strasse', 'koeln']);
  });
});

describe('snippets', () => {
  const text = '---\ntitle: Die Straße\n---\n\nGestern ging ich die lange Straße in München entlang, dann zur Strasse am Fluss.';
  const bodyFrom = text.indexOf('\n\n') + 2;

  it('finds „strasse“ in „Straße“, in the body before the front matter, and marks it in the snippet', () => {
    const s = findSnippet(text, 'strasse', bodyFrom);
    expect(s.at).not.toBeNull();
    expect(text.slice(s.at?.from, s.at?.to)).toBe('Straße');
    expect(s.at?.from).toBeGreaterThan(bodyFrom);
    const marked = s.highlights.map((h) => s.text.slice(h.from, h.to));
    expect(marked).toEqual(['Straße', 'Strasse']);
  });

  it('marks „München“ for „muenchen“ and a prefix as typed', () => {
    const s = findSnippet(text, 'Muench', bodyFrom);
    expect(text.slice(s.at?.from, s.at?.to)).toBe('Münch');
  });

  it('takes a match ending inside ß with the whole ß', () => {
    const s = findSnippet('Die Straße', 'stras');
    expect('Die Straße'.slice(s.at?.from, s.at?.to)).toBe('Straß');
  });

  it('falls back to the front matter when the body does not hold the word', () => {
    const s = findSnippet('---\ntags: [Fahrrad]\n---\n\nNichts hier.', 'fahrrad', 23);
    expect(s.at?.from).toBe('---\ntags: ['.length);
  });

  it('matches only at the start of words', () => {
    expect(findSnippet('Hauptstraße', 'strasse').at).toBeNull();
  });

  it('leaves Markdown marks out of the snippet and keeps the highlight on the word', () => {
    const s = findSnippet('Auf der **Straße** war ein [Fest](https://example.org/x) mit `Code`.', 'strasse');
    expect(s.text).toBe('Auf der Straße war ein Fest mit Code.');
    expect(s.highlights.map((h) => s.text.slice(h.from, h.to))).toEqual(['Straße']);
  });

  it('cuts long texts with an ellipsis and keeps offsets right', () => {
    const long = `${'Wort '.repeat(100)}Ziel ${'Wort '.repeat(100)}`;
    const s = findSnippet(long, 'ziel');
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    const h = s.highlights[0];
    expect(h && s.text.slice(h.from, h.to)).toBe('Ziel');
  });
});
