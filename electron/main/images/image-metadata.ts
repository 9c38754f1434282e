import exifr from 'exifr';
import { licenseFromUrl, type CreditPatch, type License } from '../../common/model/attribution.js';
import type { ImageMetadata } from '../../common/model/images.js';

type Found = ImageMetadata['found'];
type Segments = Record<string, Record<string, unknown> | undefined>;

// Only the segments that can carry a credit are read; no GPS, no maker notes, no thumbnails.
const OPTIONS: Parameters<typeof exifr.parse>[1] = {
  tiff: true,
  ifd0: { pick: ['Artist', 'Copyright', 'ImageDescription'] },
  ifd1: false,
  exif: false,
  gps: false,
  interop: false,
  makerNote: false,
  userComment: false,
  icc: false,
  jfif: false,
  ihdr: false,
  xmp: true,
  iptc: true,
  multiSegment: true,
  mergeOutput: false,
  sanitize: true,
};

/**
 * Reads what an image says about its own credit (XMP, IPTC, EXIF — in that order of preference) and turns it
 * into a prefill for the credit form. Never throws: a file without metadata, or one exifr cannot read, gives
 * empty results.
 */
export async function readImageMetadata(file: string | Uint8Array): Promise<ImageMetadata> {
  let raw: unknown;
  try {
    raw = await exifr.parse(typeof file === 'string' ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength), OPTIONS);
  } catch {
    raw = undefined;
  }
  const found = foundIn(raw && typeof raw === 'object' ? (raw as Segments) : {});
  return { found, suggestion: suggestionFrom(found) };
}

function foundIn(s: Segments): Found {
  const dc = s['dc'] ?? {};
  const photoshop = s['photoshop'] ?? {};
  const iptc = s['iptc'] ?? {};
  const ifd0 = s['ifd0'] ?? {};
  const rights = s['xmpRights'] ?? {};
  const cc = s['cc'] ?? {};
  const core = s['Iptc4xmpCore'] ?? {};
  const pick = (...values: unknown[]): string | undefined => {
    for (const v of values) {
      const text = textOf(v);
      if (text) return text;
    }
    return undefined;
  };
  const found: Found = {
    creator: pick(dc['creator'], iptcText(iptc['Byline']), ifd0['Artist']),
    credit: pick(photoshop['Credit'], iptcText(iptc['Credit'])),
    source: pick(photoshop['Source'], iptcText(iptc['Source'])),
    copyright: pick(dc['rights'], iptcText(iptc['CopyrightNotice']), ifd0['Copyright']),
    title: pick(dc['title'], iptcText(iptc['ObjectName']), photoshop['Headline'], iptcText(iptc['Headline'])),
    description: pick(dc['description'], iptcText(iptc['Caption']), ifd0['ImageDescription']),
    altText: pick(core['AltTextAccessibility']),
    licenseUrl: pick(cc['license'], rights['WebStatement']),
  };
  for (const key of Object.keys(found) as (keyof Found)[]) if (found[key] === undefined) delete found[key];
  return found;
}

/** XMP values come as text, language alternatives (`{lang, value}`), or lists of either. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(textOf).filter((v): v is string => v !== undefined);
    // Language alternatives: prefer the default or German one; creator lists: all names.
    const alts = value.filter((v): v is { lang: string; value: unknown } => typeof v === 'object' && v !== null && 'lang' in v);
    if (alts.length > 0) {
      const best = alts.find((a) => a.lang === 'x-default') ?? alts.find((a) => a.lang.startsWith('de')) ?? alts[0];
      return best ? textOf(best.value) : undefined;
    }
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (typeof value === 'object' && value !== null && 'value' in value) return textOf((value as { value: unknown }).value);
  return undefined;
}

function clean(text: string): string | undefined {
  const t = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t.slice(0, 2000);
}

/**
 * IPTC text is often UTF-8 that exifr decodes as Latin-1 („Â©“ for „©“). Re-decode when the bytes are valid
 * UTF-8; real Latin-1 text („Müller“ as 0xFC) is not valid UTF-8 and stays as it is.
 */
function iptcText(value: unknown): unknown {
  if (typeof value !== 'string' || !/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  const bytes = Uint8Array.from(value, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return value;
  }
}

const AGENCIES: readonly [RegExp, License, string][] = [
  [/pixelio/i, 'pixelio', 'pixelio.de'],
  [/pixabay/i, 'pixabay', 'Pixabay'],
  [/unsplash/i, 'unsplash', 'Unsplash'],
];

/** The credit form's prefill from what the file says; only fields with something to say are set. */
export function suggestionFrom(found: Found): CreditPatch {
  const s: CreditPatch = {};
  const licenseUrl = found.licenseUrl && /^https?:\/\/\S+$/i.test(found.licenseUrl) ? found.licenseUrl : undefined;
  let license = licenseUrl ? licenseFromUrl(licenseUrl) : undefined;
  const agencyText = [found.credit, found.source, found.copyright].filter(Boolean).join(' ');
  const agency = AGENCIES.find(([re]) => re.test(agencyText));
  if (!license && agency) license = agency[1];

  const author = found.creator ?? authorFromCopyright(found.copyright);
  if (author) s.author = author;
  const source = agency && license === agency[1] ? agency[2] : (found.credit ?? found.source);
  if (source) s.source = source;
  if (found.title) s.title = found.title;
  const alt = found.altText ?? found.description;
  if (alt) s.alt = alt.slice(0, 500);
  if (license) s.license = license;
  if (licenseUrl) s.licenseUrl = licenseUrl;
  return s;
}

/** `© 2013 Rike / PIXELIO` → `Rike`. */
function authorFromCopyright(copyright: string | undefined): string | undefined {
  if (!copyright) return undefined;
  const name = copyright
    .replace(/©|\(c\)|copyright|all rights reserved\.?|alle rechte vorbehalten\.?/gi, ' ')
    .replace(/\b(?:19|20)\d{2}\b/g, ' ')
    .split(/\s+\/\s+|\s*\|\s*/)[0]
    ?.replace(/^[\s,.:;-]+|[\s,.:;-]+$/g, '')
    .trim();
  return name ? name : undefined;
}
