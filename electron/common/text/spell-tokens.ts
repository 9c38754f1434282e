import { splitFrontMatter } from '../markdown/front-matter.js';

/** A word of prose in a Markdown text, with its offsets (UTF-16 code units, as CodeMirror counts). */
export interface SpellToken {
  from: number;
  to: number;
  /** The word to look up: NFC, soft hyphens removed. It can differ from `text.slice(from, to)`. */
  word: string;
}

export interface SpellRange {
  from: number;
  to: number;
}

export interface SpellTokenOptions {
  /** Only words overlapping these ranges (offsets into `text`) are returned; default: the whole text. */
  ranges?: readonly SpellRange[];
  /** Recognize YAML front matter at the start of `text` (default true; false for a part of a document). */
  frontMatter?: boolean;
}

/**
 * Front matter keys whose values are prose and get checked. Every other key (slug, date, lang, image, layout,
 * a user's own keys …) holds identifiers, paths or dates, and keys themselves are never prose.
 */
export const PROSE_FRONT_MATTER_KEYS: ReadonlySet<string> = new Set([
  'title',
  'subtitle',
  'excerpt',
  'description',
  'summary',
  'abstract',
  'teaser',
  'categories',
  'tags',
  'keywords',
  'alt',
  'caption',
  'credit',
]);

/**
 * Which ranges of a Markdown text are prose words worth spell checking. Skips front matter keys and non-prose
 * values, fenced and indented code, inline code, HTML tags, comments and script/style/pre blocks, link and
 * image destinations, reference definitions, URLs, e-mail addresses, entities, shortcodes, file names and
 * paths, identifiers, words with digits, single letters and all-caps abbreviations.
 *
 * Line-oriented and linear, so a 2 MB document costs a few milliseconds. It is deliberately not a full
 * CommonMark parser: when in doubt it skips, because a missed check is cheaper than a wrong underline in code.
 */
export function spellTokens(text: string, options: SpellTokenOptions = {}): SpellToken[] {
  const segments = proseSegments(text, options.frontMatter ?? true);
  const windows = options.ranges ? lineWindows(text, options.ranges) : [{ from: 0, to: text.length }];
  const tokens: SpellToken[] = [];
  let w = 0;
  for (const segment of segments) {
    while (w < windows.length && (windows[w]?.to ?? 0) <= segment.from) w++;
    for (let i = w; i < windows.length; i++) {
      const window = windows[i];
      if (!window || window.from >= segment.to) break;
      const from = Math.max(segment.from, window.from);
      const to = Math.min(segment.to, window.to);
      if (from < to) scanInline(text, from, to, tokens);
    }
  }
  return options.ranges ? touching(tokens, options.ranges) : tokens;
}

/**
 * The tokens (sorted by offset) that overlap or touch a range. Touching counts, so a word just typed at the
 * edge of a changed range, or a cursor position given as an empty range, is still checked.
 */
