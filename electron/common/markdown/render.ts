import { Lexer, Marked, type Token, type Tokens } from 'marked';
import type { ImagesMap } from '../model/attribution.js';
import { parseFrontMatter, splitFrontMatter } from './front-matter.js';
import { findLinkDefinitions, splitBlocks, type RawLinkDefinition, type SourceBlock } from './blocks.js';
import { creditTexts, formatCaption, formatCredit, type CreditTextOverrides } from './credits.js';
import { readImages } from './front-matter-images.js';
import { escapeHtml } from './html.js';
import { exceedsLimits, limitedBlockHtml } from './render-limits.js';
import { findBodyImages, findFeaturedImage, imageKey, isLocalImage, isStandaloneImageParagraph } from './image-refs.js';

export { escapeHtml };

/** The info string of a raw section (```` ```{=html} ````), whose content the renderer passes through unchanged. */
export const RAW_FENCE_LANG = '{=html}';

/** Where the featured image's credit appears in the body (block themes hide featured-image captions). */
export const FEATURED_CREDIT_MODES = ['line', 'list', 'none'] as const;
/**
 * `line`: a credit line for the featured image at the end of the post (unless the body shows it as a figure);
 * `list`: a „Bildnachweis“ list of every image's credit at the end; `none`: nothing.
 */
export type FeaturedCreditMode = (typeof FEATURED_CREDIT_MODES)[number];

/**
 * The front matter key with which one post overrides the setting (`featured_credit: none`): an imported post
 * keeps the end of its text as the blog has it, so publishing it back adds no credit line.
 */
export const FEATURED_CREDIT_KEY = 'featured_credit';

/** The post's own mode from its parsed front matter, or null when it names none (or something unknown). */
export function ownFeaturedCredit(data: Record<string, unknown>): FeaturedCreditMode | null {
  const value = data[FEATURED_CREDIT_KEY];
  return typeof value === 'string' && (FEATURED_CREDIT_MODES as readonly string[]).includes(value) ? (value as FeaturedCreditMode) : null;
}

/** How a post is turned into HTML: the same options give the same HTML in the preview and when publishing. */
export interface RenderOptions {
  /** How image sources are written in the HTML: local files in the preview, uploaded URLs when publishing. */
  resolveImage?: (src: string) => string;
  /** Credits by image key; renderPost/renderPostBlocks read them from the front matter when not given. */
  images?: ImagesMap;
  /** The post's language (`lang:`): English credit lines for `en*`, German otherwise. */
  lang?: string;
  /** The user's credit templates from the settings. */
  creditTexts?: CreditTextOverrides;
  /** Default `line`. */
  featuredCredit?: FeaturedCreditMode;
  /**
   * The blog shows the featured image's credit as the image's own caption (Ghost's `feature_image_caption`), so
   * `line` adds no credit line to the body (it would say the same twice). `list` is unchanged.
   */
  featuredCaptioned?: boolean;
  /** The featured image (`image:`); renderPost/renderPostBlocks read it from the front matter when not given. */
  featuredImage?: string;
  /**
   * The files in the post's folder (keys as {@link imageKey} makes them). When given, a local image whose file is
   * missing renders as a visible placeholder instead of a broken image; publishing leaves it unset.
   */
  existingFiles?: ReadonlySet<string>;
}

export interface LinkDefinition {
  href: string;
  title: string;
}
export type LinkDefinitions = Record<string, LinkDefinition>;

export interface RenderedBlock extends SourceBlock {
  html: string;
  /** Set on the extra last block holding the featured image's credit or the „Bildnachweis“ list. */
  kind?: 'credits';
}

// The one configured Markdown renderer. Options of a call are held here for the synchronous duration of
// that call only, because marked's renderer hooks receive tokens, not per-call context.
let current: RenderOptions = {};

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    image(token: Tokens.Image): string {
      return imageTag(token);
    },
    code(token: Tokens.Code): string | false {
      // A raw section (an import kept what Markdown cannot hold): its HTML goes out exactly as written.
      return token.lang === RAW_FENCE_LANG ? token.text + '\n' : false;
    },
    paragraph(token: Tokens.Paragraph): string | false {
      const only = isStandaloneImageParagraph(token);
      if (!only) return false;
      const caption = formatCaption(current.images?.[imageKey(only.href)], captionOptions());
      const figcaption = caption.html ? `<figcaption>${caption.html}</figcaption>` : '';
      return `<figure class="k-figure">${imageTag(only)}${figcaption}</figure>\n`;
    },
  },
});

