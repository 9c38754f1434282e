import { parseBlocks, type ParsedBlock } from '../../common/markdown/wp-block-parse.js';
import type { RemoteMedia } from '../import/remote-source.js';

/**
 * The media library items a WordPress post's stored content names: `wp-image-N` classes (classic editor and
 * blocks), and the ids in block attributes (`core/image` `id`, `core/gallery` `ids`, `core/cover` `id`,
 * `core/media-text` `mediaId`). Shared by the REST and the XML-RPC importer.
 */
export function mediaIdsInContent(content: string): string[] {
  const ids = new Set<string>();
  for (const m of content.matchAll(/\bwp-image-(\d+)\b/g)) if (m[1]) ids.add(m[1]);
  const add = (value: unknown) => {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) ids.add(String(value));
    else if (typeof value === 'string' && /^[1-9]\d*$/.test(value)) ids.add(value);
  };
  const walk = (blocks: readonly ParsedBlock[]) => {
    for (const block of blocks) {
      if (block.name === 'core/image' || block.name === 'core/cover' || block.name === 'core/video' || block.name === 'core/audio' || block.name === 'core/file') add(block.attrs['id']);
      if (block.name === 'core/media-text') add(block.attrs['mediaId']);
      if (block.name === 'core/gallery' && Array.isArray(block.attrs['ids'])) for (const id of block.attrs['ids']) add(id);
      walk(block.innerBlocks);
    }
  };
  if (content.includes('<!-- wp:')) walk(parseBlocks(content));
  // `[gallery ids="1,2,3"]` of the classic editor.
  for (const m of content.matchAll(/\[gallery\b[^\]]*\bids\s*=\s*["']?([\d,\s]+)/g)) for (const id of (m[1] ?? '').split(/[\s,]+/)) add(id);
  return [...ids];
}

/** One media item with every address it has (the original and each generated size). */
export interface MediaAddresses {
  id: string;
  sourceUrl: string;
  sizeUrls: readonly string[];
}

/**
 * The post's media as the import records them: the original's address for each item, and every size variant the
 * content names, so an image the post shows at `-300x200` is known to be this item too.
 */
export function remoteMediaOf(items: readonly MediaAddresses[], content: string): RemoteMedia[] {
  const out: RemoteMedia[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (!item.sourceUrl) continue;
    for (const url of [item.sourceUrl, ...item.sizeUrls.filter((u) => u !== item.sourceUrl && content.includes(u))]) {
      if (seen.has(url)) continue;
      seen.add(url);
      out.push({ url, id: item.id, sourceUrl: item.sourceUrl });
    }
  }
  return out;
}
