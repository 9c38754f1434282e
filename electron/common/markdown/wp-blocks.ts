/**
 * Turns the HTML of our own renderer ({@link renderPost}) into WordPress block-editor markup: every top-level
 * element becomes one block (paragraph, heading, list, quote, image, code, table, separator, group), anything
 * else an HTML block — so WordPress never sees content outside a block (a „classic“ freeform block).
 *
 * It works on the renderer's output, not on arbitrary HTML: marked writes each top-level element on its own,
 * escapes text and attribute values, and the figure/credit markup is ours. Raw HTML the author wrote is kept
 * byte for byte inside `wp:html` blocks. No DOM is needed, so this runs in any process.
 */

export interface BlockMarkupOptions {
  /** The blog's media id of an image address, so image blocks link to their attachment (`wp-image-ID`). */
  mediaId?: (src: string) => number | undefined;
}

/** One top-level piece of the HTML: an element (with its tag name) or loose markup. */
interface Chunk {
  /** Lower-case tag name, or null for loose text/comments. */
  tag: string | null;
  /** The attributes part of the opening tag, as written. */
  attrs: string;
  /** What lies between the opening and the closing tag. */
  inner: string;
  /** The whole element as written. */
  outer: string;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const OPEN_TAG = /^<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/;

/** Splits HTML into its top-level elements; unbalanced markup ends at its line's end. */
export function splitTopLevel(html: string): Chunk[] {
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < html.length) {
    while (i < html.length && /\s/.test(html[i] ?? '')) i++;
    if (i >= html.length) break;
    const rest = html.slice(i);
    const open = OPEN_TAG.exec(rest);
    const block = rest.startsWith('<!-- wp:') ? blockCommentLength(rest) : null;
    if (block !== null) {
      // Block markup kept by an import (a raw section) goes out as it came in.
      chunks.push({ tag: BLOCK_MARKUP, attrs: '', inner: '', outer: rest.slice(0, block) });
      i += block;
      continue;
    }
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      const len = end === -1 ? lineLength(rest) : end + 3;
      chunks.push({ tag: null, attrs: '', inner: '', outer: rest.slice(0, len) });
      i += len;
      continue;
    }
    if (!open) {
      const len = Math.max(1, shortcodeLength(rest) ?? lineLength(rest));
      chunks.push({ tag: null, attrs: '', inner: '', outer: rest.slice(0, len) });
      i += len;
      continue;
    }
    const tag = (open[1] ?? '').toLowerCase();
    const attrs = open[2] ?? '';
    if (VOID.has(tag) || open[3] === '/') {
      chunks.push({ tag, attrs, inner: '', outer: open[0] });
      i += open[0].length;
      continue;
    }
    const close = matchingClose(rest, tag, open[0].length);
    if (close === null) {
      const len = Math.max(open[0].length, lineLength(rest));
      chunks.push({ tag: null, attrs: '', inner: '', outer: rest.slice(0, len) });
      i += len;
      continue;
    }
    chunks.push({ tag, attrs, inner: rest.slice(open[0].length, close.start), outer: rest.slice(0, close.end) });
    i += close.end;
  }
  return chunks;
}

/** The tag of a chunk that is finished block markup (`<!-- wp:… -->` to its closer). */
const BLOCK_MARKUP = '#block';
const BLOCK_DELIMITER = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+(?:\{[\s\S]*?\}\s+)?(\/)?-->/g;

/**
 * The length of the block that starts `text` (`<!-- wp:name … -->` … `<!-- /wp:name -->`, nested blocks counted,
 * or one self-closing `<!-- wp:name /-->`), or null when it is not finished block markup.
 */
function blockCommentLength(text: string): number | null {
  BLOCK_DELIMITER.lastIndex = 0;
  const first = BLOCK_DELIMITER.exec(text);
  if (!first || first.index !== 0 || first[1] === '/') return null;
  if (first[4] === '/') return first[0].length;
  let depth = 1;
  for (let m = BLOCK_DELIMITER.exec(text); m; m = BLOCK_DELIMITER.exec(text)) {
    if (m[4] === '/') continue;
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return null;
}

/** A shortcode standing alone (`[gallery ids="1,2"]`, `[audio …][/audio]`), as an import keeps it. */
const SHORTCODE = /^\[([a-zA-Z][\w-]*)(?![\w-])[^\]]*\](?:[\s\S]*\[\/\1\])?$/;

/** The length of an enclosing shortcode (`[audio …]…[/audio]`) that starts `text`, which may span lines. */
function shortcodeLength(text: string): number | null {
  const name = /^\[([a-zA-Z][\w-]*)(?![\w-])[^\]]*\]/.exec(text)?.[1];
  if (!name) return null;
  const close = text.indexOf(`[/${name}]`);
  return close === -1 ? null : close + name.length + 3;
}

function lineLength(text: string): number {
  const nl = text.indexOf('\n');
  return nl === -1 ? text.length : nl;
}

/** Where the closing tag of the element opened at the start of `text` lies, counting nested same-name elements. */
function matchingClose(text: string, tag: string, from: number): { start: number; end: number } | null {
  const re = new RegExp(`<(/?)${tag}(?=[\\s/>])[^>]*>`, 'gi');
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] === '/') depth--;
    else if (!m[0].endsWith('/>')) depth++;
    if (depth === 0) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** An attribute's value as written (still escaped), or null. */
