import { createReadStream, type Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { ExportProgress } from '../../common/model/export.js';

/**
 * What a backup leaves out: caches Kladde rebuilds by itself (the list cache, the search index), an import's
 * staging folder, and temp files of saves or image imports killed mid-write. Paths relative to the library, `/`.
 */
const REBUILDABLE = new Set(['.kladde/liste.json', '.kladde/suche.json']);
const SKIPPED_DIRS = new Set(['.kladde/import-tmp']);
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;
const IMPORT_TEMP_FILE = /^\.kladde-import-[0-9a-f]{12}\.tmp$/;
/** Already compressed: stored as they are, not deflated again. */
const STORED = /\.(jpe?g|png|gif|webp|avif|heic|zip|gz|pdf|mp4|mp3)$/i;
/** Deeper folders are not a library's shape (and could be a loop of links). */
const MAX_DEPTH = 32;

export interface LibraryFile {
  /** The file on disk (symlinks inside the library followed). */
  file: string;
  /** Its name in the archive: the library folder's name, then the path inside it, with `/`. */
  name: string;
  size: number;
  mtime: Date;
  mode: number;
}

/** Whether a path inside the library (relative, `/`) belongs in a backup. */
export function backedUp(relative: string): boolean {
  if (REBUILDABLE.has(relative)) return false;
  for (const dir of SKIPPED_DIRS) if (relative === dir || relative.startsWith(dir + '/')) return false;
  const base = relative.slice(relative.lastIndexOf('/') + 1);
  return !TEMP_FILE.test(base) && !IMPORT_TEMP_FILE.test(base);
}

/**
 * Every file of the library that goes into a backup, sorted. Symlinked files are taken when they point inside
 * the library; symlinked folders are skipped (their files are backed up where they really are); `exclude` names
 * files never to take (the archive itself, when the user saves it inside the library).
 */
export async function libraryFiles(root: string, exclude: ReadonlySet<string> = new Set()): Promise<LibraryFile[]> {
  const realRoot = await realpath(root);
  const top = path.basename(realRoot) || 'Kladde';
  const out: LibraryFile[] = [];
  const visit = async (dir: string, rel: string, depth: number): Promise<void> => {
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const relative = rel ? `${rel}/${entry.name}` : entry.name;
      if (!backedUp(relative)) continue;
      const full = path.join(dir, entry.name);
      if (exclude.has(full)) continue;
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) await visit(full, relative, depth + 1);
        continue;
      }
      let file = full;
      if (entry.isSymbolicLink()) {
        const real = await realpath(full).catch(() => null);
        if (!real || !real.startsWith(realRoot + path.sep) || exclude.has(real)) continue;
        file = real;
      } else if (!entry.isFile()) {
        continue;
      }
      const info = await (file === full ? lstat(file) : stat(file)).catch(() => null);
      if (!info?.isFile()) continue;
      out.push({ file, name: `${top}/${relative}`, size: info.size, mtime: info.mtime, mode: info.mode & 0o777 });
    }
  };
  await visit(realRoot, '', 1);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Streams the files into a ZIP written to `output`: one file open at a time, no file and no archive ever held
 * whole in memory. Reports progress after every file; resolves when the archive is completely written.
 */
export async function writeZip(files: readonly LibraryFile[], output: Writable, onProgress?: (p: ExportProgress) => void): Promise<void> {
  const zip = new ZipFile();
  let done = 0;
  let bytes = 0;
  const total = files.length;
  onProgress?.({ done, total, bytes });
  for (const f of files) {
    zip.addReadStreamLazy(f.name, { mtime: f.mtime, mode: f.mode | 0o100000, compress: !STORED.test(f.name) }, (cb) => {
      const stream = createReadStream(f.file, { highWaterMark: 256 * 1024 });
      stream.on('data', (chunk) => (bytes += chunk.length));
      stream.on('end', () => {
        done++;
        onProgress?.({ done, total, bytes });
      });
      cb(null, stream);
    });
  }
  zip.end();
  await pipeline(zip.outputStream, output);
}

/** A file of an exported post's folder: the page's bytes, or an image file copied as it is. */
export interface FolderEntry {
  name: string;
  source: { bytes: Buffer } | { file: string };
}

/** A post's exported folder (`<slug>/index.html` and its images) as one ZIP, for the browser's single download. */
export async function writeFolderZip(top: string, entries: readonly FolderEntry[], output: Writable): Promise<void> {
  const zip = new ZipFile();
  for (const e of entries) {
    const name = `${top}/${e.name}`;
    if ('bytes' in e.source) zip.addBuffer(e.source.bytes, name);
    else zip.addFile(e.source.file, name, { compress: !STORED.test(e.name) });
  }
  zip.end();
  await pipeline(zip.outputStream, output);
}
