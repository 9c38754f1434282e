import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { ensureSyntaxTree, LanguageSupport } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { TreeFragment, type Tree } from '@lezer/common';
import { describe, expect, it } from 'vitest';
import { ChunkedMarkdownParser, piecesOf } from '../../../renderer/editor/chunked-markdown.js';
import { chunkedMarkdown } from '../../../renderer/editor/setup.js';

// Blocks of every kind, including the ones that reach over blank lines (code fences, HTML blocks, lists, indented
// code) and lines that begin with what a cut must not split (list markers, numbers, indentation).
const PIECES = [
  'Ein Absatz mit **fett** und _kursiv_ und einem [Link](https://example.org) darin.',
  '- Punkt eins\n- Punkt `zwei`',
  '- Lockere Liste\n\n- mit Abstand\n\n  und eingerücktem Absatz',
  '  eingerückt unter der Liste',
  '> Zitat mit „Anführungszeichen“\nfaul weiter',
  '```js\nconst a = 1;\n\nconst b = 2;\n```',
  '~~~\nTilde\n\n\nmit Leerzeilen\n~~~~',
  '```\nnie geschlossen\n\nText danach',
  '## Überschrift ##',
  '    Code im Block\n\n    noch Code',
  '1. Eins\n2. Zwei\n\n3. Drei',
  '2013 war ein gutes Jahr.',
  '<!-- Kommentar\n\nüber Absätze -->',
  '<!-- nie geschlossen',
  '<div>\nBlock\n</div>',
  '<pre>\nvor\n\nformatiert\n</pre>',
  '<?php\n\necho 1;\n?>',
  '| Spalte | Wert |\n| --- | --- |\n| Äpfel | 3 |',
  '[ref]: https://example.org "Titel"',
  '***',
  'Setext\n======',
  'Setext zwei\n---',
  '+ Plus-Liste',
  '* Stern-Liste\n\n* zweiter Punkt',
  'Ein [offener Link\n\nüber zwei Absätze](x).',
  '',
  '\t Tab am Anfang',
  'Zeile mit Umbruch  \nweiter',
];

