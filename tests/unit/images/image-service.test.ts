import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageService } from '../../../electron/main/images/image-service.js';
import { sniffImage } from '../../../electron/main/images/image-type.js';
import { safeImageStem } from '../../../electron/main/images/file-names.js';
import { parseMediaPath } from '../../../electron/main/images/media-path.js';
import { LibraryPaths } from '../../../electron/main/posts/library-paths.js';
import { KladdeError } from '../../../electron/common/result.js';
import { ftyp, tinyGif, tinyJpeg, tinyPng, webpHeader } from './tiny-images.js';

let root: string;
let library: string;
let post: string;
let service: ImageService;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kladde-images-'));
  library = path.join(root, 'library');
  post = path.join(library, 'mein-beitrag');
  await mkdir(post, { recursive: true });
  await writeFile(path.join(post, 'index.md'), '---\ntitle: Test\n---\n');
  service = new ImageService(new LibraryPaths(library));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const visible = async () => (await readdir(post)).sort();

async function refusal(promise: Promise<unknown>): Promise<KladdeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KladdeError);
  return error as KladdeError;
}

describe('judging files by content', () => {
  it.each([
    ['JPEG', tinyJpeg(), { kind: 'image', type: 'jpeg' }],
    ['PNG', tinyPng(), { kind: 'image', type: 'png' }],
    ['GIF', tinyGif(), { kind: 'image', type: 'gif' }],
    ['WebP', webpHeader(), { kind: 'image', type: 'webp' }],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), { kind: 'image', type: 'avif' }],
    ['AVIF by compatible brand', ftyp('mif1', 'avif'), { kind: 'image', type: 'avif' }],
    ['HEIC', ftyp('heic', 'mif1'), { kind: 'heic' }],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { kind: 'svg' }],
    ['SVG with declaration, comment and doctype', Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>'), { kind: 'svg' }],
    ['HTML', Buffer.from('<!doctype html><html><svg></svg>'), { kind: 'other' }],
    ['PDF', Buffer.from('%PDF-1.7\n'), { kind: 'other' }],
    ['text', Buffer.from('Hallo Welt'), { kind: 'other' }],
    ['MP4', ftyp('isom', 'mp41'), { kind: 'other' }],
  ])('%s', (_name, bytes, expected) => {
    expect(sniffImage(bytes)).toEqual(expected);
  });
});

describe('safe file names', () => {
  it.each([
    ['Über den Wolken (1).JPG', 'ueber-den-wolken-1'],
    ['Straße_in_Köln.png', 'strasse-in-koeln'],
    ['Crème brûlée.jpeg', 'creme-brulee'],
    ['C:\\Users\\Rike\\Bilder\\Foto 3.png', 'foto-3'],
    ['/home/rike/../../etc/passwd', 'passwd'],
    ['.hidden', 'hidden'],
    ['😀.png', 'bild'],
    ['', 'bild'],
    ['con.png', 'con-bild'],
    ['a'.repeat(200) + '.png', 'a'.repeat(80)],
  ])('%j → %s', (name, stem) => {
    expect(safeImageStem(name)).toBe(stem);
  });
});

