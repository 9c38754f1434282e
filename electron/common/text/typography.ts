export const QUOTE_STYLES = ['de', 'de-guillemets', 'de-CH', 'en'] as const;

/**
 * How quotes are set: German „…“ ‚…‘, German with guillemets »…« ›…‹, Swiss «…» ‹…›, English “…” ‘…’.
 */
export type QuoteStyle = (typeof QUOTE_STYLES)[number];

/** The four marks of one quote style. */
export interface QuoteMarks {
  doubleOpen: string;
  doubleClose: string;
  singleOpen: string;
  singleClose: string;
}

/** U+2019, the typographic apostrophe in every style (also the English closing single quote). */
export const APOSTROPHE = '\u2019';

export const QUOTE_MARKS: Readonly<Record<QuoteStyle, QuoteMarks>> = {
  de: { doubleOpen: '\u201E', doubleClose: '\u201C', singleOpen: '\u201A', singleClose: '\u2018' },
  'de-guillemets': { doubleOpen: '\u00BB', doubleClose: '\u00AB', singleOpen: '\u203A', singleClose: '\u2039' },
  'de-CH': { doubleOpen: '\u00AB', doubleClose: '\u00BB', singleOpen: '\u2039', singleClose: '\u203A' },
  en: { doubleOpen: '\u201C', doubleClose: '\u201D', singleOpen: '\u2018', singleClose: '\u2019' },
};

export function isQuoteStyle(value: unknown): value is QuoteStyle {
  return typeof value === 'string' && (QUOTE_STYLES as readonly string[]).includes(value);
}

/**
 * The quote style for a post's `lang`. Swiss German gets «…», other German „…“ (or »…« when the writer prefers
 * guillemets), English “…”. Anything else falls back to German, as the rest of Kladde does for unknown languages.
 */
export function quoteStyleForLang(lang: string, germanGuillemets = false): QuoteStyle {
  const code = lang.trim().toLowerCase().replace('_', '-');
  if (code === 'de-ch' || code.startsWith('de-ch-')) return 'de-CH';
  if (code === 'en' || code.startsWith('en-')) return 'en';
  return germanGuillemets ? 'de-guillemets' : 'de';
}

/** A half-open range [from, to) of a text. */
export interface TextRange {
  from: number;
  to: number;
}

/** One replacement in a text, in the shape CodeMirror's ChangeSpec also accepts. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** Which quotes are open at a point of a paragraph, as counts of unclosed openers. */
interface OpenQuotes {
  double: number;
  single: number;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const DIGIT = /\p{N}/u;
const SPACE = /\s/u;
/** Characters after which a quote opens (besides space and the style's own opening marks). */
const OPENS_AFTER = new Set(['(', '[', '{', '-', '\u2013', '\u2014', '/', '\u00A1', '\u00BF']);
/** Emphasis marks, looked through when deciding. */
const MARKUP = new Set(['*', '_', '~']);
/**
 * Words that begin with an apostrophe rather than an opening quote: German `'s`, `'ne`, `'nen`, `'rein`,
 * English `'tis`, `'em`, `'n'` and decades (`'90er`, `'90s`). Only decidable when the following text is known.
 */
const ELISION_AFTER = /^(?:s|n|ne|nen|nem|ner|em|nes|rein|raus|rum|ran|rauf|runter|rüber|nüber|naus|tis|twas|cause|til|bout|round|\d\d(?:er\p{L}*|s))(?![\p{L}\p{N}])/iu;

const TRAILING_TAG = /<\/?[A-Za-z][^<>]*>$/;
const BLOCKQUOTE_MARKERS = /^[ \t]*(?:>[ \t]*)+$/;

/**
 * The text without the markup at its end that is not seen in the result: emphasis marks and HTML tags are
 * looked through, so in `*"Hallo"*` or `<em>"Hallo"` the quote after the markup opens and in `Hallo*"` or
 * `Hallo</em>"` it closes.
 */
function withoutTrailingMarkup(text: string): string {
  let end = text.length;
  for (;;) {
    while (end > 0 && MARKUP.has(text.charAt(end - 1))) end--;
    const tag = TRAILING_TAG.exec(text.slice(Math.max(0, end - 200), end));
    if (!tag) return text.slice(0, end);
    end -= tag[0].length;
  }
}

/** Opening and closing marks of a style, counted to tell whether a quote is open. */
function countOpen(text: string, marks: QuoteMarks): OpenQuotes {
  const open = { double: 0, single: 0 };
  for (const ch of text) {
    if (ch === marks.doubleOpen) open.double++;
    else if (ch === marks.doubleClose) open.double = Math.max(0, open.double - 1);
    else if (ch === marks.singleOpen) open.single++;
    else if (ch === marks.singleClose) open.single = Math.max(0, open.single - 1);
  }
  return open;
}

/**
 * The typographic replacement for a straight quote typed or found in prose, or null to leave it straight.
 *
 * `before` is the text in front of the quote, at least back to the start of its paragraph: its last character
 * decides opening against closing, and its marks tell whether a double or single quote is still open (so the
 * `'` in `„Er sagte 'Hallo'` closes with ‚…‘ while the `'` in `geht's` is an apostrophe). `after` is the text
 * behind the quote as far as it is known ('' while typing at the end). `strict` is for fixing finished text:
 * a quote standing alone between spaces is then left as it is, since it is neither opening nor closing.
 */
export function smartQuote(quote: '"' | "'", before: string, after: string, style: QuoteStyle, strict = false): string | null {
  const marks = QUOTE_MARKS[style];
  return decide(quote, before, after, marks, countOpen(before, marks), strict);
}

function decide(quote: '"' | "'", before: string, after: string, marks: QuoteMarks, open: OpenQuotes, strict: boolean): string | null {
  const last = before.slice(-1);
  // A backslash escapes the quote in Markdown: the writer wants it straight.
  if (last === '\\' && /(?:^|[^\\])(?:\\\\)*\\$/.test(before)) return null;
  const visible = withoutTrailingMarkup(before);
  const prev = visible.slice(-1);
  const next = after.charAt(0);
  const opening =
    prev === '' ||
    SPACE.test(prev) ||
    OPENS_AFTER.has(prev) ||
    prev === marks.doubleOpen ||
    prev === marks.singleOpen ||
    BLOCKQUOTE_MARKERS.test(visible.slice(visible.lastIndexOf('\n') + 1));

  if (quote === "'") {
    if (WORD_CHAR.test(prev) && WORD_CHAR.test(next)) return APOSTROPHE;
    if (opening) {
      if (ELISION_AFTER.test(after)) return APOSTROPHE;
      if (strict && (next === '' || SPACE.test(next))) return null;
      return marks.singleOpen;
    }
    if (open.single > 0) return marks.singleClose;
    // A digit with no quote open is a unit or prime (5' 11", Kapitel 3'): a quote mark would be wrong there.
    if (DIGIT.test(prev)) return null;
    return APOSTROPHE;
  }

  if (opening) {
    if (strict && (next === '' || SPACE.test(next))) return null;
    return marks.doubleOpen;
  }
  if (open.double === 0 && DIGIT.test(prev)) return null;
  return marks.doubleClose;
}

/** Sorted, merged, clipped copy of the ranges. */
function normalizeRanges(ranges: readonly TextRange[], length: number): TextRange[] {
  const sorted = ranges
    .map((r) => ({ from: Math.max(0, Math.min(r.from, r.to)), to: Math.min(length, Math.max(r.from, r.to)) }))
    .filter((r) => r.to > r.from)
    .sort((a, b) => a.from - b.from);
  const merged: TextRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else merged.push({ ...r });
  }
  return merged;
}

