import exifr from 'exifr';
import sharp, { type Sharp } from 'sharp';
import type { BlogImages } from '../../common/model/blog.js';
import type { ImageType } from '../../common/model/images.js';
import { readImageMetadata } from './image-metadata.js';
import { scrubXmp } from './xmp-scrub.js';

/** JPEG and WebP quality of a processed photo: no visible loss on a screen, a fraction of a camera's bytes. */
export const UPLOAD_QUALITY = 82;

/**
 * Bumped whenever the processing changes in a way that should send photos again (a new quality, new rules).
 * A newer sharp or libvips alone does not: the same photo with the same settings stays the same upload.
 */
const RECIPE_VERSION = 1;

/** Types Kladde processes; GIF (animation) and AVIF go up as they are. */
const PROCESSED: ReadonlySet<ImageType> = new Set<ImageType>(['jpeg', 'webp', 'png']);

/**
 * What is done to an image of this type with these settings, as text — part of the upload's content hash, so a
 * photo is sent again only when the file or the recipe changed, never because processing merely ran again.
 * Null: the file goes up as it is (its hash is the file's alone, as before processing existed).
 */
export function uploadRecipe(type: ImageType | null, settings: BlogImages): string | null {
  if (type === null || !PROCESSED.has(type) || (!settings.shrink && !settings.stripLocation)) return null;
  return `kladde-upload/${RECIPE_VERSION};${type};edge=${settings.shrink ? settings.longestEdge : 0};q=${UPLOAD_QUALITY};strip=${settings.stripLocation ? 1 : 0}`;
}

export interface ProcessedUpload {
  bytes: Uint8Array;
  /** Whether `bytes` differ from the library file (false: the original goes up unchanged). */
  changed: boolean;
  width: number;
  height: number;
}

/**
 * Prepares a library image for the blog, in memory (the file stays untouched): turned upright, scaled so its
 * longer side is at most `longestEdge` (never enlarged), JPEG/WebP recompressed at {@link UPLOAD_QUALITY}, PNG
 * recompressed losslessly. With `stripLocation` the EXIF is rebuilt with only creator (Artist) and copyright,
 * the XMP loses GPS and serial numbers ({@link scrubXmp}) and IPTC (which holds no position) stays; without it
 * all metadata stays. Deterministic: the same input and settings give the same bytes with the same libvips.
 * Animated images and types not in the recipe are returned unchanged. Throws when sharp cannot read the file.
 */
export async function processForUpload(original: Uint8Array, type: ImageType | null, settings: BlogImages): Promise<ProcessedUpload> {
  const input = Buffer.from(original.buffer, original.byteOffset, original.byteLength);
  const meta = await sharp(input).metadata();
  const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
  const unchanged: ProcessedUpload = { bytes: original, changed: false, width: upright.width, height: upright.height };
  if (uploadRecipe(type, settings) === null || (meta.pages ?? 1) > 1) return unchanged;

  let pipeline = sharp(input).autoOrient();
  const longest = Math.max(upright.width, upright.height);
  const resized = settings.shrink && longest > settings.longestEdge;
  if (resized) pipeline = pipeline.resize({ width: settings.longestEdge, height: settings.longestEdge, fit: 'inside', withoutEnlargement: true });
  if (settings.stripLocation) pipeline = await keepOnlyCredits(pipeline, original, meta.xmp);
  else pipeline = pipeline.keepMetadata();
  if (meta.format === 'jpeg') pipeline = pipeline.jpeg({ quality: UPLOAD_QUALITY });
  else if (meta.format === 'webp') pipeline = pipeline.webp({ quality: UPLOAD_QUALITY });
  else if (meta.format === 'png') pipeline = pipeline.png({ compressionLevel: 9 });
  else return unchanged;

  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  // Nothing to scale and nothing private in it: a recompression that grew the file is not worth sending.
  const hadMetadata = meta.exif !== undefined || meta.xmp !== undefined;
  if (!resized && !(settings.stripLocation && hadMetadata) && data.byteLength >= original.byteLength) return unchanged;
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), changed: true, width: info.width, height: info.height };
}

/** EXIF rebuilt with creator and copyright only; XMP scrubbed of GPS and serials; IPTC and the ICC profile kept. */
async function keepOnlyCredits(pipeline: Sharp, original: Uint8Array, xmp: Buffer | undefined): Promise<Sharp> {
  const own = await exifCredit(original);
  const { found } = await readImageMetadata(original);
  const ifd0: Record<string, string> = {};
  // The EXIF's own words first; else what XMP or IPTC say. (libvips writes EXIF text as ASCII: „©“ becomes „(C)“,
  // „ü“ „u“ — XMP and IPTC keep the exact text.)
  const artist = own.Artist ?? found.creator;
  const copyright = own.Copyright ?? found.copyright;
  if (artist) ifd0['Artist'] = artist;
  if (copyright) ifd0['Copyright'] = copyright;
  let next = pipeline.keepIccProfile();
  if (Object.keys(ifd0).length > 0) next = next.withExif({ IFD0: ifd0 });
  if (xmp) next = next.withXmp(scrubXmp(xmp.toString('utf8')));
  keepIptc(next);
  return next;
}

/** Artist and Copyright as the EXIF itself has them (empty when it has none or cannot be read). */
async function exifCredit(original: Uint8Array): Promise<{ Artist?: string; Copyright?: string }> {
  let raw: unknown;
  try {
    raw = await exifr.parse(Buffer.from(original.buffer, original.byteOffset, original.byteLength), {
      tiff: true,
      ifd0: { pick: ['Artist', 'Copyright'] },
      ifd1: false,
      exif: false,
      gps: false,
      interop: false,
      xmp: false,
      iptc: false,
      icc: false,
      jfif: false,
      ihdr: false,
      mergeOutput: true,
    });
  } catch {
    return {};
  }
  const result: { Artist?: string; Copyright?: string } = {};
  if (typeof raw !== 'object' || raw === null) return result;
  for (const key of ['Artist', 'Copyright'] as const) {
    const value: unknown = Reflect.get(raw, key);
    if (typeof value === 'string' && value.trim() !== '') result[key] = value.trim();
  }
  return result;
}

/**
 * sharp 0.35 keeps IPTC only together with everything else (`keepMetadata`). IPTC-IIM carries by-line, credit and
 * copyright notice but no position, so it is kept through libvips' own keep flag (VIPS_FOREIGN_KEEP_IPTC = 1 << 2)
 * on the pipeline's options. The unit tests check that IPTC survives, so a sharp that changes this fails there.
 */
function keepIptc(pipeline: Sharp): void {
  const options: unknown = Reflect.get(pipeline, 'options');
  if (typeof options !== 'object' || options === null) return;
  const keep: unknown = Reflect.get(options, 'keepMetadata');
  if (typeof keep === 'number') Reflect.set(options, 'keepMetadata', keep | 0b00100);
}
