import { randomBytes } from 'node:crypto';
import { lstat, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that a crash at any moment leaves either the old or the new content, never a torn file:
 * write a temp file beside it, fsync it, rename it over the target, then fsync the folder so the rename
 * itself survives a power cut. A killed process may leave a hidden temp file (`.<name>.<12 hex>.tmp`) behind.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  // The new file takes over the permissions of the one it replaces (a private post stays private).
  const mode = await stat(target).then(
    (s) => s.mode & 0o7777,
    () => null,
  );
  const handle = await open(temp, 'wx', mode ?? 0o644);
  try {
    if (mode !== null) await handle.chmod(mode).catch(() => undefined);
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes a rename in the folder survive a power cut (best effort). */
export async function syncDirectory(dir: string): Promise<void> {
  // Not every platform can open a folder for fsync (Windows cannot); the rename is still atomic there.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

/** Whether anything is at the path, a dangling symlink included. */
export async function pathExists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}
