import { readdir } from 'node:fs/promises';
import { parseFrontMatter } from '../../common/markdown/front-matter.js';
import { readPublishState, setPublishRecord, type PublishedMedia } from '../../common/markdown/front-matter-publish.js';
import { findImageReferences } from '../../common/markdown/image-refs.js';
import type { ImportItemResult } from '../../common/model/import.js';
import type { EventSink } from '../events/event-sink.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { HttpClient } from '../http/http-client.js';
import type { PostStore } from '../posts/post-store.js';
import { downloadImage, ImportCancelled } from './image-download.js';
import type { ImportIndex, ImportIndexEntry, PendingImage } from './import-index.js';
import { SAFE_FILE, textHash } from './import-writer.js';
import { postFolderExists } from './local-posts.js';
import { retargetImage } from './retarget-images.js';

export interface ImageFetcherDeps {
  posts: PostStore;
  http: HttpClient;
  index: ImportIndex;
  events?: EventSink;
  maxImageBytes?: number;
}

/**
 * „Bilder herunterladen“: fetches the images an offline import (or a failed download) left on the blog into their
 * posts' folders and points the posts at the files — into the text on disk now, which the user may have edited
 * since; an image the post no longer shows is forgotten.
 */
export class ImageFetcher {
  constructor(private readonly deps: ImageFetcherDeps) {}

  async download(entry: ImportIndexEntry, signal: AbortSignal): Promise<ImportItemResult> {
    const base = { remoteId: entry.key.slice(entry.key.lastIndexOf(':') + 1), postId: entry.postId };
    if (!(await postFolderExists(this.deps.posts, entry.postId))) {
      await this.deps.index.put({ ...entry, pending: [] });
      return { ...base, title: entry.postId, outcome: 'failed', message: 'Der Beitrag ist nicht mehr in der Bibliothek.', imagesMissing: 0 };
    }
    let before: string;
    try {
      before = (await this.deps.posts.peek(entry.postId)).text;
    } catch (error) {
      return { ...base, title: entry.postId, outcome: 'failed', message: error instanceof Error ? error.message : 'Nicht lesbar.', imagesMissing: entry.pending.length };
    }
    const parsed = parseFrontMatter(before);
    const title = (parsed.ok && parsed.fields.title) || entry.postId;
    const shown = new Set(findImageReferences(before).flatMap((r) => [r.href, r.key]));
    const dir = await this.deps.posts.paths.realInside(this.deps.posts.paths.postDir(entry.postId));
    const done: { image: PendingImage; file: string; media: PublishedMedia | null }[] = [];
    const left: PendingImage[] = [];
    const problems: string[] = [];
    const taken = new Set((await readdir(dir)).map((n) => n.toLowerCase()));
    const byHash = new Map<string, string>();
    for (const image of entry.pending) {
      if (!shown.has(image.href)) continue;
      // The index lies in the library, which may be synced from elsewhere: a name that could leave the folder is refused.
      if (!SAFE_FILE.test(image.file)) {
        left.push(image);
        problems.push(`Der Dateiname „${image.file.slice(0, 80)}“ ist nicht sicher.`);
        continue;
      }
      if (signal.aborted) throw new ImportCancelled();
      const got = await downloadImage(this.deps.http, image, { signal, ...(this.deps.maxImageBytes ? { maxBytes: this.deps.maxImageBytes } : {}) });
      if (!got.ok) {
        left.push(image);
        problems.push(got.message);
        continue;
      }
      let file = byHash.get(got.hash);
      if (file === undefined) {
        file = freeName(image.file, taken);
        taken.add(file.toLowerCase());
        byHash.set(got.hash, file);
        await writeFileAtomic(this.deps.posts.paths.fileInPost(entry.postId, file), got.bytes);
      }
      done.push({ image, file, media: image.mediaId ? { hash: got.hash, id: image.mediaId, url: image.mediaUrl ?? image.url } : null });
    }
    if (done.length === 0) {
      await this.deps.index.put({ ...entry, pending: left });
      return { ...base, title, outcome: left.length > 0 ? 'failed' : 'unchanged', message: problems[0] ?? null, imagesMissing: left.length };
    }
    const edit = (text: string): string | null => {
      let out = text;
      for (const d of done) out = retargetImage(out, d.image.href, d.file);
      if (entry.blogId) {
        const record = readPublishState(out, entry.blogId).record;
        const media = Object.fromEntries(done.filter((d) => d.media !== null).map((d) => [d.file, d.media as PublishedMedia]));
        if (record && Object.keys(media).length > 0) out = setPublishRecord(out, entry.blogId, { ...record, media: { ...record.media, ...media } }) ?? out;
      }
      return out;
    };
    const written = await this.deps.posts.writeOwnChange(entry.postId, edit);
    if (written) this.deps.events?.emit('postChangedOnDisk', { id: entry.postId, version: written.version });
    // Still „as imported“ when it was before: the next import may update it without asking.
    const writtenHash = written && entry.writtenHash === textHash(before) ? textHash(written.text) : entry.writtenHash;
    await this.deps.index.put({ ...entry, writtenHash, pending: left });
    const message = left.length > 0 ? `${left.length === 1 ? 'Ein Bild konnte' : `${left.length} Bilder konnten`} nicht geladen werden. ${problems[0] ?? ''}`.trim() : null;
    return { ...base, title, outcome: 'updated', message, imagesMissing: left.length };
  }
}

/** `foto.jpg`, else `foto-2.jpg`, … not taken in the folder (case-insensitively). */
function freeName(file: string, taken: Set<string>): string {
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const ext = dot > 0 ? file.slice(dot) : '';
  for (let n = 1; n < 100_000; n++) {
    const name = n === 1 ? file : `${stem}-${n}${ext}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
  return `${stem}-${Date.now()}${ext}`;
}
