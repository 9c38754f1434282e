import { parseFrontMatter } from '../../common/markdown/front-matter.js';
import { escapeHtml } from '../../common/markdown/html.js';
import { findBodyImages, imageKey, isLocalImage } from '../../common/markdown/image-refs.js';
import { postRenderOptions, renderPost, type RenderOptions } from '../../common/markdown/render.js';
import { formatDate } from '../../common/text/dates.js';
import { EXPORT_CSS } from './export-style.js';

/**
 * The exported page's Content-Security-Policy, in a `<meta>` so it holds wherever the file is opened: no script
 * of any kind (a post may carry raw HTML), no frames, forms or `<base>`; images from the file itself (data:),
 * beside it (file:) or the web; styles only from the page itself.
 */
export const EXPORT_CSP = "default-src 'none'; img-src data: file: http: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export interface ExportPageInput {
  /** The post's whole text, front matter included. */
  text: string;
  /** The post's folder name: the title when the post has none. */
  postId: string;
  /** Render options as the preview and publishing get them (credit templates, featured credit placement). */
  render: Pick<RenderOptions, 'creditTexts' | 'featuredCredit' | 'existingFiles'>;
  /** How a local image's source is written in the page (a data: URL, or a path beside the page). */
  resolveImage: (src: string) => string;
}

/**
 * A post as one standalone HTML document: title, date, the featured image, and the body exactly as the preview
 * and publishing render it (one renderer, common/markdown/render.ts) with figure captions and the credit line.
 */
export function exportPage(input: ExportPageInput): string {
  const { text } = input;
  const parsed = parseFrontMatter(text);
  const fields = parsed.ok ? parsed.fields : null;
  const resolveImage = (src: string) => (isLocalImage(src) ? input.resolveImage(src) : src);
  const options = postRenderOptions(text, { ...input.render, resolveImage });
  const lang = options.lang ?? 'de';
  const title = fields?.title.trim() || input.postId;
  const body = renderPost(text, options);

  const parts: string[] = [`<h1 class="k-post-title">${escapeHtml(title)}</h1>`];
  const date = fields?.date.trim() ?? '';
  if (date) parts.push(`<p class="k-post-meta"><time datetime="${escapeHtml(date)}">${escapeHtml(formatDate(date, lang))}</time></p>`);
  const featured = featuredFigure(text, options, resolveImage);
  if (featured) parts.push(featured);
  const excerpt = fields?.excerpt.trim() ?? '';
  if (excerpt) parts.push(`<p class="k-post-excerpt">${escapeHtml(excerpt)}</p>`);

  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="generator" content="Kladde">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${EXPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<article class="k-article" lang="${escapeHtml(lang)}">`,
    ...parts,
    body.trimEnd(),
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The featured image above the text, as a blog theme shows it; its credit is the credit line at the end (or the
 * „Bildnachweis“ list). Left out when the body shows the same image as a figure already, or its file is missing.
 */
function featuredFigure(text: string, options: RenderOptions, resolveImage: (src: string) => string): string | null {
  const href = options.featuredImage ?? '';
  if (!href) return null;
  const key = imageKey(href);
  if (findBodyImages(text).some((r) => r.standalone && r.key === key)) return null;
  if (isLocalImage(href) && options.existingFiles && !options.existingFiles.has(key)) return null;
  const alt = options.images?.[key]?.alt ?? '';
  return `<figure class="k-figure k-featured"><img src="${escapeHtml(resolveImage(href))}" alt="${escapeHtml(alt)}"></figure>`;
}

/** The local images a post shows (body and featured), by key, in order of appearance, each once. */
export function localImageKeys(text: string, featuredImage: string): string[] {
  const keys: string[] = [];
  if (featuredImage && isLocalImage(featuredImage)) keys.push(imageKey(featuredImage));
  for (const ref of findBodyImages(text)) if (isLocalImage(ref.href)) keys.push(ref.key);
  return [...new Set(keys)];
}
