import { imageKey } from '../markdown/image-refs.js';

/**
 * The encoded path `<postId>/<file…>` under which a transport serves a post's local image (after `/media/` in the
 * web host, after `kladde-media://post/` in Electron; both parse it with main's `parseMediaPath`).
 *
 * `source` is the image source as the post writes it, which is already a URL: `mein%20foto.jpg` names the file
 * `mein foto.jpg`. It is decoded exactly once (as its credit key is, see {@link imageKey}) and every segment is
 * then encoded exactly once, so the file is found whether the post wrote `mein%20foto.jpg` or `<mein foto.jpg>`.
 * Encoding the source as written would send `mein%2520foto.jpg` and show a broken image.
 */
export function mediaPath(postId: string, source: string): string {
  return mediaPathForFile(postId, imageKey(source));
}

/** The same for a file already named as it is on disk (an image's credit key, a listed file): encoded once. */
export function mediaPathForFile(postId: string, file: string): string {
  return [postId, ...file.split('/')].map(encodeURIComponent).join('/');
}
