import { scanBlocks } from '../markdown/blocks.js';
import { splitFrontMatter } from '../markdown/front-matter.js';

export interface TextCounts {
  words: number;
  /** Visible characters (grapheme clusters) with spaces; a run of spaces or line breaks counts as one. */
  characters: number;
  charactersNoSpaces: number;
  /** Whole minutes, at least 1 for any text, at 220 words a minute; 0 for no words. */
  readingMinutes: number;
}

const WORDS_PER_MINUTE = 220;
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-.][\p{L}\p{N}\p{M}]+)*/gu;

// How the text is read: every character of the Markdown is visible, hidden without trace (markup such as `**`,
// `## `, link brackets and destinations) or hidden as a word break (code, URLs, HTML comments, images).
const VISIBLE = 0;
const MARKUP = 1;
const BREAK = 2;
/** Visible and protected from markup rules: the character after a backslash escape. */
const LITERAL = 3;
type Mask = Uint8Array;

function hide(mask: Mask, from: number, to: number, kind: typeof MARKUP | typeof BREAK): void {
  for (let i = Math.max(0, from); i < to && i < mask.length; i++) if (mask[i] === VISIBLE) mask[i] = kind;
}

/** Hides every match of `re` that starts in visible text; `pick` may hide only parts of it. */
function hideMatches(
  text: string,
  mask: Mask,
  re: RegExp,
  kind: typeof MARKUP | typeof BREAK,
  pick: (m: RegExpExecArray) => [number, number][] = (m) => [[m.index, m.index + m[0].length]],
): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    if (mask[m.index] !== VISIBLE) continue;
    for (const [from, to] of pick(m)) hide(mask, from, to, kind);
  }
}

