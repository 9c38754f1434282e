import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { constants, createReadStream } from 'node:fs';
import path from 'node:path';
import { MAX_BODY_BYTES, MAX_BODY_MB } from '../../common/ipc/limits.js';
import type { ImportFile } from '../../common/model/import.js';
import { KladdeError } from '../../common/result.js';
import { readWxr } from './wxr-reader.js';

/** Uploaded exports left behind (a crash, an import never started) are removed after this long. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface KnownFile {
  path: string;
  name: string;
  /** An upload Kladde made itself, removed after its import; a file the user chose stays where it is. */
  temporary: boolean;
}

/**
 * The export files of „Beiträge holen“, named by a token: the renderer never sees a path. A file chosen in
 * Electron's open dialog stays where it is; the web host's upload goes into a temp file in the config folder
 * (`import-files/`), which is removed after its import, or after a day when it was never used.
 */
export class ImportFiles {
  private readonly known = new Map<string, KnownFile>();

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A file on disk (the open dialog's choice, the command line's argument). */
  async register(file: string): Promise<ImportFile> {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new KladdeError('not-found', `Die Exportdatei „${path.basename(file)}“ wurde nicht gefunden.`);
    return this.add({ path: path.resolve(file), name: path.basename(file), temporary: false }, info.size);
  }

  /** An export's bytes, sent by the browser. */
  async upload(name: string, bytes: Uint8Array): Promise<ImportFile> {
    // Electron's IPC has no body limit of its own: the same one as the web host's.
    if (bytes.byteLength > MAX_BODY_BYTES) throw new KladdeError('too-large', `Die Exportdatei ist größer als ${MAX_BODY_MB} MB; bitte in der App über „Datei öffnen“ wählen.`);
    await this.removeStale();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const token = randomBytes(16).toString('hex');
    const file = path.join(this.dir, `${token}.xml`);
    await writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
    return this.add({ path: file, name: path.basename(name.replace(/\\/g, '/')), temporary: true }, bytes.byteLength, token);
  }

  /** An export's bytes lying in a file of someone else's (the web host's spool file): copied into a temp file. */
  async adopt(source: string, name: string): Promise<ImportFile> {
    await this.removeStale();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const token = randomBytes(16).toString('hex');
    const file = path.join(this.dir, `${token}.xml`);
    await copyFile(source, file, constants.COPYFILE_EXCL);
    await chmod(file, 0o600).catch(() => undefined);
    const info = await stat(file);
    return this.add({ path: file, name: path.basename(name.replace(/\\/g, '/')), temporary: true }, info.size, token);
  }

  /** The path behind a token. */
  pathOf(token: string): string {
    const known = this.known.get(token);
    if (!known) throw new KladdeError('not-found', 'Die Exportdatei ist nicht mehr da. Bitte noch einmal auswählen.');
    return known.path;
  }

  /** After its import: an upload's temp file is removed with its token; a file of the user's stays chosen. */
  async release(token: string): Promise<void> {
    const known = this.known.get(token);
    if (!known?.temporary) return;
    this.known.delete(token);
    await rm(known.path, { force: true });
  }

  /** Removes uploads older than a day (also those of an earlier run, whose tokens are gone). */
  async removeStale(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!/^[a-f0-9]{32}\.xml$/.test(name)) continue;
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => null);
      if (info && this.now() - info.mtimeMs > MAX_AGE_MS) {
        await rm(file, { force: true });
        this.known.delete(name.slice(0, 32));
      }
    }
  }

  private async add(file: KnownFile, size: number, token = randomBytes(16).toString('hex')): Promise<ImportFile> {
    this.known.set(token, file);
    return { fileToken: token, name: file.name.slice(0, 1000), size, site: await exportSite(file.path) };
  }
}

/** The blog an export came from (its channel's `<link>`), read from the head of the file; null when unreadable. */
async function exportSite(file: string): Promise<string | null> {
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  try {
    for await (const event of readWxr(stream)) {
      if (event.kind === 'channel') return event.channel.link.slice(0, 2000) || null;
    }
  } catch {
    /* a broken export is reported when it is imported */
  } finally {
    stream.destroy();
  }
  return null;
}
