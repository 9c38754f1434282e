import type { PublishedMedia } from '../../../common/markdown/front-matter-publish.js';
import type { RequestPurpose } from '../publish-errors.js';
import { contentHash, type LocalImage, type PublishTarget } from '../publisher.js';
import { fileStem, sameName } from '../wordpress-media.js';
import { isStruct, textOf, type XmlRpcStruct, type XmlRpcValue } from './xmlrpc-codec.js';

/** A `wp.*` call with the blog's id, user and secret already in front of `params`. */
export type WpCall = (purpose: RequestPurpose, method: string, params: readonly XmlRpcValue[]) => Promise<XmlRpcValue>;

/** Newest image items read from the library (once per publish); older ones are found through Kladde's index. */
const LIBRARY_ITEMS = 200;
/** Candidates downloaded at most per image to compare their content. */
const MAX_DOWNLOADS = 3;

/**
 * The blog's own media library over XML-RPC, asked before an image is uploaded — as the REST publisher does with
 * `wp/v2/media`: `wp.getMediaLibrary` lists the newest image items (read once per publish); those with the file's
 * name and, where WordPress reports it (6.0+), its size are downloaded and compared by content hash — only the same
 * bytes count. A lookup that fails is no reason not to upload: it answers null.
 */
export class XmlRpcMediaLibrary {
  private items: Promise<XmlRpcStruct[]> | null = null;

  constructor(
    private readonly target: PublishTarget,
    private readonly call: WpCall,
  ) {}

  /** `unattached` is told of a found item attached to no post, so the publisher can attach it to this one. */
  async find(image: LocalImage, unattached?: (id: string) => void): Promise<PublishedMedia | null> {
    const stem = fileStem(image.fileName);
    if (stem === '') return null;
    const candidates = (await this.library())
      .filter((item) => sameName(textOf(item['link']), stem))
      .filter((item) => {
        const size = isStruct(item['metadata']) ? Number(textOf(item['metadata']['filesize'])) : NaN;
        return !Number.isFinite(size) || size === 0 || size === image.bytes.byteLength;
      })
      .slice(0, MAX_DOWNLOADS);
    // The bytes that would be sent (the processed photo), not the library file the hash names.
    const wanted = contentHash(image.bytes);
    for (const item of candidates) {
      const url = textOf(item['link']);
      const id = textOf(item['attachment_id']);
      try {
        const file = await this.target.http.send({ url, responseType: 'bytes', timeoutMs: 120_000, ...(this.target.signal ? { signal: this.target.signal } : {}) });
        if (id !== '' && file.status === 200 && file.bytes && contentHash(file.bytes) === wanted) {
          if (!Number(textOf(item['parent']))) unattached?.(id);
          return { hash: image.hash, id, url };
        }
      } catch {
        /* unreadable candidate: try the next */
      }
    }
    return null;
  }

  private library(): Promise<XmlRpcStruct[]> {
    this.items ??= this.call('read', 'wp.getMediaLibrary', [{ number: LIBRARY_ITEMS, mime_type: 'image' }]).then(
      (answer) => (Array.isArray(answer) ? answer.filter(isStruct) : []),
      () => [],
    );
    return this.items;
  }
}

/**
 * Attaches media to a post (WordPress's „Hochgeladen zu“) through `wp.editPost` on the attachment. It is a
 * nicety: the post is on the blog either way, so a refusal is not a failed publish.
 */
export async function attachToPost(call: WpCall, mediaIds: readonly string[], postId: string): Promise<void> {
  if (!/^\d+$/.test(postId)) return;
  for (const id of new Set(mediaIds)) {
    if (!/^\d+$/.test(id)) continue;
    await call('media', 'wp.editPost', [Number(id), { post_type: 'attachment', post_parent: Number(postId) }]).catch(() => undefined);
  }
}
