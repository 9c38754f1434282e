import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { EditorState, Text } from '@codemirror/state';
import type { TextRange } from '../../electron/common/text/typography.js';

// Where typographic replacements must not happen. The Markdown syntax tree knows finished code, URLs and HTML;
// text that is still being typed (an unclosed `code span`, a link destination before its `)`, a tag before its
// `>`) is not in the tree yet, so the line before the cursor is checked as well.

/** Blocks that end at the end of their last line: typing at that line end is still inside them. */
const BLOCK_NODES = new Set(['FencedCode', 'CodeBlock', 'HTMLBlock', 'CommentBlock', 'ProcessingInstructionBlock', 'Frontmatter']);
/** Inline nodes: a position exactly at their edge is outside. */
const INLINE_NODES = new Set(['InlineCode', 'URL', 'Autolink', 'HTMLTag', 'Comment', 'ProcessingInstruction', 'LinkTitle', 'Escape', 'Entity']);

const FENCE_OPEN = /^\uFEFF?---[ \t]*$/;
const FENCE_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * The end of the YAML front matter (end of its closing fence line), or -1 when the document has none. An
 * opening fence without a closing one (front matter being typed) runs to `limit`: until the fence is closed,
 * everything after it is YAML in the making.
 */
export function frontMatterEnd(doc: Text, limit = doc.length): number {
  if (!FENCE_OPEN.test(doc.line(1).text)) return -1;
  const last = doc.lineAt(Math.min(limit, doc.length)).number;
  for (let n = 2; n <= last; n++) {
    const line = doc.line(n);
    if (FENCE_CLOSE.test(line.text)) return line.to;
  }
  return limit;
}

const URL_BEFORE = /(?:^|\s)\S*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)\S*$/i;
const LINK_DESTINATION_BEFORE = /\]\([^)]*$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:/;
const TAG_BEFORE = /<\/?[A-Za-z!?][^<>]*$/;

/** True when the line before the cursor ends inside a code span that is still open. */
function inOpenCodeSpan(lineBefore: string): boolean {
  let openLength = 0;
  for (const run of lineBefore.matchAll(/`+/g)) {
    if (openLength === 0) openLength = run[0].length;
    else if (run[0].length === openLength) openLength = 0;
  }
  return openLength > 0;
}

/**
 * True when text typed at `pos` is not prose: inside code (spans, fenced or indented blocks), YAML front
 * matter, a URL, link destination or title, an autolink, an HTML tag, comment or block.
 */
export function isTypographyExcluded(state: EditorState, pos: number): boolean {
  const end = frontMatterEnd(state.doc, pos);
  if (end >= 0 && pos <= end) return true;

  for (let node = syntaxTree(state).resolveInner(pos, -1); ; ) {
    if (BLOCK_NODES.has(node.name) && node.from < pos && pos <= node.to) return true;
    if (INLINE_NODES.has(node.name) && node.from < pos && pos < node.to) return true;
    if (!node.parent) break;
    node = node.parent;
  }

  const line = state.doc.lineAt(pos);
  const lineBefore = state.sliceDoc(line.from, pos);
  return (
    URL_BEFORE.test(lineBefore) ||
    LINK_DESTINATION_BEFORE.test(lineBefore) ||
    REFERENCE_DEFINITION.test(lineBefore) ||
    TAG_BEFORE.test(lineBefore) ||
    inOpenCodeSpan(lineBefore)
  );
}

const BARE_URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>]*/gi;

/**
 * The ranges of the whole document a typographic fix must leave alone: front matter, code, URLs, link
 * destinations and titles, HTML, escapes. Parses the whole document (within `timeout` ms); whatever could not
 * be parsed in time is excluded too, because unknown text is not safely prose.
 */
export function typographyExclusions(state: EditorState, timeout = 2000): TextRange[] {
  const ranges: TextRange[] = [];
  const doc = state.doc;
  const fm = frontMatterEnd(doc);
  if (fm >= 0) ranges.push({ from: 0, to: fm });

  const tree = ensureSyntaxTree(state, doc.length, timeout) ?? syntaxTree(state);
  if (tree.length < doc.length) ranges.push({ from: tree.length, to: doc.length });
  tree.iterate({
    enter(node) {
      if (BLOCK_NODES.has(node.name) || INLINE_NODES.has(node.name)) {
        ranges.push({ from: node.from, to: node.to });
        return false;
      }
      return undefined;
    },
  });

  // Bare URLs the Markdown dialect may not know as links (CommonMark without the GFM autolink extension).
  const text = doc.toString();
  for (const match of text.matchAll(BARE_URL)) ranges.push({ from: match.index, to: match.index + match[0].length });
  return ranges;
}
