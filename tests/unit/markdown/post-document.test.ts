import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { parseCounts, parsePostDocument, postLanguage, resetParseCounts } from '../../../electron/common/markdown/post-document.js';

const context = { defaultLanguage: 'de-CH', existingFiles: new Set(['da.jpg']) };
const post = '---\ntitle: Hallo\nimage: da.jpg\nimages:\n  da.jpg:\n    alt: Ein Bild\n---\nText ![](fehlt.png)\n';

describe('parsePostDocument', () => {
  it('parses the front matter once per change, reuses it while only the body changes', () => {
    resetParseCounts();
    const a = parsePostDocument(post, context);
    expect(parseCounts.frontMatter).toBe(1);
    expect(parseCounts.credits).toBe(1);
    const b = parsePostDocument(post + 'mehr', context, a);
    expect(parseCounts.frontMatter).toBe(1);
    expect(b.fields).toBe(a.fields);
    const c = parsePostDocument(post.replace('Hallo', 'Hallo!'), context, b);
    expect(parseCounts.frontMatter).toBe(2);
    expect(c.fields?.title).toBe('Hallo!');
    expect(parsePostDocument(c.text, context, c)).toBe(c);
    expect(parseCounts.frontMatter).toBe(2);
  });

  it('reads fields, credits, featured image and the render options from that one parse', () => {
    const doc = parsePostDocument(post, context);
    expect(doc.fields?.title).toBe('Hallo');
    expect(doc.featured).toBe('da.jpg');
    expect(doc.credits.images['da.jpg']?.alt).toBe('Ein Bild');
    expect(doc.renderOptions.lang).toBe('de-CH');
    expect(doc.renderOptions.featuredImage).toBe('da.jpg');
    expect(doc.body).toBe('Text ![](fehlt.png)\n');
    expect(doc.bodyLine).toBe(7);
  });

  it('finds image problems on demand, once per document', () => {
    resetParseCounts();
    const doc = parsePostDocument(post, context);
    expect(parseCounts.images).toBe(0);
    expect(doc.images.entries.map((e) => [e.key, e.exists])).toEqual([
      ['da.jpg', true],
      ['fehlt.png', false],
    ]);
    expect(doc.images.problems.some((p) => p.code === 'file-missing' && p.file === 'fehlt.png')).toBe(true);
    expect(doc.images.lackingCredit).toBeGreaterThan(0);
    void doc.images;
    expect(parseCounts.images).toBe(1);
    expect(parseCounts.frontMatter).toBe(1);
  });

  it('keeps the render options object while nothing they depend on changes', () => {
    const a = parsePostDocument(post, context);
    const b = parsePostDocument(post + 'x', context, a);
    expect(b.renderOptions).toBe(a.renderOptions);
    const c = parsePostDocument(post, { ...context, defaultLanguage: 'en' }, b);
    expect(c.renderOptions).not.toBe(b.renderOptions);
    expect(c.lang).toBe('en');
  });

  it('is frozen', () => {
    const doc = parsePostDocument(post, context);
    expect(Object.isFrozen(doc)).toBe(true);
  });
});

describe('postLanguage: the one rule for a post’s language', () => {
  it.each([
    ['---\nlang: en\n---\n', 'de', 'en'],
    ['---\nlang: de-AT\n---\n', 'en', 'de-AT'],
    ['---\nlang: fr\n---\n', 'de', 'fr'],
    ['---\ntitle: x\n---\n', 'de-CH', 'de-CH'],
    ['---\nlang: ""\n---\n', 'en', 'en'],
    ['---\nlang:\n---\n', 'de-AT', 'de-AT'],
    ['---\nlang: 5\n---\n', 'en', 'en'],
    ['kein Front Matter', 'de-CH', 'de-CH'],
    ['---\ntitle: [kaputt\n---\n', 'en', 'en'],
  ])('%j with default %s → %s', (text, fallback, expected) => {
    expect(postLanguage(parseFrontMatter(text), fallback)).toBe(expected);
    expect(parsePostDocument(text, { defaultLanguage: fallback, existingFiles: new Set() }).lang).toBe(expected);
  });
});

describe('render options of a post that names its own featured_credit', () => {
  it('take the post’s mode over the setting', () => {
    const context = { defaultLanguage: 'de', existingFiles: new Set<string>(), featuredCredit: 'line' as const };
    expect(parsePostDocument('---\ntitle: A\nfeatured_credit: none\n---\n\nText.\n', context).renderOptions.featuredCredit).toBe('none');
    expect(parsePostDocument('---\ntitle: A\n---\n\nText.\n', context).renderOptions.featuredCredit).toBe('line');
  });
});
