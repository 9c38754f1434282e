import { describe, expect, it } from 'vitest';
import { findBodyImages } from '../../../electron/common/markdown/image-refs.js';

const PIECES = [
  '![Sonnenuntergang](sonne.jpg)', 'Text mit ![klein](a.png) darin und ![zwei](b.png).', '- Punkt ![p](liste.png)\n- zwei',
  '```\n![kein Bild](code.png)\n```', '> Zitat ![z](zitat.png)', '| A | B |\n| --- | --- |\n| ![t](tab.png) | x |',
  'Ein ganz normaler Absatz ohne Bild.', '## Überschrift', '    ![eingerückt](code2.png)', '<!-- ![k](kommentar.png) -->',
  '`![inline](inline.png)`', '![](leer.jpg "Titel")', '', '1. eins\n\n   ![unter](liste2.png)',
];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('findBodyImages block by block', () => {
  it('finds in a long post what lexing the whole body finds', () => {
    const next = random(3);
    for (let round = 0; round < 30; round++) {
      const body = Array.from({ length: 60 }, () => PIECES[Math.floor(next() * PIECES.length)]).join('\n\n');
      const text = `---\ntitle: T\nimage: sonne.jpg\n---\n\n${body}\n`;
      expect(findBodyImages(text, { blockwiseAbove: 0 }), `round ${round}`).toEqual(findBodyImages(text, { blockwiseAbove: Infinity }));
    }
  });

  it('finds no image in a body without „![“ and does not lex it', () => {
    expect(findBodyImages(`---\ntitle: T\n---\n\n${'Kein Bild hier. '.repeat(100_000)}`)).toEqual([]);
  });
});