function captionOptions(): { lang?: string; overrides?: CreditTextOverrides } {
  return {
    ...(current.lang !== undefined ? { lang: current.lang } : {}),
    ...(current.creditTexts !== undefined ? { overrides: current.creditTexts } : {}),
  };
}

function imageTag(token: Tokens.Image): string {
  const key = imageKey(token.href);
  const alt = token.text || current.images?.[key]?.alt || '';
  if (current.existingFiles && isLocalImage(token.href) && !current.existingFiles.has(key)) {
    const label = creditTexts(current.lang, current.creditTexts).missingImage;
    return `<span class="k-image-missing" role="img" aria-label="${escapeHtml(alt)}">${escapeHtml(label)}: ${escapeHtml(key)}</span>`;
  }
  const src = current.resolveImage ? current.resolveImage(token.href) : token.href;
  const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${title}>`;
}

function withOptions<T>(options: RenderOptions, run: () => T): T {
  const previous = current;
  current = options;
  try {
    return run();
  } finally {
    current = previous;
  }
}

// Backslash escapes in a definition's href and title, removed as marked removes them.
const ESCAPED_PUNCTUATION = /\\([!"#$%&'()*+,\-./:;<=>?@[\]\\^_`{|}~])/g;

/** A label as marked looks it up: trimmed, inner white space collapsed, case folded (so `ß` matches `SS`). */
function linkLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase().toLowerCase();
}

/** Link reference definitions of the whole document, so a block rendered alone still resolves `[text][ref]`. */
export function collectLinkDefinitions(markdown: string): LinkDefinitions {
  return linkDefinitionsFrom(findLinkDefinitions(markdown));
}

/**
 * Link definitions from raw ones in document order (the first of a label wins). The definitions of a body are
 * those of its blocks (see scanBlocks) one after another, so the preview can keep them per block.
 */
export function linkDefinitionsFrom(raw: Iterable<RawLinkDefinition>): LinkDefinitions {
  const links: LinkDefinitions = {};
  for (const d of raw) {
    const label = linkLabel(d.label);
    if (!label || Object.hasOwn(links, label)) continue;
    links[label] = { href: d.href.replace(ESCAPED_PUNCTUATION, '$1'), title: d.title.replace(ESCAPED_PUNCTUATION, '$1') };
  }
  return links;
}

/**
 * Renders the body of a post (Markdown without front matter) to HTML. Preview and publish both use this.
 * A body with a block past the limits (see render-limits.ts), or one marked fails on, is rendered block by
 * block instead, so only the offending blocks turn into text with a note and nothing throws.
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  const blocks = splitBlocks(markdown);
  if (blocks.some((b) => exceedsLimits(b.src) !== null)) return renderBlockwise(markdown, blocks, options);
  try {
    return withOptions(options, () => marked.parse(markdown) as string);
  } catch {
    return renderBlockwise(markdown, blocks, options);
  }
}

function renderBlockwise(markdown: string, blocks: readonly SourceBlock[], options: RenderOptions): string {
  const links = collectLinkDefinitions(markdown);
  return blocks.map((b) => renderBlock(b.src, links, options)).join('');
}

/**
 * Renders one top-level block with the document's link definitions. A block nested too deeply or too long
 * (or one marked throws on, e.g. by overflowing the stack) is shown as its text with a note: never a throw.
 */
export function renderBlock(src: string, links: LinkDefinitions, options: RenderOptions = {}): string {
  const reason = exceedsLimits(src);
  if (reason) return limitedBlockHtml(src, reason, options.lang);
  try {
    return withOptions(options, () => {
      const lexer = new Lexer(marked.defaults);
      Object.assign(lexer.tokens.links, links);
      const tokens: Token[] = lexer.lex(src) as Token[];
      return marked.parser(tokens);
    });
  } catch {
    return limitedBlockHtml(src, 'error', options.lang);
  }
}

/**
 * The options with what the post's own front matter says filled in: its `images:` credits, `lang` and featured
 * `image`. Values given in `options` win. The preview calls this once per change and passes the result to
 * renderBlock; when {@link renderContextKey} of the result changes, every block must be rendered again.
 */
