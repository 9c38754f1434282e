import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLinkDefinitions, splitBlocks } from '../../../electron/common/markdown/blocks.js';
import { splitFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { collectLinkDefinitions, renderBlock, renderMarkdown, renderPost, renderPostBlocks } from '../../../electron/common/markdown/render.js';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/markdown');

interface SplitCase {
  name: string;
  input: string;
  /** Each block as [first line, source]. */
  blocks: [number, string][];
}

const splitCases: SplitCase[] = [
  { name: 'empty', input: '', blocks: [] },
  { name: 'only blank lines', input: '\n\n  \n\t\n', blocks: [] },
  { name: 'one paragraph', input: 'Hallo Welt', blocks: [[0, 'Hallo Welt']] },
  {
    name: 'paragraphs at blank lines',
    input: 'Erster Absatz\nzweite Zeile\n\nZweiter Absatz\n\n\n\nDritter',
    blocks: [[0, 'Erster Absatz\nzweite Zeile'], [3, 'Zweiter Absatz'], [7, 'Dritter']],
  },
  {
    name: 'leading blank lines shift the line',
    input: '\n\n# Titel\n',
    blocks: [[2, '# Titel\n']],
  },
  {
    name: 'headings',
    input: '# Eins\n\n## Zwei\nText darunter\n\nSetext\n======',
    blocks: [[0, '# Eins'], [2, '## Zwei\nText darunter'], [5, 'Setext\n======']],
  },
  {
    name: 'fenced code with blank lines stays whole',
    input: 'Vorher\n\n```js\nconst a = 1;\n\n\nconst b = 2;\n```\n\nNachher',
    blocks: [[0, 'Vorher'], [2, '```js\nconst a = 1;\n\n\nconst b = 2;\n```'], [9, 'Nachher']],
  },
  {
    name: '~~~ fences, and ``` inside them',
    input: '~~~\n```\n\n```\n~~~\n\nNach',
    blocks: [[0, '~~~\n```\n\n```\n~~~'], [6, 'Nach']],
  },
  {
    name: 'a longer closing fence closes, a shorter does not',
    input: '````\na\n\n```\n\nb\n`````\n\nc',
    blocks: [[0, '````\na\n\n```\n\nb\n`````'], [8, 'c']],
  },
  {
    name: 'an unclosed fence runs to the end',
    input: '```\ncode\n\nnoch code',
    blocks: [[0, '```\ncode\n\nnoch code']],
  },
  {
    name: 'inline code at line start is no fence',
    input: '```inline``` Text\n\nZwei\n\n```\na\n\nb\n```',
    blocks: [[0, '```inline``` Text'], [2, 'Zwei'], [4, '```\na\n\nb\n```']],
  },
  {
    name: 'a list with blank lines between items stays whole',
    input: '- eins\n\n- zwei\n\n\n- drei\n\nDanach',
    blocks: [[0, '- eins\n\n- zwei\n\n\n- drei'], [7, 'Danach']],
  },
  {
    name: 'indented continuation stays with its item',
    input: '1. Schritt\n\n   Erklärung zum Schritt\n\n       Code im Punkt\n2. Weiter\n\nEnde',
    blocks: [[0, '1. Schritt\n\n   Erklärung zum Schritt\n\n       Code im Punkt\n2. Weiter'], [7, 'Ende']],
  },
  {
    name: 'a list that interrupts a paragraph',
    input: 'Einkaufsliste:\n- Milch\n\n- Brot\n\nFertig',
    blocks: [[0, 'Einkaufsliste:\n- Milch\n\n- Brot'], [5, 'Fertig']],
  },
  {
    name: 'indented code with blank lines stays whole',
    input: 'Absatz\n\n    code 1\n\n    code 2\n\nAbsatz',
    blocks: [[0, 'Absatz'], [2, '    code 1\n\n    code 2'], [6, 'Absatz']],
  },
  {
    name: 'tables',
    input: '| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |',
    blocks: [[0, '| a | b |\n|---|---|\n| 1 | 2 |'], [4, '| c |\n|---|\n| 3 |']],
  },
  {
    name: 'blockquotes',
    input: '> Zitat\n>\n> weiter\n\n> anderes Zitat',
    blocks: [[0, '> Zitat\n>\n> weiter'], [4, '> anderes Zitat']],
  },
  {
    name: 'an HTML comment with blank lines stays whole',
    input: '<!--\nNotiz\n\nnoch eine\n-->\n\nText',
    blocks: [[0, '<!--\nNotiz\n\nnoch eine\n-->'], [6, 'Text']],
  },
  {
    name: 'a one-line comment ends at once',
    input: '<!-- wp:paragraph -->\n\nText',
    blocks: [[0, '<!-- wp:paragraph -->'], [2, 'Text']],
  },
  {
    name: '<pre> with blank lines stays whole',
    input: '<pre>\na\n\nb\n</pre>\n\nc',
    blocks: [[0, '<pre>\na\n\nb\n</pre>'], [6, 'c']],
  },
  {
    name: 'a <div> ends at a blank line',
    input: '<div>\na\n\nb\n</div>',
    blocks: [[0, '<div>\na'], [3, 'b\n</div>']],
  },
  {
    name: 'the last block keeps one final line break (marked keeps it in raw HTML)',
    input: 'a\n\n<div>\nb\n</div>\n',
    blocks: [[0, 'a'], [2, '<div>\nb\n</div>\n']],
  },
  {
    name: 'but not when a blank line follows',
    input: 'a\n\nb\n\n',
    blocks: [[0, 'a'], [2, 'b']],
  },
  {
    name: 'CRLF: blank lines split, no CR at a block end',
    input: 'Eins\r\nzwei\r\n\r\nDrei\r\n',
    blocks: [[0, 'Eins\r\nzwei'], [3, 'Drei\r\n']],
  },
];

describe('splitBlocks', () => {
  it.each(splitCases)('$name', ({ input, blocks }) => {
    expect(splitBlocks(input).map((b) => [b.line, b.src])).toEqual(blocks);
  });

  it.each(splitCases)('each block is the text at its line: $name', ({ input }) => {
    const lines = input.split('\n');
    for (const block of splitBlocks(input)) {
      const count = block.src.split('\n').length;
      expect(lines.slice(block.line, block.line + count).join('\n').replace(/\r$/, '')).toBe(block.src);
    }
  });

  it('counts lines from firstLine (the body after the front matter)', () => {
    const text = '---\ntitle: x\n---\n\nAbsatz eins\n\n## Zwei\n';
    const { body, bodyLine } = splitFrontMatter(text);
    const lines = text.split('\n');
    const blocks = splitBlocks(body, bodyLine);
    expect(blocks.map((b) => b.line)).toEqual([4, 6]);
    for (const b of blocks) expect(lines[b.line]).toBe(b.src.split('\n')[0]);
  });
});

describe('findLinkDefinitions / collectLinkDefinitions', () => {
  it.each([
    { name: 'simple', input: '[a]: https://a.example', labels: ['a'] },
    { name: 'with titles', input: '[a]: https://a.example "A"\n[b]: <https://b.example> \'B\'\n[c]: /c (C)', labels: ['a', 'b', 'c'] },
    { name: 'not in fenced code', input: '```\n[a]: https://falsch\n```\n\n[b]: https://b', labels: ['b'] },
    { name: 'not in indented code', input: '    [a]: https://falsch\n\n[b]: https://b', labels: ['b'] },
    { name: 'not in an HTML comment', input: '<!--\n\n[a]: https://falsch\n-->\n[b]: https://b', labels: ['b'] },
    { name: 'not inside a paragraph', input: 'Text\n[a]: https://falsch\n\n[b]: https://b', labels: ['b'] },
    { name: 'after a heading', input: '# Quellen\n[a]: https://a', labels: ['a'] },
    { name: 'a run of definitions', input: 'Absatz\n\n[a]: /a\n[b]: /b\n[c]: /c', labels: ['a', 'b', 'c'] },
  ])('$name', ({ input, labels }) => {
    expect(findLinkDefinitions(input).map((d) => d.label)).toEqual(labels);
  });

  it('normalizes labels as marked does (German ß folds to ss) and keeps the first', () => {
    const links = collectLinkDefinitions('[Straße]: /eins\n[STRASSE]: /zwei\n[ Viel   Platz ]: /drei');
    expect(links).toEqual({ strasse: { href: '/eins', title: '' }, 'viel platz': { href: '/drei', title: '' } });
  });

  it('handles labels that are names of Object.prototype', () => {
    const links = collectLinkDefinitions('[constructor]: /c\n[toString]: /t');
    expect(Object.keys(links)).toEqual(['constructor', 'tostring']);
    expect(renderBlock('[x][constructor]', links)).toContain('href="/c"');
  });

  it('a block rendered alone resolves references defined elsewhere, ß included', () => {
    const body = 'Siehe [die Straße][Straße].\n\n[STRASSE]: https://example.org/strasse "Die Straße"';
    const links = collectLinkDefinitions(body);
    const first = splitBlocks(body)[0];
    if (!first) throw new Error('no block');
    expect(renderBlock(first.src, links)).toBe(renderMarkdown(body));
  });
});

// ---------------------------------------------------------------------------------------------------------
// The property the incremental preview rests on: rendering block by block gives the same HTML as rendering
// the whole post. Known, accepted exceptions (not in the corpus, documented here):
//  - a link reference definition inside a list item or a blockquote, or one spread over two lines (URL or
//    title on the next line), is not seen by collectLinkDefinitions, so references to it in OTHER blocks stay
//    unresolved in the preview until the whole post is rendered for publishing;
//  - pathological nesting of fences inside indented list items with lines less indented than the item.

const corpus = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((name) => ({ name, text: readFileSync(path.join(CORPUS, name), 'utf8') }));

const snippets: { name: string; text: string }[] = [
  { name: 'html block at the very end', text: 'Text\n\n<div>\nEnde\n</div>\n' },
  { name: 'comment at the end without newline', text: 'Text\n\n<!-- Ende -->' },
  { name: 'two one-line comments', text: '<!-- a -->\n\n<!-- b -->\n' },
  { name: 'code block at the end', text: 'a\n\n```\nb\n\n```\n' },
  { name: 'list then paragraph then list', text: '- a\n\nText\n\n- b\n' },
  { name: 'loose ordered list with code', text: '1. a\n\n   ```\n   x\n\n   y\n   ```\n\n2. b\n' },
  { name: 'thematic breaks', text: 'a\n\n* * *\n\n- b\n\n---\n\nc' },
  { name: 'nested lists with blank lines', text: '- a\n  - b\n\n  - c\n\n    d\n- e\n' },
  { name: 'reference links across blocks', text: '[x][1] und [y][Zwei]\n\n> [z][1]\n\n[1]: /eins\n[zwei]: /zwei "2"\n' },
  { name: 'quote with code', text: '> ```\n> a\n>\n> b\n> ```\n\nc' },
  { name: 'table then text', text: '| a |\n|---|\n| 1 |\n\nText | mit Strich' },
  { name: 'only a front matter', text: '---\ntitle: x\n---\n' },
  { name: 'front matter without blank line', text: '---\ntitle: x\n---\n# Titel\nText\n\nMehr' },
  { name: 'trailing spaces line break', text: 'Zeile  \nzwei\n\nDrei\\\nvier' },
  { name: 'pre at the end', text: '<pre>\na\n\nb\n</pre>\n' },
];

describe('renderPostBlocks equals renderPost', () => {
  it('has a corpus of German posts', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(5);
  });

  const variants = (text: string) => [
    ['LF', text],
    ['CRLF', text.replace(/\r?\n/g, '\r\n')],
  ];

  it.each([...corpus, ...snippets])('$name', ({ text }) => {
    for (const [eol, variant] of variants(text)) {
      const blocks = renderPostBlocks(variant ?? '');
      expect(blocks.map((b) => b.html).join(''), `${eol}`).toBe(renderPost(variant ?? ''));
    }
  });

  it.each(corpus)('splits $name into several blocks at the right lines', ({ text }) => {
    const blocks = renderPostBlocks(text);
    expect(blocks.length).toBeGreaterThan(5);
    const lines = text.split('\n');
    for (const b of blocks) {
      if (b.kind === 'credits') continue;
      expect(lines[b.line]).toBe(b.src.split('\n')[0]);
    }
    // Lines only grow.
    expect(blocks.map((b) => b.line)).toEqual([...blocks.map((b) => b.line)].sort((a, b) => a - b));
  });

  it.each(corpus)('every prefix of $name renders the same block by block (as while typing)', ({ text }) => {
    // Cut the post at every 97th character, as if the author were still typing it.
    for (let end = 0; end <= text.length; end += 97) {
      const part = text.slice(0, end);
      expect(renderPostBlocks(part).map((b) => b.html).join(''), `cut at ${end}`).toBe(renderPost(part));
    }
  });
});
