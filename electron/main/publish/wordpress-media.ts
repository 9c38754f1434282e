import type { PublishedMedia } from '../../common/markdown/front-matter-publish.js';
import type { HttpRequest } from '../http/http-client.js';
import type { RequestPurpose } from './publish-errors.js';
import { contentHash, type LocalImage, type PublishTarget } from './publisher.js';
import { routeUrl } from './wordpress-api.js';

/** An authenticated WordPress REST call (the publisher's own, with its error handling). */
export type WordPressCall = <T>(purpose: RequestPurpose, request: HttpRequest) => Promise<T>;

interface WpMediaItem {
  id: number;
  source_url: string;
  /** The post it is attached to; 0 or null for none (e.g. an upload whose answer was lost). */
  post?: number | null;
  media_details?: { filesize?: number };
}

/** Candidates downloaded at most to compare their content. */
const MAX_DOWNLOADS = 3;

/**
 * Looks an image up in the blog's own media library before uploading it: items found by the file's name whose
 * size matches (WordPress 6.0+ reports `filesize`) are downloaded and compared by content hash — only the same
 * bytes count. A lookup that fails is no reason not to upload: it answers null.
 */
export async function findInMediaLibrary(
  target: PublishTarget,
  call: WordPressCall,
  image: LocalImage,
  /** Told of a found item attached to no post, so the publisher can attach it to this one. */
  unattached?: (id: string) => void,
): Promise<PublishedMedia | null> {
  const stem = fileStem(image.fileName);
  if (stem === '') return null;
  let items: WpMediaItem[];
  try {
    items = await call<WpMediaItem[]>('read', {
      url: routeUrl(target.blog, 'media', { search: stem, media_type: 'image', per_page: 20, context: 'edit', _fields: 'id,source_url,post,media_details' }),
    });
  } catch {
    return null;
  }
  const candidates = (Array.isArray(items) ? items : [])
    .filter((item) => typeof item.source_url === 'string' && sameName(item.source_url, stem))
    .filter((item) => typeof item.media_details?.filesize !== 'number' || item.media_details.filesize === image.bytes.byteLength)
    .slice(0, MAX_DOWNLOADS);
  // The bytes that would be sent (the processed photo), not the library file the hash names.
  const wanted = contentHash(image.bytes);
  for (const item of candidates) {
    try {
      const file = await target.http.send({ url: item.source_url, responseType: 'bytes', timeoutMs: 120_000, ...(target.signal ? { signal: target.signal } : {}) });
      if (file.status === 200 && file.bytes && contentHash(file.bytes) === wanted) {
        if (!item.post) unattached?.(String(item.id));
        return { hash: image.hash, id: String(item.id), url: item.source_url };
      }
    } catch {
      /* unreadable candidate: try the next */
    }
  }
  return null;
}

/** Attaches media uploaded for a post to it (WordPress's „Hochgeladen zu“), so the library shows whose it is. */
export async function attachMedia(target: PublishTarget, call: WordPressCall, mediaIds: readonly string[], postId: number): Promise<void> {
  for (const id of new Set(mediaIds)) {
    if (!/^\d+$/.test(id)) continue;
    await call('media', { method: 'POST', url: routeUrl(target.blog, `media/${id}`), json: { post: postId } });
  }
}

/** `Rike Kopf.JPG` → `rike-kopf`: the name as WordPress stores it, roughly (lower case, dashes). */
export function fileStem(fileName: string): string {
  return fileName
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Whether an upload's address is this file: `…/2026/12/kopf.png`, also `kopf-1.png` or `kopf-scaled.png`. */
export function sameName(sourceUrl: string, stem: string): boolean {
  let base: string;
  try {
    base = decodeURIComponent(new URL(sourceUrl).pathname.split('/').pop() ?? '');
  } catch {
    return false;
  }
  const stored = fileStem(base).replace(/-scaled$/, '').replace(/-\d+$/, '');
  return stored === stem || stored === stem.replace(/-\d+$/, '');
}