/** How much of the text before a quote `decide` looks at when the open quotes are already known. */
const TAIL = 256;

/**
 * The replacements that turn every straight quote and apostrophe of a text into the typographic marks of a
 * style, leaving the excluded ranges (code, front matter, URLs, HTML …) untouched. The open quotes are counted
 * per paragraph, so a stray quote cannot flip the rest of the document. Every change replaces one character by
 * one character.
 */
export function quoteFixes(text: string, excluded: readonly TextRange[], style: QuoteStyle): TextChange[] {
  const marks = QUOTE_MARKS[style];
  const changes: TextChange[] = [];
  const open: OpenQuotes = { double: 0, single: 0 };
  let paragraphStart = 0;

  const newParagraph = (at: number): void => {
    open.double = 0;
    open.single = 0;
    paragraphStart = at;
  };
  // The text before `pos` as it reads after the changes so far (each change keeps the length).
  const fixedBefore = (pos: number): string => {
    const start = Math.max(paragraphStart, pos - TAIL);
    const chars = text.slice(start, pos).split('');
    for (let i = changes.length - 1; i >= 0; i--) {
      const change = changes[i];
      if (!change || change.from < start) break;
      chars[change.from - start] = change.insert;
    }
    return chars.join('');
  };

  const prose = (from: number, to: number): void => {
    for (let pos = from; pos < to; pos++) {
      let ch = text.charAt(pos);
      if (ch === '\n') {
        // A blank line ends the paragraph: quotes left open there do not leak into the next one.
        const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
        if (pos > 0 && text.slice(lineStart, pos).trim() === '') newParagraph(pos + 1);
        continue;
      }
      if (ch === '"' || ch === "'") {
        const smart = decide(ch, fixedBefore(pos), text.slice(pos + 1, pos + 16), marks, open, true);
        if (smart !== null) {
          changes.push({ from: pos, to: pos + 1, insert: smart });
          ch = smart;
        }
      }
      if (ch === marks.doubleOpen) open.double++;
      else if (ch === marks.doubleClose) open.double = Math.max(0, open.double - 1);
      else if (ch === marks.singleOpen) open.single++;
      else if (ch === marks.singleClose) open.single = Math.max(0, open.single - 1);
    }
  };

  let pos = 0;
  for (const range of normalizeRanges(excluded, text.length)) {
    prose(pos, range.from);
    // Code blocks and the front matter stand between paragraphs.
    if (text.slice(range.from, range.to).includes('\n')) newParagraph(range.to);
    pos = range.to;
  }
  prose(pos, text.length);
  return changes;
}

/** Applies changes (sorted, not overlapping) to a text. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let result = '';
  let pos = 0;
  for (const change of changes) {
    result += text.slice(pos, change.from) + change.insert;
    pos = change.to;
  }
  return result + text.slice(pos);
}

/** The text with its straight quotes set typographically in `style`; see {@link quoteFixes}. */
export function fixQuotes(text: string, excluded: readonly TextRange[], style: QuoteStyle): string {
  return applyChanges(text, quoteFixes(text, excluded, style));
}
