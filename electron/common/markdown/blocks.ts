/** A top-level Markdown block with the 0-based line where its source starts. */
export interface SourceBlock {
  src: string;
  line: number;
}

// A backtick fence's info string may not contain backticks (so "```code``` text" is inline code, no fence).
const FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const INDENTED = /^(?: {2,}|\t)\S/;
const INDENTED_CODE = /^(?: {4,}|\t| {1,3}\t)/;
const BLANK = /^[ \t]*$/;

/**
 * HTML blocks that, unlike other blocks, run on over blank lines until their end marker (CommonMark's HTML
 * block kinds 1 to 5: raw text elements, comments, processing instructions, declarations, CDATA).
 */
const HTML_START = /^ {0,3}</;
const HTML_RUNS: readonly { start: RegExp; end: RegExp }[] = [
  { start: /^ {0,3}<(?:pre|script|style|textarea)(?:[\s>]|$)/i, end: /<\/(?:pre|script|style|textarea)>/i },
  { start: /^ {0,3}<!--/, end: /-->/ },
  { start: /^ {0,3}<\?/, end: /\?>/ },
  { start: /^ {0,3}<![A-Za-z]/, end: />/ },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
];

/** The fence a line opens (its backticks or tildes), or null. */
function fenceOpened(line: string): string | null {
  return FENCE.exec(line)?.[1] ?? null;
}

/** Whether a line closes the fence: the same character, at least as many, nothing else on the line. */
function fenceCloses(line: string, fence: string): boolean {
  const m = FENCE.exec(line)?.[1];
  return m !== undefined && m[0] === fence[0] && m.length >= fence.length && line.trim() === m;
}

/** The end marker of the HTML run a line starts, or null (also when the run ends on the same line). */
function htmlRunOpened(line: string): RegExp | null {
  if (!HTML_START.test(line)) return null;
  const html = HTML_RUNS.find((h) => h.start.test(line));
  // The end marker must come after the start (`<!-->` aside, no start is shorter than two characters).
  return html && !html.end.test(line.slice(line.search(/\S/) + 2)) ? html.end : null;
}

function withoutCr(raw: string): string {
  return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
}

/** A block as {@link scanBlocks} finds it: also where its source starts and ends in the body. */
export interface ScannedBlock extends SourceBlock {
  /** Offset of the block's first character in the body. */
  start: number;
  /** Offset just past the block's source (its final CR excluded from `src` only). */
  end: number;
}

/**
 * Splits Markdown into top-level blocks at blank lines, cheaply and without a full parse, so the preview can
 * re-render only what changed. A blank line splits only where a full parse would also end a block: fenced
 * code, HTML comments and raw HTML like `<pre>` stay in one block, as do indented code with blank lines in
 * it and a list (with anything indented under it) that goes on after a blank line. Where unsure, it merges:
 * a bigger block renders the same, only a little slower.
 *
 * Scanning may start at any block's `start` (with that block's line): every block starts in the same clean
 * state, so the blocks found from there are the ones a scan from the top finds. The preview uses this to
 * re-split only around an edit.
 */
