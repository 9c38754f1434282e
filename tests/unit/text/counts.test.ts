import { describe, expect, it } from 'vitest';
import { countSelection, countText, countWords, proseOf, type TextCounts } from '../../../electron/common/text/counts.js';

type Expected = Pick<TextCounts, 'words' | 'characters' | 'charactersNoSpaces'>;

const rows: [string, string, Expected][] = [
  ['a plain sentence', 'Das ist ein Test.', { words: 4, characters: 17, charactersNoSpaces: 14 }],
  ['empty text', '', { words: 0, characters: 0, charactersNoSpaces: 0 }],
  ['only white space', ' \n\t\n ', { words: 0, characters: 0, charactersNoSpaces: 0 }],
  ['front matter is not counted', '---\ntitle: Hallo Welt\ntags: [a, b]\n---\n\nZwei Wörter', { words: 2, characters: 11, charactersNoSpaces: 10 }],
  ['only front matter', '---\ntitle: Hallo Welt\n---\n', { words: 0, characters: 0, charactersNoSpaces: 0 }],
  ['fenced code is not counted', 'Vorher\n\n```js\nconst a = "b";\n```\n\nNachher', { words: 2, characters: 14, charactersNoSpaces: 13 }],
  ['an unclosed fence runs to the end', 'Text\n\n```\ncode code', { words: 1, characters: 4, charactersNoSpaces: 4 }],
  ['tilde fence closed by a longer one', 'A\n\n~~~~\nx y\n~~~~~\n\nB', { words: 2, characters: 3, charactersNoSpaces: 2 }],
  ['a fence inside a list item', '- Punkt\n\n  ```\n  code\n  ```\n- Zwei', { words: 2, characters: 10, charactersNoSpaces: 9 }],
  ['indented code is not counted', 'Absatz\n\n    code line\n\nEnde', { words: 2, characters: 11, charactersNoSpaces: 10 }],
  ['indented list continuation is prose', '- eins\n\n    zwei drei', { words: 3, characters: 14, charactersNoSpaces: 12 }],
  ['inline code is not counted', 'Nimm `npm install` jetzt', { words: 2, characters: 10, charactersNoSpaces: 9 }],
  ['code with double backticks', 'a ``x ` y`` b', { words: 2, characters: 3, charactersNoSpaces: 2 }],
  ['bare URLs are not counted', 'Siehe https://example.com/pfad?x=1 und www.beispiel.de.', { words: 2, characters: 11, charactersNoSpaces: 9 }],
  ['link text counts, destination and title not', 'Lies [den Artikel](https://x.de "Titel") heute', { words: 4, characters: 22, charactersNoSpaces: 19 }],
  ['a URL as link text is a URL', 'Auf [https://x.de](https://x.de) lesen', { words: 2, characters: 9, charactersNoSpaces: 8 }],
  ['reference links and definitions', 'Ein [Link][ref] hier.\n\n[ref]: https://x.de', { words: 3, characters: 14, charactersNoSpaces: 12 }],
  ['autolinks are not counted', 'Mail <info@x.de> oder <https://x.de>', { words: 2, characters: 9, charactersNoSpaces: 8 }],
  ['images are not counted', 'Bild ![Ein Foto](bild.jpg "Titel") hier', { words: 2, characters: 9, charactersNoSpaces: 8 }],
  ['HTML tags and comments', 'Ein <em>kurzer</em> Text<!-- Notiz\nmehr --> Ende<br>neu', { words: 5, characters: 24, charactersNoSpaces: 20 }],
  [
    'heading, quote, emphasis and list markup',
    '## Überschrift ##\n\n> Zitat mit **fett** und _kursiv_\n\n- [x] erledigt\n1. eins',
    { words: 8, characters: 51, charactersNoSpaces: 44 },
  ],
  ['nested block quotes', '> > tief', { words: 1, characters: 4, charactersNoSpaces: 4 }],
  ['compounds, apostrophes, numbers, abbreviations', 'E-Mail-Adresse, geht’s, 1.000 Euro, z.B. so', { words: 6, characters: 43, charactersNoSpaces: 38 }],
  ['tables', '| Name | Wert |\n|------|-----:|\n| a | 1 |', { words: 4, characters: 13, charactersNoSpaces: 10 }],
  ['rules and setext underlines', 'Titel\n=====\n\nText\n\n---\n\nMehr', { words: 3, characters: 15, charactersNoSpaces: 13 }],
  ['escaped markup stays', 'Ein \\*Stern\\* und \\\\', { words: 3, characters: 17, charactersNoSpaces: 14 }],
  ['footnotes', 'Satz[^1] hier.\n\n[^1]: Fußnote', { words: 3, characters: 18, charactersNoSpaces: 16 }],
  ['emoji and decomposed umlauts are one character each', 'Hallo 👋🏽 Mu\u0308ller', { words: 2, characters: 14, charactersNoSpaces: 12 }],
];

