/**
 * Reads WordPress block markup into a tree, as WordPress's own `WP_Block_Parser` (class-wp-block-parser.php)
 * does: `<!-- wp:name {json} -->` … `<!-- /wp:name -->`, `<!-- wp:name /-->` for void blocks, `core/` implied
 * when no namespace is given, and text outside any block as freeform (classic) pieces. Unlike WordPress's, each
 * block keeps its exact source text, so a block the import cannot express in Markdown is kept byte for byte.
 */

export interface ParsedBlock {
  /** `core/paragraph`, `my-plugin/box`…; null for freeform text between blocks. */
  name: string | null;
  /** The JSON attributes (empty when none or when they do not parse). */
  attrs: Record<string, unknown>;
  /** Whether the attribute JSON was present but did not parse. */
  badAttrs: boolean;
  innerBlocks: ParsedBlock[];
  /** The whole block as written, delimiters included. */
  source: string;
  /** What lies between the opening and closing delimiter (empty for void blocks). */
  inner: string;
}

const DELIMITER = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+(\{[\s\S]*?\}\s+)?(\/)?-->/g;

/** Whether the content holds block markup (WordPress's `has_blocks()`). */
export function hasBlocks(content: string): boolean {
  return content.includes('<!-- wp:');
}

interface Open {
  block: ParsedBlock;
  start: number;
  innerStart: number;
}

function attrsOf(json: string | undefined): { attrs: Record<string, unknown>; bad: boolean } {
  if (!json) return { attrs: {}, bad: false };
  try {
    const value: unknown = JSON.parse(json.trim());
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { attrs: value as Record<string, unknown>, bad: false }
      : { attrs: {}, bad: true };
  } catch {
    return { attrs: {}, bad: true };
  }
}

function freeform(source: string): ParsedBlock {
  return { name: null, attrs: {}, badAttrs: false, innerBlocks: [], source, inner: source };
}

/**
 * The top-level blocks of a post's content. Markup that does not close (a stray closer, an opener without its
 * closer) is treated as WordPress treats it: an unclosed block runs to the end, a stray closer is text.
 */
export function parseBlocks(content: string): ParsedBlock[] {
  const top: ParsedBlock[] = [];
  const stack: Open[] = [];
  let textStart = 0;
  const addText = (end: number) => {
    if (stack.length === 0 && end > textStart) top.push(freeform(content.slice(textStart, end)));
  };
  DELIMITER.lastIndex = 0;
  for (let m = DELIMITER.exec(content); m; m = DELIMITER.exec(content)) {
    const closing = m[1] === '/';
    const name = (m[2] ?? 'core/') + (m[3] ?? '');
    const end = m.index + m[0].length;
    if (!closing) {
      const { attrs, bad } = attrsOf(m[4]);
      const block: ParsedBlock = { name, attrs, badAttrs: bad, innerBlocks: [], source: '', inner: '' };
      if (m[5] === '/') {
        addText(m.index);
        block.source = m[0];
        (stack.at(-1)?.block.innerBlocks ?? top).push(block);
        if (stack.length === 0) textStart = end;
        continue;
      }
      addText(m.index);
      stack.push({ block, start: m.index, innerStart: end });
      continue;
    }
    const open = stack.at(-1);
    if (!open || open.block.name !== name) continue; // a stray closer stays text
    stack.pop();
    open.block.source = content.slice(open.start, end);
    open.block.inner = content.slice(open.innerStart, m.index);
    (stack.at(-1)?.block.innerBlocks ?? top).push(open.block);
    if (stack.length === 0) textStart = end;
  }
  if (stack.length > 0) {
    // Unclosed: the outermost open block takes the rest of the content.
    const outer = stack[0];
    if (outer) {
      outer.block.source = content.slice(outer.start);
      outer.block.inner = content.slice(outer.innerStart);
      top.push(outer.block);
    }
    return top;
  }
  if (textStart < content.length) top.push(freeform(content.slice(textStart)));
  return top;
}

/** The HTML of a block without the delimiters of its inner blocks (what WordPress renders for static blocks). */
export function blockHtml(block: ParsedBlock): string {
  return block.inner.replace(DELIMITER, '');
}
