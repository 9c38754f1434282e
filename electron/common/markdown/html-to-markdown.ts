import type { Element, ElementContent, Nodes as HastNodes, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toMdast, type Handle } from 'hast-util-to-mdast';
import type { Code, Paragraph, Root as MdastRoot } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { ImageCredit } from '../model/attribution.js';
import { parseCreditCaption, type CaptionLink } from './credit-parse.js';
import { RAW_FENCE_LANG } from './render.js';

/**
 * HTML → Markdown for importing posts, through the unified libraries without a DOM: parse5 (hast-util-from-html)
 * parses, hast-util-to-mdast maps, mdast-util-to-markdown with the GFM extension writes. Chosen over turndown
 * 7.2.5 + turndown-plugin-gfm 1.0.2 after running both on the import corpus (tests/fixtures/import/posts, 47 post
 * bodies, each converted and rendered back with Kladde's renderer, compared as the round-trip test compares):
 * - unified: 38 of 47 unchanged; the 9 others are shortcodes and figure captions, which importPost handles around
 *   the conversion (raw placeholders, credits into the front matter). 0.5–0.8 ms a post.
 * - turndown: 33 of 47 unchanged; it loses text (`&lt;kein Tag&gt;` comes out as `<kein Tag>`, which Markdown then
 *   reads as a tag), and what it keeps as HTML (`keep()`) is re-serialised from its DOM, not the source bytes.
 *   0.2–0.4 ms a post (two runs on a busy two-core machine).
 * - turndown parses with a DOM: domino in Node, the browser's DOMParser in the renderer (two parsers for one
 *   conversion), and electron/common must stay DOM-free. The hast tree has source offsets, which the byte-exact
 *   raw sections below need. Both are fast enough for an import of thousands of posts.
 *
 * What Markdown cannot hold (embeds, iframes, attributes such as classes and styles, tables with spans or without
 * a header, `<pre>` without `<code>`, comments like `<!--more-->`) is kept byte for byte as a raw section: a fenced
 * block with the info string {@link RAW_FENCE_LANG}, which Kladde's renderer passes through unchanged.
 */

/** An image the converted Markdown refers to by its local file name. */
export interface ConvertedImage {
  /** The address the HTML had. */
  src: string;
  /** The file name the Markdown now uses. */
  file: string;
  /** The credit read from the caption (with `alt` when the image had one). */
  credit: ImageCredit;
}

export interface HtmlToMarkdownOptions {
  /** The post's language, for reading credit captions (German unless `en*`). */
  lang?: string;
  /** The local file name for an image address; without it images keep their address. */
  imageFile?: (src: string) => string;
  /** Pieces set aside before parsing, put back as raw sections where `<div data-kladde-raw="N"></div>` stands. */
  raw?: readonly string[];
}

export interface MarkdownConversion {
  markdown: string;
  images: ConvertedImage[];
}

const RAW_TAG = 'kladde-raw';