export function* scanBlocks(body: string, from = 0, firstLine = 0): Generator<ScannedBlock, void, undefined> {
  let pos = from;
  let lineNo = firstLine;
  let start = -1;
  let startLine = 0;
  let fence: string | null = null;
  let htmlEnd: RegExp | null = null;
  let inList = false;
  let lastWasCode = false;
  // Offset of the first blank line after the open block, or -1.
  let pendingBlank = -1;

  const make = (end: number): ScannedBlock => {
    const src = body.slice(start, end);
    // A CRLF file's last line would keep its CR, which marked reads as one more line break.
    return { src: src.endsWith('\r') ? src.slice(0, -1) : src, line: startLine, start, end };
  };

  for (;;) {
    const nl = body.indexOf('\n', pos);
    const lineEnd = nl === -1 ? body.length : nl;
    const line = withoutCr(body.slice(pos, lineEnd));
    if (fence !== null) {
      if (fenceCloses(line, fence)) fence = null;
    } else if (htmlEnd !== null) {
      if (htmlEnd.test(line)) htmlEnd = null;
    } else if (BLANK.test(line)) {
      if (start !== -1 && pendingBlank === -1) pendingBlank = pos;
    } else {
      const isCode = INDENTED_CODE.test(line);
      if (pendingBlank !== -1) {
        const continuesList = inList && (LIST_ITEM.test(line) || INDENTED.test(line));
        const continuesCode = lastWasCode && isCode;
        if (!continuesList && !continuesCode && start !== -1) {
          yield make(pendingBlank - 1);
          start = -1;
          inList = false;
        }
        pendingBlank = -1;
      }
      if (start === -1) {
        start = pos;
        startLine = lineNo;
      }
      lastWasCode = isCode;
      // A list may start anywhere in a block (it can interrupt a paragraph); from then on the block is a list.
      if (!isCode && LIST_ITEM.test(line)) inList = true;
      fence = fenceOpened(line);
      if (fence === null) htmlEnd = htmlRunOpened(line);
    }
    if (nl === -1) break;
    pos = nl + 1;
    lineNo++;
  }
  // Like marked, the last block keeps the body's final line break unless a blank line follows it (it matters
  // for raw HTML, whose text marked passes on as it is). `pos` is the start of the last line here.
  if (start !== -1) yield make(pendingBlank !== -1 && pendingBlank < pos ? pendingBlank - 1 : body.length);
}

/** All top-level blocks of a body (see {@link scanBlocks}), each with its 0-based source line. */
export function splitBlocks(body: string, firstLine = 0): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  for (const b of scanBlocks(body, 0, firstLine)) blocks.push({ src: b.src, line: b.line });
  return blocks;
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** A one-line comment or processing instruction, after which a new block (a definition, too) may start. */
const ONE_LINE_HTML = /^ {0,3}(?:<!--.*-->|<\?.*\?>)[ \t]*$/;
const DEFINITION =
  /^ {0,3}\[((?:[^\]\\]|\\.){1,999})\]:[ \t]*(<[^>\n]*>|[^\s<]\S*)(?:[ \t]+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\)))?[ \t]*$/;

/** A link reference definition as written (`[label]: href "title"`), not yet normalized. */
export interface RawLinkDefinition {
  label: string;
  href: string;
  title: string;
}

/**
 * The one-line link reference definitions of a body, in document order: none from code or raw HTML, and none
 * inside a paragraph (a definition cannot interrupt one). Lets each block be rendered with the whole
 * document's definitions without counting a `[x]: …` shown in a code sample.
 */
export function findLinkDefinitions(body: string): RawLinkDefinition[] {
  const found: RawLinkDefinition[] = [];
  let fence: string | null = null;
  let htmlEnd: RegExp | null = null;
  let canDefine = true;
  for (const raw of body.split('\n')) {
    const line = withoutCr(raw);
    if (fence !== null) {
      if (fenceCloses(line, fence)) {
        fence = null;
        canDefine = true;
      }
      continue;
    }
    if (htmlEnd !== null) {
      if (htmlEnd.test(line)) {
        htmlEnd = null;
        canDefine = true;
      }
      continue;
    }
    if (BLANK.test(line)) {
      canDefine = true;
      continue;
    }
    const m = canDefine ? DEFINITION.exec(line) : null;
    if (m) {
      const href = m[2] ?? '';
      found.push({
        label: m[1] ?? '',
        href: href.startsWith('<') ? href.slice(1, -1) : href,
        title: m[3] ?? m[4] ?? m[5] ?? '',
      });
      continue;
    }
    fence = fenceOpened(line);
    if (fence === null) htmlEnd = htmlRunOpened(line);
    canDefine = fence === null && htmlEnd === null && (ATX_HEADING.test(line) || ONE_LINE_HTML.test(line));
  }
  return found;
}
