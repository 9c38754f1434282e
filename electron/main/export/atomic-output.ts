import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { KladdeError } from '../../common/result.js';
import { syncDirectory } from '../fs/atomic-write.js';

const suffix = () => randomBytes(6).toString('hex');

/**
 * Streams a file to `target` atomically: into a hidden temp file beside it, fsynced, then renamed over the target.
 * A failure or a crash leaves the old file (or none), never a half-written one. Returns the size written.
 */
export async function writeStreamAtomic(target: string, write: (out: Writable) => Promise<void>): Promise<number> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${suffix()}.tmp`);
  try {
    await write(createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
  return (await stat(target)).size;
}

/**
 * Writes a folder (an exported post: `index.html` and its images) to `target` atomically: filled in a hidden
 * staging folder beside it, then renamed into place. An earlier export there (a folder with an `index.html`) is
 * replaced; anything else at that name is left alone and refused.
 */
export async function writeFolderAtomic(target: string, fill: (staging: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(target);
  const staging = path.join(dir, `.${path.basename(target)}.${suffix()}.tmp`);
  const existing = await lstat(target).catch(() => null);
  if (existing) {
    const earlierExport = existing.isDirectory() && (await stat(path.join(target, 'index.html')).then((s) => s.isFile(), () => false));
    if (!earlierExport) {
      throw new KladdeError('already-exists', `„${path.basename(target)}“ gibt es dort schon. Bitte einen anderen Namen oder Ort wählen.`);
    }
  }
  await mkdir(staging, { mode: 0o755 });
  try {
    await fill(staging);
    await syncDirectory(staging);
    if (existing) {
      const old = path.join(dir, `.${path.basename(target)}.${suffix()}.old`);
      await rename(target, old);
      try {
        await rename(staging, target);
      } catch (error) {
        await rename(old, target).catch(() => undefined);
        throw error;
      }
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(staging, target);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await syncDirectory(dir);
}
