import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  postRenderOptions,
  renderBlock,
  renderContextKey,
  renderEndCredits,
  renderPost,
  renderPostBlocks,
  type RenderOptions,
} from '../../../electron/common/markdown/render.js';

const GOLDEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/golden');
const read = (name: string) => readFileSync(path.join(GOLDEN, name), 'utf8');

interface Case {
  source: string;
  expected: string;
  options: RenderOptions;
}

const preview: RenderOptions = {
  resolveImage: (src) => `kladde-media://post/p/${src.replace(/^\.\//, '')}`,
  existingFiles: new Set(['header.jpg', 'wolke.jpg', 'ich.jpg', 'hund.png']),
};

const cases: Case[] = [
  { source: 'credits-figure.md', expected: 'credits-figure.line.html', options: {} },
  { source: 'credits-figure.md', expected: 'credits-figure.none.html', options: { featuredCredit: 'none' } },
  { source: 'credits-figure.md', expected: 'credits-figure.preview.html', options: preview },
  { source: 'credits-list.md', expected: 'credits-list.list.html', options: { featuredCredit: 'list' } },
  { source: 'credits-list.md', expected: 'credits-list.line.html', options: { featuredCredit: 'line' } },
  { source: 'credits-english.md', expected: 'credits-english.line.html', options: {} },
  {
    source: 'credits-english.md',
    expected: 'credits-english.templates.html',
    options: {
      featuredCredit: 'list',
      creditTexts: { en: { heading: 'Photo credits', templates: { 'cc-by-4.0': '{title} © {author} ({license})' } } },
    },
  },
];

// Golden files pin the HTML. To re-pin after an intended change: UPDATE_GOLDEN=1, then review the diff.
describe('rendering images with credits (golden)', () => {
  it.each(cases)('$source → $expected', ({ source, expected, options }) => {
    const html = renderPost(read(source), options);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path.join(GOLDEN, expected), html);
    expect(html).toBe(read(expected));
  });

  it.each(cases)('block by block gives the same HTML: $expected', ({ source, options }) => {
    const text = read(source);
    const blocks = renderPostBlocks(text, options);
    expect(blocks.map((b) => b.html).join('')).toBe(renderPost(text, options));
    const last = blocks[blocks.length - 1];
    const credits = renderEndCredits(text, options);
    if (credits) expect(last).toMatchObject({ kind: 'credits', html: credits });
    else expect(blocks.every((b) => b.kind === undefined)).toBe(true);
  });
});

describe('figure captions', () => {
  it('renders caption — credit in the figure of an image alone in its paragraph', () => {
    const text = '---\nimages:\n  a.jpg:\n    alt: Hund\n    caption: Bello\n    author: Rike\n    source: pixelio.de\n    license: pixelio\n---\n\n![](a.jpg)\n';
    expect(renderPost(text, { featuredCredit: 'none' })).toBe(
      '<figure class="k-figure"><img src="a.jpg" alt="Hund"><figcaption>Bello — Bild: Rike / <a href="https://www.pixelio.de" rel="noopener">pixelio.de</a></figcaption></figure>\n',
    );
  });

  it('prefers the Markdown alt text and escapes the entry’s', () => {
    const text = '---\nimages:\n  a.jpg:\n    alt: "<b>x</b>"\n    license: own\n---\n\n![Eigenes](a.jpg)\n\n![](a.jpg)\n';
    const html = renderPost(text);
    expect(html).toContain('alt="Eigenes"');
    expect(html).toContain('alt="&#60;b&#62;x&#60;/b&#62;"');
  });

  it('escapes a malicious caption and does not link a script URL', () => {
    const text = '---\nimages:\n  a.jpg:\n    alt: x\n    caption: "<img src=x onerror=alert(1)>"\n    license: other\n    author: A\n    source: S\n    sourceUrl: "javascript:alert(1)"\n---\n\n![](a.jpg)\n';
    const html = renderPost(text);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; — Bild: A / S');
  });

  it('renders a block alone with the options the post gives (incremental preview)', () => {
    const text = read('credits-figure.md');
    const options = postRenderOptions(text);
    expect(options.lang).toBe('de');
    expect(options.featuredImage).toBe('header.jpg');
    expect(renderBlock('![](wolke.jpg)', {}, options)).toContain(
      '<figcaption>Wolken über Kiel — Bild: „Wolke“ von Kim, Lizenz:',
    );
  });

  it('changes the context key when a credit changes, not when the body does', () => {
    const text = read('credits-figure.md');
    const key = renderContextKey(postRenderOptions(text));
    expect(renderContextKey(postRenderOptions(text + '\nMehr Text.\n'))).toBe(key);
    expect(renderContextKey(postRenderOptions(text.replace('author: Kim', 'author: Kai')))).not.toBe(key);
  });

  it('shows no credit line for a featured image without credit', () => {
    expect(renderEndCredits('---\nimage: a.jpg\n---\nText\n')).toBe('');
    expect(renderEndCredits('---\nimage: a.jpg\nimages:\n  a.jpg:\n    license: own\n---\nText\n')).toBe('');
  });
});

describe('a post’s own featured_credit', () => {
  const post = (own: string) =>
    `---\ntitle: T\nimage: kopf.jpg\n${own}images:\n  kopf.jpg:\n    alt: Kopf\n    author: Rike\n    source: pixelio.de\n    license: pixelio\n---\n\nText.\n`;

  it('beats the setting: `none` adds no credit line although the setting says „line“', () => {
    expect(renderPost(post(''), { featuredCredit: 'line' })).toContain('k-credit-line');
    expect(renderPost(post('featured_credit: none\n'), { featuredCredit: 'line' })).not.toContain('k-credit-line');
    expect(postRenderOptions(post('featured_credit: list\n'), { featuredCredit: 'none' }).featuredCredit).toBe('list');
  });

  it('a blog that captions the featured image itself (Ghost) gets no credit line; the list stays', () => {
    expect(renderPost(post(''), { featuredCredit: 'line', featuredCaptioned: true })).not.toContain('k-credit-line');
    expect(renderPost(post('featured_credit: line\n'), { featuredCaptioned: true })).not.toContain('Rike');
    expect(renderPost(post(''), { featuredCredit: 'list', featuredCaptioned: true })).toContain('k-credits');
  });

  it('an unknown value leaves the setting in charge', () => {
    expect(renderPost(post('featured_credit: vielleicht\n'), { featuredCredit: 'line' })).toContain('k-credit-line');
  });
});