export function attribute(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : null;
}

/** Decodes the entities our renderer writes in attribute values (`&#34;`, `&amp;` …), for comparing addresses. */
export function decodeAttribute(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (whole, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase()] ?? whole;
  });
}

function comment(name: string, attrs: Record<string, unknown> | null, body: string): string {
  // Block attributes are JSON in an HTML comment: `--` and `<`/`>` must not appear literally.
  const json = attrs && Object.keys(attrs).length > 0
    ? ' ' + JSON.stringify(attrs).replace(/--/g, '\\u002d\\u002d').replace(/</g, '\\u003c').replace(/>/g, '\\u003e')
    : '';
  return `<!-- wp:${name}${json} -->\n${body}\n<!-- /wp:${name} -->`;
}

function classNames(attrs: string): string[] {
  return (attribute(attrs, 'class') ?? '').split(/\s+/).filter((c) => c !== '');
}

function paragraph(chunk: Chunk): string {
  const className = classNames(chunk.attrs).join(' ');
  return comment('paragraph', className ? { className } : null, chunk.outer);
}

function heading(chunk: Chunk): string {
  const level = Number((chunk.tag ?? 'h2').slice(1));
  return comment('heading', level === 2 ? null : { level }, chunk.outer);
}

function list(chunk: Chunk): string {
  const attrs: Record<string, unknown> = {};
  if (chunk.tag === 'ol') {
    attrs['ordered'] = true;
    const start = Number(attribute(chunk.attrs, 'start'));
    if (Number.isInteger(start) && start !== 1 && attribute(chunk.attrs, 'start') !== null) attrs['start'] = start;
  }
  return comment('list', attrs, chunk.outer);
}

function code(chunk: Chunk): string {
  const m = /^\s*<code(?:\s[^>]*)?>([\s\S]*)<\/code>\s*$/i.exec(chunk.inner);
  if (!m) return html(chunk);
  // Markdown's renderer ends every code block with a newline; WordPress's code block stores the text without it.
  return comment('code', null, `<pre class="wp-block-code"><code>${(m[1] ?? '').replace(/\n$/, '')}</code></pre>`);
}

function image(chunk: Chunk, options: BlockMarkupOptions): string {
  const parts = splitTopLevel(chunk.inner);
  const img = parts.find((p) => p.tag === 'img');
  const caption = parts.find((p) => p.tag === 'figcaption');
  const unknown = parts.some((p) => p.tag !== 'img' && p.tag !== 'figcaption');
  if (!img || unknown) return html(chunk);
  const src = attribute(img.attrs, 'src') ?? '';
  const alt = attribute(img.attrs, 'alt') ?? '';
  const title = attribute(img.attrs, 'title');
  const id = options.mediaId?.(decodeAttribute(src));
  const attrs: Record<string, unknown> = {};
  if (id !== undefined) attrs['id'] = id;
  attrs['sizeSlug'] = 'full';
  attrs['linkDestination'] = 'none';
  const imgClass = id !== undefined ? ` class="wp-image-${id}"` : '';
  const titleAttr = title !== null ? ` title="${title}"` : '';
  const figcaption = caption ? `<figcaption class="wp-element-caption">${caption.inner}</figcaption>` : '';
  return comment('image', attrs, `<figure class="wp-block-image size-full"><img src="${src}" alt="${alt}"${imgClass}${titleAttr}/>${figcaption}</figure>`);
}

function html(chunk: Chunk): string {
  return comment('html', null, chunk.outer);
}

function blockOf(chunk: Chunk, options: BlockMarkupOptions): string {
  switch (chunk.tag) {
    case 'p':
      return paragraph(chunk);
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return heading(chunk);
    case 'ul':
    case 'ol':
      return list(chunk);
    case 'blockquote':
      return comment('quote', null, `<blockquote class="wp-block-quote">${toBlockMarkup(chunk.inner, options)}</blockquote>`);
    case 'pre':
      return code(chunk);
    case 'table':
      return comment('table', null, `<figure class="wp-block-table">${chunk.outer}</figure>`);
    case 'hr':
      return comment('separator', null, '<hr class="wp-block-separator has-alpha-channel-opacity"/>');
    case 'figure':
      return image(chunk, options);
    case 'section': {
      const className = classNames(chunk.attrs).join(' ');
      const group = `<div class="wp-block-group${className ? ' ' + className : ''}">${toBlockMarkup(chunk.inner, options)}</div>`;
      return comment('group', className ? { className } : null, group);
    }
    case BLOCK_MARKUP:
      return chunk.outer;
    case null:
      return SHORTCODE.test(chunk.outer.trim()) ? comment('shortcode', null, chunk.outer.trim()) : html(chunk);
    default:
      return html(chunk);
  }
}

/**
 * Block-editor markup for HTML made by {@link renderPost}: one block per top-level element, separated by a blank
 * line as WordPress itself writes them. Media ids come from `options.mediaId`.
 */
export function toBlockMarkup(html: string, options: BlockMarkupOptions = {}): string {
  return splitTopLevel(html)
    .map((chunk) => blockOf(chunk, options))
    .join('\n\n');
}
