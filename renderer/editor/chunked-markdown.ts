import { NodeType, Parser, Tree, type Input, type PartialParse, type TreeFragment } from '@lezer/common';

/**
 * The editor's Markdown parse in chunks of a few kilobytes.
 *
 * Lezer's Markdown parser re-reads a document block by block after every change: reusing thousands of blocks costs
 * a few milliseconds per keystroke in a 1 MB post, and more the further down one types. This parser cuts the post
 * at places where a block can only begin afresh, parses each piece with the real Markdown parser, and after a
 * change reuses every untouched piece whole. A keystroke then costs one piece's parse, whatever the post's length.
 *
 * A cut goes before a line that starts at column 0 after a blank line, unless that line could continue a list (a
 * list marker or a digit). The Markdown parser itself confirms each cut: the piece's last block must have ended
 * before the blank line (an unclosed code fence or HTML block runs on, and the cut moves on to the next place).
 * The syntax tree is therefore the one the Markdown parser gives the whole post, with the pieces as anonymous
 * nodes around its blocks (checked by tests/unit/editor/chunked-markdown.test.ts).
 */

/** The anonymous node around one piece's blocks; cursors and highlighting pass through it. */
const CHUNK = NodeType.define({ id: 0 });
/** The same for the last piece, which no cut ends: it may only be reused while it still reaches the end. */
const LAST_CHUNK = NodeType.define({ id: 0 });
/**
 * Pieces are grouped, {@link BRANCH} to a group and groups again, as Lezer balances its own trees: a lookup near
 * the end of a long post (highlighting, the node at the cursor) then passes a few dozen nodes, not every piece.
 */
const GROUP = NodeType.define({ id: 0 });
const BRANCH = 32;

/** The pieces of a tree this parser made, in order (tests and diagnostics). */
export function piecesOf(tree: Tree): Tree[] {
  const out: Tree[] = [];
  const walk = (node: Tree) => {
    for (const child of node.children) {
      if (!(child instanceof Tree)) continue;
      if (child.type === GROUP) walk(child);
      else if (child.type === CHUNK || child.type === LAST_CHUNK) out.push(child);
    }
  };
  walk(tree);
  return out;
}

export interface ChunkSizes {
  /** A piece ends at the first possible cut after this many characters. */
  target: number;
  /** A piece ends early where an unchanged old piece begins, once it holds at least this many characters. */
  minResync: number;
}

const DEFAULT_SIZES: ChunkSizes = { target: 1024, minResync: 64 };

/** Lines a cut may precede: not indented, not blank, no list marker or number that could continue a list. */
const CUT = /\n[ \t]*\n(?=[^\s\-+*0-9])/g;
/** The same, for the text up to and including the first character after a cut. */
const CUT_BEFORE = /\n[ \t]*\n[^\s\-+*0-9]$/;
/** Pieces longer than this reuse the blocks of their old parse (see parseRange). */
const REUSE_INSIDE_ABOVE = 32_768;
/**
 * How far candidate cuts are searched for per read: a piece is about 1 KB, so a small read mostly suffices (8 KB reads
 * made every keystroke allocate about 30 KB more, in the string and the matches: more garbage collection).
 */
const SLAB = 2048;

export class ChunkedMarkdownParser extends Parser {
  readonly docType: NodeType;

  constructor(
    readonly inner: Parser,
    readonly sizes: ChunkSizes = DEFAULT_SIZES,
  ) {
    super();
    this.docType = inner.parse('').type;
  }

  createParse(input: Input, fragments: readonly TreeFragment[], ranges: readonly { from: number; to: number }[]): PartialParse {
    const range = ranges[0];
    // Several ranges (Markdown inside another language's gaps) are rare and short: the plain parser takes them.
    if (ranges.length !== 1 || !range) return this.inner.startParse(input, fragments, ranges);
    return new ChunkedParse(this, input, fragments, range.from, range.to);
  }
}

