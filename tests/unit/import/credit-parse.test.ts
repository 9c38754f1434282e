import { describe, expect, it } from 'vitest';
import type { ImageCredit } from '../../../electron/common/model/attribution.js';
import { parseCreditCaption, type CaptionLink } from '../../../electron/common/markdown/credit-parse.js';
import { formatCaption } from '../../../electron/common/markdown/credits.js';

interface Row {
  caption: string;
  lang?: string;
  links?: CaptionLink[];
  expected: ImageCredit;
}

// Hand-written captions as they stand on real blogs, and what they mean.
const rows: Row[] = [
  { caption: 'Bild: Rike/ pixelio.de', expected: { author: 'Rike', source: 'pixelio.de', license: 'pixelio' } },
  { caption: 'Bild: Rike / pixelio.de', expected: { author: 'Rike', source: 'pixelio.de', license: 'pixelio' } },
  { caption: 'Foto: Max Muster / CC BY-SA 4.0', expected: { author: 'Max Muster', license: 'cc-by-sa-4.0' } },
  { caption: 'Foto: X / CC BY 4.0', expected: { author: 'X', license: 'cc-by-4.0' } },
  { caption: 'Quelle: Pixabay', expected: { source: 'Pixabay', license: 'pixabay' } },
  { caption: 'Bild von Anna auf Pixabay', expected: { author: 'Anna', source: 'Pixabay', license: 'pixabay' } },
  { caption: 'Foto: Jo Kim / Unsplash', expected: { author: 'Jo Kim', source: 'Unsplash', license: 'unsplash' } },
  { caption: 'Photo by Jo Kim on Unsplash', lang: 'en', expected: { author: 'Jo Kim', source: 'Unsplash', license: 'unsplash' } },
  { caption: '© Peter Pan', expected: { author: 'Peter Pan' } },
  { caption: 'Foto: Anna Beispiel', expected: { author: 'Anna Beispiel' } },
  { caption: 'Bild: Max / Flickr', expected: { author: 'Max', source: 'Flickr' } },
  { caption: 'Foto: Lea, CC0', expected: { author: 'Lea', license: 'cc0' } },
  { caption: 'Bild: Tom / CC BY-SA 2.0', expected: { author: 'Tom', license: 'other', licenseUrl: 'https://creativecommons.org/licenses/by-sa/2.0/' } },
  {
    caption: 'Bild: Rike / pixelio.de',
    links: [{ text: 'pixelio.de', href: 'https://www.pixelio.de/media/123' }],
    expected: { author: 'Rike', source: 'pixelio.de', sourceUrl: 'https://www.pixelio.de/media/123', license: 'pixelio' },
  },
  { caption: 'Der Hafen am Morgen. Foto: Max Muster / CC BY-SA 4.0', expected: { caption: 'Der Hafen am Morgen.', author: 'Max Muster', license: 'cc-by-sa-4.0' } },
  { caption: 'Blick über die Stadt (Bild: Rike/ pixelio.de)', expected: { caption: 'Blick über die Stadt', author: 'Rike', source: 'pixelio.de', license: 'pixelio' } },
  { caption: 'Sonnenuntergang — Bild: Rike / pixelio.de', expected: { caption: 'Sonnenuntergang', author: 'Rike', source: 'pixelio.de', license: 'pixelio' } },
  // Plain captions that are no credits stay captions.
  { caption: 'Ein Sonnenuntergang am Meer', expected: { caption: 'Ein Sonnenuntergang am Meer' } },
  { caption: 'Das Bild von Anna hängt im Flur', expected: { caption: 'Das Bild von Anna hängt im Flur' } },
  { caption: 'Quelle der Freude: ein Eis', expected: { caption: 'Quelle der Freude: ein Eis' } },
  { caption: 'Unser Garten, Juli 2020', expected: { caption: 'Unser Garten, Juli 2020' } },
  { caption: '   ', expected: {} },
];

describe('parseCreditCaption: hand-written credits', () => {
  it.each(rows.map((r) => [r.caption, r] as const))('%s', (_caption, r) => {
    expect(parseCreditCaption(r.caption, r.lang ?? 'de', r.links ?? [])).toEqual(r.expected);
  });
});

/** The caption's links as the rendered HTML has them. */
function linksOf(html: string): CaptionLink[] {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({
    href: (m[1] ?? '').replace(/&#38;/g, '&'),
    text: m[2] ?? '',
  }));
}

const WIKI = 'https://commons.wikimedia.org/wiki/File:Wolke.jpg';
// Credits as Kladde stores them: rendering then reading back must give the same fields.
const credits: ImageCredit[] = [
  { author: 'Rike', source: 'pixelio.de', license: 'pixelio' },
  { author: 'Rike', source: 'pixelio.de', sourceUrl: 'https://www.pixelio.de/media/123', license: 'pixelio' },
  { author: 'Anna', source: 'Pixabay', license: 'pixabay' },
  { source: 'Pixabay', license: 'pixabay' },
  { author: 'Jo', source: 'Unsplash', license: 'unsplash' },
  { title: 'Wolke', author: 'Kim', sourceUrl: WIKI, license: 'cc-by-4.0' },
  { title: 'Wolke', author: 'Kim', sourceUrl: WIKI, license: 'cc-by-sa-4.0', modified: true },
  { title: 'Wolke', author: 'Kim', source: 'Wikimedia Commons', sourceUrl: WIKI, license: 'cc-by-nc-4.0' },
  { author: 'Kim', license: 'cc-by-nd-4.0', licenseUrl: 'https://creativecommons.org/licenses/by-nd/4.0/deed.de' },
  { author: 'Kim', license: 'cc0' },
  { title: 'Wolke', license: 'cc0' },
  { author: 'Max', source: 'Flickr' },
  { author: 'Max', source: 'Flickr', license: 'other', licenseUrl: 'https://example.org/terms' },
  { caption: 'Der Hafen', author: 'Rike', source: 'pixelio.de', license: 'pixelio' },
  { caption: 'Wolken über dem Meer', title: 'Wolke', author: 'Kim', sourceUrl: WIKI, license: 'cc-by-4.0' },
  { caption: 'Nur eine Unterschrift' },
];

describe('parseCreditCaption reads back what formatCaption renders', () => {
  for (const lang of ['de', 'en']) {
    it.each(credits.map((c) => [JSON.stringify(c), c] as const))(`${lang}: %s`, (_name, credit) => {
      const rendered = formatCaption(credit, { lang });
      expect(parseCreditCaption(rendered.text, lang, linksOf(rendered.html))).toEqual(credit);
    });
  }
});
