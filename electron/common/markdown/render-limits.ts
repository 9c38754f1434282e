import { escapeHtml } from './html.js';

/**
 * Containers (block quotes, list items, indentation) deeper than this are shown as text. marked parses
 * nesting recursively: about 2,000 levels overflow the stack, 1,500 indented list levels take a minute.
 * No real post nests anywhere near this.
 */
export const MAX_NESTING = 32;
/** A single block (paragraph, list, code) longer than this is shown as text: marked's inline pass recurses. */
export const MAX_BLOCK_CHARS = 200_000;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/**
 * How deeply a line nests containers: each `>`, each list marker, and every two columns of indentation before
 * them. Indentation alone (code, a fenced sample) counts for nothing.
 */
function lineDepth(src: string, start: number, end: number): number {
  let depth = 0;
  let i = start;
  let columns = 0;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 32) {
      columns++;
      i++;
    } else if (c === 9) {
      columns += 4;
      i++;
    } else if (c === 62) {
      depth++;
      i++;
    } else {
      const marker = LIST_MARKER.exec(src.slice(i, Math.min(end, i + 12)));
      if (!marker) break;
      depth++;
      i += marker[0].length;
    }
    // The one space or tab after a marker belongs to the marker, not to the indentation.
    if (c !== 32 && c !== 9 && i < end && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9)) i++;
    if (depth + (columns >> 1) > MAX_NESTING) break;
  }
  return depth === 0 ? 0 : depth + (columns >> 1);
}

/** The deepest container nesting of any line (stops counting once past {@link MAX_NESTING}). */
export function nestingDepth(src: string): number {
  let deepest = 0;
  let start = 0;
  while (start <= src.length) {
    let end = src.indexOf('\n', start);
    if (end === -1) end = src.length;
    const d = lineDepth(src, start, end);
    if (d > deepest) {
      deepest = d;
      if (deepest > MAX_NESTING) return deepest;
    }
    start = end + 1;
  }
  return deepest;
}

export type LimitReason = 'nesting' | 'size' | 'error';

/** Why a block cannot be rendered as Markdown, or null when it can be tried. */
export function exceedsLimits(src: string): LimitReason | null {
  if (src.length > MAX_BLOCK_CHARS) return 'size';
  return nestingDepth(src) > MAX_NESTING ? 'nesting' : null;
}

const NOTES: Record<'de' | 'en', Record<LimitReason, string>> = {
  de: {
    nesting: `Dieser Abschnitt ist tiefer als ${MAX_NESTING} Ebenen verschachtelt und wird deshalb als Text gezeigt.`,
    size: 'Dieser Abschnitt ist zu lang für die Darstellung als Markdown und wird deshalb als Text gezeigt.',
    error: 'Dieser Abschnitt konnte nicht als Markdown dargestellt werden und wird deshalb als Text gezeigt.',
  },
  en: {
    nesting: `This part is nested more than ${MAX_NESTING} levels deep, so it is shown as text.`,
    size: 'This part is too long to be shown as Markdown, so it is shown as text.',
    error: 'This part could not be shown as Markdown, so it is shown as text.',
  },
};

/** The note for a limit in the post's language (English for `en*`, German otherwise). */
export function limitNote(reason: LimitReason, lang: string | undefined): string {
  return NOTES[lang?.toLowerCase().startsWith('en') ? 'en' : 'de'][reason];
}

/** A block shown as its own source text, with a note saying why. Plain markup, no nesting. */
export function limitedBlockHtml(src: string, reason: LimitReason, lang: string | undefined): string {
  return `<div class="k-render-limit"><p class="k-render-limit-note">${escapeHtml(limitNote(reason, lang))}</p><pre class="k-render-limit-text">${escapeHtml(src)}</pre></div>\n`;
}

/**
 * The preview shows at most this much of a body (cut at a line end); beyond it a note says so. Publishing
 * always sends the whole post.
 */
export const MAX_PREVIEW_CHARS = 3_000_000;

/** The note under a preview cut at {@link MAX_PREVIEW_CHARS}, in the post's language. */
export function previewCutNote(lang: string | undefined): string {
  const mb = Math.round(MAX_PREVIEW_CHARS / 1_000_000);
  return lang?.toLowerCase().startsWith('en')
    ? `This post is very long: the preview shows its first ${mb} million characters. Publishing sends all of it.`
    : `Dieser Beitrag ist sehr lang: Die Vorschau zeigt die ersten ${mb} Millionen Zeichen. Veröffentlicht wird er vollständig.`;
}