describe('countText', () => {
  for (const [name, text, expected] of rows) {
    it(name, () => {
      const { words, characters, charactersNoSpaces } = countText(text);
      expect({ words, characters, charactersNoSpaces }).toEqual(expected);
    });
  }

  const minutes: [number, number][] = [
    [0, 0],
    [1, 1],
    [220, 1],
    [329, 1],
    [330, 2],
    [660, 3],
    [2200, 10],
  ];
  for (const [words, expected] of minutes) {
    it(`reads ${words} words in ${expected} min`, () => {
      const text = Array.from({ length: words }, (_, i) => `wort${i}`).join(' ');
      expect(countText(text).words).toBe(words);
      expect(countText(text).readingMinutes).toBe(expected);
    });
  }

  it('reads a bare snippet without front matter when asked', () => {
    expect(countText('---\ntitle: x\n---\n\nText').words).toBe(1);
    expect(countText('title: x\n\nText', { hasFrontMatter: false }).words).toBe(3);
  });

  it('does not mix up texts counted one after the other', () => {
    expect(countText('eins zwei').words).toBe(2);
    expect(countText('eins zwei drei').words).toBe(3);
    expect(countText('eins zwei').words).toBe(2);
  });

  // Speed is measured in `npm run bench`; the timeout only catches a runaway (quadratic) count.
  it('counts a 10,000-word post', { timeout: 20_000 }, () => {
    const paragraph = 'Ein **kurzer** Satz mit [Link](https://x.de) und `code` und „Zitat“ – über Datenschutz. ';
    const text = '---\ntitle: Lang\n---\n\n' + Array.from({ length: 1000 }, () => paragraph).join('\n\n');
    const counts = countText(text);
    // Ten words a paragraph: the code span and the URL do not count.
    expect(counts.words).toBe(10_000);
  });
});

describe('countSelection', () => {
  const post = '---\ntitle: Drei Wörter hier\n---\n\nNimm `npm install` jetzt.\n\n```\ncode im Block\n```\n\nLetzter Satz.';

  it('counts the selected prose', () => {
    const from = post.indexOf('Letzter');
    expect(countSelection(post, from, post.length)).toMatchObject({ words: 2, characters: 13, charactersNoSpaces: 12 });
  });

  it('ignores the front matter part of a selection', () => {
    expect(countSelection(post, 5, post.indexOf('jetzt')).words).toBe(1);
  });

  it('knows a selection inside code is code', () => {
    const inSpan = post.indexOf('npm');
    expect(countSelection(post, inSpan, inSpan + 3).words).toBe(0);
    const inBlock = post.indexOf('im Block');
    expect(countSelection(post, inBlock, inBlock + 8).words).toBe(0);
  });

  it('accepts a backward or oversized range', () => {
    expect(countSelection(post, post.length + 10, post.indexOf('Letzter')).words).toBe(2);
    expect(countSelection(post, 0, 0).words).toBe(0);
  });
});

describe('proseOf and countWords', () => {
  it('gives the visible text', () => {
    expect(proseOf('Ein **fetter** [Link](https://x.de).').trim()).toBe('Ein fetter Link.');
  });

  it('counts words in prose', () => {
    expect(countWords('Das ist’s – 3 Wörter?')).toBe(4);
  });
});
