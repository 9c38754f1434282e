import { KladdeError } from '../../common/result.js';

/** The line ending a post file uses; the editor always works in LF and main writes the file's own back. */
export type LineEnding = '\n' | '\r\n' | '\r';

/** How a post's bytes are laid out on disk, so a save writes them back the same way. */
export interface PostFileFormat {
  eol: LineEnding;
  /** Whether the file starts with a UTF-8 byte order mark (kept, but never shown in the editor). */
  bom: boolean;
  /** Whether the file mixes line endings; a save then writes only the dominant one. */
  mixedEol: boolean;
}

/** A post file read for the editor: LF text, and either UTF-8 or a legacy encoding shown read-only. */
export interface DecodedPost {
  /** The text with LF line endings and without a BOM. */
  text: string;
  format: PostFileFormat;
  /** Set when the bytes are not valid UTF-8 and were read as Windows-1252 (a superset of Latin-1). */
  legacyEncoding: 'windows-1252' | null;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * Windows-1252's characters for the bytes 0x80–0x9F, as WHATWG defines them (the five unassigned bytes keep their
 * C1 control character). Node's own TextDecoder reads this label as ISO-8859-1 unless built with full ICU, which
 * would turn „€“ and typographic quotes into control characters. Every byte maps to one character and back, so a
 * conversion loses nothing.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] ?? b) : b)));
  }
  return out;
}

/**
 * Whether bytes look like a binary file rather than text: a NUL byte, or many control characters, in the
 * first 8 KB. Text editors (git, grep, VS Code) use the same NUL rule; such a file is never opened or rewritten.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Counts the three line endings; the most frequent one wins (LF on a tie or with none at all). */
export function detectLineEnding(text: string): { eol: LineEnding; mixed: boolean } {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  const kinds = [crlf, cr, lf].filter((k) => k > 0).length;
  const eol: LineEnding = crlf > lf && crlf >= cr ? '\r\n' : cr > lf && cr > crlf ? '\r' : '\n';
  return { eol, mixed: kinds > 1 };
}

export function toLf(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** The editor's LF text in the file's own line ending. */
export function fromLf(text: string, eol: LineEnding): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

/** Turns a post file's bytes into editor text; refuses binary files with a message that names the post. */
export function decodePost(bytes: Uint8Array, id: string): DecodedPost {
  if (looksBinary(bytes)) {
    throw new KladdeError(
      'binary',
      `„${id}/index.md“ ist keine Textdatei (sie enthält Binärdaten). Kladde öffnet sie nicht, damit sie unverändert bleibt.`,
    );
  }
  const bom = bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
  const body = bom ? bytes.subarray(3) : bytes;
  let raw: string;
  let legacyEncoding: DecodedPost['legacyEncoding'] = null;
  try {
    raw = utf8.decode(body);
  } catch {
    raw = decodeWindows1252(body);
    legacyEncoding = 'windows-1252';
  }
  const { eol, mixed } = detectLineEnding(raw);
  return { text: toLf(raw), format: { eol, bom, mixedEol: mixed }, legacyEncoding };
}

/** The bytes to write for editor text in a file's format (UTF-8 always). */
export function encodePost(text: string, format: Pick<PostFileFormat, 'eol' | 'bom'>): Buffer {
  const body = Buffer.from(fromLf(toLf(text), format.eol), 'utf8');
  return format.bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
}

/** The format of a file Kladde creates. */
export const NEW_FILE_FORMAT: PostFileFormat = { eol: '\n', bom: false, mixedEol: false };
