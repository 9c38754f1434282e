import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phpStripTags, slugify } from '../../electron/common/text/slug.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';

/**
 * Titles a German blogger might write, chosen to hit every rule of WordPress's slug making: umlauts and ß,
 * capitals, punctuation, dashes, the many quotation marks, numbers, foreign letters, entities, HTML, invisible
 * characters, emoji and the 200-character cap.
 */
const TITLES: readonly string[] = [
  'Über Größe & Maß',
  'Die Straße der Ölmühle',
  'ÄRGER IM ÖFFENTLICHEN ÜBERGANGSBEREICH',
  'Grüße aus Köln – ein Reisebericht',
  'Fußball — Spiel des Jahres',
  '„Gänsefüßchen“ richtig setzen',
  '‚Halbe‘ Anführungszeichen im Text',
  '»Französische« Anführungszeichen für Bücher',
  '«Schweizer» Guillemets aus Zürich',
  'Was kostet 1 € im Jahr 2025?',
  '10 Tipps für bessere Fotos',
  'Café, Crème brûlée und Soufflé',
  'Señor Núñez aus Málaga',
  'Smørrebrød in København',
  'Łódź und Wrocław: Polens Städte',
  'Dvořák, Škoda und Čapek',
  'Emoji-Test 😀 mit Smiley',
  'Herz ❤️ und Daumen 👍🏽',
  'Familie 👨‍👩‍👧 im Urlaub',
  'Tom & Jerry &amp; Co.',
  '<b>Fett</b> und <em>kursiv</em> im Titel',
  'Rechnen mit a < b und c > d',
  'Preis: 5 × 3 = 15',
  'Temperatur 25 °C im Schatten',
  'Kladde™ und Co® ©2025',
  'Warten auf Godot …',
  'Punkt.Punkt.Komma.Strich',
  'Pfad/zur/Datei und zurück',
  'snake_case_bleibt_erhalten',
  'Prozent: 50 % Rabatt und 100%ig sicher',
  'URL-Kodierung %C3%A4 im Titel',
  'Frage? Antwort! Ausruf!!!',
  'Doppelpunkt: Semikolon; Komma,',
  'Q&A: Was; wie und warum',
  'Geschützte\u00a0Leerzeichen\u00a0überall',
  'Weiche\u00adTrenn\u00adstriche',
  'Null\u200bBreite im Wort',
  'Schmales\u202fLeerzeichen vor Einheiten',
  'Tab\tund\nZeilenumbruch',
  'Mehrfache   Leerzeichen   hier',
  '  Leerzeichen am Rand  ',
  '---Striche---am---Rand---',
  'Zahlen 1.000,50 Euro',
  'ẞ ist das große Eszett',
  'Ελληνικά ΟΔΟΣ',
  'Привет из Москвы',
  'İstanbul und Ankara',
  'Æsop, Œuvre und Straße',
  'Ångström und Øre',
  'Hashtag #Bloggen @Kladde',
  'Klammern (rund) [eckig] {geschweift}',
  'Sternchen* und Plus+ und Gleich=',
  'Anführung "gerade" und \'einfach\'',
  'Apostroph’s und Peter’s Blog',
  '½ Liter Milch und ¾ Mehl',
  'Mu\u0308ller schreibt zerlegte Umlaute',
  'E-Mail an info@example.org',
  'Kommentar <!-- versteckt --> sichtbar',
  '¿Qué? ¡Olé!',
  '2025: Jahresrückblick',
  'Überschrift mit <a href="https://example.org">Link</a>',
  'Mathe: x² + y³',
  'Bullet • Punkte',
  'Fünf Sterne ★★★★★',
  'Kaffee ☕ & Kuchen 🍰',
  'Ein sehr langer Titel über die Geschichte der deutschen Rechtschreibung, ihre Reformen von 1901, 1996 und 2006, die Rolle des Dudens, der Schulen und der Zeitungen, und warum „daß“ heute „dass“ geschrieben wird',
  'Überlänge mit Umlauten: Ärger, Öl, Übel, Äpfel, Öfen, Übungen, Ähren, Ösen, Überfälle, Änderungen, Öffnungen, Überraschungen, Ängste, Ökonomie, Übergänge, Ärzte, Österreich, Überblick, Äther, Ölfarben, Übersicht',
  'Emoji am Ende eines langen Titels, der fast genau zweihundert Zeichen lang ist, damit die Kürzung mitten in einem Zeichen landen würde, wenn WordPress nicht aufpasste, und dann kommt noch 😀😀😀',
];

/** Every character of the blocks a German text may plausibly contain, for a direct sanitize_title() comparison. */
function characterSample(): string[] {
  const ranges: readonly [number, number][] = [
    [0x20, 0x7e], // ASCII
    [0xa0, 0x24f], // Latin-1 Supplement, Latin Extended-A and -B
    [0x300, 0x36f], // combining diacritical marks
    [0x370, 0x45f], // Greek, Cyrillic
    [0x1e00, 0x1eff], // Latin Extended Additional (ẞ, Vietnamese)
    [0x2000, 0x206f], // general punctuation: spaces, dashes, quotes, invisible characters
    [0x20a0, 0x20bf], // currency signs
    [0x2100, 0x218f], // letterlike symbols, number forms
    [0x2600, 0x26ff], // miscellaneous symbols
    [0x1f300, 0x1f64f], // emoji
  ];
  const characters: string[] = [];
  for (const [from, to] of ranges) for (let cp = from; cp <= to; cp++) characters.push(String.fromCodePoint(cp));
  return characters;
}

