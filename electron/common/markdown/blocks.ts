/** A top-level Markdown block with the 0-based line where its source starts. */
export interface SourceBlock {
  src: string;
  line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const INDENTED = /^(?: {2,}|\t)\S/;
const BLANK = /^[ \t]*$/;

/**
 * Splits Markdown into top-level blocks at blank lines, cheaply and without a full parse, so the preview can
 * re-render only what changed. Fenced code stays in one block, and a list (or anything indented under it)
 * that continues after a blank line stays with its list, so the split rarely changes the rendered result.
 */
export function splitBlocks(body: string, firstLine = 0): SourceBlock[] {
  const lines = body.split('\n');
  const blocks: SourceBlock[] = [];
  let start = -1;
  let fence: string | null = null;
  let inList = false;
  let pendingBlank = -1;

  const close = (endExclusive: number) => {
    if (start === -1) return;
    blocks.push({ src: lines.slice(start, endExclusive).join('\n'), line: firstLine + start });
    start = -1;
    inList = false;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence !== null) {
      const m = FENCE.exec(line);
      if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    if (BLANK.test(line)) {
      if (start !== -1 && pendingBlank === -1) pendingBlank = i;
      continue;
    }
    if (pendingBlank !== -1) {
      const continuesList = inList && (LIST_ITEM.test(line) || INDENTED.test(line));
      if (!continuesList) close(pendingBlank);
      pendingBlank = -1;
    }
    if (start === -1) {
      start = i;
      inList = LIST_ITEM.test(line);
    }
    const m = FENCE.exec(line);
    if (m?.[1]) fence = m[1];
  }
  close(pendingBlank !== -1 ? pendingBlank : lines.length);
  return blocks;
}
