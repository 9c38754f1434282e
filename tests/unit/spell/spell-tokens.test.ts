import { describe, expect, it } from 'vitest';
import { spellTokens, type SpellToken } from '../../../electron/common/text/spell-tokens.js';

/** The words found, after checking that every token's offsets point at its word in the text. */
function words(text: string, options?: Parameters<typeof spellTokens>[1]): string[] {
  const tokens = spellTokens(text, options);
  for (const token of tokens) expect(text.slice(token.from, token.to).replace(/\u00AD/g, '')).toBe(token.word);
  return tokens.map((t: SpellToken) => t.word);
}

describe('spellTokens: which words of Markdown are prose', () => {
  const table: [name: string, text: string, expected: string[]][] = [
    ['plain sentence', 'Ich gehe heute los.', ['Ich', 'gehe', 'heute', 'los']],
    ['umlauts and ß', 'Überschrift über Straße', ['Überschrift', 'über', 'Straße']],
    ['heading, emphasis, list and quote markers', '# Titel\n\n- **fett** und _kursiv_\n> Zitat', ['Titel', 'fett', 'und', 'kursiv', 'Zitat']],
    ['German quotes and dashes', '„Hallo“, sagte sie – ‚leise‘ »so«.', ['Hallo', 'sagte', 'sie', 'leise', 'so']],
    ['hyphenated compound stays one word', 'Ein Markdown-Editor für E-Mail-Adressen', ['Ein', 'Markdown-Editor', 'für', 'E-Mail-Adressen']],
    ['truncated compounds keep their hyphen', 'Ein- und Ausgang, Haupteingang und -ausgang', ['Ein-', 'und', 'Ausgang', 'Haupteingang', 'und', '-ausgang']],
    ['inner apostrophe belongs to the word', 'So geht’s, sagt’s Hans’ Freund', ['So', 'geht’s', 'sagt’s', 'Hans', 'Freund']],
    ['inline code is skipped', 'Nimm `fetchh()` oder ``a ` b`` jetzt', ['Nimm', 'oder', 'jetzt']],
    ['unclosed backtick is literal', 'Ein ` einzelnes Zeichen', ['Ein', 'einzelnes', 'Zeichen']],
    ['fenced code is skipped', 'Vorher\n\n```js\nconst fehlerr = 1;\n```\n\nNachher', ['Vorher', 'Nachher']],
    ['tilde fence with longer closer', '~~~\nkein Text\n~~~~\nDanach', ['Danach']],
    ['unclosed fence runs to the end', 'Text\n```\nkein Text mehr', ['Text']],
    ['indented code after a blank line is skipped', 'Absatz\n\n    code zeile\n\nWeiter', ['Absatz', 'Weiter']],
    ['indented list continuation is prose', '- Punkt\n\n    mit Fortsetzung', ['Punkt', 'mit', 'Fortsetzung']],
    ['link text is prose, destination is not', 'Siehe [die Seite](https://exmple.com/seitee "Titell") hier', ['Siehe', 'die', 'Seite', 'hier']],
    ['image alt is prose, path is not', '![Ein Fahrrad](bilder/fahrad-foto.jpg)', ['Ein', 'Fahrrad']],
    ['reference link label and definition', 'Ein [Link][verweiss] da\n\n[verweiss]: https://x.de', ['Ein', 'Link', 'da']],
    ['footnote reference', 'Satz[^anmerkungg] weiter', ['Satz', 'weiter']],
    ['bare URLs and www', 'Auf https://beispiel.de/pfadd?a=b und www.kladde.de/hilfee lesen', ['Auf', 'und', 'lesen']],
    ['autolinks', 'Link <https://x.de/abcdef> und <max@beispiel.de>', ['Link', 'und']],
    ['e-mail addresses', 'Schreib an erika.musterfrau@beispiel.de bitte', ['Schreib', 'an', 'bitte']],
    ['HTML tags skipped, their text kept', '<span class="hinweiss">Text im Span</span><br/>', ['Text', 'im', 'Span']],
    ['HTML comment on one line', 'Vor <!-- kommentarr --> nach', ['Vor', 'nach']],
    ['HTML comment over lines', 'Vor <!-- kommentarr\nnoch mehr -->nach', ['Vor', 'nach']],
    ['script and pre blocks', '<pre>\nvorformatiert textt\n</pre>\n<script>\nlet x;\n</script>\nEnde', ['Ende']],
    ['entities', 'A&nbsp;Wort &amp; &#8211; Ende', ['Wort', 'Ende']],
    ['WordPress shortcodes', '[caption id="a1" width="300"]Bild: Rike[/caption]', ['Bild', 'Rike']],
    ['numbers and words with digits', 'Am 3. Mai 2024 um 10:30 in 3D mit MP3 und A4-Blatt', ['Am', 'Mai', 'um', 'in', 'mit', 'und']],
    ['all-caps abbreviations and single letters', 'Die DSGVO gilt z. B. für HTML, d. h. immer', ['Die', 'gilt', 'für', 'immer']],
    ['file names, domains and paths', 'Öffne bild.jpg, Node.js, kladde.de, ./pfad, /etc/hosts und C:\\Daten', ['Öffne', 'und']],
    ['slashes in prose are fine once', 'Schüler/innen und/oder', ['Schüler', 'innen', 'und', 'oder']],
    ['identifiers, handles and hashtags', 'Die snake_case Variable, @kladde und #blog sowie a=b', ['Die', 'Variable', 'und', 'sowie']],
    ['table cells', '| Name | Wert |\n|------|------|\n| Rad | blau |', ['Name', 'Wert', 'Rad', 'blau']],
    ['soft hyphen is removed from the word', 'Silben\u00ADtrennung', ['Silbentrennung']],
    ['a very long chunk is data', `Daten ${'a'.repeat(300)} Ende`, ['Daten', 'Ende']],
  ];

  it.each(table)('%s', (_name, text, expected) => {
    expect(words(text)).toEqual(expected);
  });
});