function touching(tokens: SpellToken[], ranges: readonly SpellRange[]): SpellToken[] {
  const merged: SpellRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else merged.push({ from: r.from, to: r.to });
  }
  const result: SpellToken[] = [];
  let p = 0;
  for (const token of tokens) {
    while (p < merged.length && (merged[p]?.to ?? 0) < token.from) p++;
    const range = merged[p];
    if (!range) break;
    if (range.from <= token.to) result.push(token);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Block level: which stretches of the text can hold prose at all.

interface Line {
  from: number;
  /** End of the line's content, before `\r?\n`. */
  to: number;
  /** Start of the next line. */
  next: number;
}

function* lines(text: string, from: number, to: number): Generator<Line> {
  let start = from;
  while (start < to) {
    const nl = text.indexOf('\n', start);
    const next = nl === -1 || nl >= to ? to : nl + 1;
    let end = nl === -1 || nl >= to ? to : nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    yield { from: start, to: end, next };
    start = next;
  }
}

const FENCE_OPEN = /^[ \t>]*(`{3,}|~{3,})/;
const FENCE_CLOSE = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/;
const RAW_HTML_OPEN = /^[ \t]*<(script|style|pre|textarea)\b/i;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:\s*\S/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;

function indentWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width++;
    else if (ch === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Sorted, non-overlapping stretches of `text` that may contain prose. */
function proseSegments(text: string, frontMatter: boolean): SpellRange[] {
  const segments: SpellRange[] = [];
  const add = (from: number, to: number): void => {
    if (from >= to) return;
    const last = segments[segments.length - 1];
    // Consecutive lines join into one segment so an inline code span may run over a line break.
    if (last && !/\S/.test(text.slice(last.to, from))) last.to = to;
    else segments.push({ from, to });
  };

  let bodyFrom = 0;
  if (frontMatter) {
    const split = splitFrontMatter(text);
    if (split.yaml !== null) {
      frontMatterSegments(text, split.yamlOffset, split.yamlOffset + split.yaml.length, add);
      bodyFrom = split.bodyOffset;
    }
  }

  let fence: { char: string; length: number } | null = null;
  let rawHtmlEnd: RegExp | null = null;
  let inComment = false;
  let previousBlank = true;
  let inList = false;
  let inIndentedCode = false;

  for (const line of lines(text, bodyFrom, text.length)) {
    const content = text.slice(line.from, line.to);
    const blank = BLANK.test(content);

    if (fence) {
      const close = FENCE_CLOSE.exec(content);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      previousBlank = false;
      continue;
    }
    if (rawHtmlEnd) {
      if (rawHtmlEnd.test(content)) rawHtmlEnd = null;
      previousBlank = false;
      continue;
    }
    if (inComment) {
      const end = content.indexOf('-->');
      if (end === -1) continue;
      inComment = false;
      add(line.from + end + 3, line.to);
      previousBlank = false;
      continue;
    }
    if (blank) {
      previousBlank = true;
      continue;
    }

    const indent = indentWidth(content);
    if (inIndentedCode && indent >= 4) continue;
    inIndentedCode = false;
    if (indent >= 4 && previousBlank && !inList && !LIST_ITEM.test(content)) {
      inIndentedCode = true;
      continue;
    }
    if (LIST_ITEM.test(content)) inList = true;
    else if (previousBlank && indent === 0) inList = false;
    previousBlank = false;

    const open = FENCE_OPEN.exec(content);
    if (open?.[1]) {
      const marker = open[1];
      // A backtick fence's info string cannot contain a backtick; otherwise it is inline code on a line.
      if (marker[0] === '~' || !content.slice(open[0].length).includes('`')) {
        fence = { char: marker[0] ?? '`', length: marker.length };
        continue;
      }
    }
    const raw = RAW_HTML_OPEN.exec(content);
    if (raw?.[1]) {
      const end = new RegExp(`</${raw[1]}\\s*>`, 'i');
      if (!end.test(content)) rawHtmlEnd = end;
      continue;
    }
    if (REFERENCE_DEFINITION.test(content)) continue;

    // An HTML comment left open on this line hides everything up to its `-->` on a later line.
    const commentStart = openCommentStart(content);
    if (commentStart !== -1) {
      inComment = true;
      add(line.from, line.from + commentStart);
      continue;
    }
    add(line.from, line.to);
  }
  return segments;
}

/** Index of a `<!--` on the line that is not closed on the same line, or -1. */
function openCommentStart(content: string): number {
  let at = content.indexOf('<!--');
  while (at !== -1) {
    const end = content.indexOf('-->', at + 4);
    if (end === -1) return at;
    at = content.indexOf('<!--', end + 3);
  }
  return -1;
}

