import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { readImages, removeImageCredit, setImageCredit } from '../../../electron/common/markdown/front-matter-images.js';
import type { CreditPatch } from '../../../electron/common/model/attribution.js';

const POST = `---
title: Social Media   # Titel
images:
  header.jpg:
    alt: "Ein Sonnenuntergang"
    author: Rike   # Fotografin
    license: pixelio
    x-agentur-id: 4711
  # Wolken aus Commons
  wolke.png:
    title: 'Wolke'
    license: cc-by-4.0
    modified: true
eigenes: [1, 2]
---

Text
`;

describe('readImages', () => {
  it('reads every entry with its line and keeps unknown sub-keys apart', () => {
    const read = readImages(POST);
    expect(read.problems).toEqual([]);
    expect(read.images).toEqual({
      'header.jpg': { alt: 'Ein Sonnenuntergang', author: 'Rike', license: 'pixelio' },
      'wolke.png': { title: 'Wolke', license: 'cc-by-4.0', modified: true },
    });
    expect(read.entries.map((e) => [e.file, e.line, e.extra])).toEqual([
      ['header.jpg', 4, { 'x-agentur-id': 4711 }],
      ['wolke.png', 10, {}],
    ]);
    expect(read.entries[0]?.fieldLines).toEqual({ alt: 5, author: 6, license: 7 });
  });

  it('has nothing for a post without front matter or without images', () => {
    expect(readImages('Nur Text')).toEqual({ images: {}, entries: [], problems: [] });
    expect(readImages('---\ntitle: x\nimages:\n---\n')).toEqual({ images: {}, entries: [], problems: [] });
  });

  it('accepts numbers as text and normalises the licence’s case', () => {
    const read = readImages('---\nimages:\n  a.jpg:\n    title: 1984\n    license: CC-BY-4.0\n---\n');
    expect(read.images['a.jpg']).toEqual({ title: '1984', license: 'cc-by-4.0' });
  });

  it.each([
    ['images as a list', '---\nimages:\n  - a.jpg\n---\n', 'images-not-map', null, null, 3],
    ['images as text', '---\nimages: a.jpg\n---\n', 'images-not-map', null, null, 2],
    ['entry as text', '---\nimages:\n  a.jpg: Rike\n---\n', 'image-entry-not-map', 'a.jpg', null, 3],
    ['entry as a list', '---\nimages:\n  a.jpg:\n    - Rike\n---\n', 'image-entry-not-map', 'a.jpg', null, 4],
    ['unknown licence', '---\nimages:\n  a.jpg:\n    alt: x\n    license: cc-by-3.0\n---\n', 'license-unknown', 'a.jpg', 'license', 5],
    ['modified as text', '---\nimages:\n  a.jpg:\n    modified: ja\n---\n', 'modified-not-boolean', 'a.jpg', 'modified', 4],
    ['author as a map', '---\nimages:\n  a.jpg:\n    author:\n      name: Rike\n---\n', 'field-not-text', 'a.jpg', 'author', 5],
    ['script URL', '---\nimages:\n  a.jpg:\n    sourceUrl: javascript:alert(1)\n---\n', 'url-invalid', 'a.jpg', 'sourceUrl', 4],
    ['broken YAML', '---\nimages:\n  a.jpg:\n    alt: "offen\n---\n', 'front-matter-invalid', null, null, 4],
    ['duplicate entry', '---\nimages:\n  a.jpg: {}\n  a.jpg: {}\n---\n', 'front-matter-invalid', null, null, 4],
  ])('reports %s with its line', (_name, text, code, file, field, line) => {
    const read = readImages(text);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ code, file, field, line });
    const p = read.problems[0];
    expect(p && p.from <= p.to && p.to <= text.length).toBe(true);
  });

  it('keeps the valid fields of an entry with one bad field', () => {
    const read = readImages('---\nimages:\n  a.jpg:\n    alt: Hund\n    license: cc-by-3.0\n---\n');
    expect(read.images['a.jpg']).toEqual({ alt: 'Hund' });
  });
});

interface WriteRow {
  name: string;
  before: string;
  file: string;
  patch: CreditPatch;
  after: string;
}

