import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip, constants as zlibConstants } from 'node:zlib';
import { historyReasonSchema, historyVersionIdSchema, type HistoryReason } from '../../common/model/history.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A version's file: its id plus this ending. */
export const VERSION_FILE_SUFFIX = '.md.gz';

export interface VersionName {
  versionId: string;
  timeMs: number;
  reason: HistoryReason;
  words: number;
  hash: string;
}

/** The first 8 hex digits of a text's sha256: enough to tell a repeated text from a new one in the same post. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

export function versionId(timeMs: number, reason: HistoryReason, words: number, hash: string): string {
  return `${String(Math.max(0, Math.floor(timeMs))).padStart(13, '0')}-${reason}-${Math.max(0, Math.min(999_999_999, words))}-${hash}`;
}

/** A file name of the history folder as a version, or null for anything else (temp files, strangers). */
export function parseVersionFile(name: string): VersionName | null {
  if (!name.endsWith(VERSION_FILE_SUFFIX)) return null;
  const id = name.slice(0, -VERSION_FILE_SUFFIX.length);
  if (!historyVersionIdSchema.safeParse(id).success) return null;
  const m = /^(\d{13})-([a-z-]+)-(\d+)-([0-9a-f]{8})$/.exec(id);
  const reason = historyReasonSchema.safeParse(m?.[2]);
  if (!m || !reason.success) return null;
  return { versionId: id, timeMs: Number(m[1]), reason: reason.data, words: Number(m[3]), hash: m[4] ?? '' };
}

/**
 * Gzip in libuv's thread pool, so the main thread stays free (a post of a few hundred KB takes milliseconds,
 * not a frame of the window). Level 6 is zlib's own default: Markdown shrinks to about a third.
 */
export async function compressText(text: string): Promise<Buffer> {
  return gzipAsync(Buffer.from(text, 'utf8'), { level: zlibConstants.Z_DEFAULT_COMPRESSION });
}

export async function decompressText(bytes: Uint8Array): Promise<string> {
  return (await gunzipAsync(bytes)).toString('utf8');
}
