import { ensureSyntaxTree } from '@codemirror/language';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { requestParts } from '../../../renderer/editor/spellcheck.js';
import { spellTokens } from '../../../electron/common/text/spell-tokens.js';

function state(doc: string): EditorState {
  const s = EditorState.create({ doc, extensions: [yamlFrontmatter({ content: markdown({ base: markdownLanguage }) })] });
  ensureSyntaxTree(s, s.doc.length, 5000);
  return s;
}

const body = Array.from({ length: 3000 }, (_, i) => (i % 50 === 7 ? '```js\nconst fehlr = 1;\n\nconst zwei = 2;\n```' : `Absatz ${i} mit etwas Text.`)).join('\n\n');
const doc = `---\ntitle: Ein Titl\n---\n\n${body}`;

describe("the spell checker's requests", () => {
  it('send only the text around the ranges of a long post, from a block start, so code stays code', () => {
    const s = state(doc);
    const at = doc.indexOf('const zwei');
    const parts = requestParts(s, [{ from: at, to: at + 10 }]);
    expect(parts).toHaveLength(1);
    const part = parts[0];
    if (!part) return;
    expect(part.offset).toBe(doc.lastIndexOf('```js', at));
    expect(part.text.length).toBeLessThan(200);
    // Tokenized from there, nothing in the fence is a word to check: as if the whole text had been sent.
    expect(spellTokens(part.text, { frontMatter: false, ranges: [{ from: at - part.offset, to: at - part.offset + 10 }] })).toEqual([]);
  });

  it('start at 0 inside the front matter, and split far-apart ranges into separate requests', () => {
    const s = state(doc);
    const parts = requestParts(s, [{ from: 8, to: 12 }, { from: doc.length - 10, to: doc.length }]);
    expect(parts.map((p) => p.offset)).toEqual([0, doc.lastIndexOf('\n\n') + 2]);
    expect(parts.reduce((n, p) => n + p.text.length, 0)).toBeLessThan(200);
  });

  it('send a short post whole', () => {
    const s = state('---\ntitle: T\n---\n\nKurz.');
    expect(requestParts(s, [{ from: 18, to: 23 }])).toEqual([{ text: '---\ntitle: T\n---\n\nKurz.', offset: 0, ranges: [{ from: 18, to: 23 }] }]);
  });
});
