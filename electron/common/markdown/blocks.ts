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

/**
 * Splits Markdown into top-level blocks at blank lines, cheaply and without a full parse, so the preview can
 * re-render only what changed. A blank line splits only where a full parse would also end a block: fenced
 * code, HTML comments and raw HTML like `<pre>` stay in one block, as do indented code with blank lines in
 * it and a list (with anything indented under it) that goes on after a blank line. Where unsure, it merges:
 * a bigger block renders the same, only a little slower.
 */
export function splitBlocks(body: string, firstLine = 0): SourceBlock[] {
  const lines = body.split('\n');
  const blocks: SourceBlock[] = [];
  let start = -1;
  let fence: string | null = null;
  let htmlEnd: RegExp | null = null;
  let inList = false;
  let lastWasCode = false;
  let pendingBlank = -1;

  const close = (endExclusive: number) => {
    if (start === -1) return;
    const src = lines.slice(start, endExclusive).join('\n');
    // A CRLF file's last line would keep its CR, which marked reads as one more line break.
    blocks.push({ src: src.endsWith('\r') ? src.slice(0, -1) : src, line: firstLine + start });
    start = -1;
    inList = false;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = withoutCr(lines[i] ?? '');
    if (fence !== null) {
      if (fenceCloses(line, fence)) fence = null;
      continue;
    }
    if (htmlEnd !== null) {
      if (htmlEnd.test(line)) htmlEnd = null;
      continue;
    }
    if (BLANK.test(line)) {
      if (start !== -1 && pendingBlank === -1) pendingBlank = i;
      continue;
    }
    const isCode = INDENTED_CODE.test(line);
    if (pendingBlank !== -1) {
      const continuesList = inList && (LIST_ITEM.test(line) || INDENTED.test(line));
      const continuesCode = lastWasCode && isCode;
      if (!continuesList && !continuesCode) close(pendingBlank);
      pendingBlank = -1;
    }
    if (start === -1) start = i;
    lastWasCode = isCode;
    // A list may start anywhere in a block (it can interrupt a paragraph); from then on the block is a list.
    if (!isCode && LIST_ITEM.test(line)) inList = true;
    fence = fenceOpened(line);
    if (fence === null) htmlEnd = htmlRunOpened(line);
  }
  // Like marked, the last block keeps the body's final line break unless a blank line follows it (it matters
  // for raw HTML, whose text marked passes on as it is).
  close(pendingBlank !== -1 && pendingBlank < lines.length - 1 ? pendingBlank : lines.length);
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
