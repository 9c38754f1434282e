import type { ImageType } from '../../common/model/images.js';

/** How many leading bytes {@link sniffImage} needs to decide. */
export const SNIFF_BYTES = 4096;

export const MIME: Readonly<Record<ImageType, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** The extension a stored file gets, matching its real type whatever its old name said. */
export const EXTENSION: Readonly<Record<ImageType, string>> = {
  jpeg: 'jpg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  avif: 'avif',
};

/** What the first bytes of a file are. `svg` and `heic` are recognised so they can be refused by name. */
export type Sniffed = { kind: 'image'; type: ImageType } | { kind: 'svg' } | { kind: 'heic' } | { kind: 'other' };

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** Judges a file by its content (magic bytes), never by its name. */
export function sniffImage(head: Uint8Array): Sniffed {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { kind: 'image', type: 'jpeg' };
  if (head.length >= 8 && ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') return { kind: 'image', type: 'png' };
  if (head.length >= 6 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a')) return { kind: 'image', type: 'gif' };
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { kind: 'image', type: 'webp' };
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') {
    // ISO-BMFF: the major brand and the compatible brands up to the end of the ftyp box.
    const boxSize = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
    const end = Math.min(head.length, Math.max(16, boxSize));
    const brands = [ascii(head, 8, 12)];
    for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(head, i, i + 4));
    if (brands.some((b) => b === 'avif' || b === 'avis')) return { kind: 'image', type: 'avif' };
    if (brands.some((b) => ['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].includes(b))) return { kind: 'heic' };
    return { kind: 'other' };
  }
  if (looksLikeSvg(head)) return { kind: 'svg' };
  return { kind: 'other' };
}

/** An SVG is XML text whose first element is `<svg`, after an optional BOM, XML declaration, comments, doctype. */
function looksLikeSvg(head: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  } catch {
    return false;
  }
  const rest = text
    .replace(/^\uFEFF/, '')
    .replace(/^\s*(?:<\?xml[^>]*\?>\s*)?/i, '')
    .replace(/^(?:\s*<!--[\s\S]*?-->)*\s*/, '')
    .replace(/^<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*/i, '')
    .replace(/^(?:\s*<!--[\s\S]*?-->)*\s*/, '');
  return /^<svg[\s>/]/i.test(rest) || /^<svg:svg[\s>/]/i.test(rest);
}
