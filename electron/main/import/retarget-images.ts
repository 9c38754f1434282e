import { updateFrontMatter } from '../../common/markdown/front-matter.js';
import { readImages, removeImageCredit, setImageCredit } from '../../common/markdown/front-matter-images.js';
import { findImageReferences, imageKey } from '../../common/markdown/image-refs.js';

/** An address as a Markdown link destination: spaces, brackets and parentheses percent-encoded. */
function destination(to: string): string {
  return to.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Points every reference to the image `from` (a file of the post, or an address as the text writes it) — body
 * images, the featured image — at `to`: another file of the post holding the same content, the image's address on
 * the blog when it could not be downloaded, or the downloaded file. Its credit moves along (a credit `to` has
 * already stays). Every other byte of the text stays.
 */
export function retargetImage(text: string, from: string, to: string): string {
  if (from === to) return text;
  const href = destination(to);
  const refs = findImageReferences(text).filter((r) => r.key === from || r.href === from);
  let out = text;
  // Body references from the end, so the offsets of earlier ones stay valid; the front matter comes last.
  for (const ref of refs.filter((r) => !r.featured).sort((a, b) => b.from - a.from)) {
    const raw = out.slice(ref.from, ref.to);
    const open = raw.lastIndexOf('](');
    const at = open === -1 ? -1 : raw.indexOf(ref.href, open);
    if (at === -1) continue;
    out = out.slice(0, ref.from) + raw.slice(0, at) + href + raw.slice(at + ref.href.length) + out.slice(ref.to);
  }
  if (refs.some((r) => r.featured)) out = updateFrontMatter(out, { image: href }) ?? out;
  const credit = readImages(out).images[from];
  if (credit) {
    const removed = removeImageCredit(out, from);
    if (removed.ok) out = removed.text;
    const toKey = imageKey(href);
    if (!readImages(out).images[toKey] && Object.keys(credit).length > 0) {
      const set = setImageCredit(out, toKey, credit);
      if (set.ok) out = set.text;
    }
  }
  return out;
}
