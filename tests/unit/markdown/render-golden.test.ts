import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderPost, renderPostBlocks } from '../../../electron/common/markdown/render.js';

const GOLDEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/golden');

/**
 * The golden files of this test: `<name>.md` renders to `<name>.html`. (The credits-* files of the same
 * folder belong to render-credits.test.ts, which renders them with several option sets.)
 * To re-pin after an intended change: `UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/markdown/render-golden.test.ts`,
 * then read the diff before committing it.
 */
const NAMES = ['typografie', 'tabellen', 'code', 'bilder', 'referenzen', 'html'] as const;
const update = process.env['UPDATE_GOLDEN'] === '1';

function golden(name: string): { source: string; expected: string } {
  const source = readFileSync(path.join(GOLDEN, `${name}.md`), 'utf8');
  const file = path.join(GOLDEN, `${name}.html`);
  if (update) writeFileSync(file, renderPost(source));
  if (!existsSync(file)) throw new Error(`golden file ${name}.html is missing: run with UPDATE_GOLDEN=1 and check it`);
  return { source, expected: readFileSync(file, 'utf8') };
}

describe('render golden files', () => {
  it.each(NAMES)('%s.md → %s.html', (name) => {
    const { source, expected } = golden(name);
    expect(renderPost(source)).toBe(expected);
  });

  it.each(NAMES)('%s: block by block gives the golden HTML too', (name) => {
    const { source, expected } = golden(name);
    expect(renderPostBlocks(source).map((b) => b.html).join('')).toBe(expected);
  });
});

// What the goldens pin, said once more as plain assertions, so a careless re-pin cannot hide a regression.
describe('render: what the goldens promise', () => {
  const html = (name: string) => golden(name).expected;

  it('passes German typography through untouched (no "smart" rewriting, no escaping of „“ or NBSP)', () => {
    const out = html('typografie');
    for (const s of ['„Anführungszeichen“', '‚einfache‘', '»französische«', '9–17 Uhr', '—', '…', 'Straße', 'GROẞ', '🎉']) {
      expect(out).toContain(s);
    }
    expect(out).toContain('1\u202f000\u202f000\u00a0€');
    expect(out).toContain('Dr.\u00a0Müller');
    expect(out).toContain('Donau&shy;dampf');
    expect(out).toContain('<code>Code mit „Zeichen“</code>');
    expect(out).not.toContain('front matter');
    expect(out).not.toContain('title:');
  });

  it('renders GFM tables with alignment', () => {
    const out = html('tabellen');
    expect(out).toContain('<table>');
    expect(out).toMatch(/<th align="right">Preis \(€\)<\/th>/);
    expect(out).toMatch(/<td align="center">★★★★☆<\/td>/);
    expect(out).toContain('<code>a | b</code>');
    // Without a delimiter row there is no table.
    expect(out.match(/<table>/g)).toHaveLength(2);
  });

  it('escapes code and keeps its language', () => {
    const out = html('code');
    expect(out).toContain('<pre><code class="language-typescript">');
    expect(out).toContain('&lt;script&gt;');
    expect(out).not.toContain('<script>');
    expect(out).toContain('<code>&lt;b&gt;nicht fett&lt;/b&gt;</code>');
    expect(out).toContain('<pre><code>$ npm install\n$ npm start\n</code></pre>');
  });

  it('turns a standalone image into a figure, leaves inline images inline', () => {
    const out = html('bilder');
    expect(out).toContain('<figure class="k-figure"><img src="bodensee.jpg" alt="Blick über den Bodensee bei Lindau">');
    expect(out).toContain('<img src="./alpen.png" alt="Ein Bild mit Titel" title="Die Alpen im Winter">');
    expect(out).toMatch(/<p>Ein Bild im Satz <img src="symbol.svg" alt="Symbol"> bleibt/);
    expect(out).toContain('alt="Sonder &#38; „Zeichen“"');
    expect(out).not.toMatch(/<figure[^>]*><a /);
  });

  it('resolves reference links in every block, not in code', () => {
    const out = html('referenzen');
    expect(out).toContain('<a href="https://de.wikipedia.org/wiki/Markdown">Verweis</a>');
    expect(out).toContain('<a href="https://example.org/kurz">kurzer</a>');
    expect(out).toContain('title="Titel mit „Zeichen“"');
    expect(out).toContain('<a href="https://example.org/strasse" title="Die Straße">Straße</a>');
    expect(out).toContain('<blockquote>\n<p>Auch im Zitat: <a href="https://de.wikipedia.org/wiki/Markdown">wiki</a>');
    expect(out).toContain('[fehlender Verweis][gibtsnicht]');
    expect(out).not.toContain('falsch.example.org"');
  });

  it('passes raw HTML through: sanitizing is the preview’s job', () => {
    const out = html('html');
    expect(out).toContain('<kbd>Strg</kbd>');
    expect(out).toContain('<script>alert(');
    expect(out).toContain('<iframe src="https://www.youtube-nocookie.com/embed/xyz"');
    expect(out).toContain('onerror="alert(1)"');
    expect(out).toContain('<!-- Ein Kommentar bleibt im HTML -->');
    expect(out).toContain('<p>Markdown <strong>in</strong> Details.</p>');
  });
});
