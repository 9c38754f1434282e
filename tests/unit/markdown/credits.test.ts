import { describe, expect, it } from 'vitest';
import { LICENSES, type ImageCredit, type License } from '../../../electron/common/model/attribution.js';
import {
  checkCreditTemplate,
  creditLanguage,
  creditTextOverridesSchema,
  DEFAULT_CREDIT_TEXTS,
  formatCaption,
  formatCredit,
} from '../../../electron/common/markdown/credits.js';

const a = (href: string, text: string) => `<a href="${href}" rel="noopener">${text}</a>`;
const WIKI = 'https://commons.wikimedia.org/wiki/File:Wolke.jpg';
const cc = (license: License, extra: Partial<ImageCredit> = {}): ImageCredit => ({
  title: 'Wolke',
  author: 'Kim',
  sourceUrl: WIKI,
  license,
  ...extra,
});

interface Row {
  name: string;
  credit: ImageCredit;
  lang: string;
  text: string;
  html: string;
}

// One row per licence template and language, plus the optional parts of each template.
const rows: Row[] = [
  {
    name: 'pixelio, German, source linked to the agency',
    credit: { author: 'Rike', source: 'pixelio.de', license: 'pixelio' },
    lang: 'de',
    text: 'Bild: Rike / pixelio.de',
    html: `Bild: Rike / ${a('https://www.pixelio.de', 'pixelio.de')}`,
  },
  {
    name: 'pixelio, German, source linked to the image page',
    credit: { author: 'Rike', source: 'pixelio.de', sourceUrl: 'https://www.pixelio.de/media/123', license: 'pixelio' },
    lang: 'de',
    text: 'Bild: Rike / pixelio.de',
    html: `Bild: Rike / ${a('https://www.pixelio.de/media/123', 'pixelio.de')}`,
  },
  {
    name: 'pixelio, English',
    credit: { author: 'Rike', source: 'pixelio.de', license: 'pixelio' },
    lang: 'en',
    text: 'Image: Rike / pixelio.de',
    html: `Image: Rike / ${a('https://www.pixelio.de', 'pixelio.de')}`,
  },
  {
    name: 'pixabay, German',
    credit: { author: 'Anna', license: 'pixabay' },
    lang: 'de',
    text: 'Bild von Anna auf Pixabay',
    html: `Bild von Anna auf ${a('https://pixabay.com', 'Pixabay')}`,
  },
  {
    name: 'pixabay, German, no author',
    credit: { license: 'pixabay' },
    lang: 'de',
    text: 'Bild auf Pixabay',
    html: `Bild auf ${a('https://pixabay.com', 'Pixabay')}`,
  },
  {
    name: 'pixabay, English',
    credit: { author: 'Anna', license: 'pixabay' },
    lang: 'en',
    text: 'Image by Anna from Pixabay',
    html: `Image by Anna from ${a('https://pixabay.com', 'Pixabay')}`,
  },
  {
    name: 'unsplash, German',
    credit: { author: 'Max', license: 'unsplash', sourceUrl: 'https://unsplash.com/photos/abc' },
    lang: 'de',
    text: 'Foto von Max auf Unsplash',
    html: `Foto von Max auf ${a('https://unsplash.com/photos/abc', 'Unsplash')}`,
  },
  {
    name: 'unsplash, English',
    credit: { author: 'Max', license: 'unsplash' },
    lang: 'en',
    text: 'Photo by Max on Unsplash',
    html: `Photo by Max on ${a('https://unsplash.com', 'Unsplash')}`,
  },
  {
    name: 'cc0, German, source named by its host',
    credit: cc('cc0'),
    lang: 'de',
    text: 'Bild: „Wolke“ von Kim, CC0 1.0, Quelle: commons.wikimedia.org',
    html: `Bild: „Wolke“ von Kim, ${a('https://creativecommons.org/publicdomain/zero/1.0/', 'CC0 1.0')}, Quelle: ${a(WIKI, 'commons.wikimedia.org')}`,
  },
  {
    name: 'cc0, English, without title',
    credit: cc('cc0', { title: undefined }),
    lang: 'en',
    text: 'Image: by Kim, CC0 1.0, source: commons.wikimedia.org',
    html: `Image: by Kim, ${a('https://creativecommons.org/publicdomain/zero/1.0/', 'CC0 1.0')}, source: ${a(WIKI, 'commons.wikimedia.org')}`,
  },
  {
    name: 'cc-by-4.0, German',
    credit: cc('cc-by-4.0'),
    lang: 'de',
    text: 'Bild: „Wolke“ von Kim, Lizenz: CC BY 4.0, Quelle: commons.wikimedia.org',
    html: `Bild: „Wolke“ von Kim, Lizenz: ${a('https://creativecommons.org/licenses/by/4.0/', 'CC BY 4.0')}, Quelle: ${a(WIKI, 'commons.wikimedia.org')}`,
  },
  {
    name: 'cc-by-4.0, German, modified, named source',
    credit: cc('cc-by-4.0', { modified: true, source: 'Wikimedia Commons' }),
    lang: 'de',
    text: 'Bild: „Wolke“ von Kim, Lizenz: CC BY 4.0, Quelle: Wikimedia Commons, bearbeitet',
    html: `Bild: „Wolke“ von Kim, Lizenz: ${a('https://creativecommons.org/licenses/by/4.0/', 'CC BY 4.0')}, Quelle: ${a(WIKI, 'Wikimedia Commons')}, bearbeitet`,
  },
  {
    name: 'cc-by-4.0, English, modified',
    credit: cc('cc-by-4.0', { modified: true }),
    lang: 'en-GB',
    text: 'Image: “Wolke” by Kim, licensed under CC BY 4.0, source: commons.wikimedia.org, modified',
    html: `Image: “Wolke” by Kim, licensed under ${a('https://creativecommons.org/licenses/by/4.0/', 'CC BY 4.0')}, source: ${a(WIKI, 'commons.wikimedia.org')}, modified`,
  },
  {
    name: 'cc-by-sa-4.0, German',
    credit: cc('cc-by-sa-4.0'),
    lang: 'de',
    text: 'Bild: „Wolke“ von Kim, Lizenz: CC BY-SA 4.0, Quelle: commons.wikimedia.org',
    html: `Bild: „Wolke“ von Kim, Lizenz: ${a('https://creativecommons.org/licenses/by-sa/4.0/', 'CC BY-SA 4.0')}, Quelle: ${a(WIKI, 'commons.wikimedia.org')}`,
  },
  {
    name: 'cc-by-sa-4.0, English',
    credit: cc('cc-by-sa-4.0'),
    lang: 'en',
    text: 'Image: “Wolke” by Kim, licensed under CC BY-SA 4.0, source: commons.wikimedia.org',
    html: `Image: “Wolke” by Kim, licensed under ${a('https://creativecommons.org/licenses/by-sa/4.0/', 'CC BY-SA 4.0')}, source: ${a(WIKI, 'commons.wikimedia.org')}`,
  },
  {
    name: 'cc-by-nd-4.0, German, own licence URL wins',
    credit: cc('cc-by-nd-4.0', { licenseUrl: 'https://creativecommons.org/licenses/by-nd/4.0/deed.de' }),
    lang: 'de',
    text: 'Bild: „Wolke“ von Kim, Lizenz: CC BY-ND 4.0, Quelle: commons.wikimedia.org',
    html: `Bild: „Wolke“ von Kim, Lizenz: ${a('https://creativecommons.org/licenses/by-nd/4.0/deed.de', 'CC BY-ND 4.0')}, Quelle: ${a(WIKI, 'commons.wikimedia.org')}`,
  },
  {
    name: 'cc-by-nd-4.0, English',
    credit: cc('cc-by-nd-4.0'),
    lang: 'en',
    text: 'Image: “Wolke” by Kim, licensed under CC BY-ND 4.0, source: commons.wikimedia.org',
    html: `Image: “Wolke” by Kim, licensed under ${a('https://creativecommons.org/licenses/by-nd/4.0/', 'CC BY-ND 4.0')}, source: ${a(WIKI, 'commons.wikimedia.org')}`,
  },
  {
    name: 'cc-by-nc-4.0, German',
    credit: cc('cc-by-nc-4.0'),
    lang: 'de',
    text: 'Bild: „Wolke“ von Kim, Lizenz: CC BY-NC 4.0, Quelle: commons.wikimedia.org',
    html: `Bild: „Wolke“ von Kim, Lizenz: ${a('https://creativecommons.org/licenses/by-nc/4.0/', 'CC BY-NC 4.0')}, Quelle: ${a(WIKI, 'commons.wikimedia.org')}`,
  },
  {
    name: 'cc-by-nc-4.0, English',
    credit: cc('cc-by-nc-4.0'),
    lang: 'en',
    text: 'Image: “Wolke” by Kim, licensed under CC BY-NC 4.0, source: commons.wikimedia.org',
    html: `Image: “Wolke” by Kim, licensed under ${a('https://creativecommons.org/licenses/by-nc/4.0/', 'CC BY-NC 4.0')}, source: ${a(WIKI, 'commons.wikimedia.org')}`,
  },
  {
    name: 'own, German, with author',
    credit: { license: 'own', author: 'Jo Beispiel' },
    lang: 'de',
    text: 'Bild: Jo Beispiel',
    html: 'Bild: Jo Beispiel',
  },
  { name: 'own, German, nothing to say', credit: { license: 'own', alt: 'Ein Hund' }, lang: 'de', text: '', html: '' },
  { name: 'own, English', credit: { license: 'own', author: 'Jo' }, lang: 'en', text: 'Image: Jo', html: 'Image: Jo' },
  {
    name: 'other, German, with licence URL',
    credit: { license: 'other', author: 'A. Muster', source: 'Archiv', licenseUrl: 'https://example.org/lizenz' },
    lang: 'de',
    text: 'Bild: A. Muster / Archiv (Lizenz)',
    html: `Bild: A. Muster / Archiv (${a('https://example.org/lizenz', 'Lizenz')})`,
  },
  {
    name: 'other, English, no licence URL',
    credit: { license: 'other', author: 'A. Muster', source: 'Archive', sourceUrl: 'https://example.org/a' },
    lang: 'en',
    text: 'Image: A. Muster / Archive',
    html: `Image: A. Muster / ${a('https://example.org/a', 'Archive')}`,
  },
  {
    name: 'no licence yet: the other template',
    credit: { author: 'Rike' },
    lang: 'de',
    text: 'Bild: Rike',
    html: 'Bild: Rike',
  },
];

