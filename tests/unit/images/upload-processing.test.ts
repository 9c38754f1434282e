import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BLOG_IMAGES, type BlogImages } from '../../../electron/common/model/blog.js';
import { processForUpload, uploadRecipe } from '../../../electron/main/images/upload-processing.js';
import { scrubXmp } from '../../../electron/main/images/xmp-scrub.js';
import { uploadHash } from '../../../electron/main/publish/publisher.js';
import { CAMERA_TAGS, privateTags, readTags, writePhoto, writeTags } from '../../support/photos.js';
import { tinyPng } from './tiny-images.js';

const SETTINGS: BlogImages = { shrink: true, longestEdge: 1200, stripLocation: true };

let dir = '';
let photo: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kladde-upload-'));
  const file = path.join(dir, 'camera.jpg');
  await writePhoto(file, 3000, 2000);
  // Orientation 6: the camera was held upright; the stored pixels lie on their side.
  await writeTags(file, [...CAMERA_TAGS, '-Orientation=6']);
  photo = await readFile(file);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tagsOf(bytes: Uint8Array, name: string): Promise<Record<string, unknown>> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return readTags(file);
}

describe('processForUpload', () => {
  it('scales a camera JPEG to the longest edge, upright, without GPS or serial numbers but with every credit', async () => {
    const before = await tagsOf(photo, 'before.jpg');
    expect(privateTags(before).length).toBeGreaterThan(5);

    const result = await processForUpload(photo, 'jpeg', SETTINGS);
    expect(result.changed).toBe(true);
    expect({ width: result.width, height: result.height }).toEqual({ width: 800, height: 1200 });
    expect(result.bytes.byteLength).toBeLessThan(photo.byteLength / 3);

    const meta = await sharp(result.bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', width: 800, height: 1200 });
    const after = await tagsOf(result.bytes, 'after.jpg');
    expect(privateTags(after)).toEqual([]);
    expect(after).toMatchObject({
      'IFD0:Artist': 'Rike Kopf',
      // EXIF text is ASCII: libvips writes „©“ as „(C)“; IPTC and XMP keep the sign.
      'IFD0:Copyright': '(C) 2026 Rike Kopf',
      'IPTC:By-line': 'Rike Kopf',
      'IPTC:Credit': 'Kopf Fotografie',
      'IPTC:CopyrightNotice': '© 2026 Rike Kopf',
      'XMP-dc:Creator': 'Rike Kopf',
      'XMP-dc:Rights': '© 2026 Rike Kopf',
      'XMP-photoshop:Credit': 'Kopf Fotografie',
    });
    // Upright pixels need no orientation flag that would turn them once more.
    expect(after['IFD0:Orientation'] ?? 1).toBe(1);
  }, 60_000);

  it('gives the same bytes every time, so the same photo is never sent again because processing ran again', async () => {
    const a = await processForUpload(photo, 'jpeg', SETTINGS);
    const b = await processForUpload(Buffer.from(photo), 'jpeg', SETTINGS);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  }, 60_000);

  it('keeps the position when the blog is told to, and scales all the same', async () => {
    const result = await processForUpload(photo, 'jpeg', { ...SETTINGS, stripLocation: false });
    expect(Math.max(result.width, result.height)).toBe(1200);
    const after = await tagsOf(result.bytes, 'kept.jpg');
    expect(after['GPS:GPSLatitude']).toBeCloseTo(52.5163, 3);
    expect(after['IFD0:Artist']).toBe('Rike Kopf');
  }, 60_000);

  it('removes the position without scaling when only that is asked', async () => {
    const result = await processForUpload(photo, 'jpeg', { ...SETTINGS, shrink: false });
    expect({ width: result.width, height: result.height }).toEqual({ width: 2000, height: 3000 });
    expect(privateTags(await tagsOf(result.bytes, 'unscaled.jpg'))).toEqual([]);
  }, 60_000);

  it('processes WebP as WebP and PNG losslessly', async () => {
    const webp = await sharp(photo).resize(2400).webp({ quality: 95 }).toBuffer();
    const fromWebp = await processForUpload(webp, 'webp', SETTINGS);
    expect((await sharp(fromWebp.bytes).metadata()).format).toBe('webp');
    expect(Math.max(fromWebp.width, fromWebp.height)).toBe(1200);

    const png = tinyPng(2000, 500);
    const fromPng = await processForUpload(png, 'png', SETTINGS);
    const meta = await sharp(fromPng.bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width: 1200, height: 300 });
  }, 60_000);

  it('sends a small clean image as it is when recompressing would not make it smaller', async () => {
    const png = tinyPng(40, 30);
    const result = await processForUpload(png, 'png', SETTINGS);
    expect(result.changed).toBe(false);
    expect(result.bytes).toBe(png);
  });

  it('leaves everything alone with both settings off', async () => {
    const off = { ...SETTINGS, shrink: false, stripLocation: false };
    expect(uploadRecipe('jpeg', off)).toBeNull();
    const result = await processForUpload(photo, 'jpeg', off);
    expect(result.changed).toBe(false);
    expect(result.bytes).toBe(photo);
  });
});