describe('importing images', () => {
  it('stores bytes under a safe name with the extension of the real type', async () => {
    const png = tinyPng(3, 2);
    const imported = await service.importFromBytes('mein-beitrag', png, 'Über den Wolken (1).JPG');
    expect(imported).toMatchObject({
      name: 'ueber-den-wolken-1.png',
      type: 'png',
      mime: 'image/png',
      size: png.length,
      hash: sha(png),
      reused: false,
      markdown: '![](ueber-den-wolken-1.png)',
    });
    expect(await readFile(path.join(post, 'ueber-den-wolken-1.png'))).toEqual(png);
    expect(await visible()).toEqual(['index.md', 'ueber-den-wolken-1.png']);
  });

  it('stores each content once and numbers different content under the same name', async () => {
    const a = tinyJpeg('a');
    const b = tinyJpeg('b');
    const first = await service.importFromBytes('mein-beitrag', a, 'foto.jpg');
    const again = await service.importFromBytes('mein-beitrag', a, 'ganz-anders.jpeg');
    const other = await service.importFromBytes('mein-beitrag', b, 'foto.jpg');
    expect([first.name, first.reused]).toEqual(['foto.jpg', false]);
    expect([again.name, again.reused]).toEqual(['foto.jpg', true]);
    expect([other.name, other.reused]).toEqual(['foto-2.jpg', false]);
    expect(await visible()).toEqual(['foto-2.jpg', 'foto.jpg', 'index.md']);
  });

  it('finds identical content the user put into a sub-folder', async () => {
    const png = tinyPng(2, 2);
    await mkdir(path.join(post, 'bilder'));
    await writeFile(path.join(post, 'bilder', 'Mein Bild.png'), png);
    const imported = await service.importFromBytes('mein-beitrag', png, 'x.png');
    expect(imported).toMatchObject({ name: 'bilder/Mein Bild.png', reused: true, markdown: '![](bilder/Mein%20Bild.png)' });
  });

  it('picks distinct names for concurrent imports', async () => {
    const results = await Promise.all(
      ['1', '2', '3'].map((c) => service.importFromBytes('mein-beitrag', tinyJpeg(c), 'foto.jpg')),
    );
    expect(results.map((r) => r.name).sort()).toEqual(['foto-2.jpg', 'foto-3.jpg', 'foto.jpg']);
  });

  it.each([
    ['a text file named .jpg', Buffer.from('Das ist kein Bild'), 'bild.jpg', /„bild\.jpg“ ist kein Bild/],
    ['an HTML file named .png', Buffer.from('<html><script>alert(1)</script>'), 'x.png', /ist kein Bild/],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg', /SVG-Grafik.*Skripte/],
    ['a HEIC photo', ftyp('heic', 'mif1'), 'IMG_0001.HEIC', /HEIC-Foto/],
    ['an empty file', Buffer.alloc(0), 'leer.png', /ist leer/],
  ])('refuses %s with a German message and leaves the folder as it was', async (_name, bytes, name, message) => {
    const error = await refusal(service.importFromBytes('mein-beitrag', bytes, name));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(message);
    expect(await visible()).toEqual(['index.md']);
  });

  it('refuses a file over the limit without leaving a temp file', async () => {
    const small = new ImageService(new LibraryPaths(library), { maxFileBytes: 100 });
    const big = Buffer.concat([tinyJpeg(), Buffer.alloc(200)]);
    const source = path.join(root, 'gross.jpg');
    await writeFile(source, big);
    expect((await refusal(small.importFromBytes('mein-beitrag', big, 'gross.jpg'))).message).toMatch(/größer als/);
    expect((await refusal(small.importFromPath('mein-beitrag', source))).message).toMatch(/größer als/);
    expect(await readdir(post)).toEqual(['index.md']);
  });

  it('refuses a post that does not exist and ids that leave the library', async () => {
    expect((await refusal(service.importFromBytes('gibt-es-nicht', tinyPng(), 'a.png'))).code).toBe('not-found');
    expect((await refusal(service.importFromBytes('../draussen', tinyPng(), 'a.png'))).code).toBe('outside-library');
  });

  it('copies a 50 MB photo from disk by streaming, without blocking the event loop', async () => {
    const source = path.join(root, 'Großes Foto.JPG');
    const out = createWriteStream(source);
    const sourceHash = createHash('sha256');
    const head = tinyJpeg();
    out.write(head);
    sourceHash.update(head);
    for (let i = 0; i < 50; i++) {
      const block = Buffer.alloc(1024 * 1024, i);
      out.write(block);
      sourceHash.update(block);
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));

    // Measure how long the event loop is held at a time while the import runs.
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const imported = await service.importFromPath('mein-beitrag', source).finally(() => clearInterval(timer));
    expect(imported).toMatchObject({ name: 'grosses-foto.jpg', size: head.length + 50 * 1024 * 1024, hash: sourceHash.digest('hex') });
    expect(longest).toBeLessThan(250);
    expect(await visible()).toEqual(['grosses-foto.jpg', 'index.md']);
    expect(sha(await readFile(path.join(post, 'grosses-foto.jpg')))).toBe(imported.hash);
  });

  it('imports from a path judged by content, whatever the name says', async () => {
    const source = path.join(root, 'foto.png');
    await writeFile(source, tinyGif());
    expect((await service.importFromPath('mein-beitrag', source)).name).toBe('foto.gif');
    expect((await refusal(service.importFromPath('mein-beitrag', path.join(root, 'fehlt.png')))).code).toBe('not-found');
  });
});