/** Attributes Markdown can express (or WordPress makes anew on upload), per element. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  p: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], ul: [], ol: ['start'], li: [], blockquote: [],
  pre: [], code: [], em: [], i: [], strong: [], b: [], del: [], s: [], br: [], hr: [],
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding', 'srcSet', 'sizes'],
  table: [], thead: [], tbody: [], tr: [], th: [], td: [],
  figure: [], figcaption: [],
};

/** Classes that only restate what the element is (WordPress's block classes) or that WordPress makes anew. */
const NEUTRAL_CLASS = /^(?:alignnone|wp-block-(?:heading|list|quote|code|table|separator|image|paragraph)|has-alpha-channel-opacity|wp-element-caption|size-[\w-]+|wp-image-\d+|language-[\w+#-]+)$/;

function classesNeutral(el: Element): boolean {
  const value = el.properties['className'];
  const list = Array.isArray(value) ? value.map(String) : [];
  return list.every((c) => NEUTRAL_CLASS.test(c));
}

function elementChildren(el: Element | Root): Element[] {
  const children: readonly (ElementContent | RootContent)[] = el.children;
  return children.filter((c): c is Element => c.type === 'element');
}

function isBlank(node: ElementContent | RootContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/** Whether an element and everything in it can be written as Markdown that renders back to the same HTML. */
function expressible(el: Element): boolean {
  const allowed = ALLOWED[el.tagName];
  if (!allowed) return false;
  for (const key of Object.keys(el.properties)) {
    if (key === 'className') {
      if (!classesNeutral(el)) return false;
    } else if (!allowed.includes(key)) return false;
  }
  if (el.tagName === 'pre') {
    const inner = el.children.filter((c) => !isBlank(c));
    return inner.length === 1 && inner[0]?.type === 'element' && inner[0].tagName === 'code' && codeOnlyText(inner[0]);
  }
  if (el.tagName === 'table') return simpleTable(el);
  if (el.tagName === 'figure') return figureImage(el) !== null;
  if (el.tagName === 'img' && hasAlignment(el)) return false;
  return el.children.every((c) => c.type === 'text' || (c.type === 'element' && expressible(c)));
}

function hasAlignment(el: Element): boolean {
  const value = el.properties['className'];
  return Array.isArray(value) && value.some((c) => /^align/.test(String(c)) && c !== 'alignnone');
}

function codeOnlyText(code: Element): boolean {
  return code.children.every((c) => c.type === 'text') && classesNeutral(code);
}

/** A GFM table: one header row in `<thead>`, body rows of plain cells, no spans, no caption. */
function simpleTable(table: Element): boolean {
  const parts = elementChildren(table);
  const head = parts.find((p) => p.tagName === 'thead');
  if (!head || parts.some((p) => p.tagName !== 'thead' && p.tagName !== 'tbody')) return false;
  if (elementChildren(head).length !== 1) return false;
  const rows = parts.flatMap(elementChildren);
  const width = elementChildren(rows[0] ?? head).length;
  return rows.every((row) => {
    const cells = elementChildren(row);
    return row.tagName === 'tr' && cells.length === width && cells.every((cell) => expressibleInline(cell) && Object.keys(cell.properties).length === 0);
  });
}

const INLINE = new Set(['em', 'i', 'strong', 'b', 'del', 's', 'code', 'a', 'img', 'br']);

function expressibleInline(el: Element): boolean {
  return el.children.every((c) => c.type === 'text' || (c.type === 'element' && INLINE.has(c.tagName) && expressible(c)));
}

interface FigureParts {
  img: Element;
  caption: Element | null;
}

/** A figure that is one image (perhaps linked to its own file) with an optional caption of text and links. */
function figureImage(figure: Element): FigureParts | null {
  if (Object.keys(figure.properties).some((k) => k !== 'className') || !classesNeutral(figure)) return null;
  const parts = figure.children.filter((c) => !isBlank(c));
  let img: Element | null = null;
  let caption: Element | null = null;
  for (const part of parts) {
    if (part.type !== 'element') return null;
    if (part.tagName === 'img' && !img) img = part;
    else if (part.tagName === 'a' && !img && linksToOwnImage(part)) img = elementChildren(part)[0] ?? null;
    else if (part.tagName === 'figcaption' && !caption) caption = part;
    else return null;
  }
  if (!img || !expressible(img)) return null;
  if (caption && (!classesNeutral(caption) || !captionReadable(caption))) return null;
  return { img, caption };
}

/**
 * Whether a caption is text and links only, so reading it into credit fields and rendering those again loses
 * nothing. A link's attributes do not matter here (Kladde's own credit links carry `rel="noopener"`).
 */
function captionReadable(el: Element): boolean {
  return el.children.every((c) => {
    if (c.type === 'text') return true;
    if (c.type !== 'element') return false;
    if (c.tagName === 'br') return true;
    return c.tagName === 'a' && c.children.every((t) => t.type === 'text');
  });
}

/** `<a href="…/foto.jpg"><img src="…/foto-300x200.jpg"></a>`: WordPress's „link to media file“. */
function linksToOwnImage(a: Element): boolean {
  const inner = a.children.filter((c) => !isBlank(c));
  const img = inner[0];
  if (inner.length !== 1 || img?.type !== 'element' || img.tagName !== 'img') return false;
  const keys = Object.keys(a.properties);
  if (keys.some((k) => k !== 'href')) return false;
  const base = (url: string) => baseName(url).replace(/-\d+x\d+(?=\.[a-z0-9]+$)/i, '').replace(/-scaled(?=\.[a-z0-9]+$)/i, '');
  return base(String(a.properties['href'] ?? '')) === base(String(img.properties['src'] ?? ''));
}

function baseName(url: string): string {
  return url.replace(/[?#].*$/, '').split('/').pop() ?? '';
}

function textOf(node: HastNodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName === 'br') return ' ';
  if (node.type === 'element' || node.type === 'root') return node.children.map(textOf).join('');
  return '';
}

function linksOf(node: Element): CaptionLink[] {
  const links: CaptionLink[] = [];
  const walk = (n: Element) => {
    if (n.tagName === 'a') links.push({ text: textOf(n), href: String(n.properties['href'] ?? '') });
    for (const c of elementChildren(n)) walk(c);
  };
  walk(node);
  return links;
}

function rawElement(source: string): Element {
  return { type: 'element', tagName: RAW_TAG, properties: {}, children: [{ type: 'text', value: source }] };
}

/** The source text of a node, as the HTML had it. */
function sourceOf(html: string, node: RootContent): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start !== undefined && end !== undefined ? html.slice(start, end) : '';
}

/**
 * A raw section holding `value` exactly: a fence longer than any run of backticks inside, so it can hold
 * anything, with the info string the renderer passes through.
 */
export function rawSection(value: string): string {
  const longest = Math.max(2, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${RAW_FENCE_LANG}\n${value}\n${fence}`;
}

/**
 * A list item is loose only when it holds more than one paragraph: `<li>Obst<ul>…</ul></li>` must stay tight, or
 * the renderer would wrap „Obst“ in a paragraph.
 */
function tightenLists(node: MdastRoot | MdastRoot['children'][number]): void {
  if (!('children' in node)) return;
  for (const child of node.children) tightenLists(child as MdastRoot['children'][number]);
  if (node.type === 'listItem') node.spread = node.children.filter((c) => c.type === 'paragraph').length > 1;
  if (node.type === 'list') node.spread = node.children.some((item) => item.spread === true);
}

/**
 * The stem of the placeholders that hold raw sections' places in the Markdown until the end (so the Markdown
 * writer never escapes raw text): one the HTML does not contain, so no text of the post is ever taken for one.
 */
function markStem(html: string): string {
  let stem = 'KLADDERAWSECTION';
  while (html.includes(stem)) stem += 'Q';
  return stem;
}

/**
 * Converts HTML (already with paragraphs: run {@link wpautop} on classic content first) to Markdown. Each
 * top-level element Markdown cannot hold becomes a raw section holding its exact source text.
 */
export function htmlToMarkdown(html: string, options: HtmlToMarkdownOptions = {}): MarkdownConversion {
  const tree = fromHtml(html, { fragment: true });
  const rawPieces: string[] = [];
  const keepRaw = (source: string): Element => {
    rawPieces.push(source);
    return rawElement(String(rawPieces.length - 1));
  };
  tree.children = tree.children.map((node): RootContent => {
    if (node.type === 'comment') return keepRaw(sourceOf(html, node));
    if (node.type !== 'element') return node;
    const placeholder = node.properties['dataKladdeRaw'];
    if (node.tagName === 'div' && placeholder !== undefined) return keepRaw(options.raw?.[Number(placeholder)] ?? '');
    return expressible(node) ? node : keepRaw(sourceOf(html, node));
  });

  const images: ConvertedImage[] = [];
  const imageNode = (img: Element, credit: ImageCredit) => {
    const src = String(img.properties['src'] ?? '');
    const alt = String(img.properties['alt'] ?? '');
    const file = options.imageFile ? options.imageFile(src) : src;
    const title = img.properties['title'];
    images.push({ src, file, credit: alt ? { alt, ...credit } : credit });
    return { type: 'image' as const, url: file, alt, title: title === undefined ? null : String(title) };
  };
  const handlers: Record<string, Handle> = {
    [RAW_TAG]: (_state, el): Code => ({ type: 'code', lang: RAW_FENCE_LANG, value: textOf(el) }),
    img: (_state, el) => imageNode(el, {}),
    figure: (_state, el): Paragraph | undefined => {
      const parts = figureImage(el);
      if (!parts) return undefined;
      const credit = parts.caption ? parseCreditCaption(textOf(parts.caption), options.lang ?? 'de', linksOf(parts.caption)) : {};
      return { type: 'paragraph', children: [imageNode(parts.img, credit)] };
    },
  };
  const mdast = toMdast(tree, { handlers }) as MdastRoot;
  tightenLists(mdast);
  // Raw sections are swapped in after writing: the writer would otherwise pick its own fence around them.
  const marks: string[] = [];
  const stem = markStem(html + (options.raw ?? []).join(''));
  const visit = (node: MdastRoot['children'][number] | MdastRoot): void => {
    if (node.type === 'code' && node.lang === RAW_FENCE_LANG) {
      const index = Number(node.value);
      marks[index] = rawSection(rawPieces[index] ?? '');
      node.type = 'code';
      node.lang = null;
      node.value = `${stem}${index}X`;
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child as MdastRoot['children'][number]);
  };
  visit(mdast);
  let markdown = toMarkdown(mdast, {
    extensions: [gfmToMarkdown()],
    bullet: '-',
    emphasis: '_',
    strong: '*',
    fence: '`',
    fences: true,
    rule: '-',
    listItemIndent: 'one',
    resourceLink: true,
  });
  markdown = markdown.replace(new RegExp(`\`\`\`\n${stem}(\\d+)X\n\`\`\``, 'g'), (whole, n: string) => marks[Number(n)] ?? whole);
  return { markdown: markdown.replace(/\n+$/, '\n'), images };
}