export function postRenderOptions(text: string, options: RenderOptions = {}): RenderOptions {
  if (options.images !== undefined && options.lang !== undefined && options.featuredImage !== undefined) return options;
  const filled: RenderOptions = { ...options };
  if (filled.images === undefined) filled.images = readImages(text).images;
  if (filled.featuredImage === undefined) filled.featuredImage = findFeaturedImage(text)?.href ?? '';
  const parsed = parseFrontMatter(text);
  if (filled.lang === undefined) filled.lang = parsed.ok ? parsed.fields.lang : 'de';
  // The post's own `featured_credit:` beats the setting: it is about this post alone.
  const own = parsed.ok ? ownFeaturedCredit(parsed.data) : null;
  if (own !== null) filled.featuredCredit = own;
  return filled;
}

/**
 * A string that changes whenever something outside a block's own source that its HTML depends on changes
 * (credits, language, templates, featured image, which files exist). The incremental preview re-renders
 * all blocks when it changes, as it does for link definitions.
 */
export function renderContextKey(options: RenderOptions): string {
  return JSON.stringify([
    options.images ?? null,
    options.lang ?? null,
    options.creditTexts ?? null,
    options.featuredCredit ?? null,
    options.featuredCaptioned ?? null,
    options.featuredImage ?? null,
    options.existingFiles ? [...options.existingFiles].sort() : null,
  ]);
}

/**
 * The credits that go at the end of the body: the featured image's credit line (`line`, unless the body
 * already shows that image as a captioned figure), the „Bildnachweis“ list of every credit (`list`), or
 * nothing (`none`). Empty when there is nothing to credit. `options` as {@link postRenderOptions} fills them.
 */
export function renderEndCredits(text: string, options: RenderOptions = {}): string {
  const o = postRenderOptions(text, options);
  const mode = o.featuredCredit ?? 'line';
  if (mode === 'none') return '';
  const format = { ...(o.lang !== undefined ? { lang: o.lang } : {}), ...(o.creditTexts !== undefined ? { overrides: o.creditTexts } : {}) };
  const images = o.images ?? {};
  if (mode === 'line') {
    if (o.featuredCaptioned) return '';
    const featured = o.featuredImage ? imageKey(o.featuredImage) : '';
    if (!featured) return '';
    const line = formatCredit(images[featured], format);
    if (!line.html) return '';
    const inBody = findBodyImages(text).some((r) => r.standalone && r.key === featured);
    return inBody ? '' : `<p class="k-credit-line">${line.html}</p>\n`;
  }
  const keys: string[] = [];
  if (o.featuredImage) keys.push(imageKey(o.featuredImage));
  for (const ref of findBodyImages(text)) keys.push(ref.key);
  const items = [...new Set(keys)].map((k) => formatCredit(images[k], format).html).filter((h) => h !== '');
  if (items.length === 0) return '';
  const heading = escapeHtml(creditTexts(o.lang, o.creditTexts).heading);
  return `<section class="k-credits">\n<p class="k-credits-heading"><strong>${heading}</strong></p>\n<ul>\n${items.map((h) => `<li>${h}</li>\n`).join('')}</ul>\n</section>\n`;
}

/**
 * A whole post's text (with front matter) rendered block by block, each block with its source line. When the
 * post has end credits (see {@link renderEndCredits}) they come as one extra last block of `kind: 'credits'`.
 */
export function renderPostBlocks(text: string, options: RenderOptions = {}): RenderedBlock[] {
  const o = postRenderOptions(text, options);
  const { body, bodyLine } = splitFrontMatter(text);
  const links = collectLinkDefinitions(body);
  const blocks: RenderedBlock[] = splitBlocks(body, bodyLine).map((b) => ({ ...b, html: renderBlock(b.src, links, o) }));
  const credits = renderEndCredits(text, o);
  if (credits) blocks.push({ src: '', line: bodyLine + body.split('\n').length - 1, html: credits, kind: 'credits' });
  return blocks;
}

/** The HTML of a whole post's body, as it will be published, end credits included. */
export function renderPost(text: string, options: RenderOptions = {}): string {
  const o = postRenderOptions(text, options);
  return renderMarkdown(splitFrontMatter(text).body, o) + renderEndCredits(text, o);
}