describe('listing a post’s images', () => {
  it('lists image files by content with size and hash, skipping others and hidden ones', async () => {
    const png = tinyPng();
    const jpeg = tinyJpeg();
    await writeFile(path.join(post, 'a.png'), png);
    await mkdir(path.join(post, 'bilder'));
    await writeFile(path.join(post, 'bilder', 'b.dat'), jpeg);
    await writeFile(path.join(post, 'notiz.png'), 'kein Bild');
    await writeFile(path.join(post, '.versteckt.png'), png);
    const list = await service.list('mein-beitrag');
    expect(list.map((f) => [f.name, f.type, f.size, f.hash])).toEqual([
      ['a.png', 'png', png.length, sha(png)],
      ['bilder/b.dat', 'jpeg', jpeg.length, sha(jpeg)],
    ]);
    expect(await service.existingFiles('mein-beitrag')).toEqual(['a.png', 'bilder/b.dat', 'index.md', 'notiz.png']);
  });

  it('reports the problems of the post on disk', async () => {
    await writeFile(path.join(post, 'index.md'), '---\nimages:\n  a.png:\n    alt: A\n    license: own\n---\n\n![](a.png)\n\n![](b.png)\n');
    await writeFile(path.join(post, 'a.png'), tinyPng());
    const problems = await service.problems('mein-beitrag');
    expect(problems.map((p) => [p.code, p.file])).toEqual([
      ['file-missing', 'b.png'],
      ['alt-missing', 'b.png'],
      ['credit-missing', 'b.png'],
    ]);
  });
});

describe('serving a post’s images, confined to its folder', () => {
  beforeEach(async () => {
    await writeFile(path.join(post, 'a.png'), tinyPng());
    await mkdir(path.join(post, 'bilder'));
    await writeFile(path.join(post, 'bilder', 'b.jpg'), tinyJpeg());
    await writeFile(path.join(post, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    await mkdir(path.join(library, 'anderer'));
    await writeFile(path.join(library, 'anderer', 'fremd.png'), tinyPng());
    await writeFile(path.join(root, 'draussen.png'), tinyPng());
  });

  it('serves images with the type their content says', async () => {
    expect(await service.resolveMedia('mein-beitrag', 'a.png')).toMatchObject({ mime: 'image/png', path: path.join(post, 'a.png') });
    expect(await service.resolveMedia('mein-beitrag', 'bilder/b.jpg')).toMatchObject({ mime: 'image/jpeg' });
    expect(await service.resolveMedia('mein-beitrag', 'logo.svg')).toMatchObject({ mime: 'image/svg+xml' });
    expect(await service.readMedia('mein-beitrag', 'a.png')).toEqual({ body: await readFile(path.join(post, 'a.png')), type: 'image/png' });
  });

  it('follows a symlink that stays inside the post', async () => {
    await symlink(path.join(post, 'a.png'), path.join(post, 'verweis.png'));
    expect(await service.resolveMedia('mein-beitrag', 'verweis.png')).toMatchObject({ path: path.join(post, 'a.png') });
  });

  it.each([
    ['parent folder', '../anderer/fremd.png'],
    ['parent inside a path', 'bilder/../../anderer/fremd.png'],
    ['absolute path', '/etc/passwd'],
    ['Windows drive', 'C:\\draussen.png'],
    ['backslash', '..\\anderer\\fremd.png'],
    ['hidden file', '.kladde/library.json'],
    ['NUL byte', 'a.png\0.txt'],
    ['empty', ''],
  ])('refuses %s', async (_name, relative) => {
    expect((await refusal(service.resolveMedia('mein-beitrag', relative))).code).toBe('outside-library');
  });

  it('refuses symlinks out of the post, to another post as well as out of the library', async () => {
    await symlink(path.join(root, 'draussen.png'), path.join(post, 'raus.png'));
    await symlink(path.join(library, 'anderer', 'fremd.png'), path.join(post, 'nachbar.png'));
    await symlink(path.join(library, 'anderer'), path.join(post, 'ordner'));
    for (const name of ['raus.png', 'nachbar.png', 'ordner/fremd.png']) {
      expect((await refusal(service.resolveMedia('mein-beitrag', name))).code, name).toBe('outside-library');
    }
    expect(await service.readMedia('mein-beitrag', 'raus.png')).toBeNull();
  });

  it('refuses files that are not images, and says when a file is missing', async () => {
    expect((await refusal(service.resolveMedia('mein-beitrag', 'index.md'))).code).toBe('forbidden');
    expect((await refusal(service.resolveMedia('mein-beitrag', 'fehlt.png'))).code).toBe('not-found');
    expect((await refusal(service.resolveMedia('mein-beitrag', 'bilder'))).code).toBe('not-found');
  });

  it.each([
    ['p/a.png', { postId: 'p', file: 'a.png' }],
    ['p/bilder/foto%20eins.jpg', { postId: 'p', file: 'bilder/foto eins.jpg' }],
    ['mein%20beitrag/a.png?token=x', { postId: 'mein beitrag', file: 'a.png' }],
    ['p/..%2F..%2Fetc%2Fpasswd', null],
    ['p/%2e%2e/x.png', null],
    ['p/..%5Cx.png', null],
    ['p/a%00.png', null],
    ['p/%E0%A4%A.png', null],
    ['p//a.png', null],
    ['p', null],
  ])('parses the media path %j', (encoded, expected) => {
    expect(parseMediaPath(encoded)).toEqual(expected);
  });
});
