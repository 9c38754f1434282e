import { describe, expect, it } from 'vitest';
import { countText } from '../../../electron/common/text/counts.js';
import { quickWordCount } from '../../../electron/main/posts/quick-words.js';
import { germanMarkdown } from '../../bench/corpus.js';

// The list's quick count must agree with the editor's exact count on ordinary posts.
describe('quickWordCount', () => {
  it.each([
    ['prose', 'Die Sonne schien über den Dächern von Köln.'],
    ['joined words', "Rock'n'Roll, E-Mail, z.B. und Jahr 2024."],
    ['markup', '## Überschrift\n\n**Fett** und *kursiv* und ~~weg~~.'],
    ['a link and an image', 'Ein [Link hier](https://example.org/a-b) und ![Alt](foto.jpg) Ende.'],
    ['inline code', 'Text mit `code hier` darin.'],
    ['fenced code', 'Vorher.\n\n```js\nconst gruss = "Hallo Welt";\n```\n\nNachher.'],
    ['a bare URL', 'Siehe https://example.org/seite?x=1 dazu.'],
    ['an HTML tag', 'Ein <span class="x">Wort</span> hier.'],
    ['a list and a quote', '- eins zwei\n- drei\n\n> vier fünf'],
    ['a table', '| Spalte | Wert |\n| --- | --- |\n| Äpfel | 3 |'],
    ['generated German posts', germanMarkdown(20_000)],
  ])('counts %s like the exact count', (_label, body) => {
    expect(quickWordCount(body)).toBe(countText(body, { hasFrontMatter: false }).words);
  });
});