const rows: WriteRow[] = [
  {
    name: 'changes one field, keeping comments, quotes, unknown keys and the other entry',
    before: POST,
    file: 'header.jpg',
    patch: { author: 'Rike R.' },
    after: POST.replace('author: Rike   # Fotografin', 'author: Rike R.   # Fotografin'),
  },
  {
    name: 'adds a field after the entry’s last one',
    before: POST,
    file: 'header.jpg',
    patch: { source: 'pixelio.de' },
    after: POST.replace('    x-agentur-id: 4711\n', '    x-agentur-id: 4711\n    source: pixelio.de\n'),
  },
  {
    name: 'removes a field with empty, null or false',
    before: POST,
    file: 'wolke.png',
    patch: { title: '', modified: false, caption: null },
    after: POST.replace("    title: 'Wolke'\n", '').replace('    modified: true\n', ''),
  },
  {
    name: 'leaves the text alone when nothing changes',
    before: POST,
    file: 'header.jpg',
    patch: { alt: 'Ein Sonnenuntergang', license: 'pixelio' },
    after: POST,
  },
  {
    name: 'adds a new entry after the last one',
    before: POST,
    file: 'neu bild.jpg',
    patch: { alt: 'Neu', license: 'own' },
    after: POST.replace('    modified: true\n', '    modified: true\n  neu bild.jpg:\n    alt: Neu\n    license: own\n'),
  },
  {
    name: 'adds images: to front matter without it',
    before: '---\ntitle: X\n---\nText\n',
    file: 'a.jpg',
    patch: { alt: 'A: B', author: 'true' },
    after: '---\ntitle: X\nimages:\n  a.jpg:\n    alt: "A: B"\n    author: "true"\n---\nText\n',
  },
  {
    name: 'creates front matter for a text without it',
    before: 'Text\n',
    file: 'a.jpg',
    patch: { alt: 'A' },
    after: '---\nimages:\n  a.jpg:\n    alt: A\n---\n\nText\n',
  },
  {
    name: 'fills an empty images:',
    before: '---\nimages:\ntags: [a]\n---\n',
    file: 'a.jpg',
    patch: { license: 'cc0' },
    after: '---\nimages:\n  a.jpg:\n    license: cc0\ntags: [a]\n---\n',
  },
  {
    name: 'fills an entry without fields',
    before: '---\nimages:\n  a.jpg:\n  b.jpg:\n    alt: B\n---\n',
    file: 'a.jpg',
    patch: { alt: 'A' },
    after: '---\nimages:\n  a.jpg:\n    alt: A\n  b.jpg:\n    alt: B\n---\n',
  },
  {
    name: 'keeps the file’s own indentation',
    before: '---\nimages:\n    a.jpg:\n        alt: A\n---\n',
    file: 'a.jpg',
    patch: { author: 'Rike' },
    after: '---\nimages:\n    a.jpg:\n        alt: A\n        author: Rike\n---\n',
  },
  {
    name: 'keeps CRLF line endings',
    before: '---\r\nimages:\r\n  a.jpg:\r\n    alt: A\r\n---\r\nText\r\n',
    file: 'a.jpg',
    patch: { author: 'Rike', alt: 'B' },
    after: '---\r\nimages:\r\n  a.jpg:\r\n    alt: B\r\n    author: Rike\r\n---\r\nText\r\n',
  },
  {
    name: 'rewrites only a flow entry as a block, keeping its unknown keys',
    before: '---\nimages:\n  a.jpg: {alt: A, id: 7}\n  b.jpg:   {alt: B}\n---\n',
    file: 'a.jpg',
    patch: { author: 'Rike' },
    after: '---\nimages:\n  a.jpg:\n    alt: A\n    id: 7\n    author: Rike\n  b.jpg:   {alt: B}\n---\n',
  },
  {
    name: 'writes a multi-line caption indented under its key',
    before: '---\nimages:\n  a.jpg:\n    alt: A\n---\n',
    file: 'a.jpg',
    patch: { caption: 'Zeile eins\nZeile zwei' },
    after: '---\nimages:\n  a.jpg:\n    alt: A\n    caption: |-\n      Zeile eins\n      Zeile zwei\n---\n',
  },
];

describe('setImageCredit', () => {
  it.each(rows)('$name', ({ before, file, patch, after }) => {
    const result = setImageCredit(before, file, patch);
    expect(result).toEqual({ ok: true, text: after });
    if (result.ok) {
      expect(parseFrontMatter(result.text).ok).toBe(true);
      expect(readImages(result.text).problems).toEqual([]);
    }
  });

  it('round-trips: what it writes reads back as the patch says', () => {
    const patch: CreditPatch = {
      alt: 'Zitat: „Hallo“ # kein Kommentar',
      title: "It's 'quoted'",
      author: '- Rike',
      source: '@pixelio',
      sourceUrl: 'https://www.pixelio.de/media/1?x=1&y=2',
      license: 'cc-by-sa-4.0',
      modified: true,
    };
    const result = setImageCredit(POST, 'wolke.png', patch);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const read = readImages(result.text);
    expect(read.images['wolke.png']).toEqual({ ...patch });
    expect(read.images['header.jpg']).toEqual(readImages(POST).images['header.jpg']);
    // The other entry's bytes are untouched.
    const headerBlock = POST.slice(POST.indexOf('  header.jpg:'), POST.indexOf('  # Wolken'));
    expect(result.text).toContain(headerBlock);
  });

  it.each([
    ['broken YAML', '---\nimages:\n  a.jpg:\n    alt: "offen\n---\nText', 'front-matter-invalid'],
    ['entry as text', '---\nimages:\n  a.jpg: Rike\n---\nText', 'image-entry-not-map'],
    ['images as a list', '---\nimages:\n  - a.jpg\n---\nText', 'images-not-map'],
  ])('refuses %s and leaves the text alone', (_name, text, code) => {
    const result = setImageCredit(text, 'a.jpg', { alt: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe(code);
  });
});

describe('removeImageCredit', () => {
  it('removes one entry and nothing else', () => {
    const result = removeImageCredit(POST, 'header.jpg');
    expect(result).toEqual({
      ok: true,
      text: POST.replace(
        '  header.jpg:\n    alt: "Ein Sonnenuntergang"\n    author: Rike   # Fotografin\n    license: pixelio\n    x-agentur-id: 4711\n',
        '',
      ),
    });
  });
  it('is a no-op for an image without entry', () => {
    expect(removeImageCredit(POST, 'fehlt.jpg')).toEqual({ ok: true, text: POST });
  });
});
