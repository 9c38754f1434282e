import { crc32, deflateSync } from 'node:zlib';

/**
 * Smallest real images, built byte by byte so the tests need no binary fixtures: each decodes in a browser and
 * carries the magic bytes Kladde judges files by.
 */

const segment = (marker: number, payload: number[]) => {
  const length = payload.length + 2;
  return Buffer.from([0xff, marker, length >> 8, length & 0xff, ...payload]);
};

/** A baseline JPEG of one grey 8×8 block (1×1 image); `fill` adds an ignored COM segment to vary the bytes. */
export function tinyJpeg(comment = ''): Buffer {
  const bits = [1, ...new Array<number>(15).fill(0)];
  const com = comment ? [segment(0xfe, [...Buffer.from(comment, 'latin1')])] : [];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    ...com,
    segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    segment(0xc4, [0x00, ...bits, 0x00]),
    segment(0xc4, [0x10, ...bits, 0x00]),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    // DC difference 0 and end of block, padded with ones.
    Buffer.from([0x3f, 0xff, 0xd9]),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG of the given size filled with one colour. */
export function tinyPng(width = 1, height = 1, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const row = Buffer.from([0, ...new Array<number[]>(width).fill(rgb).flat()]);
  return rgbPng(width, height, Buffer.concat(new Array<Buffer>(height).fill(row)));
}

/**
 * An RGB PNG of seeded random pixels: noise does not compress, so the file is about width × height × 3 bytes —
 * a real image of a chosen size, different for every seed.
 */
export function noisePng(width: number, height: number, seed: number): Buffer {
  let state = seed >>> 0 || 1;
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let i = 0; i < raw.length; i++) {
    // xorshift32; each row starts with filter type 0 (none).
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    raw[i] = i % (1 + width * 3) === 0 ? 0 : state & 0xff;
  }
  return rgbPng(width, height, raw);
}

/** Wraps filtered RGB scanlines (`raw`) into a PNG. */
function rgbPng(width: number, height: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 1×1 GIF. */
export function tinyGif(): Buffer {
  return Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]),
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b]),
  ]);
}

/** The start of a WebP (RIFF container) — enough for judging by content. */
export function webpHeader(): Buffer {
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([30, 0, 0, 0]), Buffer.from('WEBPVP8L', 'latin1'), Buffer.alloc(22)]);
}

/** An ISO-BMFF `ftyp` box with the given major and compatible brands (AVIF, HEIC). */
export function ftyp(major: string, ...compatible: string[]): Buffer {
  const size = 16 + 4 * compatible.length;
  const head = Buffer.alloc(8);
  head.writeUInt32BE(size, 0);
  head.write('ftyp', 4, 'latin1');
  return Buffer.concat([head, Buffer.from(major, 'latin1'), Buffer.alloc(4), ...compatible.map((b) => Buffer.from(b, 'latin1')), Buffer.alloc(32)]);
}
