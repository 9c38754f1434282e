import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { imageKey } from '../../common/markdown/image-refs.js';
import { postRenderOptions, type RenderOptions } from '../../common/markdown/render.js';
import type { ExportImageMode, ExportOutcome, ExportPostRequest, ExportProgress } from '../../common/model/export.js';
import { KladdeError } from '../../common/result.js';
import type { EventSink } from '../events/event-sink.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { ImageService } from '../images/image-service.js';
import type { Handlers } from '../ipc/dispatch.js';
import type { PostStore } from '../posts/post-store.js';
import { writeFolderAtomic, writeStreamAtomic } from './atomic-output.js';
import { ExportDownloads } from './export-downloads.js';
import { exportPage, localImageKeys } from './export-page.js';
import { libraryFiles, writeFolderZip, writeZip, type FolderEntry } from './library-zip.js';

/** What the save dialog is asked for: a file, or (`html-folder`) the name of a folder to create. */
export type SaveTargetKind = 'html' | 'html-folder' | 'pdf' | 'zip';
export interface SaveTargetRequest {
  kind: SaveTargetKind;
  defaultName: string;
}

export interface ExportServiceDeps {
  posts: PostStore;
  images: ImageService;
  /** The user's credit templates and featured-credit placement: the page's credits read like the preview's. */
  renderOptions: () => Promise<Pick<RenderOptions, 'creditTexts' | 'featuredCredit'>>;
  /** The web host's downloads wait here (the config folder's `export-files/`). */
  downloadsDir: string;
  /**
   * Electron's save dialog: the path the user chose, or null when cancelled. When given, exports are written
   * there; without it (the web host) they wait as one-time downloads.
   */
  chooseTarget?: (request: SaveTargetRequest) => Promise<string | null>;
  /** Electron's printToPDF of a page on a hidden window; without it a PDF export hands the page out to print. */
  printToPdf?: (html: string) => Promise<Uint8Array>;
  /** The library ZIP's progress goes out as `exportProgress`. */
  events?: EventSink;
  now?: () => Date;
}

/** A post ready to be written: its page and, for the folder form, the image files beside it. */
export interface BuiltPost {
  slug: string;
  html: string;
  /** Images by their path relative to the page (`foto.jpg`, `bilder/a.png`) and the file they are copied from. */
  images: { name: string; file: string }[];
}

export type ExportChannels = 'exportPost' | 'exportLibrary';

const HTML = 'text/html; charset=utf-8';

/**
 * Export: a post as standalone HTML (images inline or beside it) or PDF, the library as a ZIP for backup.
 * The page comes from the one renderer the preview and publishing use. Built from explicit dependencies; no
 * `electron` in here (the save dialog and printToPDF come in as functions).
 */
export class ExportService {
  readonly downloads: ExportDownloads;
  private zipping = false;

  constructor(private readonly deps: ExportServiceDeps) {
    this.downloads = new ExportDownloads(deps.downloadsDir);
  }

  /** Removes downloads nobody fetched. Never throws. */
  async start(): Promise<void> {
    await this.downloads.removeStale().catch(() => undefined);
  }

  static handlers(get: () => ExportService): Pick<Handlers, ExportChannels> {
    return {
      exportPost: (request) => get().exportPost(request),
      exportLibrary: () => get().exportLibrary(),
    };
  }

  /** The saved post as a page: images as data: URLs (`inline`) or as paths of files beside it (`folder`). */
  async buildPost(postId: string, mode: ExportImageMode): Promise<BuiltPost> {
    const { text } = await this.deps.posts.peek(postId);
    const existing = new Set(await this.deps.images.existingFiles(postId));
    const featured = postRenderOptions(text).featuredImage ?? '';
    const found = new Map<string, { file: string; mime: string }>();
    for (const key of localImageKeys(text, featured)) {
      if (!existing.has(key)) continue;
      const media = await this.deps.images.resolveMedia(postId, key).catch(() => null);
      // Only raster images: an SVG may carry script, and a file that is no image shows as missing.
      if (media && media.mime !== 'image/svg+xml') found.set(key, { file: media.path, mime: media.mime });
      else existing.delete(key);
    }
    const dataUrls = new Map<string, string>();
    if (mode === 'inline') {
      for (const [key, media] of found) dataUrls.set(key, `data:${media.mime};base64,${(await readFile(media.file)).toString('base64')}`);
    }
    const resolveImage = (src: string) => {
      const key = imageKey(src);
      if (mode === 'inline') return dataUrls.get(key) ?? src;
      return key.split('/').map(encodeURIComponent).join('/');
    };
    const html = exportPage({ text, postId, render: { ...(await this.deps.renderOptions()), existingFiles: existing }, resolveImage });
    const images = mode === 'folder' ? [...found].map(([name, media]) => ({ name, file: media.file })) : [];
    return { slug: postId, html, images };
  }

