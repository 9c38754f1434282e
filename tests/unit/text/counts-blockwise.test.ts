import { describe, expect, it } from 'vitest';
import { countText } from '../../../electron/common/text/counts.js';

const PIECES = [
  'Ein Absatz mit **fett** und _kursiv_ und einem [Link](https://example.org) darin.', '- Punkt eins\n- Punkt `zwei`',
  '  eingerückt unter der Liste', '> Zitat mit „Anführungszeichen“', '```js\nconst a = 1;\n\nconst b = 2;\n```',
  '## Überschrift ##', '    Code im Block', '1. Eins\n2. Zwei', 'Text mit <span class="x">Tag</span> und <br> Umbruch.',
  '| Spalte | Wert |\n| --- | --- |\n| Äpfel | 3 |', 'Eine URL https://example.com/pfad?x=1 im Satz.', '![Bild](bild.png)',
  'Fußnote[^1] im Text.', '[^1]: Die Fußnote.', '***', 'Setext\n======', 'Emoji 👍🏽 und e\u0301 kombiniert.', '',
  'Ein ~~durchgestrichener~~ Satz.\\* mit Escape.',
  // A quote marker or a lone `>`/`]` opens nothing: such blocks are counted block by block too.
  '> Zitat\n> zweite Zeile > mit Pfeil', 'a > b und c ] d',
];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('countText block by block', () => {
  it('counts a long post as the whole-text count does', () => {
    const next = random(9);
    for (let round = 0; round < 40; round++) {
      const body = Array.from({ length: 80 }, () => PIECES[Math.floor(next() * PIECES.length)]).join(next() < 0.5 ? '\n\n' : '\n\n\n');
      const text = `---\ntitle: T\n---\n\n${body}\n`;
      expect(countText(text, { blockwiseAbove: 0 }), `round ${round}`).toEqual(countText(text, { blockwiseAbove: Infinity }));
    }
  });

  it('counts a link or tag reaching over a blank line as the whole-text count does', () => {
    const long = 'Ein ganz normaler Satz mit Wörtern. '.repeat(3000);
    for (const odd of ['Ein [offener Link\n\nüber zwei Absätze](x).', 'Ein <span\n\nclass="x">Tag</span>.', '<!-- Kommentar\n\nüber Absätze -->']) {
      const text = `---\ntitle: T\n---\n\n${long}\n\n${odd}\n\n${long}\n`;
      expect(countText(text, { blockwiseAbove: 0 })).toEqual(countText(text, { blockwiseAbove: Infinity }));
    }
  });
});