const YAML_KEY = /^([ \t]*)(-[ \t]+)?([^\s:#'"[\]{},&*!|>%@`-][^:#\n]*?|"[^"\n]*"|'[^'\n]*')[ \t]*:(?=[ \t]|$)/;

/** Adds the stretches of front matter that are values of prose keys (title, tags …). */
function frontMatterSegments(text: string, from: number, to: number, add: (from: number, to: number) => void): void {
  const stack: { indent: number; prose: boolean }[] = [];
  let block: { indent: number; prose: boolean } | null = null;

  for (const line of lines(text, from, to)) {
    const content = text.slice(line.from, line.to);
    if (BLANK.test(content)) continue;
    const indent = indentWidth(content);
    if (block) {
      if (indent > block.indent) {
        if (block.prose) add(line.from, line.to);
        continue;
      }
      block = null;
    }
    if (/^[ \t]*#/.test(content)) continue;

    const key = YAML_KEY.exec(content);
    if (key) {
      const name = (key[3] ?? '').replace(/^["']|["']$/g, '').trim().toLowerCase();
      const keyIndent = indent + (key[2]?.length ?? 0);
      while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) >= keyIndent) stack.pop();
      const prose = PROSE_FRONT_MATTER_KEYS.has(name);
      stack.push({ indent: keyIndent, prose });
      const valueFrom = line.from + key[0].length;
      const value = content.slice(key[0].length).trim();
      if (/^[|>]/.test(value)) {
        block = { indent: keyIndent, prose };
        continue;
      }
      if (prose) add(valueFrom, line.to);
      continue;
    }
    // A list item or a continued plain scalar belongs to the nearest key above it; `- item` may sit at the
    // same indentation as its key.
    const item = /^[ \t]*-[ \t]/.test(content);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top && (top.indent < indent || (item && top.indent === indent))) break;
      stack.pop();
    }
    if (stack[stack.length - 1]?.prose) add(line.from, line.to);
  }
}

/** The requested ranges widened to whole lines (a word must be seen whole), merged and sorted. */
function lineWindows(text: string, ranges: readonly SpellRange[]): SpellRange[] {
  const widened = ranges
    .map((r) => {
      const from = Math.max(0, Math.min(r.from, text.length));
      const to = Math.max(from, Math.min(r.to, text.length));
      const start = text.lastIndexOf('\n', from - 1) + 1;
      const nl = text.indexOf('\n', to);
      return { from: start, to: nl === -1 ? text.length : nl };
    })
    .sort((a, b) => a.from - b.from);
  const merged: SpellRange[] = [];
  for (const r of widened) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else merged.push({ ...r });
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------------------
// Inline level: inside a prose stretch, skip code, markup and addresses, then cut the rest into words.

const INLINE_SKIP = new RegExp(
  [
    '(`+)', // a code span opener; its closer is looked for by hand
    '<!--[\\s\\S]*?(?:-->|$)',
    '<[A-Za-z/!?][^<>\\n]{0,4000}>', // HTML tags and <https://…> autolinks
    '\\]\\((?:[^()\\s]|\\([^()\\s]*\\)){0,8000}(?:\\s+(?:"[^"\\n]*"|\'[^\'\\n]*\'|\\([^()\\n]*\\)))?\\s*\\)', // (destination "title")
    '\\]\\[[^\\]\\n]*\\]', // [text][reference]
    '\\[\\^[^\\]\\s]+\\]', // footnote reference
    '(?:https?|ftp|file|mailto|tel):[^\\s<>]+',
    'www\\.[^\\s<>]+',
    '[\\p{L}\\p{N}._%+-]{1,64}@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+',
    '&(?:#\\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]+);',
    '\\[\\/[a-z][\\w-]*\\]|\\[[a-z][\\w-]*\\s[^\\]\\n]*=[^\\]\\n]*\\]', // WordPress shortcodes
  ].join('|'),
  'gu',
);

const BLANK_LINE = /\n[ \t]*\r?\n/g;

function scanInline(text: string, from: number, to: number, out: SpellToken[]): void {
  const s = text.slice(from, to);
  INLINE_SKIP.lastIndex = 0;
  let proseStart = 0;
  let match: RegExpExecArray | null;
  while ((match = INLINE_SKIP.exec(s)) !== null) {
    let end = match.index + match[0].length;
    const ticks = match[1];
    if (ticks) {
      const close = findCodeSpanEnd(s, end, ticks.length);
      if (close === -1) {
        // A lone backtick run is literal text; it contains no letters, so nothing is lost by skipping it.
        continue;
      }
      end = close;
    }
    scanWords(s, proseStart, match.index, from, out);
    proseStart = end;
    INLINE_SKIP.lastIndex = Math.max(end, match.index + 1);
  }
  scanWords(s, proseStart, s.length, from, out);
}

/** End offset of the code span whose opener of `length` backticks ends at `start`, or -1 if unclosed. */
function findCodeSpanEnd(s: string, start: number, length: number): number {
  BLANK_LINE.lastIndex = start;
  const blank = BLANK_LINE.exec(s);
  const limit = blank ? blank.index : s.length;
  let i = s.indexOf('`', start);
  while (i !== -1 && i < limit) {
    let j = i;
    while (s.charCodeAt(j) === 96) j++;
    if (j - i === length) return j;
    i = s.indexOf('`', j);
  }
  return -1;
}

const MAX_CHUNK = 200;
const OPENING_PUNCTUATION = /^[\p{Ps}\p{Pi}"'„‚«»‹›*_~>|]+/u;
const CLOSING_PUNCTUATION = /[\p{Pe}\p{Pf}"'“”‘’«»‹›*_~.,;:!?|]+$/u;
const WORD =
  /(?:^-)?[\p{L}\p{M}\p{N}\u00AD]+(?:['’ʼ][\p{L}\p{M}]+)*(?:-[\p{L}\p{M}\p{N}\u00AD]+(?:['’ʼ][\p{L}\p{M}]+)*)*(?:-$)?/gu;

/** Cuts prose into whitespace-separated chunks, drops chunks that are not words, and finds words in the rest. */
function scanWords(s: string, from: number, to: number, base: number, out: SpellToken[]): void {
  const chunks = /\S+/g;
  chunks.lastIndex = from;
  let chunk: RegExpExecArray | null;
  while ((chunk = chunks.exec(s)) !== null && chunk.index < to) {
    let raw = chunk[0];
    let start = chunk.index;
    if (start + raw.length > to) raw = raw.slice(0, to - start);
    // No word is this long: such chunks are data, hashes or addresses, and skipping them keeps the scan linear.
    if (raw.length > MAX_CHUNK) continue;
    const lead = OPENING_PUNCTUATION.exec(raw)?.[0].length ?? 0;
    const trimmed = raw.slice(lead).replace(CLOSING_PUNCTUATION, '');
    start += lead;
    if (trimmed === '' || isNotProse(trimmed)) continue;
    WORD.lastIndex = 0;
    let word: RegExpExecArray | null;
    while ((word = WORD.exec(trimmed)) !== null) {
      const token = word[0];
      if (!isWordWorthChecking(token)) continue;
      const at = base + start + word.index;
      out.push({ from: at, to: at + token.length, word: token.replace(/\u00AD/g, '').normalize('NFC') });
    }
  }
}

/** Chunks that are paths, file or domain names, identifiers, handles or hashtags rather than words. */
function isNotProse(chunk: string): boolean {
  if (/^(?:\.{0,2}\/|~\/|[#@]\p{L}|[A-Za-z]:[\\/])/u.test(chunk)) return true;
  if (/[\\=]|::|->|=>|\(\)|[{}]|[\p{L}\p{N}]_[\p{L}\p{N}]/u.test(chunk)) return true;
  if ((chunk.match(/\//g)?.length ?? 0) >= 2) return true;
  // bild.jpg, kladde.de, Node.js; not z.B. or Ende. (capitalised or empty after the dot).
  return /[\p{L}\p{N}_-]\.[a-z][a-z0-9]{0,4}$/u.test(chunk);
}

function isWordWorthChecking(token: string): boolean {
  if (/\p{N}/u.test(token)) return false;
  const letters = token.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return false;
  // Abbreviations and acronyms (DSGVO, HTML, USA) are skipped, as word processors do by default.
  return letters !== letters.toUpperCase() || letters === letters.toLowerCase();
}
