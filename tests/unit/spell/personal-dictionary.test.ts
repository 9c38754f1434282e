import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWordList, WordSet } from '../../../electron/main/spell/personal-dictionary.js';
import { misspelt, spellFixture, type SpellFixture } from './spell-support.js';

const SLOW = 60_000;

describe('parseWordList', () => {
  const table: [name: string, bytes: Uint8Array, expected: string[]][] = [
    ['one word a line', bytes('Kladde\nBeitragsbild\n'), ['Kladde', 'Beitragsbild']],
    ['CRLF, CR and no final newline', bytes('Eins\r\nZwei\rDrei'), ['Eins', 'Zwei', 'Drei']],
    ['BOM, blank lines and surrounding spaces', bytes('\uFEFFEins\n\n   \n  Zwei \t\n'), ['Eins', 'Zwei']],
    ['comments', bytes('# meine Wörter\nEins\n'), ['Eins']],
    ['lines longer than a word may be', bytes(`${'x'.repeat(101)}\n${'y'.repeat(100)}\n`), ['y'.repeat(100)]],
    ['several words on a line', bytes('New York\nEins\n'), ['Eins']],
    ['control characters and invalid UTF-8', new Uint8Array([0x41, 0x00, 0x42, 0x0a, 0xff, 0xfe, 0x43, 0x0a, 0x44, 0x0a]), ['D']],
    ['decomposed umlauts become NFC', bytes('Mu\u0308ller\n'), ['Müller']],
  ];
  it.each(table)('%s', (_name, input, expected) => {
    expect(parseWordList(input)).toEqual(expected);
  });
});

describe('WordSet', () => {
  it('accepts sentence-start capitals and all caps, but keeps a listed capital', () => {
    const set = new WordSet(['kladdig', 'Kladde']);
    expect(['kladdig', 'Kladdig', 'KLADDIG', 'Kladde', 'KLADDE'].filter((w) => set.matches(w))).toHaveLength(5);
    expect(set.matches('kladde')).toBe(false);
    expect(set.matches('kLADDIG')).toBe(false);
  });
});

describe('personal dictionary in the library', () => {
  let fixture: SpellFixture | null = null;
  afterEach(async () => {
    await fixture?.close();
    fixture = null;
  });

  it('adding a word writes the file and takes effect at once, also after a restart', async () => {
    fixture = await spellFixture();
    const { service, dictionaryFile } = fixture;
    expect(await misspelt(service, 'de', 'Meine Kladde ist kladdig.')).toEqual(['Kladde', 'kladdig']);

    expect(await service.addWord('Kladde')).toEqual({ word: 'Kladde', changed: true });
    expect(await service.addWord('kladdig')).toEqual({ word: 'kladdig', changed: true });
    expect(await service.addWord('Kladde')).toEqual({ word: 'Kladde', changed: false });
    expect(await readFile(dictionaryFile, 'utf8')).toBe('Kladde\nkladdig\n');
    expect(await misspelt(service, 'de', 'Meine Kladde ist kladdig. Kladdig!')).toEqual([]);
    expect(await misspelt(service, 'de-CH', 'Eine Kladde')).toEqual([]);
    expect(await misspelt(service, 'en', 'My Kladde')).toEqual([]);
    // A listed capital is not dropped: „kladde“ stays wrong.
    expect(await misspelt(service, 'de', 'eine kladde')).toEqual(['kladde']);

    const again = await spellFixture({ personalDictionaryPath: dictionaryFile });
    try {
      expect(await misspelt(again.service, 'de', 'Meine Kladde ist kladdig.')).toEqual([]);
    } finally {
      await again.close();
    }
  }, SLOW);

  it('reads an odd file safely and appends without touching what is there', async () => {
    fixture = await spellFixture();
    const { service, dictionaryFile } = fixture;
    const odd = Buffer.concat([
      Buffer.from('\uFEFFErstwortt\r\n\r\n', 'utf8'),
      Buffer.from(`${'Riesenzeile'.repeat(50)}\r\n`, 'utf8'),
      Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x0d, 0x0a]),
      Buffer.from('# Kommentarwortt\r\n   Zweitwortt   \r\nDrittwortt', 'utf8'),
    ]);
    await mkdir(path.dirname(dictionaryFile), { recursive: true });
    await writeFile(dictionaryFile, odd);

    expect(await misspelt(service, 'de', 'Erstwortt Zweitwortt Drittwortt Kommentarwortt Viertwortt')).toEqual([
      'Kommentarwortt',
      'Viertwortt',
    ]);
    await service.addWord('Viertwortt');
    const after = await readFile(dictionaryFile);
    expect(after.subarray(0, odd.length).equals(odd)).toBe(true);
    expect(after.subarray(odd.length).toString('utf8')).toBe('\nViertwortt\n');
    expect(await misspelt(service, 'de', 'Drittwortt Viertwortt')).toEqual([]);
  }, SLOW);

  it('keeps CRLF when the file uses it', async () => {
    fixture = await spellFixture();
    await mkdir(path.dirname(fixture.dictionaryFile), { recursive: true });
    await writeFile(fixture.dictionaryFile, 'Erstwortt\r\n');
    await fixture.service.addWord('Zweitwortt');
    expect(await readFile(fixture.dictionaryFile, 'utf8')).toBe('Erstwortt\r\nZweitwortt\r\n');
  }, SLOW);

  it('picks up edits made outside Kladde on the next check', async () => {
    fixture = await spellFixture();
    const { service, dictionaryFile } = fixture;
    expect(await misspelt(service, 'de', 'Ein Blogwortt')).toEqual(['Blogwortt']);
    await mkdir(path.dirname(dictionaryFile), { recursive: true });
    await appendFile(dictionaryFile, 'Blogwortt\n');
    expect(await misspelt(service, 'de', 'Ein Blogwortt')).toEqual([]);
    await writeFile(dictionaryFile, 'Anderes\n');
    expect(await misspelt(service, 'de', 'Ein Blogwortt')).toEqual(['Blogwortt']);
  }, SLOW);

  it('keeps checking when the dictionary path is a folder, and reports the failed write', async () => {
    fixture = await spellFixture();
    await mkdir(fixture.dictionaryFile, { recursive: true });
    expect(await misspelt(fixture.service, 'de', 'Ein Blogwortt')).toEqual(['Blogwortt']);
    await expect(fixture.service.addWord('Blogwortt')).rejects.toMatchObject({ code: 'EISDIR' });
  }, SLOW);

  it('ignoring a word lasts for the session only and writes nothing', async () => {
    fixture = await spellFixture();
    const { service, dictionaryFile } = fixture;
    expect(await service.ignoreWord('Ignorierwortt')).toEqual({ word: 'Ignorierwortt', changed: true });
    expect(await service.ignoreWord('Ignorierwortt')).toEqual({ word: 'Ignorierwortt', changed: false });
    expect(await misspelt(service, 'de', 'Das Ignorierwortt')).toEqual([]);
    await expect(readFile(dictionaryFile)).rejects.toMatchObject({ code: 'ENOENT' });

    const next = await spellFixture({ personalDictionaryPath: dictionaryFile });
    try {
      expect(await misspelt(next.service, 'de', 'Das Ignorierwortt')).toEqual(['Ignorierwortt']);
    } finally {
      await next.close();
    }
  }, SLOW);
});

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
