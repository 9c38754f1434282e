import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageMetadata, suggestionFrom } from '../../../electron/main/images/image-metadata.js';
import { ImageService } from '../../../electron/main/images/image-service.js';
import { LibraryPaths } from '../../../electron/main/posts/library-paths.js';
import { tinyJpeg, tinyPng } from './tiny-images.js';

const run = promisify(execFile);
let dir: string;

/** Writes metadata into a file with exiftool; a missing exiftool fails the test with what to install. */
async function exiftool(file: string, tags: Record<string, string>): Promise<void> {
  const args = ['-q', '-overwrite_original', '-charset', 'iptc=UTF8', '-codedcharacterset=utf8'];
  for (const [tag, value] of Object.entries(tags)) args.push(`-${tag}=${value}`);
  try {
    await run('exiftool', [...args, file]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error('exiftool fehlt: bitte das Debian-Paket libimage-exiftool-perl installieren');
    throw error;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-meta-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reading an image’s own credit (exiftool-written fixtures)', () => {
  it('reads XMP before IPTC before EXIF from a JPEG', async () => {
    const file = path.join(dir, 'pixelio.jpg');
    await writeFile(file, tinyJpeg());
    await exiftool(file, {
      'XMP-dc:Creator': 'Rike',
      'XMP-dc:Title': 'Sonnenuntergang',
      'XMP-dc:Description': 'Roter Himmel über der Förde',
      'XMP-dc:Rights': '© Rike / PIXELIO',
      'XMP-photoshop:Credit': 'PIXELIO',
      'IPTC:By-line': 'Rike (IPTC)',
      'IPTC:ObjectName': 'Titel (IPTC)',
      'IPTC:CopyrightNotice': '© Rike',
      'EXIF:Artist': 'Rike (EXIF)',
    });
    const meta = await readImageMetadata(file);
    expect(meta.found).toEqual({
      creator: 'Rike',
      credit: 'PIXELIO',
      copyright: '© Rike / PIXELIO',
      title: 'Sonnenuntergang',
      description: 'Roter Himmel über der Förde',
    });
    expect(meta.suggestion).toEqual({
      author: 'Rike',
      source: 'pixelio.de',
      title: 'Sonnenuntergang',
      alt: 'Roter Himmel über der Förde',
      license: 'pixelio',
    });
  });

  it('falls back to IPTC (UTF-8, umlauts intact) and EXIF', async () => {
    const file = path.join(dir, 'iptc.jpg');
    await writeFile(file, tinyJpeg());
    await exiftool(file, {
      'IPTC:By-line': 'Jürgen Müller',
      'IPTC:Credit': 'Agentur Süd',
      'IPTC:ObjectName': 'Straße im Regen',
      'IPTC:CopyrightNotice': '© 2013 Jürgen Müller',
      'EXIF:Artist': 'Jemand anderes',
    });
    const meta = await readImageMetadata(file);
    expect(meta.found).toMatchObject({
      creator: 'Jürgen Müller',
      credit: 'Agentur Süd',
      title: 'Straße im Regen',
      copyright: '© 2013 Jürgen Müller',
    });
    expect(meta.suggestion).toEqual({ author: 'Jürgen Müller', source: 'Agentur Süd', title: 'Straße im Regen' });
  });

  it('takes the author from EXIF and the licence from a Creative Commons URL', async () => {
    const file = path.join(dir, 'cc.png');
    await writeFile(file, tinyPng(2, 2));
    await exiftool(file, {
      'XMP-dc:Title': 'Wolke',
      'XMP-xmpRights:WebStatement': 'https://creativecommons.org/licenses/by-sa/4.0/',
    });
    const jpeg = path.join(dir, 'exif.jpg');
    await writeFile(jpeg, tinyJpeg());
    await exiftool(jpeg, { 'EXIF:Artist': 'Kim', 'EXIF:Copyright': '(c) 2020 Kim' });
    expect((await readImageMetadata(file)).suggestion).toEqual({
      title: 'Wolke',
      license: 'cc-by-sa-4.0',
      licenseUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
    });
    expect((await readImageMetadata(jpeg)).found).toEqual({ creator: 'Kim', copyright: '(c) 2020 Kim' });
  });

  it('prefers the IPTC accessibility alt text over the description', async () => {
    const file = path.join(dir, 'alt.jpg');
    await writeFile(file, tinyJpeg());
    await exiftool(file, { 'XMP-iptcCore:AltTextAccessibility': 'Ein Hund im Schnee', 'XMP-dc:Description': 'Langer Text' });
    expect((await readImageMetadata(file)).suggestion.alt).toBe('Ein Hund im Schnee');
  });

  it('gives nothing for an image without metadata or a file exifr cannot read', async () => {
    expect(await readImageMetadata(tinyPng())).toEqual({ found: {}, suggestion: {} });
    expect(await readImageMetadata(Buffer.from('kein Bild'))).toEqual({ found: {}, suggestion: {} });
  });

  it('is returned with an import, for the credit form to prefill', async () => {
    const library = path.join(dir, 'lib');
    await mkdir(path.join(library, 'beitrag'), { recursive: true });
    const file = path.join(dir, 'import.jpg');
    await writeFile(file, tinyJpeg('import'));
    await exiftool(file, { 'XMP-dc:Creator': 'Rike', 'XMP-photoshop:Credit': 'pixelio.de' });
    const service = new ImageService(new LibraryPaths(library));
    const fromBytes = await service.importFromBytes('beitrag', await readFile(file), 'Foto.jpg');
    expect(fromBytes.metadata.suggestion).toEqual({ author: 'Rike', source: 'pixelio.de', license: 'pixelio' });
    expect((await service.metadata('beitrag', fromBytes.name)).found.creator).toBe('Rike');
  });
});

describe('suggestions from what was found', () => {
  it.each([
    [{ copyright: '© 2013 Rike / PIXELIO' }, { author: 'Rike', source: 'pixelio.de', license: 'pixelio' }],
    [{ creator: 'Max', credit: 'Unsplash' }, { author: 'Max', source: 'Unsplash', license: 'unsplash' }],
    [{ licenseUrl: 'https://creativecommons.org/publicdomain/zero/1.0/' }, { license: 'cc0', licenseUrl: 'https://creativecommons.org/publicdomain/zero/1.0/' }],
    [{ licenseUrl: 'javascript:alert(1)', creator: 'X' }, { author: 'X' }],
    [{ copyright: 'Alle Rechte vorbehalten.' }, {}],
  ])('%j → %j', (found, suggestion) => {
    expect(suggestionFrom(found)).toEqual(suggestion);
  });
});
