import { describe, expect, it } from 'vitest';
import { renderPost } from '../../../electron/common/markdown/render.js';
import { splitTopLevel, toBlockMarkup } from '../../../electron/common/markdown/wp-blocks.js';

const body = (markdown: string) =>
  renderPost(`---\ntitle: T\n---\n${markdown}`, { resolveImage: (src) => (/^https?:/.test(src) ? src : `https://blog.example/up/${src}`) });
const blocks = (markdown: string, ids: Record<string, number> = {}) => toBlockMarkup(body(markdown), { mediaId: (src) => ids[src] });

/** The block names in order, as WordPress's parser would find their opening comments at the top level. */
function topLevelNames(markup: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const m of markup.matchAll(/<!-- (\/?)wp:([a-z-]+)(?: \{[^]*?\})? (\/)?-->/g)) {
    if (m[1] === '/') depth--;
    else {
      if (depth === 0) names.push(m[2] ?? '');
      if (!m[3]) depth++;
    }
  }
  return names;
}

/** Whatever lies outside the top-level blocks; WordPress would make a freeform block of anything but whitespace. */
function outside(markup: string): string {
  let rest = '';
  let depth = 0;
  let last = 0;
  for (const m of markup.matchAll(/<!-- (\/?)wp:[a-z-]+(?: \{[^]*?\})? -->/g)) {
    if (m[1] !== '/') {
      if (depth === 0) rest += markup.slice(last, m.index);
      depth++;
    } else {
      depth--;
      if (depth === 0) last = m.index + m[0].length;
    }
  }
  return rest + markup.slice(last);
}