describe('uploadRecipe and uploadHash', () => {
  it('name the original and the settings: same photo and settings, same hash; other settings, another', () => {
    const recipe = uploadRecipe('jpeg', DEFAULT_BLOG_IMAGES);
    expect(recipe).toMatch(/edge=2560/);
    expect(uploadHash(photo, recipe)).toBe(uploadHash(Buffer.from(photo), uploadRecipe('jpeg', { ...DEFAULT_BLOG_IMAGES })));
    expect(uploadHash(photo, recipe)).not.toBe(uploadHash(photo, uploadRecipe('jpeg', { ...DEFAULT_BLOG_IMAGES, longestEdge: 1600 })));
    expect(uploadHash(photo, recipe)).not.toBe(uploadHash(photo, uploadRecipe('jpeg', { ...DEFAULT_BLOG_IMAGES, stripLocation: false })));
    // GIF (animation) and AVIF go up as they are: the file's own hash, as before processing existed.
    expect(uploadRecipe('gif', DEFAULT_BLOG_IMAGES)).toBeNull();
    expect(uploadHash(photo, null)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('scrubXmp', () => {
  it.each([
    ['GPS as attributes', '<rdf:Description exif:GPSLatitude="52,30.9N" dc:format="image/jpeg" exif:GPSLongitude=\'13,22E\'/>', '<rdf:Description dc:format="image/jpeg"/>'],
    ['GPS as elements', '<x><exif:GPSLatitude>52,30.9N</exif:GPSLatitude><dc:creator>R</dc:creator></x>', '<x><dc:creator>R</dc:creator></x>'],
    ['serial numbers', '<x aux:SerialNumber="4711" exifEX:BodySerialNumber="1" exifEX:LensSerialNumber="2" aux:Lens="50mm"/>', '<x aux:Lens="50mm"/>'],
    ['a drone maker’s position', '<x drone-dji:GpsLatitude="52.1" drone-dji:GpsLongitude="13.1" drone-dji:FlightYawDegree="3"/>', '<x drone-dji:FlightYawDegree="3"/>'],
    [
      'GPS inside a location struct, the place names stay',
      '<Iptc4xmpExt:LocationCreated><rdf:Bag><rdf:li Iptc4xmpExt:City="Berlin"><exif:GPSLatitude>52</exif:GPSLatitude></rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>',
      '<Iptc4xmpExt:LocationCreated><rdf:Bag><rdf:li Iptc4xmpExt:City="Berlin"></rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>',
    ],
    ['nothing private', '<x dc:creator="Rike" photoshop:Credit="K"/>', '<x dc:creator="Rike" photoshop:Credit="K"/>'],
  ])('%s', (_name, input, expected) => {
    expect(scrubXmp(input)).toBe(expected);
  });
});
