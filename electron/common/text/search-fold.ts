/**
 * German folding for the library search: case is ignored, ä = ae, ö = oe, ü = ue, ß = ss, and other accents
 * fall away (é = e). „strasse“ finds „Straße“, „Muenchen“ finds „München“ and the other way round. The index,
 * the query and the snippet finder all fold with these functions, so they cannot disagree.
 */

const GERMAN: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };
const MARKS = /\p{M}+/gu;
const PLAIN = /^[a-z0-9]*$/;

function foldChar(ch: string): string {
  const lower = ch.toLowerCase();
  const german = GERMAN[lower];
  if (german !== undefined) return german;
  if (lower.length === 1 && lower.charCodeAt(0) < 128) return lower;
  return lower.normalize('NFD').replace(MARKS, '');
}

/** One word (or any text) folded: lower case, umlauts spelled out, accents removed. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  let out = '';
  for (const ch of lower) out += foldChar(ch);
  return out;
}

/** Letters and digits make words; everything else (spaces, Markdown marks, punctuation) separates them. */
const SEPARATOR = /[^\p{L}\p{N}\p{M}]+/u;

/** The words of a text as the index sees them (not yet folded). */
export function searchWords(text: string): string[] {
  return text.split(SEPARATOR).filter((w) => w !== '');
}

/** Whether a character belongs to a word. */
export function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}\p{M}]/u.test(ch);
}

/**
 * A text folded character by character, with the offset in the original text of every folded character, so
 * a match found in the folded text can be shown (and selected) in the original.
 */
export interface FoldedText {
  folded: string;
  /** `origin[i]` is the offset in the original text of folded character `i`; one extra entry for the end. */
  origin: number[];
}

export function foldWithOrigin(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let i = 0; i < f.length; i++) origin.push(offset);
    folded += f;
    offset += ch.length;
  }
  origin.push(offset);
  return { folded, origin };
}