describe('block markup from the renderer’s HTML', () => {
  const cases: [string, string, string[], string][] = [
    ['paragraph', 'Ein „Absatz“ & mehr', ['paragraph'], '<!-- wp:paragraph -->\n<p>Ein „Absatz“ &amp; mehr</p>\n<!-- /wp:paragraph -->'],
    ['heading level 2 has no attribute', '## Zwei', ['heading'], '<!-- wp:heading -->\n<h2>Zwei</h2>\n<!-- /wp:heading -->'],
    ['heading level 3', '### Drei', ['heading'], '<!-- wp:heading {"level":3} -->\n<h3>Drei</h3>\n<!-- /wp:heading -->'],
    ['bullet list', '- a\n- b', ['list'], '<!-- wp:list -->\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<!-- /wp:list -->'],
    ['ordered list with start', '3. x\n4. y', ['list'], '<!-- wp:list {"ordered":true,"start":3} -->\n<ol start="3">\n<li>x</li>\n<li>y</li>\n</ol>\n<!-- /wp:list -->'],
    ['code', '```js\nlet a = 1 < 2;\n```', ['code'], '<!-- wp:code -->\n<pre class="wp-block-code"><code>let a = 1 &lt; 2;</code></pre>\n<!-- /wp:code -->'],
    ['separator', '---', ['separator'], '<!-- wp:separator -->\n<hr class="wp-block-separator has-alpha-channel-opacity"/>\n<!-- /wp:separator -->'],
    ['raw HTML stays as written', '<div class="x">roh</div>', ['html'], '<!-- wp:html -->\n<div class="x">roh</div>\n<!-- /wp:html -->'],
  ];
  for (const [name, markdown, names, expected] of cases) {
    it(name, () => {
      const markup = blocks(markdown);
      expect(markup).toBe(expected);
      expect(topLevelNames(markup)).toEqual(names);
    });
  }

  it('makes a quote of inner blocks', () => {
    const markup = blocks('> Zitat\n>\n> ## Titel');
    expect(markup).toBe(
      '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>Zitat</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2>Titel</h2>\n<!-- /wp:heading --></blockquote>\n<!-- /wp:quote -->',
    );
  });

  it('wraps a table in the table block’s figure', () => {
    const markup = blocks('| a | b |\n|:-:|---|\n| 1 | 2 |');
    expect(markup.startsWith('<!-- wp:table -->\n<figure class="wp-block-table"><table>')).toBe(true);
    expect(markup.endsWith('</table></figure>\n<!-- /wp:table -->')).toBe(true);
    expect(markup).toContain('<td align="center">1</td>');
  });

  it('gives an uploaded image its attachment id, class and credit caption', () => {
    const text = `---\ntitle: T\nimages:\n  foto.jpg:\n    alt: Ein Foto\n    author: Rike\n    source: pixelio.de\n    license: pixelio\n---\n![Ein Foto](foto.jpg "Titel")\n`;
    const html = renderPost(text, { resolveImage: (src) => `https://blog.example/up/${src}`, featuredCredit: 'none' });
    const markup = toBlockMarkup(html, { mediaId: (src) => (src === 'https://blog.example/up/foto.jpg' ? 45 : undefined) });
    expect(markup).toBe(
      '<!-- wp:image {"id":45,"sizeSlug":"full","linkDestination":"none"} -->\n' +
        '<figure class="wp-block-image size-full"><img src="https://blog.example/up/foto.jpg" alt="Ein Foto" class="wp-image-45" title="Titel"/>' +
        '<figcaption class="wp-element-caption">Bild: Rike / <a href="https://www.pixelio.de" rel="noopener">pixelio.de</a></figcaption></figure>\n' +
        '<!-- /wp:image -->',
    );
  });

  it('writes an image without id when the blog has none for it (a remote image)', () => {
    const markup = blocks('![Fremd](https://elsewhere.example/x.png)');
    expect(markup).toContain('<!-- wp:image {"sizeSlug":"full","linkDestination":"none"} -->');
    expect(markup).toContain('<img src="https://elsewhere.example/x.png" alt="Fremd"/>');
  });

  it('makes a group of the credit list and keeps its class', () => {
    const text = `---\ntitle: T\nimage: kopf.jpg\nimages:\n  kopf.jpg:\n    alt: K\n    author: Rike\n    license: pixelio\n---\nText\n`;
    const markup = toBlockMarkup(renderPost(text, { featuredCredit: 'list' }));
    expect(topLevelNames(markup)).toEqual(['paragraph', 'group']);
    expect(markup).toContain('<!-- wp:group {"className":"k-credits"} -->\n<div class="wp-block-group k-credits"><!-- wp:paragraph {"className":"k-credits-heading"} -->');
  });

  it('leaves nothing outside a block for a whole post, also with unbalanced raw HTML', () => {
    const markdown = [
      'Absatz mit *Betonung* und `code`.',
      '## Titel',
      '- a\n  - b',
      '> Zitat',
      '<div>\n\n**innen**\n\n</div>',
      '<span>offen',
      '<!-- ein Kommentar -->',
      '![Bild](a.png) im Text',
      '---',
      'Ende',
    ].join('\n\n');
    const markup = blocks(markdown);
    expect(outside(markup).trim()).toBe('');
    expect(topLevelNames(markup)[0]).toBe('paragraph');
    expect(topLevelNames(markup).at(-1)).toBe('paragraph');
    // Every character of the rendered HTML outside tags survives.
    expect(markup).toContain('<p><img src="https://blog.example/up/a.png" alt="Bild"> im Text</p>');
  });

  it('escapes block attributes so they cannot end the comment', () => {
    const markup = toBlockMarkup('<p class="a--b">x</p>');
    expect(markup).toBe('<!-- wp:paragraph {"className":"a\\u002d\\u002db"} -->\n<p class="a--b">x</p>\n<!-- /wp:paragraph -->');
  });

  it('splits nested same-name elements at the right closing tag', () => {
    const chunks = splitTopLevel('<div><div>a</div></div><p>b</p>\n<hr>');
    expect(chunks.map((c) => [c.tag, c.outer])).toEqual([
      ['div', '<div><div>a</div></div>'],
      ['p', '<p>b</p>'],
      ['hr', '<hr>'],
    ]);
  });
});
