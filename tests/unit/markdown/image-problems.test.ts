import { describe, expect, it } from 'vitest';
import { countImagesLackingCredit, postProblems } from '../../../electron/common/markdown/image-problems.js';
import { findImageReferences, imageKey, isLocalImage } from '../../../electron/common/markdown/image-refs.js';

const POST = `---
title: Probleme
image: header.jpg
images:
  header.jpg:
    alt: Kopfbild
    author: Rike
    license: pixelio
  wolke.jpg:
    alt: Wolke
    title: Wolke
    license: cc-by-4.0
  ok.jpg:
    license: own
---

![](wolke.jpg)

Text mit ![](ok.jpg) inline.

![Gut](ok.jpg)

\`\`\`
![](im-code.jpg)
\`\`\`

![Fehlt](weg.jpg)

![](https://example.org/remote.jpg)
`;

const FILES = ['header.jpg', 'wolke.jpg', 'ok.jpg'];

describe('postProblems', () => {
  it('finds every problem with its line', () => {
    const problems = postProblems(POST, FILES);
    expect(problems.map((p) => [p.code, p.file, p.line, p.missing])).toEqual([
      ['credit-incomplete', 'header.jpg', 3, ['source']],
      ['credit-incomplete', 'wolke.jpg', 17, ['author', 'sourceUrl']],
      ['alt-missing', 'ok.jpg', 19, ['alt']],
      ['file-missing', 'weg.jpg', 27, []],
      ['credit-missing', 'weg.jpg', 27, ['license']],
      ['alt-missing', 'https://example.org/remote.jpg', 29, ['alt']],
      ['credit-missing', 'https://example.org/remote.jpg', 29, ['license']],
    ]);
    const lines = POST.split('\n');
    for (const p of problems) {
      // from/to point at the reference itself, for an editor diagnostic.
      const at = POST.slice(p.from, p.to);
      expect(lines[p.line - 1]).toContain(at);
      expect(at.length).toBeGreaterThan(0);
    }
  });

  it('words each problem in German and English', () => {
    const [first] = postProblems(POST, FILES);
    expect(first?.message).toEqual({
      de: 'Bildnachweis von „header.jpg“ unvollständig: Quelle fehlt.',
      en: 'Credit of “header.jpg” is incomplete: source missing.',
    });
    const missing = postProblems(POST, FILES).find((p) => p.code === 'file-missing');
    expect(missing?.message.de).toBe('Die Bilddatei „weg.jpg“ fehlt im Beitragsordner.');
  });

  it('is empty for a post whose images are all credited', () => {
    const text = '---\nimages:\n  a b.jpg:\n    alt: A\n    license: own\n---\n\n![](a%20b.jpg)\n';
    expect(postProblems(text, ['a b.jpg'])).toEqual([]);
    expect(postProblems('Nur Text ohne Bilder', [])).toEqual([]);
  });

  it('reports a malformed entry without losing the others', () => {
    const text = '---\nimages:\n  a.jpg: Rike\n  b.jpg:\n    alt: B\n    license: own\n---\n\n![](a.jpg)\n\n![](b.jpg)\n';
    const problems = postProblems(text, ['a.jpg', 'b.jpg']);
    expect(problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['image-entry-not-map', 'a.jpg', 3],
      ['alt-missing', 'a.jpg', 9],
      ['credit-missing', 'a.jpg', 9],
    ]);
    expect(problems[0]?.message.de).toContain('„a.jpg“');
  });

  it('reports broken front matter once and no credit noise', () => {
    const text = '---\ntitle: "offen\n---\n\n![](a.jpg)\n';
    const problems = postProblems(text, []);
    expect(problems.map((p) => p.code)).toEqual(['front-matter-invalid', 'file-missing']);
  });

  it('counts images, not references, for the status bar', () => {
    expect(countImagesLackingCredit(postProblems(POST, FILES))).toBe(5);
  });

  it('keeps positions right in a CRLF file', () => {
    const text = '---\r\ntitle: x\r\n---\r\n\r\nEins\r\n\r\n![](a.jpg)\r\n';
    const [p] = postProblems(text, ['a.jpg']);
    expect(p?.line).toBe(7);
    expect(text.slice(p?.from, p?.to)).toBe('![](a.jpg)');
  });
});

describe('image references', () => {
  it.each([
    ['foto.jpg', 'foto.jpg', true],
    ['./foto.jpg', 'foto.jpg', true],
    ['bilder/foto%20eins.jpg', 'bilder/foto eins.jpg', true],
    ['foto%zz.jpg', 'foto%zz.jpg', true],
    ['https://example.org/a.jpg', 'https://example.org/a.jpg', false],
    ['data:image/png;base64,AAAA', 'data:image/png;base64,AAAA', false],
    ['/abs/a.jpg', '/abs/a.jpg', false],
  ])('%s has key %s (local: %s)', (href, key, local) => {
    expect(imageKey(href)).toBe(key);
    expect(isLocalImage(href)).toBe(local);
  });

  it('finds images in lists, tables, links and reference style, skipping code', () => {
    const text = [
      '- Punkt ![l](list.jpg)',
      '',
      '| a | b |',
      '|---|---|',
      '| ![t](table.jpg) | x |',
      '',
      '[![k](linked.jpg)](https://example.org)',
      '',
      'Code: `![c](span.jpg)`',
      '',
      '![r][ref]',
      '',
      '[ref]: ref.jpg',
    ].join('\n');
    const refs = findImageReferences(text);
    expect(refs.map((r) => [r.key, r.line, r.standalone])).toEqual([
      ['list.jpg', 1, false],
      ['table.jpg', 5, false],
      ['linked.jpg', 7, false],
      ['ref.jpg', 11, true],
    ]);
  });
});
