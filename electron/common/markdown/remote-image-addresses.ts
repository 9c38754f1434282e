import { readImages, removeImageCredit, setImageCredit } from './front-matter-images.js';
import { updateFrontMatter } from './front-matter.js';
import { findBodyImages, findFeaturedImage } from './image-refs.js';
import type { ImportResult } from './import-post.js';

/** A URL as a Markdown link destination: in angle brackets when it holds characters that would end it. */
function destination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}

/**
 * The text of an imported post with its images pointing back to the blog instead of to files in the post's folder
 * (Markdown, `image:` and the `images:` credits alike) — for a copy that downloads nothing, such as „Online-Fassung
 * als Kopie laden“. Each image gets the address the post itself wrote (the resized copy it showed), so the copy
 * looks like the online version; credits move with their image.
 */
export function withRemoteImageAddresses(result: ImportResult): string {
  const addressOf = new Map(result.images.map((image) => [image.file, image.fallbackUrl ?? image.url]));
  let text = result.text;
  // From the end, so earlier offsets stay valid.
  const refs = findBodyImages(text)
    .filter((ref) => ref.local && addressOf.has(ref.key))
    .sort((a, b) => b.from - a.from);
  for (const ref of refs) {
    const url = addressOf.get(ref.key);
    if (url === undefined) continue;
    const raw = text.slice(ref.from, ref.to);
    const at = raw.lastIndexOf(`](${ref.href}`);
    if (at === -1) continue;
    const rewritten = `${raw.slice(0, at)}](${destination(url)}${raw.slice(at + 2 + ref.href.length)}`;
    text = text.slice(0, ref.from) + rewritten + text.slice(ref.to);
  }
  const featured = findFeaturedImage(text);
  const featuredUrl = featured ? addressOf.get(featured.key) : undefined;
  if (featuredUrl !== undefined) text = updateFrontMatter(text, { image: featuredUrl }) ?? text;
  const credits = readImages(text).images;
  for (const [file, url] of addressOf) {
    const credit = credits[file];
    if (!credit) continue;
    const removed = removeImageCredit(text, file);
    if (!removed.ok) continue;
    const moved = setImageCredit(removed.text, url, credit);
    if (moved.ok) text = moved.text;
  }
  return text;
}