/** The piece of an old tree that starts exactly at `at` (tree coordinates), going down through the groups. */
function pieceAt(tree: Tree, at: number): Tree | null {
  let node = tree;
  for (;;) {
    const { positions, children } = node;
    // The last child starting at or before `at`.
    let lo = 0;
    let hi = positions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((positions[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    const child = children[lo];
    const start = positions[lo] ?? 0;
    if (!(child instanceof Tree) || start > at) return null;
    if (child.type === GROUP) {
      if (at >= start + child.length) return null;
      node = child;
      at -= start;
      continue;
    }
    return start === at && (child.type === CHUNK || child.type === LAST_CHUNK) ? child : null;
  }
}

class ChunkedParse implements PartialParse {
  stoppedAt: number | null = null;
  private pos: number;
  private readonly chunks: Tree[] = [];
  private readonly positions: number[] = [];

  constructor(
    private readonly parser: ChunkedMarkdownParser,
    private readonly input: Input,
    private readonly fragments: readonly TreeFragment[],
    private readonly base: number,
    private readonly end: number,
  ) {
    this.pos = base;
  }

  get parsedPos(): number {
    return this.pos;
  }

  stopAt(pos: number): void {
    if (this.stoppedAt !== null && this.stoppedAt < pos) throw new RangeError("Can't move stoppedAt forward");
    this.stoppedAt = pos;
  }

  advance(): Tree | null {
    const limit = Math.min(this.end, this.stoppedAt ?? this.end);
    if (this.pos >= limit) return this.finish();
    // Untouched pieces are taken whole, many per step; a new piece is one step, so a time budget can stop between.
    let reused = 0;
    for (let old = this.reusable(this.pos); old && reused < 1000 && this.pos < limit; old = this.reusable(this.pos)) {
      this.push(old);
      reused++;
    }
    if (reused === 0) this.parseChunk();
    return null;
  }

  private finish(): Tree {
    let children: Tree[] = this.chunks;
    let positions = this.positions;
    while (children.length > BRANCH) {
      const groups: Tree[] = [];
      const starts: number[] = [];
      for (let i = 0; i < children.length; i += BRANCH) {
        const kids = children.slice(i, i + BRANCH);
        const start = positions[i] ?? 0;
        const last = kids.length - 1;
        const length = (positions[i + last] ?? 0) - start + (kids[last]?.length ?? 0);
        groups.push(new Tree(GROUP, kids, positions.slice(i, i + BRANCH).map((p) => p - start), length));
        starts.push(start);
      }
      children = groups;
      positions = starts;
    }
    return new Tree(this.parser.docType, children, positions, this.pos - this.base);
  }

  private push(chunk: Tree): void {
    this.chunks.push(chunk);
    this.positions.push(this.pos - this.base);
    this.pos += chunk.length;
  }

  /** The old piece that starts at `pos`, if its text is unchanged and the cut after it still holds. */
  private reusable(pos: number): Tree | null {
    const old = this.oldChunkAt(pos);
    if (!old) return null;
    const after = pos + old.tree.length;
    if (after > old.validTo || after > this.end) return null;
    if (after === this.end) return old.tree;
    if (old.tree.type !== CHUNK) return null;
    // The line after it unchanged too: the cut was confirmed when the piece was made and still holds.
    return after < old.validTo || this.isCut(after) ? old.tree : null;
  }

  private oldChunkAt(pos: number): { tree: Tree; validTo: number } | null {
    for (const f of this.fragments) {
      if (f.from > pos || f.to <= pos || f.tree.type !== this.parser.docType) continue;
      const found = pieceAt(f.tree, pos + f.offset);
      if (found) return { tree: found, validTo: f.to };
    }
    return null;
  }

  /** Whether a cut may go before `pos` as far as the text tells (the parse confirms it). */
  private isCut(pos: number): boolean {
    if (pos <= this.base + 1 || pos >= this.end) return false;
    return CUT_BEFORE.test(this.input.read(Math.max(this.base, pos - 64), pos + 1));
  }

  /**
   * Candidate cuts after `from`, in order, found in slabs of the text, each with the end of the text before its
   * blank line (where the last block in front of the cut must have ended).
   */
  private *cuts(from: number): Generator<{ cut: number; textEnd: number }> {
    for (let slab = from; slab < this.end; slab += SLAB) {
      // The slab starts a little early so a blank line across the slab boundary is seen.
      const start = Math.max(this.base, slab - 64);
      const text = this.input.read(start, Math.min(this.end, slab + SLAB + 1));
      // Its own copy of the pattern: this generator pauses mid-search.
      const pattern = new RegExp(CUT);
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const cut = start + m.index + m[0].length;
        pattern.lastIndex = m.index + 1;
        if (cut > from && cut >= slab && cut < Math.min(this.end, slab + SLAB)) yield { cut, textEnd: start + m.index };
      }
    }
  }

  private parseChunk(): void {
    const start = this.pos;
    const { target, minResync } = this.parser.sizes;
    for (const { cut, textEnd } of this.cuts(start)) {
      const resync = cut - start >= minResync && this.reusable(cut) !== null;
      if (!resync && cut - start < target) continue;
      const tree = this.parseRange(start, cut, CHUNK);
      // The piece's last block ended before the blank line in front of the cut: nothing is open across it.
      const last = tree.topNode.lastChild;
      if (!last || start + last.to <= textEnd) return this.push(tree);
    }
    this.push(this.parseRange(start, this.end, LAST_CHUNK));
  }

  private parseRange(from: number, to: number, type: NodeType): Tree {
    // A piece of normal size is parsed afresh: that is cheap, and exact where Lezer's own reuse is not (a table whose
    // delimiter row is edited keeps its old shape). Only a piece no cut could shorten (a huge code block, a post
    // without blank lines) reuses its old blocks, so a keystroke there does not parse it all again.
    const fragments = to - from > REUSE_INSIDE_ABOVE ? this.fragments : [];
    const parse = this.parser.inner.startParse(this.input, fragments, [{ from, to }]);
    let done: Tree | null = null;
    while (!(done = parse.advance()));
    return new Tree(type, done.children, done.positions, to - from);
  }
}