describe('spellTokens: front matter', () => {
  const post = [
    '---',
    'title: Mein Fahrradweg im Regen',
    'slug: mein-fahrradweg',
    'date: 2024-01-03',
    'lang: de',
    'status: draft',
    'layout: beitragg',
    'tags:',
    '  - Fahrrad',
    '  - Stadtplanung',
    'categories: [Reisen, Alltag]',
    'image:',
    '  src: bilder/regen.jpg',
    '  alt: Nasser Radweg',
    'excerpt: >',
    '  Ein kurzer',
    '  Anreißer',
    'autor: Erika Musterfrau',
    '---',
    'Der Text beginnt.',
  ].join('\n');

  it('checks values of prose keys, never keys or other values', () => {
    expect(words(post)).toEqual([
      'Mein', 'Fahrradweg', 'im', 'Regen',
      'Fahrrad', 'Stadtplanung',
      'Reisen', 'Alltag',
      'Nasser', 'Radweg',
      'Ein', 'kurzer', 'Anreißer',
      'Der', 'Text', 'beginnt',
    ]);
  });

  it('treats the block as ordinary text when front matter is turned off (a fragment of a document)', () => {
    expect(words('title: Hallo Welt', { frontMatter: false })).toEqual(['title', 'Hallo', 'Welt']);
  });

  it('handles CRLF line endings', () => {
    expect(words('---\r\ntitle: Guten Tag\r\nslug: x\r\n---\r\nText hier\r\n')).toEqual(['Guten', 'Tag', 'Text', 'hier']);
  });

  it('leaves an unclosed front matter to the body rules', () => {
    expect(words('---\ntitle: Offen')).toEqual(['title', 'Offen']);
  });
});

describe('spellTokens: ranges', () => {
  const text = 'Erste Zeile hier\nZweite Zeile dort\nDritte Zeile da';

  it('returns only words touching the ranges, seen whole even if a range cuts them', () => {
    const from = text.indexOf('weite');
    expect(words(text, { ranges: [{ from, to: from + 2 }] })).toEqual(['Zweite']);
  });

  it('treats an empty range as a cursor position', () => {
    const at = text.indexOf('dort') + 4;
    expect(words(text, { ranges: [{ from: at, to: at }] })).toEqual(['dort']);
  });

  it('merges overlapping ranges and keeps document order', () => {
    const second = text.indexOf('Dritte');
    expect(words(text, { ranges: [{ from: second, to: text.length }, { from: 0, to: 5 }, { from: 2, to: 4 }] })).toEqual([
      'Erste', 'Dritte', 'Zeile', 'da',
    ]);
  });

  it('still knows a range lies inside a code block opened before it', () => {
    const doc = 'Text\n```\ncodee zeile\n```\nEnde';
    const at = doc.indexOf('codee');
    expect(words(doc, { ranges: [{ from: at, to: at + 5 }] })).toEqual([]);
  });

  it('clamps ranges beyond the text', () => {
    expect(words('kurz', { ranges: [{ from: 2, to: 999 }] })).toEqual(['kurz']);
  });
});

describe('spellTokens: cost', () => {
  // Runaway (quadratic, backtracking) scans would take minutes: the timeouts catch them; speed is in the bench.
  it('scans a 2 MB document', { timeout: 20_000 }, () => {
    const paragraph = 'Ein ganz normaler Absatz mit `code`, einem [Link](https://x.de) und Wörtern.\n\n';
    const text = paragraph.repeat(Math.ceil(2_000_000 / paragraph.length));
    const tokens = spellTokens(text);
    expect(tokens.length).toBeGreaterThan(100_000);
  });

  it('ends on pathological input', { timeout: 20_000 }, () => {
    const text = `${'<'.repeat(200_000)} ${'a@'.repeat(100_000)} ${'`'.repeat(50_000)}`;
    expect(Array.isArray(spellTokens(text))).toBe(true);
  });
});
