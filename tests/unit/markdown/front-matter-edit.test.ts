import { describe, expect, it } from 'vitest';
import { Document, isMap, type YAMLMap } from 'yaml';
import {
  editFrontMatter,
  type EditFailureCode,
  type EditOptions,
  type FrontMatterEdit,
} from '../../../electron/common/markdown/front-matter-edit.js';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';

// Table-driven: input text, edits → the exact expected text. Every row is also read back.

interface Row {
  name: string;
  input: string;
  edits: FrontMatterEdit[];
  options?: EditOptions;
  expected: string;
}

const set = (path: string[], value: unknown): FrontMatterEdit => ({ path, value });
const remove = (...path: string[]): FrontMatterEdit => ({ path, value: undefined });

const rows: Row[] = [
  {
    name: 'replaces one value, keeps the comments around it',
    input: '---\n# oben\ntitle: A # Arbeitstitel\n# unten\nslug: a\n---\nText\n',
    edits: [set(['title'], 'B')],
    expected: '---\n# oben\ntitle: B # Arbeitstitel\n# unten\nslug: a\n---\nText\n',
  },
  {
    name: 'CRLF stays CRLF, also in appended blocks',
    input: '---\r\ntitle: A\r\nnested:\r\n  a: 1\r\n---\r\nText\r\n',
    edits: [set(['title'], 'B'), set(['nested', 'b'], [1, 2]), set(['neu'], { x: 'y' })],
    expected: '---\r\ntitle: B\r\nnested:\r\n  a: 1\r\n  b:\r\n    - 1\r\n    - 2\r\nneu:\r\n  x: y\r\n---\r\nText\r\n',
  },
  {
    name: 'CRLF: removing a key removes its whole lines',
    input: '---\r\ntitle: A\r\ntags:\r\n  - a\r\nslug: s\r\n---\r\n',
    edits: [remove('tags')],
    expected: '---\r\ntitle: A\r\nslug: s\r\n---\r\n',
  },
  {
    name: 'an anchored value keeps its anchor, so its aliases follow the new value',
    input: '---\nname: &n Rike\nauthor: *n\n---\n',
    edits: [set(['name'], 'Ulrike')],
    expected: '---\nname: &n Ulrike\nauthor: *n\n---\n',
  },
  {
    name: 'editing beside anchors and aliases keeps them byte for byte',
    input: '---\nbase: &b { x: 1 }\nuse: *b\ntitle: A\n---\n',
    edits: [set(['title'], 'B')],
    expected: '---\nbase: &b { x: 1 }\nuse: *b\ntitle: B\n---\n',
  },
  {
    name: 'a flow list stays a flow list',
    input: '---\ntags: [a, b] # Schlagworte\n---\n',
    edits: [set(['tags'], ['a', 'c'])],
    expected: '---\ntags: [a, c] # Schlagworte\n---\n',
  },
  {
    name: 'a flow map in the path is written out as a block with every entry',
    input: '---\nseo: {robots: noindex, canonical: x}\ntitle: A\n---\n',
    edits: [set(['seo', 'robots'], 'index')],
    expected: '---\nseo:\n  robots: index\n  canonical: x\ntitle: A\n---\n',
  },
  {
    name: 'a double-quoted key keeps its quotes',
    input: '---\n"title": A\n\'slug\': a\n---\n',
    edits: [set(['title'], 'B'), set(['slug'], 'b')],
    expected: '---\n"title": B\n\'slug\': b\n---\n',
  },
  {
    name: 'a quoted value stays quoted the same way',
    input: '---\ntitle: "A"\nslug: \'a\'\n---\n',
    edits: [set(['title'], 'B'), set(['slug'], 'b')],
    expected: '---\ntitle: "B"\nslug: \'b\'\n---\n',
  },
  {
    name: 'missing front matter is created in front of the text',
    input: '# Überschrift\n',
    edits: [set(['a', 'b'], 'c')],
    expected: '---\na:\n  b: c\n---\n\n# Überschrift\n',
  },
  {
    name: 'missing front matter with a BOM and CRLF',
    input: '\uFEFFText\r\n',
    edits: [set(['title'], 'T')],
    expected: '\uFEFF---\r\ntitle: T\r\n---\r\n\r\nText\r\n',
  },
  {
    name: 'missing front matter and only removals: unchanged',
    input: 'Text',
    edits: [remove('title')],
    expected: 'Text',
  },
  {
    name: 'front matter of only a comment gets the key after it',
    input: '---\n# nur ein Kommentar\n---\n',
    edits: [set(['title'], 'A')],
    expected: '---\n# nur ein Kommentar\ntitle: A\n---\n',
  },
  {
    name: 'a nested key is added with the map’s own indentation',
    input: '---\nouter:\n    a: 1\nz: 2\n---\n',
    edits: [set(['outer', 'b'], 2)],
    expected: '---\nouter:\n    a: 1\n    b: 2\nz: 2\n---\n',
  },
  {
    name: 'an empty map value is filled in place',
    input: '---\nouter:\nz: 2\n---\n',
    edits: [set(['outer', 'b', 'c'], 'd')],
    expected: '---\nouter:\n  b:\n    c: d\nz: 2\n---\n',
  },
  {
    name: 'renaming in place',
    input: '---\ncategory: Web\ntitle: x\n---\n',
    edits: [{ path: ['category'], value: ['Web', 'Reisen'], renameTo: 'categories' }],
    expected: '---\ncategories:\n  - Web\n  - Reisen\ntitle: x\n---\n',
  },
  {
    name: 'an unchanged value leaves the text identical',
    input: '---\ntitle:   A   # so\nn: 0x10\n---\n',
    edits: [set(['title'], 'A'), set(['n'], 16)],
    expected: '---\ntitle:   A   # so\nn: 0x10\n---\n',
  },
  {
    name: 'a scalar in the way is replaced when the caller says so',
    input: '---\npublish: kaputt\n---\n',
    edits: [set(['publish', 'blog'], { id: 1 })],
    options: { replaceInTheWay: true },
    expected: '---\npublish:\n  blog:\n    id: 1\n---\n',
  },
  {
    name: 'removing a nested key keeps its siblings and the comment after',
    input: '---\nimages:\n  a.jpg:\n    alt: A\n  # zweites\n  b.jpg:\n    alt: B\n---\n',
    edits: [remove('images', 'a.jpg')],
    expected: '---\nimages:\n  # zweites\n  b.jpg:\n    alt: B\n---\n',
  },
];

