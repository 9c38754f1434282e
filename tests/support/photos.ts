import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

/**
 * A camera-like JPEG: `width`×`height` pixels of gradients with fine detail (so it compresses like a photo, not
 * like a flat colour), written to `file`. `seed` varies the content, so two photos never share a hash.
 */
export async function writePhoto(file: string, width: number, height: number, seed = 0, quality = 95): Promise<void> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width + (((x * 7 + y * 3 + seed) * 2654435761) >>> 28);
      raw[i + 1] = (y * 255) / height + (((x * 13 + y * 5 + seed) * 40503) >>> 12) % 24;
      raw[i + 2] = ((x + y + seed * 17) % 256) / 2 + (((x ^ y) + seed) & 31);
    }
  }
  await sharp(raw, { raw: { width, height, channels: 3 } }).blur(0.6).jpeg({ quality }).toFile(file);
}

/** The tags a photographer's camera and software put in: GPS position, serial numbers and the credits. */
export const CAMERA_TAGS: readonly string[] = [
  '-GPSLatitude=52.5163',
  '-GPSLatitudeRef=N',
  '-GPSLongitude=13.3777',
  '-GPSLongitudeRef=E',
  '-GPSAltitude=34',
  '-SerialNumber=CAM-4711',
  '-LensSerialNumber=LENS-0815',
  '-XMP-exif:GPSLatitude=52.5163',
  '-XMP-exif:GPSLongitude=13.3777',
  '-XMP-aux:SerialNumber=CAM-4711',
  '-Artist=Rike Kopf',
  '-Copyright=© 2026 Rike Kopf',
  '-IPTC:By-line=Rike Kopf',
  '-IPTC:Credit=Kopf Fotografie',
  '-IPTC:CopyrightNotice=© 2026 Rike Kopf',
  '-XMP-dc:Creator=Rike Kopf',
  '-XMP-dc:Rights=© 2026 Rike Kopf',
  '-XMP-photoshop:Credit=Kopf Fotografie',
];

/** Runs exiftool; a machine without it fails with a message naming the package to install. */
export async function exiftool(args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('exiftool', [...args], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new Error('exiftool fehlt: apt-get install libimage-exiftool-perl', { cause: error });
    }
    throw error;
  }
}

/** Writes tags into a file in place (`-n`: numbers as given). */
export async function writeTags(file: string, tags: readonly string[]): Promise<void> {
  await exiftool(['-q', '-overwrite_original', '-n', '-charset', 'iptc=UTF8', '-codedcharacterset=utf8', ...tags, file]);
}

/** Every tag of a file as `Group:Name` → value (exiftool -G1 -a), without exiftool's own and the file system's. */
export async function readTags(file: string): Promise<Record<string, unknown>> {
  const parsed: unknown = JSON.parse(await exiftool(['-j', '-G1', '-a', '-n', file]));
  const first: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  if (typeof first !== 'object' || first === null) throw new Error(`exiftool lieferte nichts für ${file}`);
  const tags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    if (key === 'SourceFile' || key.startsWith('System:') || key.startsWith('ExifTool:') || key.startsWith('File:')) continue;
    tags[key] = value;
  }
  return tags;
}

/** Tag names that give away where or with which camera body a photo was taken. */
export function privateTags(tags: Record<string, unknown>): string[] {
  return Object.keys(tags).filter((key) => /(^|:)GPS/i.test(key) || /SerialNumber/i.test(key));
}
