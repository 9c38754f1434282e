import { createHash } from 'node:crypto';
import { MAX_BODY_BYTES } from '../../common/ipc/limits.js';
import type { ImageType } from '../../common/model/images.js';
import { HttpError, safeAddress, type HttpClient } from '../http/http-client.js';
import { SNIFF_BYTES, sniffImage } from '../images/image-type.js';

/** The largest image an import takes: the same as an image added by hand. */
export const MAX_IMAGE_BYTES = MAX_BODY_BYTES;

export type DownloadedImage =
  | { ok: true; bytes: Uint8Array; type: ImageType; hash: string; from: string }
  | { ok: false; message: string };

/** The content hash the publish record keeps for an image (as publishing computes it). */
export function mediaHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** Thrown when the user cancelled: the import stops instead of counting the image as missing. */
export class ImportCancelled extends Error {
  constructor() {
    super('Abgebrochen.');
    this.name = 'ImportCancelled';
  }
}

/**
 * Fetches an image of an imported post: the original first, then the address as the post used it. Judges the
 * bytes by their content (JPEG, PNG, GIF, WebP, AVIF); SVG and anything else is refused with a German sentence,
 * as is an answer larger than `maxBytes` or an address that is no http(s). Never throws, except when cancelled.
 */
export async function downloadImage(
  http: HttpClient,
  image: { url: string; fallbackUrl?: string | undefined },
  options: { maxBytes?: number; signal?: AbortSignal } = {},
): Promise<DownloadedImage> {
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  const candidates = [image.url, ...(image.fallbackUrl && image.fallbackUrl !== image.url ? [image.fallbackUrl] : [])];
  let failure = '';
  for (const url of candidates) {
    if (!/^https?:\/\//i.test(url)) {
      failure ||= `Die Bildadresse „${url.slice(0, 200)}“ ist keine http(s)-Adresse.`;
      continue;
    }
    let answer;
    try {
      answer = await http.bytes({ url, maxBytes, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      if (options.signal?.aborted || (error instanceof HttpError && error.kind === 'aborted')) throw new ImportCancelled();
      failure = reason(url, error, maxBytes);
      continue;
    }
    if (answer.status >= 400) {
      failure = `Das Bild ${safeAddress(url)} ließ sich nicht laden (Status ${answer.status}).`;
      continue;
    }
    if (answer.bytes.byteLength === 0) {
      failure = `Das Bild ${safeAddress(url)} ist leer.`;
      continue;
    }
    const sniffed = sniffImage(answer.bytes.subarray(0, SNIFF_BYTES));
    if (sniffed.kind === 'image') return { ok: true, bytes: answer.bytes, type: sniffed.type, hash: mediaHash(answer.bytes), from: url };
    failure =
      sniffed.kind === 'svg'
        ? `${safeAddress(url)} ist eine SVG-Grafik; SVG kann Skripte enthalten und wird nicht übernommen.`
        : sniffed.kind === 'heic'
          ? `${safeAddress(url)} ist ein HEIC-Foto, das Browser und Blogs nicht anzeigen; es wird nicht übernommen.`
          : `${safeAddress(url)} ist kein Bild (erkannt werden JPEG, PNG, GIF, WebP und AVIF – nach dem Inhalt).`;
  }
  return { ok: false, message: failure };
}

function reason(url: string, error: unknown, maxBytes: number): string {
  const where = safeAddress(url);
  if (!(error instanceof HttpError)) return `Das Bild ${where} ließ sich nicht laden.`;
  switch (error.kind) {
    case 'offline':
      return `Das Bild ${where} ist nicht erreichbar.`;
    case 'timeout':
      return `Das Bild ${where} kam nicht rechtzeitig an.`;
    case 'tls':
      return `Die sichere Verbindung zu ${where} ist fehlgeschlagen (Zertifikat).`;
    default:
      return error.code === 'too-large'
        ? `Das Bild ${where} ist größer als ${maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MB` : `${Math.round(maxBytes / 1024)} KB`}.`
        : `Das Bild ${where} ließ sich nicht laden.`;
  }
}
