import { describe, expect, it } from 'vitest';
import { phpStripTags, removeAccents, slugFollowsTitle, slugify } from '../../../electron/common/text/slug.js';

/**
 * Slugs the real WordPress 6.1.9 (de_DE) generated for posts published with only a title, collected through its
 * REST API on the test server (tests/integration/wordpress-slugs.test.ts checks the same rules live).
 */
const WORDPRESS_SLUGS: readonly (readonly [string, string])[] = [
  ['Über Größe & Maß', 'ueber-groesse-mass'],
  ['Die Straße der Ölmühle', 'die-strasse-der-oelmuehle'],
  ['ÄRGER IM ÖFFENTLICHEN ÜBERGANGSBEREICH', 'aerger-im-oeffentlichen-uebergangsbereich'],
  ['Grüße aus Köln – ein Reisebericht', 'gruesse-aus-koeln-ein-reisebericht'],
  ['Fußball — Spiel des Jahres', 'fussball-spiel-des-jahres'],
  ['„Gänsefüßchen“ richtig setzen', 'gaensefuesschen-richtig-setzen'],
  ['‚Halbe‘ Anführungszeichen im Text', 'halbe-anfuehrungszeichen-im-text'],
  ['»Französische« Anführungszeichen für Bücher', 'franzoesische-anfuehrungszeichen-fuer-buecher'],
  ['«Schweizer» Guillemets aus Zürich', 'schweizer-guillemets-aus-zuerich'],
  ['Was kostet 1 € im Jahr 2025?', 'was-kostet-1-e-im-jahr-2025'],
  ['10 Tipps für bessere Fotos', '10-tipps-fuer-bessere-fotos'],
  ['Café, Crème brûlée und Soufflé', 'cafe-creme-brulee-und-souffle'],
  ['Señor Núñez aus Málaga', 'senor-nunez-aus-malaga'],
  ['Smørrebrød in København', 'smorrebrod-in-kobenhavn'],
  ['Łódź und Wrocław: Polens Städte', 'lodz-und-wroclaw-polens-staedte'],
  ['Dvořák, Škoda und Čapek', 'dvorak-skoda-und-capek'],
  ['Emoji-Test 😀 mit Smiley', 'emoji-test-%f0%9f%98%80-mit-smiley'],
  ['Herz ❤️ und Daumen 👍🏽', 'herz-%e2%9d%a4%ef%b8%8f-und-daumen-%f0%9f%91%8d%f0%9f%8f%bd'],
  ['Familie 👨‍👩‍👧 im Urlaub', 'familie-%f0%9f%91%a8%f0%9f%91%a9%f0%9f%91%a7-im-urlaub'],
  ['Tom & Jerry &amp; Co.', 'tom-co'],
  ['<b>Fett</b> und <em>kursiv</em> im Titel', 'fett-und-kursiv-im-titel'],
  ['Rechnen mit a < b und c > d', 'rechnen-mit-a-b-und-c-d'],
  ['Preis: 5 × 3 = 15', 'preis-5-x-3-15'],
  ['Temperatur 25 °C im Schatten', 'temperatur-25-c-im-schatten'],
  ['Kladde™ und Co® ©2025', 'kladde-und-co-2025'],
  ['Warten auf Godot …', 'warten-auf-godot'],
  ['Punkt.Punkt.Komma.Strich', 'punkt-punkt-komma-strich'],
  ['Pfad/zur/Datei und zurück', 'pfad-zur-datei-und-zurueck'],
  ['snake_case_bleibt_erhalten', 'snake_case_bleibt_erhalten'],
  ['Prozent: 50 % Rabatt und 100%ig sicher', 'prozent-50-rabatt-und-100ig-sicher'],
  ['URL-Kodierung %C3%A4 im Titel', 'url-kodierung-%c3%a4-im-titel'],
  ['Doppelpunkt: Semikolon; Komma,', 'doppelpunkt-semikolon-komma'],
  ['Q&A: Was; wie und warum', 'q-wie-und-warum'],
  ['Geschützte\u00a0Leerzeichen\u00a0überall', 'geschuetzte-leerzeichen-ueberall'],
  ['Weiche\u00adTrenn\u00adstriche', 'weichetrennstriche'],
  ['Null\u200bBreite im Wort', 'nullbreite-im-wort'],
  ['Schmales\u202fLeerzeichen vor Einheiten', 'schmales-leerzeichen-vor-einheiten'],
  ['Tab\tund\nZeilenumbruch', 'tabundzeilenumbruch'],
  ['  Leerzeichen am Rand  ', 'leerzeichen-am-rand'],
  ['---Striche---am---Rand---', 'striche-am-rand'],
  ['Zahlen 1.000,50 Euro', 'zahlen-1-00050-euro'],
  ['ẞ ist das große Eszett', '%c3%9f-ist-das-grosse-eszett'],
  ['Ελληνικά ΟΔΟΣ', '%ce%b5%ce%bb%ce%bb%ce%b7%ce%bd%ce%b9%ce%ba%ce%ac-%ce%bf%ce%b4%ce%bf%cf%83'],
  ['İstanbul und Ankara', 'istanbul-und-ankara'],
  ['Æsop, Œuvre und Straße', 'aesop-oeuvre-und-strasse'],
  ['Ångström und Øre', 'angstroem-und-ore'],
  ['Apostroph’s und Peter’s Blog', 'apostrophs-und-peters-blog'],
  ['½ Liter Milch und ¾ Mehl', '%c2%bd-liter-milch-und-%c2%be-mehl'],
  ['Mu\u0308ller schreibt zerlegte Umlaute', 'mueller-schreibt-zerlegte-umlaute'],
  ['Kommentar <!-- versteckt --> sichtbar', 'kommentar-sichtbar'],
  ['¿Qué? ¡Olé!', 'que-ole'],
  ['Überschrift mit <a href="https://example.org">Link</a>', 'ueberschrift-mit-link'],
  ['Mathe: x² + y³', 'mathe-x%c2%b2-y%c2%b3'],
  ['Bullet • Punkte', 'bullet-punkte'],
  ['Kaffee ☕ & Kuchen 🍰', 'kaffee-%e2%98%95-kuchen-%f0%9f%8d%b0'],
  [
    `Ein Titel mit Überlänge: ${'Übergröße '.repeat(25)}`,
    'ein-titel-mit-ueberlaenge-uebergroesse-uebergroesse-uebergroesse-uebergroesse-uebergroesse-uebergroesse-' +
      'uebergroesse-uebergroesse-uebergroesse-uebergroesse-uebergroesse-uebergroesse-uebergroesse-uebe',
  ],
  [`Schrägstrich-Emoji ${'😀'.repeat(20)}`, `schraegstrich-emoji-${'%f0%9f%98%80'.repeat(15)}`],
];