describe('editFrontMatter', () => {
  it.each(rows)('$name', ({ input, edits, options, expected }) => {
    const result = editFrontMatter(input, edits, options);
    expect(result).toEqual({ ok: true, text: expected });
    expect(parseFrontMatter(expected).ok).toBe(true);
  });

  it('writes a yaml node with the style the caller chose', () => {
    const doc = new Document({ f: { hash: 'h', id: 1 } });
    const map = doc.contents as YAMLMap;
    const inner = map.get('f', true);
    if (isMap(inner)) inner.flow = true;
    const result = editFrontMatter('---\nt: 1\n---\n', [set(['media'], map)], { flowCollectionPadding: true });
    expect(result).toEqual({ ok: true, text: '---\nt: 1\nmedia:\n  f: { hash: h, id: 1 }\n---\n' });
  });

  it.each<[string, string, FrontMatterEdit, EditFailureCode, string[]]>([
    ['broken YAML', '---\ntitle: "offen\n---\n', set(['title'], 'x'), 'yaml-invalid', []],
    ['duplicate keys', '---\na: 1\na: 2\n---\n', set(['b'], 'x'), 'yaml-invalid', []],
    ['a list at the top', '---\n- a\n---\n', set(['title'], 'x'), 'not-block-map', []],
    ['a flow map at the top', '---\n{a: 1}\n---\n', set(['title'], 'x'), 'not-block-map', []],
    ['a text in the way', '---\nimages:\n  a.jpg: Rike\n---\n', set(['images', 'a.jpg', 'alt'], 'x'), 'not-map', ['images', 'a.jpg']],
    ['a list in the way', '---\nimages:\n  - a\n---\n', set(['images', 'a.jpg'], 'x'), 'not-map', ['images']],
    ['removing an anchor still in use', '---\na: &x 1\nb: *x\n---\n', remove('a'), 'result-invalid', []],
  ])('refuses %s and gives no text', (_name, input, edit, code, path) => {
    const result = editFrontMatter(input, [edit]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.code).toBe(code);
      expect(result.failure.path).toEqual(path);
      expect(result.failure.from).toBeGreaterThanOrEqual(0);
      expect(result.failure.to).toBeLessThanOrEqual(input.length);
    }
  });
});
