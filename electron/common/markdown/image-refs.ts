import { isMap, isScalar, parseDocument, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import { Lexer, type Token, type Tokens } from 'marked';
import { scanBlocks } from './blocks.js';
import { splitFrontMatter } from './front-matter.js';
import { countLines } from './front-matter-edit.js';
import { exceedsLimits, MAX_NESTING, nestingDepth } from './render-limits.js';
import { lineAt } from './front-matter-images.js';

/** An image the post shows: `![alt](file)` in the body, or the featured image of the front matter. */
export interface ImageReference {
  /** The URL or path as written. */
  href: string;
  /** The key its credit has under `images:` ({@link imageKey}). */
  key: string;
  /** Whether it is a file in the post's folder (not a URL). */
  local: boolean;
  /** The Markdown alt text (empty for the featured image). */
  alt: string;
  /** Whether it stands alone in its paragraph and so renders as a figure with caption. */
  standalone: boolean;
  /** Whether this is the `image:` of the front matter. */
  featured: boolean;
  /** Offsets of the reference in the whole text (for the featured image: its `image:` value). */
  from: number;
  to: number;
  /** 1-based line. */
  line: number;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Whether an image source names a file relative to the post's folder (not a URL, not an absolute path). */
export function isLocalImage(href: string): boolean {
  const h = href.trim();
  return h !== '' && !SCHEME.test(h) && !h.startsWith('/') && !h.startsWith('\\') && !h.startsWith('#');
}

/**
 * The key under which an image's credit is stored: for a local file its path relative to the post's folder
 * (percent-decoded, without `./`), for anything else the URL as written. `./foto%20eins.jpg` → `foto eins.jpg`.
 */
export function imageKey(href: string): string {
  const h = href.trim();
  if (!isLocalImage(h)) return h;
  let path = h.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    /* a stray % stays as written */
  }
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/** The featured image named by `image:` in the front matter, with where its value stands. */
export function findFeaturedImage(text: string): ImageReference | null {
  const split = splitFrontMatter(text);
  if (split.yaml === null) return null;
  const doc = parseDocument(split.yaml, { keepSourceTokens: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const pair = (doc.contents as YAMLMap.Parsed).items.find(
    (p: Pair<ParsedNode, ParsedNode | null>) => isScalar(p.key) && p.key.value === 'image',
  );
  const value = pair?.value;
  if (!value || !isScalar(value) || value.value === null || String(value.value).trim() === '') return null;
  const href = String(value.value).trim();
  const from = split.yamlOffset + value.range[0];
  return {
    href,
    key: imageKey(href),
    local: isLocalImage(href),
    alt: '',
    standalone: false,
    featured: true,
    from,
    to: split.yamlOffset + value.range[1],
    line: lineAt(text, from),
  };
}

/** Every `![alt](src)` of the body, in document order, with its position in the whole text. Code is skipped. */
export function findBodyImages(text: string, { blockwiseAbove = BLOCKWISE_ABOVE } = {}): ImageReference[] {
  const split = splitFrontMatter(text);
  const body = split.body;
  // Every image, reference images included, starts with `![`: a body without one has none (no lexing).
  if (!body.includes('![')) return [];
  const normalized = body.replace(/\r\n|\r/g, '\n');
  const toOriginal = offsetMapper(body);
  if (normalized.length > blockwiseAbove && !body.includes('\r') && !REFERENCE_DEFINITION.test(normalized)) {
    return blockwiseImages(split.bodyOffset, split.bodyLine, normalized);
  }
  const refs: ImageReference[] = [];
  const tokens = lexWithinLimits(normalized);
  let blockStart = 0;
  for (const block of tokens) {
    let cursor = blockStart;
    visit(block, false, (image, standalone) => {
      const at = normalized.indexOf(image.raw, cursor);
      const start = at === -1 ? blockStart : at;
      if (at !== -1) cursor = at + image.raw.length;
      const from = split.bodyOffset + toOriginal(start);
      refs.push({
        href: image.href,
        key: imageKey(image.href),
        local: isLocalImage(image.href),
        alt: image.text,
        standalone,
        featured: false,
        from,
        to: split.bodyOffset + toOriginal(at === -1 ? start : start + image.raw.length, true),
        line: lineAt(text, from),
      });
    });
    blockStart += block.raw.length;
  }
  return refs;
}

/** Bodies longer than this are looked at block by block, with the images of each block source kept. */
const BLOCKWISE_ABOVE = 64 * 1024;
/** A link reference definition anywhere: reference images need the whole body lexed at once. */
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

/** An image of one block, offsets and lines relative to the block. */
interface BlockImage {
  href: string;
  alt: string;
  standalone: boolean;
  from: number;
  to: number;
  line: number;
}

/** Images per block source, so a long post is lexed again only where it changed. */
const blockImages = new Map<string, BlockImage[]>();
const MAX_CACHED_BLOCKS = 5000;

function imagesOfBlock(src: string): BlockImage[] {
  const known = blockImages.get(src);
  if (known) return known;
  const found: BlockImage[] = [];
  let tokens: Token[] | null = null;
  if (exceedsLimits(src) === null && nestingDepth(src) <= MAX_NESTING) {
    try {
      tokens = new Lexer({ gfm: true }).lex(src) as Token[];
    } catch {
      tokens = null;
    }
  }
  let blockStart = 0;
  for (const block of tokens ?? []) {
    let cursor = blockStart;
    visit(block, false, (image, standalone) => {
      const at = src.indexOf(image.raw, cursor);
      const start = at === -1 ? blockStart : at;
      if (at !== -1) cursor = at + image.raw.length;
      found.push({ href: image.href, alt: image.text, standalone, from: start, to: at === -1 ? start : start + image.raw.length, line: countLines(src, start) });
    });
    blockStart += block.raw.length;
  }
  if (blockImages.size >= MAX_CACHED_BLOCKS) blockImages.clear();
  blockImages.set(src, found);
  return found;
}

/**
 * The images of a long body without a reference definition, block by block (a block's images do not depend on
 * the others then): typing in a 1 MB post re-lexes the blocks that changed, not the megabyte.
 */
function blockwiseImages(bodyOffset: number, bodyLine: number, body: string): ImageReference[] {
  const refs: ImageReference[] = [];
  for (const block of scanBlocks(body)) {
    if (!block.src.includes('![')) continue;
    for (const image of imagesOfBlock(block.src)) {
      const from = bodyOffset + block.start + image.from;
      refs.push({
        href: image.href,
        key: imageKey(image.href),
        local: isLocalImage(image.href),
        alt: image.alt,
        standalone: image.standalone,
        featured: false,
        from,
        to: bodyOffset + block.start + image.to,
        line: bodyLine + block.line + image.line + 1,
      });
    }
  }
  return refs;
}

/** Source the renderer shows as text (too deep, too long, or marked gave up): no image comes out of it. */
function asText(raw: string): Token {
  return { type: 'space', raw } as Token;
}

/**
 * The body's tokens, within the renderer's limits: an ordinary post is lexed whole (reference images need that);
 * when any part is nested deeper than the renderer shows, or lexing fails (marked recurses per nesting level and
 * overflows the stack), block by block, with the blocks the renderer shows as text left without images.
 */
function lexWithinLimits(body: string): Token[] {
  if (nestingDepth(body) <= MAX_NESTING) {
    try {
      return new Lexer({ gfm: true }).lex(body) as Token[];
    } catch {
      // Falls through to block by block.
    }
  }
  const tokens: Token[] = [];
  let pos = 0;
  for (const block of scanBlocks(body)) {
    if (block.start > pos) tokens.push(asText(body.slice(pos, block.start)));
    const src = body.slice(block.start, block.end);
    let lexed: Token[] | null = null;
    if (exceedsLimits(src) === null) {
      try {
        lexed = new Lexer({ gfm: true }).lex(src) as Token[];
      } catch {
        lexed = null;
      }
    }
    // Offsets are summed from the tokens' sources: only tokens that cover the block exactly may stand for it.
    if (lexed && lexed.reduce((n, t) => n + t.raw.length, 0) === src.length) tokens.push(...lexed);
    else tokens.push(asText(src));
    pos = block.end;
  }
  if (pos < body.length) tokens.push(asText(body.slice(pos)));
  return tokens;
}

/** All images of a post: the featured image first (when set), then the body's in order. */
export function findImageReferences(text: string): ImageReference[] {
  const featured = findFeaturedImage(text);
  return featured ? [featured, ...findBodyImages(text)] : findBodyImages(text);
}

/** Whether a paragraph consists of one image and nothing else, as the renderer makes a figure of it. */
export function isStandaloneImageParagraph(token: Tokens.Paragraph): Tokens.Image | null {
  const inner = token.tokens.filter((t) => !(t.type === 'text' && t.raw.trim() === ''));
  const only = inner.length === 1 ? inner[0] : undefined;
  return only?.type === 'image' ? (only as Tokens.Image) : null;
}

function visit(token: Token, standalone: boolean, found: (image: Tokens.Image, standalone: boolean) => void): void {
  if (token.type === 'image') {
    found(token as Tokens.Image, standalone);
    return;
  }
  if (token.type === 'code' || token.type === 'codespan' || token.type === 'html') return;
  if (token.type === 'paragraph') {
    const alone = isStandaloneImageParagraph(token as Tokens.Paragraph);
    if (alone) {
      found(alone, true);
      return;
    }
  }
  const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: Tokens.TableCell[]; rows?: Tokens.TableCell[][] };
  for (const child of t.tokens ?? []) visit(child, false, found);
  for (const item of t.items ?? []) visit(item, false, found);
  for (const cell of t.header ?? []) for (const child of cell.tokens) visit(child, false, found);
  for (const row of t.rows ?? []) for (const cell of row) for (const child of cell.tokens) visit(child, false, found);
}

/**
 * Maps offsets in the text with line breaks normalized to `\n` back to offsets in the original. An end offset
 * that falls on a line break maps to before its `\r`, a start offset to the `\n`.
 */
function offsetMapper(original: string): (normalized: number, isEnd?: boolean) => number {
  if (!original.includes('\r')) return (n) => n;
  const removed: number[] = []; // normalized offsets at which a `\r` was dropped
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    if (original[i] === '\r' && original[i + 1] === '\n') {
      removed.push(n);
      continue;
    }
    n++;
  }
  return (offset, isEnd = false) => {
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = removed[mid] ?? 0;
      if (r < offset || (!isEnd && r === offset)) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  };
}