describe('slugify', () => {
  it.each(WORDPRESS_SLUGS)('%j → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('is empty when nothing usable is left (WordPress then falls back to the post id)', () => {
    expect(slugify('')).toBe('');
    expect(slugify('!!! ??? …')).toBe('');
    expect(slugify('<b></b>')).toBe('');
  });

  it('never exceeds the 200 characters WordPress allows, counting each octet as three', () => {
    for (const filler of ['a', 'ä', '😀', 'a b ']) {
      expect(slugify(filler.repeat(300)).length).toBeLessThanOrEqual(200);
    }
    // The cap cuts before a character that would not fit whole: 33 × "%c2%bd" make 198 characters, a 34th 204.
    expect(slugify('½'.repeat(70))).toBe('%c2%bd'.repeat(33));
  });

  it('gives the same slug when applied to its own result, as WordPress does with a sent slug', () => {
    for (const [title] of WORDPRESS_SLUGS) {
      const slug = slugify(title);
      expect(slugify(slug)).toBe(slug);
    }
  });
});

describe('removeAccents (German locale)', () => {
  it('writes umlauts and ß out and keeps their case', () => {
    expect(removeAccents('Äpfel, Öfen, Übel, äöüß')).toBe('Aepfel, Oefen, Uebel, aeoeuess');
  });

  it('leaves ASCII and characters outside WordPress’s table alone', () => {
    expect(removeAccents('Hallo Welt 123')).toBe('Hallo Welt 123');
    expect(removeAccents('ẞ ½ 😀 Ω')).toBe('ẞ ½ 😀 Ω');
  });

  it('composes decomposed letters first', () => {
    expect(removeAccents('Mu\u0308ller')).toBe('Mueller');
  });
});

describe('phpStripTags', () => {
  // Each expectation was checked with PHP 8.2's strip_tags().
  it.each([
    ['a < b', 'a < b'],
    ['1 > 0', '1 > 0'],
    ['a<b', 'a'],
    ['a<b c="x>y">z', 'az'],
    ['<<b>>x', 'x'],
    ['x<!-- c -->y', 'xy'],
    ['NEAT <? cool < blah ?> STUFF', 'NEAT  STUFF'],
    ['<?\\"?>?', '?'],
    ['<!DOCTYPE html>Text', 'Text'],
    ['<?xml version="1.0"?>Text', 'Text'],
    ['a\0b', 'ab'],
  ])('%j → %j', (input, expected) => {
    expect(phpStripTags(input)).toBe(expected);
  });
});

describe('slugFollowsTitle', () => {
  it('follows while empty, made from the title, or made from it with the library’s folder suffix', () => {
    expect(slugFollowsTitle('', 'Neuer Beitrag')).toBe(true);
    expect(slugFollowsTitle('neuer-beitrag', 'Neuer Beitrag')).toBe(true);
    expect(slugFollowsTitle('neuer-beitrag-2', 'Neuer Beitrag')).toBe(true);
    expect(slugFollowsTitle('neuer-beitrag-17', 'Neuer Beitrag')).toBe(true);
  });

  it('stays when the writer typed it', () => {
    expect(slugFollowsTitle('mein-eigener', 'Neuer Beitrag')).toBe(false);
    expect(slugFollowsTitle('neuer-beitrag-1', 'Neuer Beitrag')).toBe(false);
    expect(slugFollowsTitle('neuer-beitrag-02', 'Neuer Beitrag')).toBe(false);
    expect(slugFollowsTitle('top-10', 'Top 10 Bücher')).toBe(false);
  });
});