/** A reproducible stream of numbers in [0, 1) (a linear congruential generator), so failures can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

/** Random titles built from the pieces that interact in WordPress's slug rules (tags, entities, octets, quotes). */
function tortureTitles(count: number): string[] {
  const pieces = [
    '<', '>', '!', '?', '-', '"', "'", '\\', '(', ')', ' ', '\t', '\n', '\r', '%', '&', ';', '.', '/', '_', '#',
    'a', 'x', 'm', 'l', 'X', 'M', 'e', '1', 'ä', 'Ö', 'ß', 'é', 'Ł', '😀', '–', '—', '„', '“', '\u00a0', '\u200b',
    '\u2009', '×', '…', '½', 'İ', 'Σ', 'ẞ', 'u\u0308', '%c3', '%C3%A4', '&amp;', '&nbsp;', '&#8211;', '<b>', '</b>',
    '<!--', '-->', '<?', '?>', '<!DOCTYPE', '<?xml', '™', '°', '€', '£',
  ];
  const random = seededRandom(20_130_103);
  const pick = (): string => pieces[Math.floor(random() * pieces.length)] ?? '';
  const titles: string[] = [];
  for (let n = 0; n < count; n++) {
    const length = n % 50 === 0 ? 150 + Math.floor(random() * 120) : 1 + Math.floor(random() * 14);
    titles.push(Array.from({ length }, pick).join(''));
  }
  return titles;
}

/** Short random strings over the characters PHP's strip_tags() state machine reacts to. */
function tagSoup(count: number): string[] {
  const pieces = [
    '<', '>', '!', '?', '-', '"', "'", '\\', '(', ')', 'a', ' ', 'x', 'm', 'l', 'X', 'M', 'L', 'd', 'o', 'c', 't', 'y',
    'p', 'e', 'E', 'P', '\n', '\t', '\r', '\v', '\f', '\0', 'ä', '<?xml', '<!DOCTYPE', '<!--', '-->', '?>',
  ];
  const random = seededRandom(1_901);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)] ?? '').join(''),
  );
}

describe('slugify() against the real WordPress 6.1 (de_DE)', () => {
  let wordpress: WordPressServer;

  beforeAll(async () => {
    wordpress = await startWordPress();
  });

  afterAll(async () => {
    await wordpress?.stop();
  });

  it('predicts the slug WordPress gives each published post created with only a title', async () => {
    // Distinct slugs, so WordPress never needs a "-2" suffix (each server has a fresh database besides "hallo-welt").
    const predicted = TITLES.map((title) => slugify(title));
    expect(new Set(predicted).size).toBe(TITLES.length);
    expect(predicted).not.toContain('hallo-welt');

    const created: { title: string; slug: string }[] = [];
    for (const title of TITLES) {
      const response = await fetch(`${wordpress.restRoot}wp/v2/posts`, {
        method: 'POST',
        headers: { Authorization: wordpress.authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title, status: 'publish' }),
      });
      const body = (await response.json()) as { slug?: string; title?: { raw?: string }; code?: string };
      expect(response.status, `${title}: ${JSON.stringify(body)}`).toBe(201);
      created.push({ title, slug: body.slug ?? '' });
    }

    expect(created.length).toBeGreaterThanOrEqual(50);
    expect(created.map(({ title }) => ({ title, slug: slugify(title) }))).toEqual(created);
  });

  it('runs in the German locale and Berlin time zone that the comparison assumes', async () => {
    const settings = JSON.parse(
      await wordpress.runPhp("echo json_encode(array(get_locale(), get_option('timezone_string'), get_option('permalink_structure')));"),
    ) as unknown;
    expect(settings).toEqual(['de_DE', 'Europe/Berlin', '/%postname%/']);
  });

  it('agrees with sanitize_title() on every character of the common Unicode blocks, alone and inside words', async () => {
    const inputs = characterSample().flatMap((c) => [c, `Ab${c}cd`, `Größe ${c} Maß`]);
    const fromWordPress = JSON.parse(
      await wordpress.runPhp('echo json_encode(array_map("sanitize_title", $kladde_input));', inputs),
    ) as string[];
    expect(fromWordPress).toHaveLength(inputs.length);
    const differences = inputs
      .map((input, i) => ({ input, wordpress: fromWordPress[i], kladde: slugify(input) }))
      .filter((row) => row.wordpress !== row.kladde);
    expect(differences).toEqual([]);
  });

  it('strips tags exactly like PHP\'s strip_tags() on 100,000 random fragments', async () => {
    const inputs = tagSoup(100_000);
    const fromPhp = JSON.parse(await wordpress.runPhp('echo json_encode(array_map("strip_tags", $kladde_input));', inputs)) as string[];
    expect(fromPhp).toHaveLength(inputs.length);
    const differences = inputs
      .map((input, i) => ({ input, php: fromPhp[i], kladde: phpStripTags(input) }))
      .filter((row) => row.php !== row.kladde)
      .slice(0, 20);
    expect(differences).toEqual([]);
  });

  it('agrees with sanitize_title() on 20,000 random titles made of tags, entities, octets and quotes', async () => {
    const inputs = tortureTitles(20_000);
    const fromWordPress = JSON.parse(
      await wordpress.runPhp('echo json_encode(array_map("sanitize_title", $kladde_input));', inputs),
    ) as string[];
    expect(fromWordPress).toHaveLength(inputs.length);
    const differences = inputs
      .map((input, i) => ({ input, wordpress: fromWordPress[i], kladde: slugify(input) }))
      .filter((row) => row.wordpress !== row.kladde)
      .slice(0, 20);
    expect(differences).toEqual([]);
  });
});