  async exportPost(request: ExportPostRequest): Promise<ExportOutcome> {
    const { postId, format } = request;
    const mode: ExportImageMode = format === 'pdf' ? 'inline' : request.images;
    const choose = this.deps.chooseTarget;
    if (format === 'pdf') {
      if (!choose) {
        // The web host: the browser prints the page itself (its print stylesheet makes the PDF).
        const built = await this.buildPost(postId, 'inline');
        return this.offer('print', `${built.slug}.html`, HTML, async (out) => endWith(out, built.html));
      }
      const print = this.deps.printToPdf;
      if (!print) throw new KladdeError('internal', 'PDF-Export ist hier nicht verfügbar.');
      const target = await choose({ kind: 'pdf', defaultName: `${postId}.pdf` });
      if (target === null) return { outcome: 'cancelled' };
      const built = await this.buildPost(postId, 'inline');
      const pdf = await print(built.html);
      await writeFileAtomic(target, pdf);
      return { outcome: 'saved', fileName: path.basename(target), size: pdf.byteLength };
    }
    if (mode === 'inline') {
      if (!choose) {
        const built = await this.buildPost(postId, 'inline');
        return this.offer('download', `${built.slug}.html`, HTML, async (out) => endWith(out, built.html));
      }
      const target = await choose({ kind: 'html', defaultName: `${postId}.html` });
      if (target === null) return { outcome: 'cancelled' };
      const built = await this.buildPost(postId, 'inline');
      await writeFileAtomic(target, built.html);
      return { outcome: 'saved', fileName: path.basename(target), size: Buffer.byteLength(built.html) };
    }
    if (!choose) {
      // A browser downloads one file: the folder comes as a ZIP holding `<slug>/index.html` and the images.
      const built = await this.buildPost(postId, 'folder');
      const entries: FolderEntry[] = [
        { name: 'index.html', source: { bytes: Buffer.from(built.html) } },
        ...built.images.map((i) => ({ name: i.name, source: { file: i.file } })),
      ];
      return this.offer('download', `${built.slug}.zip`, 'application/zip', (out) => writeFolderZip(built.slug, entries, out));
    }
    const target = await choose({ kind: 'html-folder', defaultName: postId });
    if (target === null) return { outcome: 'cancelled' };
    const built = await this.buildPost(postId, 'folder');
    let size = Buffer.byteLength(built.html);
    await writeFolderAtomic(target, async (staging) => {
      await writeFile(path.join(staging, 'index.html'), built.html);
      for (const image of built.images) {
        const to = path.join(staging, ...image.name.split('/'));
        await mkdir(path.dirname(to), { recursive: true });
        await copyFile(image.file, to);
        size += (await stat(to)).size;
      }
    });
    return { outcome: 'saved', fileName: path.basename(target), size };
  }

  /**
   * The whole library as a ZIP for backup: every post with its images and the `.kladde` folder, without the caches
   * Kladde rebuilds. Streamed file by file to disk; progress goes out as `exportProgress`. One at a time.
   */
  async exportLibrary(): Promise<ExportOutcome> {
    if (this.zipping) throw new KladdeError('conflict', 'Eine Sicherung der Bibliothek läuft schon.');
    this.zipping = true;
    try {
      const root = this.deps.posts.root;
      const name = `${path.basename(root) || 'Kladde'}-${day(this.deps.now?.() ?? new Date())}.zip`;
      const progress = throttled((p) => this.deps.events?.emit('exportProgress', p));
      const choose = this.deps.chooseTarget;
      if (!choose) {
        const files = await libraryFiles(root);
        return await this.offer('download', name, 'application/zip', (out) => writeZip(files, out, progress));
      }
      const target = await choose({ kind: 'zip', defaultName: name });
      if (target === null) return { outcome: 'cancelled' };
      const files = await libraryFiles(root, new Set([path.resolve(target)]));
      const size = await writeStreamAtomic(target, (out) => writeZip(files, out, progress));
      return { outcome: 'saved', fileName: path.basename(target), size };
    } finally {
      this.zipping = false;
    }
  }

  private async offer(outcome: 'download' | 'print', fileName: string, mime: string, write: (out: Writable) => Promise<void>): Promise<ExportOutcome> {
    const { token, size } = await this.downloads.create(fileName, mime, write);
    return { outcome, downloadToken: token, fileName, size };
  }
}

function endWith(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    // 'close', not 'finish': the file is closed before it is renamed or read again.
    out.once('close', () => resolve());
    out.end(text);
  });
}

function day(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Every start and end, and otherwise at most one report per tenth of a second (a library has thousands of files). */
function throttled(report: (p: ExportProgress) => void): (p: ExportProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.done === 0 || p.done === p.total || now - last >= 100) {
      last = now;
      report(p);
    }
  };
}
