import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpellService } from '../../../electron/main/spell/spell-service.js';
import { misspelt, spellFixture, type SpellFixture } from './spell-support.js';

// The real worker thread with real Hunspell and the real dictionary-* packages. Starting a worker from
// TypeScript source and loading a dictionary takes a moment, hence the generous timeouts.
const SLOW = 60_000;

describe('German (de-DE) with real Hunspell', () => {
  let fixture: SpellFixture;
  let spell: SpellService;
  beforeAll(async () => {
    fixture = await spellFixture();
    spell = fixture.service;
  }, SLOW);
  afterAll(() => fixture.close());

  it('accepts ordinary words and compounds that nspell gets wrong', async () => {
    const text = 'Wir gehen zur Überschrift, dann über den Fahrradweg zur Datenschutzerklärung und zur Rechtschreibprüfung.';
    const result = await spell.check({ lang: 'de', text });
    expect(result).toMatchObject({ language: 'de-DE', fellBack: false, available: true, problem: null, truncated: false });
    expect(result.misspelled).toEqual([]);
  }, SLOW);

  it('flags a misspelling with its document offsets and suggests the right word', async () => {
    const text = 'Das ist ein Rechtschreibfeler im Text.';
    const result = await spell.check({ lang: 'de-DE', text });
    const from = text.indexOf('Rechtschreibfeler');
    expect(result.misspelled).toEqual([{ from, to: from + 'Rechtschreibfeler'.length, word: 'Rechtschreibfeler' }]);

    const suggestion = await spell.suggest({ lang: 'de', word: 'Rechtschreibfeler' });
    expect(suggestion.available).toBe(true);
    expect(suggestion.suggestions).toContain('Rechtschreibfehler');
    expect(suggestion.suggestions.length).toBeLessThanOrEqual(5);
    expect(suggestion.suggestions).not.toContain('Rechtschreibfeler');
  }, SLOW);

  it('offers nothing for a correct word', async () => {
    expect((await spell.suggest({ lang: 'de', word: 'gehen' })).suggestions).toEqual([]);
  }, SLOW);

  it('accepts abbreviations with their full stop, but not without', async () => {
    expect(await misspelt(spell, 'de', 'Äpfel, Birnen usw. und bzw. Nüsse')).toEqual([]);
    expect(await misspelt(spell, 'de', 'Äpfel usw und Birnen')).toEqual(['usw']);
  }, SLOW);

  it('accepts an apostrophe for an elided -es („geht’s“) only on a correct word', async () => {
    expect(await misspelt(spell, 'de', 'So geht’s und gibt\'s das.')).toEqual([]);
    expect(await misspelt(spell, 'de', 'So gehtt’s nicht.')).toEqual(['gehtt’s']);
  }, SLOW);

  it('narrows a hyphenated compound to the part that is wrong', async () => {
    const text = 'Der Fahrad-Weg und die E-Mail-Adresse';
    const result = await spell.check({ lang: 'de', text });
    expect(result.misspelled).toEqual([{ from: 4, to: 10, word: 'Fahrad' }]);
  }, SLOW);

  it('checks prose and front matter values, skipping code, URLs, addresses, markup and keys', async () => {
    const post = [
      '---',
      'title: Mein Fahradweg',
      'slugg: mein-fahradweg',
      'image: bilder/fahradweg.jpg',
      '---',
      'Ein Satz mit `Fahradweg` im Code und [Link](https://fahradweg.example/fahradweg).',
      'Mail an fahradweg@example.com oder <span class="fahradweg">Text</span>.',
      '',
      '```',
      'Fahradweg',
      '```',
      '',
      '![Bild](fahradweg.png) Ein Fahradweg zum Schluss.',
    ].join('\n');
    const result = await spell.check({ lang: 'de', text: post });
    expect(result.misspelled.map((m) => post.slice(m.from, m.to))).toEqual(['Fahradweg', 'Fahradweg']);
    expect(result.misspelled[0]?.from).toBe(post.indexOf('Fahradweg'));
    expect(result.misspelled[1]?.from).toBe(post.lastIndexOf('Fahradweg'));
  }, SLOW);

  it('takes ranges and offset in document coordinates', async () => {
    const doc = 'Erstes Fehlerwortt hier.\nZweites Fehlerwortt dort.\n';
    const second = doc.indexOf('Fehlerwortt', 10);
    const onlySecond = await spell.check({ lang: 'de', text: doc, ranges: [{ from: second, to: second + 3 }] });
    expect(onlySecond.misspelled).toEqual([{ from: second, to: second + 11, word: 'Fehlerwortt' }]);

    // The same line sent alone, as a part of a larger document starting at offset 1000.
    const line = doc.slice(doc.indexOf('Zweites'));
    const part = await spell.check({ lang: 'de', text: line, offset: 1000, ranges: [{ from: 990, to: 1010 }] });
    expect(part.misspelled).toEqual([{ from: 1000 + line.indexOf('Fehlerwortt'), to: 1011 + line.indexOf('Fehlerwortt'), word: 'Fehlerwortt' }]);

    const outside = await spell.check({ lang: 'de', text: line, offset: 1000, ranges: [{ from: 0, to: 10 }] });
    expect(outside.misspelled).toEqual([]);
  }, SLOW);

  it('caps a flood of misspellings and says so', async () => {
    const text = Array.from({ length: 6_000 }, (_, i) => `Qwxz${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26) % 26)}${String.fromCharCode(97 + Math.floor(i / 676))}`).join(' ');
    const result = await spell.check({ lang: 'de', text });
    expect(result.misspelled).toHaveLength(5_000);
    expect(result.truncated).toBe(true);
  }, SLOW);
});