const EDITS = ['x', ' ', '\n', '\n\n', '```', '- ', '<!--', '-->', '    ', '> ', '1. ', 'Wort', '~~~', '\n```\n', '#'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function document(next: () => number, blocks: number): string {
  const seps = ['\n\n', '\n\n', '\n\n\n', '\n', '\n  \n'];
  let text = '';
  for (let i = 0; i < blocks; i++) {
    text += PIECES[Math.floor(next() * PIECES.length)] ?? '';
    text += seps[Math.floor(next() * seps.length)] ?? '\n\n';
  }
  return text;
}

/** Every named node with its place: what highlighting, folding and the editor's commands see. */
function nodes(tree: Tree, from = 0): string[] {
  const out: string[] = [];
  tree.iterate({ from, enter: (n) => void out.push(`${n.name} ${n.from}-${n.to}`) });
  return out.slice(1);
}

const plain = markdownLanguage.parser;
const MANY_PIECES = 500;
const small = new ChunkedMarkdownParser(plain, { target: 30, minResync: 10 });

describe('Markdown parsed in pieces', () => {
  it('gives the tree of the whole-text parse for random posts', () => {
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      const text = document(next, 5 + Math.floor(next() * 40));
      expect(nodes(small.parse(text)), `round ${round}: ${JSON.stringify(text)}`).toEqual(nodes(plain.parse(text)));
    }
  });

  it('stays equal to the whole-text parse through random edits, reusing untouched pieces', () => {
    let reusedSomewhere = false;
    for (const seed of Array.from({ length: 16 }, (_, i) => i + 1)) {
      const next = random(seed);
      let text = document(next, 60);
      let tree = small.parse(text);
      let fragments = TreeFragment.addTree(tree);
      for (let step = 0; step < 150; step++) {
        const at = Math.floor(next() * (text.length + 1));
        const removed = next() < 0.3 ? Math.min(text.length - at, Math.floor(next() * 6)) : 0;
        const inserted = next() < 0.8 ? (EDITS[Math.floor(next() * EDITS.length)] ?? 'x') : '';
        text = text.slice(0, at) + inserted + text.slice(at + removed);
        fragments = TreeFragment.applyChanges(fragments, [{ fromA: at, toA: at + removed, fromB: at, toB: at + inserted.length }]);
        const before = tree;
        tree = small.parse(text, fragments);
        const old = new Set(piecesOf(before));
        if (piecesOf(tree).some((c) => old.has(c))) reusedSomewhere = true;
        expect(nodes(tree), `seed ${seed}, step ${step}: ${JSON.stringify(text)}`).toEqual(nodes(plain.parse(text)));
        fragments = TreeFragment.addTree(tree, fragments);
      }
    }
    expect(reusedSomewhere).toBe(true);
  });

  it('cuts a long post into pieces and parses only the edited piece again', () => {
    const text = document(random(11), 2000);
    const parser = new ChunkedMarkdownParser(plain);
    const tree = parser.parse(text);
    expect(piecesOf(tree).length).toBeGreaterThan(20);
    const at = Math.floor(text.length / 2);
    const edited = `${text.slice(0, at)}x${text.slice(at)}`;
    const again = parser.parse(edited, TreeFragment.applyChanges(TreeFragment.addTree(tree), [{ fromA: at, toA: at, fromB: at, toB: at + 1 }]));
    const before = new Set(piecesOf(tree));
    const pieces = piecesOf(again);
    expect(pieces.filter((c) => before.has(c)).length).toBeGreaterThanOrEqual(pieces.length - 2);
    expect(nodes(again)).toEqual(nodes(plain.parse(edited)));
  });

  it('groups the pieces of a very long post like a balanced tree', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `Absatz ${i} mit *Betonung* und \`Code\`.`).join('\n\n');
    const tree = new ChunkedMarkdownParser(plain).parse(text);
    expect(piecesOf(tree).length).toBeGreaterThan(MANY_PIECES);
    // The top holds a few groups, not every piece: a lookup at the end passes a few dozen nodes.
    expect(tree.children.length).toBeLessThanOrEqual(32);
    expect(tree.resolveInner(text.length - 3).name).toBe('InlineCode');
    expect(nodes(tree, text.length - 200)).toEqual(nodes(plain.parse(text), text.length - 200));
  });

  it('parses a long post no cut can divide as one piece, and stays exact as it is edited', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `- Punkt ${i} mit *Betonung*` : `Zeile ${i} mit \`Code\` und [Link](x)`));
    let text = lines.join('\n');
    const parser = new ChunkedMarkdownParser(plain);
    let tree = parser.parse(text);
    expect(piecesOf(tree).length).toBe(1);
    for (const at of [10, Math.floor(text.length / 2), text.length - 3]) {
      text = `${text.slice(0, at)}**${text.slice(at)}`;
      tree = parser.parse(text, TreeFragment.applyChanges(TreeFragment.addTree(tree), [{ fromA: at, toA: at, fromB: at, toB: at + 2 }]));
      expect(nodes(tree)).toEqual(nodes(plain.parse(text)));
    }
  });

  it('works behind the front matter in the editor, as the editor types', () => {
    const next = random(21);
    const body = document(next, 300);
    const language = () => [yamlFrontmatter({ content: chunkedMarkdown(markdown({ base: markdownLanguage })) })];
    const reference = () => [yamlFrontmatter({ content: new LanguageSupport(markdown({ base: markdownLanguage }).language) })];
    let state = EditorState.create({ doc: `---\ntitle: Test\n---\n\n${body}`, extensions: language() });
    ensureSyntaxTree(state, state.doc.length, 1e9);
    for (let step = 0; step < 40; step++) {
      const at = 20 + Math.floor(next() * (state.doc.length - 20));
      state = state.update({ changes: { from: at, insert: EDITS[Math.floor(next() * EDITS.length)] ?? 'x' } }).state;
      const tree = ensureSyntaxTree(state, state.doc.length, 1e9);
      const fresh = EditorState.create({ doc: state.doc, extensions: reference() });
      const expected = ensureSyntaxTree(fresh, fresh.doc.length, 1e9);
      expect(tree && expected && nodes(tree)).toEqual(expected && nodes(expected));
    }
  });
});
