import { foldText, foldWithOrigin, isWordChar, searchWords, type FoldedText } from './search-fold.js';

export interface TextRange {
  from: number;
  to: number;
}

export interface Snippet {
  /** Plain text around the first match; line breaks are turned into spaces (same length, so offsets hold). */
  text: string;
  /** The matched words inside `text`. */
  highlights: TextRange[];
  /** The first match in the whole text, or null when no query word occurs in it. */
  at: TextRange | null;
}

const BEFORE = 60;
const AFTER = 160;

/** The query as the folded words the index searches for (each also matches as the start of a longer word). */
export function queryTerms(query: string): string[] {
  const terms = searchWords(query).map(foldText).filter((t) => t !== '');
  return [...new Set(terms)];
}

/** Every place in the folded text where a word starts with one of the terms, in folded offsets, in order. */
function foldedMatches(folded: string, terms: readonly string[], from: number, to: number): TextRange[] {
  const found: TextRange[] = [];
  for (const term of terms) {
    for (let i = folded.indexOf(term, from); i !== -1 && i < to; i = folded.indexOf(term, i + 1)) {
      const prev = i > 0 ? folded.charAt(i - 1) : '';
      if (prev === '' || !isWordChar(prev)) found.push({ from: i, to: i + term.length });
    }
  }
  return found.sort((a, b) => a.from - b.from || b.to - a.to);
}

/** A folded range as a range of the original text; a match ending inside an expansion (ß → ss) takes the whole character. */
function original(f: FoldedText, range: TextRange): TextRange {
  const from = f.origin[range.from] ?? 0;
  const lastChar = f.origin[range.to - 1] ?? from;
  let k = range.to;
  while (k < f.origin.length - 1 && (f.origin[k] ?? 0) === lastChar) k++;
  return { from, to: Math.max(from, f.origin[k] ?? lastChar) };
}

/**
 * The first match of the query in a post's text (preferring the body, after `bodyFrom`, to the front matter) and
 * a plain-text snippet around it with every matched word marked. Works on folded text, so „strasse“ marks „Straße“.
 */
export function findSnippet(text: string, query: string, bodyFrom = 0): Snippet {
  const terms = queryTerms(query);
  const f = foldWithOrigin(text);
  if (terms.length === 0) return { text: clip(text, 0, AFTER), highlights: [], at: null };
  const bodyStartFolded = firstFoldedAt(f, bodyFrom);
  const inBody = foldedMatches(f.folded, terms, bodyStartFolded, f.folded.length);
  const first = inBody[0] ?? foldedMatches(f.folded, terms, 0, bodyStartFolded)[0];
  if (!first) return { text: clip(text, bodyFrom, bodyFrom + AFTER), highlights: [], at: null };
  const at = original(f, first);
  // A match in the body gets a snippet of the body only, never a piece of the YAML above it.
  let start = Math.max(at.from >= bodyFrom ? bodyFrom : 0, at.from - BEFORE);
  let end = Math.min(text.length, at.from + AFTER);
  // Cut at spaces, so the snippet starts and ends with whole words.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < at.from) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > at.to) end = space;
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const highlights: TextRange[] = [];
  let last = -1;
  for (const m of foldedMatches(f.folded, terms, firstFoldedAt(f, start), firstFoldedAt(f, end))) {
    const r = original(f, m);
    if (r.from < last || r.to > end) continue;
    highlights.push({ from: r.from - start + lead.length, to: r.to - start + lead.length });
    last = r.to;
  }
  return { ...withoutMarkup(lead + flat(text.slice(start, end)) + tail, highlights), at };
}

/** Markdown's marks that only get in the way of reading a snippet: emphasis, code ticks, link targets, heading hashes. */
const MARKUP = /!?\[|\]\([^)\s]*\)|\*+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])|`+|(?:^|(?<= ))#{1,6}(?= )|(?:^|(?<= ))>(?= )/gu;

/** The snippet without Markdown marks, its highlights moved along (a highlight never covers a removed mark). */
function withoutMarkup(text: string, highlights: TextRange[]): { text: string; highlights: TextRange[] } {
  let out = '';
  let last = 0;
  const removed: { at: number; length: number }[] = [];
  for (const m of text.matchAll(MARKUP)) {
    const at = m.index;
    if (highlights.some((h) => at < h.to && at + m[0].length > h.from)) continue;
    out += text.slice(last, at);
    removed.push({ at, length: m[0].length });
    last = at + m[0].length;
  }
  out += text.slice(last);
  const shift = (offset: number) => removed.reduce((n, r) => (r.at < offset ? n + r.length : n), 0);
  return { text: out, highlights: highlights.map((h) => ({ from: h.from - shift(h.from), to: h.to - shift(h.from) })) };
}

/** The folded offset of the first folded character that comes from original offset `offset` or later. */
function firstFoldedAt(f: FoldedText, offset: number): number {
  let lo = 0;
  let hi = f.origin.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((f.origin[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function flat(text: string): string {
  return text.replace(/[\r\n\t]/g, ' ');
}

function clip(text: string, from: number, to: number): string {
  const piece = text.slice(from, to);
  return flat(piece) + (to < text.length ? '…' : '');
}

