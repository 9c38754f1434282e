import { describe, expect, it } from 'vitest';
import { MAX_BLOCK_CHARS, MAX_NESTING, nestingDepth } from '../../../electron/common/markdown/render-limits.js';
import { renderBlock, renderPost, renderPostBlocks } from '../../../electron/common/markdown/render.js';

// Posts that used to overflow marked's stack (and blank the whole app) or take a minute to render.
const hostile: [string, string][] = [
  ['2,000 nested quotes', `${'>'.repeat(2000)} tief\n`],
  ['2,000 nested quotes with spaces', `${'> '.repeat(2000)}tief\n`],
  ['1,500 nested list items on one line', `${'* '.repeat(1500)}tief\n`],
  ['1,500 indented list levels', Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i * 2)}* Ebene ${i}`).join('\n')],
  ['2,000 nested emphasis openers', `${'*a '.repeat(2000)}\n`],
  ['a 1 MB paragraph', 'Ein Satz ohne Ende '.repeat(60_000)],
];

describe('render limits', () => {
  for (const [name, body] of hostile) {
    it(`renders ${name} without throwing, the text kept`, () => {
      const text = `---\ntitle: Böse\n---\n\nVorher\n\n${body}\n\nNachher\n`;
      const html = renderPost(text);
      expect(html).toContain('<p>Vorher</p>');
      expect(html).toContain('<p>Nachher</p>');
      const blocks = renderPostBlocks(text);
      expect(blocks.map((b) => b.html).join('')).toContain('Nachher');
    });
  }

  it('shows too deep nesting as text with a note in the post language', () => {
    const src = `${'> '.repeat(MAX_NESTING + 5)}tief`;
    const de = renderBlock(src, {}, { lang: 'de' });
    expect(de).toContain('k-render-limit');
    expect(de).toContain(`tiefer als ${MAX_NESTING} Ebenen`);
    expect(de).toContain('&#62; &#62;');
    expect(renderBlock(src, {}, { lang: 'en-GB' })).toContain(`nested more than ${MAX_NESTING} levels`);
    // The note appears once, and the limited HTML holds no nesting of its own.
    expect(de.match(/<blockquote/g)).toBeNull();
  });

  it('shows an over-long block as text with a note', () => {
    const html = renderBlock('x'.repeat(MAX_BLOCK_CHARS + 1), {}, { lang: 'de' });
    expect(html).toContain('zu lang');
  });

  it('leaves ordinary nesting and indented code alone', () => {
    const src = `${'> '.repeat(MAX_NESTING - 1)}noch gut`;
    expect(renderBlock(src, {})).not.toContain('k-render-limit');
    expect(renderBlock('```\n' + ' '.repeat(200) + 'eingerückter Code\n```', {})).not.toContain('k-render-limit');
    expect(renderPost('- a\n  - b\n    - c\n')).toBe('<ul>\n<li>a<ul>\n<li>b<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n');
  });

  it.each([
    ['text', 0],
    ['> a', 1],
    ['> > - a', 3],
    ['      code', 0],
    ['    - a', 3],
    [`${'>'.repeat(5000)}`, MAX_NESTING + 1],
  ])('measures the nesting of %j as %i', (line, depth) => {
    expect(nestingDepth(line)).toBe(depth);
  });
});