describe('formatCredit: every licence template', () => {
  it.each(rows)('$name', ({ credit, lang, text, html }) => {
    expect(formatCredit(credit, { lang })).toEqual({ text, html });
  });

  it('covers every licence in both languages', () => {
    for (const license of LICENSES) {
      for (const lang of ['de', 'en']) {
        const covered = rows.some((r) => r.credit.license === license && (r.lang === lang || (lang === 'en' && r.lang.startsWith('en'))));
        expect(covered, `${license}/${lang}`).toBe(true);
      }
    }
  });

  it('escapes HTML in every field and never links a non-http URL', () => {
    const credit = {
      author: '<script>alert(1)</script> & "Co"',
      source: "O'Brien",
      sourceUrl: 'javascript:alert(1)',
      license: 'pixelio',
    } as ImageCredit;
    const out = formatCredit(credit, { lang: 'de' });
    expect(out.html).toBe('Bild: &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Co&#34; / O&#39;Brien');
    expect(out.text).toBe('Bild: <script>alert(1)</script> & "Co" / O\'Brien');
  });

  it('says nothing for no credit', () => {
    expect(formatCredit(undefined)).toEqual({ text: '', html: '' });
  });
});

describe('credit templates', () => {
  it('uses the settings’ template for the post’s language only', () => {
    const overrides = creditTextOverridesSchema.parse({ de: { templates: { pixelio: '© {author} / {source}' } } });
    const credit: ImageCredit = { author: 'Rike', source: 'pixelio.de', license: 'pixelio' };
    expect(formatCredit(credit, { lang: 'de', overrides }).text).toBe('© Rike / pixelio.de');
    expect(formatCredit(credit, { lang: 'en', overrides }).text).toBe('Image: Rike / pixelio.de');
  });

  it('overrides the word for „bearbeitet“ and the separator', () => {
    const overrides = creditTextOverridesSchema.parse({ de: { modified: 'verändert', separator: ' | ' } });
    const credit = cc('cc-by-4.0', { modified: true, caption: 'Wolken' });
    expect(formatCaption(credit, { lang: 'de', overrides }).text).toBe(
      'Wolken | Bild: „Wolke“ von Kim, Lizenz: CC BY 4.0, Quelle: commons.wikimedia.org, verändert',
    );
  });

  it('renders literal brackets and braces when escaped, and nested optional parts', () => {
    const overrides = { de: { templates: { own: '\\[{author}\\][ \\{[{title}]\\}]' } } };
    expect(formatCredit({ license: 'own', author: 'Jo', title: 'T' }, { lang: 'de', overrides }).text).toBe('[Jo] {T}');
    expect(formatCredit({ license: 'own', author: 'Jo' }, { lang: 'de', overrides }).text).toBe('[Jo]');
  });

  it.each([
    ['Bild: {author}', []],
    ['Bild: {autor}', ['unknown-placeholder']],
    ['Bild: [{author}', ['unclosed-group']],
    ['Bild: {author}]', ['unmatched-bracket']],
    ['Bild: {author', ['unclosed-placeholder']],
  ])('checks the template %j', (template, codes) => {
    expect(checkCreditTemplate(template).map((p) => p.code)).toEqual(codes);
  });

  it('keeps an unknown placeholder visible instead of dropping text', () => {
    const overrides = { de: { templates: { own: 'Bild: {autor}' } } };
    expect(formatCredit({ license: 'own', author: 'Jo' }, { lang: 'de', overrides }).text).toBe('Bild: {autor}');
  });

  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['fr', 'de'],
    [undefined, 'de'],
    ['ent', 'de'],
  ] as const)('lang %j uses %s templates', (lang, language) => {
    expect(creditLanguage(lang)).toBe(language);
  });

  it('refuses overrides with unknown keys or licences', () => {
    expect(creditTextOverridesSchema.safeParse({ fr: {} }).success).toBe(false);
    expect(creditTextOverridesSchema.safeParse({ de: { templates: { foo: 'x' } } }).success).toBe(false);
    expect(creditTextOverridesSchema.safeParse({ en: { heading: 'Photo credits' } }).success).toBe(true);
  });

  it('has a default template for every licence without template problems', () => {
    for (const texts of Object.values(DEFAULT_CREDIT_TEXTS)) {
      for (const license of LICENSES) expect(checkCreditTemplate(texts.templates[license])).toEqual([]);
    }
  });
});

describe('formatCaption', () => {
  const credit: ImageCredit = { author: 'Rike', source: 'pixelio.de', license: 'pixelio', caption: 'Abendrot über <Kiel>' };
  it('joins caption and credit with a dash', () => {
    expect(formatCaption(credit, { lang: 'de' })).toEqual({
      text: 'Abendrot über <Kiel> — Bild: Rike / pixelio.de',
      html: `Abendrot über &#60;Kiel&#62; — Bild: Rike / ${a('https://www.pixelio.de', 'pixelio.de')}`,
    });
  });
  it('shows the caption alone for an own image', () => {
    expect(formatCaption({ license: 'own', caption: 'Mein Garten' }).text).toBe('Mein Garten');
  });
  it('shows the credit alone without caption', () => {
    expect(formatCaption({ ...credit, caption: '  ' }).text).toBe('Bild: Rike / pixelio.de');
  });
});