describe('Austrian and Swiss German, English, unknown languages', () => {
  let fixture: SpellFixture;
  let spell: SpellService;
  beforeAll(async () => {
    fixture = await spellFixture();
    spell = fixture.service;
  }, SLOW);
  afterAll(() => fixture.close());

  it('de-AT knows Austrian words that de-DE does not', async () => {
    expect(await misspelt(spell, 'de-AT', 'Im Jänner essen wir Paradeiser.')).toEqual([]);
    expect(await misspelt(spell, 'de-DE', 'Im Jänner essen wir Paradeiser.')).toEqual(['Jänner', 'Paradeiser']);
  }, SLOW);

  it('de-CH writes ss: Strasse is right, Straße is wrong and gets Strasse as suggestion', async () => {
    // dictionary-de-ch 3.0.0 itself lists „Straße“ and rejects „Strasse“; the Swiss layer in WordChecker fixes that.
    expect(await misspelt(spell, 'de-CH', 'Die Strasse ist grösser, dass der Fussball rollt.')).toEqual([]);
    expect(await misspelt(spell, 'de_ch', 'Die Straße ist größer.')).toEqual(['Straße', 'größer']);
    const suggestion = await spell.suggest({ lang: 'de-CH', word: 'Straße' });
    expect(suggestion.suggestions[0]).toBe('Strasse');
    expect(suggestion.suggestions.every((s) => !s.includes('ß'))).toBe(true);
    expect((await spell.suggest({ lang: 'de-CH', word: 'Strase' })).suggestions).toContain('Strasse');
  }, SLOW);

  it('de-LI writes like Switzerland, de-LU like Germany', async () => {
    expect((await spell.check({ lang: 'de-LI', text: 'Strasse' })).language).toBe('de-CH');
    expect((await spell.check({ lang: 'de-LU', text: 'Straße' })).misspelled).toEqual([]);
  }, SLOW);

  it('en, en-US and en-GB use the English dictionary', async () => {
    for (const lang of ['en', 'en-US', 'en-GB']) {
      const result = await spell.check({ lang, text: "The color of this sentence doesn't matter, Fahrradweg does." });
      expect(result.language).toBe('en');
      expect(result.fellBack).toBe(false);
      expect(result.misspelled.map((m) => m.word)).toEqual(['Fahrradweg']);
    }
    expect((await spell.suggest({ lang: 'en', word: 'sentense' })).suggestions).toContain('sentence');
  }, SLOW);

  it('an unknown language falls back to German and says so', async () => {
    for (const lang of ['fr', 'xx-YY', '']) {
      const result = await spell.check({ lang, text: 'Bonjour auf dem Fahrradweg' });
      expect(result).toMatchObject({ language: 'de-DE', fellBack: true, available: true });
      expect(result.misspelled.map((m) => m.word)).toEqual(['Bonjour']);
    }
    expect((await spell.suggest({ lang: 'fr', word: 'Fahradweg' })).fellBack).toBe(true);
  }, SLOW);
});