// Fences may sit in list items or block quotes, so any indentation and `>` prefix is allowed.
const FENCE_OPEN = /^[ \t]*(?:>[ \t]?)*(`{3,}(?=[^`]*$)|~{3,})/;
const FENCE_CLOSE = /^[ \t]*(?:>[ \t]?)*(`{3,}|~{3,})[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const INDENTED = /^(?: {4}|\t)/;
const BLANK = /^[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/;
const REFERENCE_DEFINITION = /^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S/;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^[^\]\s]+\]:[ \t]*/;
const BLOCKQUOTE_PREFIX = /^ {0,3}(?:>[ \t]?)+/;
const HEADING_PREFIX = /^[ \t]{0,3}#{1,6}(?:[ \t]+|$)/;
const HEADING_SUFFIX = /[ \t]+#+[ \t]*$/;
const LIST_PREFIX = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;

/** Line by line: code blocks, the markup at the start of lines, rules, table delimiters, link definitions. */
function hideBlocks(text: string, mask: Mask, start: number): void {
  let fence: { char: string; length: number } | null = null;
  let inList = false;
  let previousBlank = true;
  let previousCode = false;
  for (let lineStart = start; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const next = newline === -1 ? text.length : newline + 1;

    if (fence) {
      hide(mask, lineStart, next, BREAK);
      const close = FENCE_CLOSE.exec(line);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      lineStart = next;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open?.[1]) {
      fence = { char: open[1].charAt(0), length: open[1].length };
      hide(mask, lineStart, next, BREAK);
      // A fence at the margin ends a list, as any other unindented block does.
      if (!/^[ \t]/.test(line)) inList = false;
      previousBlank = false;
      previousCode = false;
      lineStart = next;
      continue;
    }

    const blank = BLANK.test(line);
    if (!blank && LIST_ITEM.test(line)) inList = true;
    else if (!blank && !/^[ \t]/.test(line)) inList = false;
    // Indented code needs a blank line (or more code) before it and no list around it to belong to.
    const code: boolean = !blank && INDENTED.test(line) && !inList && (previousBlank || previousCode);
    previousBlank = blank;
    previousCode = code;
    if (code) {
      hide(mask, lineStart, next, BREAK);
    } else if (
      THEMATIC_BREAK.test(line) ||
      SETEXT_UNDERLINE.test(line) ||
      TABLE_DELIMITER.test(line) ||
      REFERENCE_DEFINITION.test(line)
    ) {
      hide(mask, lineStart, lineEnd, BREAK);
    } else if (!blank) {
      let at = lineStart;
      const footnote = FOOTNOTE_DEFINITION.exec(line);
      if (footnote) {
        hide(mask, at, at + footnote[0].length, MARKUP);
        at += footnote[0].length;
      }
      const quote = BLOCKQUOTE_PREFIX.exec(text.slice(at, lineEnd));
      if (quote) {
        hide(mask, at, at + quote[0].length, MARKUP);
        at += quote[0].length;
      }
      const rest = text.slice(at, lineEnd);
      const heading = HEADING_PREFIX.exec(rest);
      const list = heading ? null : LIST_PREFIX.exec(rest);
      const prefix = heading ?? list;
      if (prefix) hide(mask, at, at + prefix[0].length, MARKUP);
      const suffix = heading ? HEADING_SUFFIX.exec(rest) : null;
      if (suffix) hide(mask, at + suffix.index, lineEnd, MARKUP);
    }
    lineStart = next;
  }
}

const INLINE_CODE = /(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n)[\s\S])*?)(?<!`)\1(?!`)/g;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const AUTOLINK = /<(?:[a-z][a-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/gi;
const IMAGE = /!\[(?:[^\[\]]|\[[^\]]*\])*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])/g;
const LINK = /\[((?:[^\[\]]|\[[^\]]*\])*)\](\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])/g;
const BARE_URL = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>]*[^\s<>.,;:!?"'’)\]]/gi;
const FOOTNOTE_REF = /\[\^[^\]\s]+\](?!:)/g;
const INLINE_TAG = /<\/?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)(?:\s[^<>]*)?>/gi;
const OTHER_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;
const ESCAPE = /\\[!-/:-@[-`{-~]/g;
const EMPHASIS = /\*+|~~+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu;

function computeMask(text: string, hasFrontMatter: boolean): Mask {
  const mask: Mask = new Uint8Array(text.length);
  const bodyOffset = hasFrontMatter ? splitFrontMatter(text).bodyOffset : 0;
  hide(mask, 0, bodyOffset, BREAK);
  hideBlocks(text, mask, bodyOffset);
  hideMatches(text, mask, INLINE_CODE, BREAK);
  hideMatches(text, mask, HTML_COMMENT, BREAK);
  hideMatches(text, mask, AUTOLINK, BREAK);
  hideMatches(text, mask, ESCAPE, MARKUP, (m) => {
    if (mask[m.index + 1] !== VISIBLE) return [];
    mask[m.index + 1] = LITERAL;
    return [[m.index, m.index + 1]];
  });
  hideMatches(text, mask, IMAGE, BREAK);
  // Link text counts; the brackets and the destination (or reference) do not.
  hideMatches(text, mask, LINK, MARKUP, (m) => {
    const textEnd = m.index + 1 + (m[1]?.length ?? 0);
    return [
      [m.index, m.index + 1],
      [textEnd, m.index + m[0].length],
    ];
  });
  hideMatches(text, mask, BARE_URL, BREAK);
  hideMatches(text, mask, FOOTNOTE_REF, MARKUP);
  hideMatches(text, mask, INLINE_TAG, MARKUP);
  hideMatches(text, mask, OTHER_TAG, BREAK);
  hideMatches(text, mask, EMPHASIS, MARKUP);
  hideMatches(text, mask, /\|/g, BREAK);
  return mask;
}

// The status bar asks again for the same text when only the selection moves: keep the last mask.
let cached: { text: string; hasFrontMatter: boolean; mask: Mask } | null = null;

function maskOf(text: string, hasFrontMatter: boolean): Mask {
  if (cached && cached.hasFrontMatter === hasFrontMatter && cached.text === text) return cached.mask;
  const mask = computeMask(text, hasFrontMatter);
  cached = { text, hasFrontMatter, mask };
  return mask;
}

function visibleText(text: string, mask: Mask, from: number, to: number): string {
  const parts: string[] = [];
  let runStart = -1;
  let pendingBreak = false;
  for (let i = from; i <= to; i++) {
    const kind = i < to ? mask[i] : MARKUP;
    if (kind === VISIBLE || kind === LITERAL) {
      if (runStart < 0) {
        if (pendingBreak) parts.push(' ');
        pendingBreak = false;
        runStart = i;
      }
      continue;
    }
    if (runStart >= 0) parts.push(text.slice(runStart, i));
    runStart = -1;
    if (kind === BREAK) pendingBreak = true;
  }
  return parts.join('');
}

let segmenter: Intl.Segmenter | undefined;

/** Characters as a reader sees them: an emoji with skin tone or a decomposed „ä“ is one. */
function graphemes(text: string): number {
  // Latin text, German punctuation and dashes have one UTF-16 unit per grapheme: skip the segmenter then.
  if (!/[^\u0000-\u02FF\u2010-\u2027\u2030-\u205E\u20AC]/.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

function countsOf(prose: string): TextCounts {
  const words = countWords(prose);
  const spaced = prose.replace(/\s+/g, ' ').trim();
  return {
    words,
    characters: graphemes(spaced),
    charactersNoSpaces: graphemes(spaced.replace(/ /g, '')),
    readingMinutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
  };
}

/** Prose only: the text a reader sees, without code, URLs, HTML tags and Markdown markup (no front matter). */
export function proseOf(markdown: string): string {
  return visibleText(markdown, maskOf(markdown, false), 0, markdown.length);
}

export function countWords(prose: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(prose) !== null) n++;
  return n;
}

/** Counts for a whole post text (front matter excluded) or, with `hasFrontMatter: false`, for a bare snippet. */
export function countText(text: string, { hasFrontMatter = true, blockwiseAbove = BLOCKWISE_ABOVE } = {}): TextCounts {
  if (text.length > blockwiseAbove) {
    const counted = countBlockwise(hasFrontMatter ? splitFrontMatter(text).body : text);
    if (counted) return counted;
  }
  return countsOf(visibleText(text, maskOf(text, hasFrontMatter), 0, text.length));
}

/** Texts longer than this are counted block by block, each block's counts kept for the next time. */
const BLOCKWISE_ABOVE = 64 * 1024;

interface BlockCounts {
  words: number;
  characters: number;
  charactersNoSpaces: number;
  /** Whether the block shows no character at all (it adds no space between its neighbours then). */
  empty: boolean;
  /** Whether something in the block may reach into the next one (an open bracket or tag): count whole then. */
  open: boolean;
}

const blockCounts = new Map<string, BlockCounts>();
const MAX_CACHED_BLOCKS = 20_000;

function countBlock(src: string): BlockCounts {
  const known = blockCounts.get(src);
  if (known) return known;
  const prose = visibleText(src, computeMask(src, false), 0, src.length);
  const spaced = prose.replace(/\s+/g, ' ').trim();
  const counts: BlockCounts = {
    words: countWords(prose),
    characters: graphemes(spaced),
    charactersNoSpaces: graphemes(spaced.replace(/ /g, '')),
    empty: spaced === '',
    // A lone `>` (a quote marker) or `]` closes nothing opened here; what matters is an opener left open.
    open: occurrences(src, '[') > occurrences(src, ']') || src.lastIndexOf('<') > src.lastIndexOf('>'),
  };
  if (blockCounts.size >= MAX_CACHED_BLOCKS) blockCounts.clear();
  blockCounts.set(src, counts);
  return counts;
}

function occurrences(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/**
 * The counts of a long body as the sum of its blocks (a run of spaces between blocks counts once, as in the
 * whole text): typing in a 1 MB post counts again only the blocks that changed. Null where a construct could
 * span blocks (a comment, an open bracket or tag, CR line ends): the caller counts the whole text then.
 */
function countBlockwise(body: string): TextCounts | null {
  if (body.includes('<!--') || body.includes('\r')) return null;
  let words = 0;
  let characters = 0;
  let charactersNoSpaces = 0;
  let shown = 0;
  for (const block of scanBlocks(body)) {
    const c = countBlock(block.src);
    if (c.open) return null;
    words += c.words;
    characters += c.characters;
    charactersNoSpaces += c.charactersNoSpaces;
    if (!c.empty) shown++;
  }
  characters += Math.max(0, shown - 1);
  return { words, characters, charactersNoSpaces, readingMinutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) };
}

/**
 * Counts for the selection `from`–`to` of a whole post text. The selection is read in the context of the
 * whole post, so a selection that starts inside a code block or the front matter does not count that as prose.
 */
export function countSelection(text: string, from: number, to: number): TextCounts {
  const start = Math.max(0, Math.min(from, to, text.length));
  const end = Math.min(text.length, Math.max(from, to));
  return countsOf(visibleText(text, maskOf(text, true), start, end));
}
