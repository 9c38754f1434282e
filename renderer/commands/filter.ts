import { foldText, foldWithOrigin } from '../../electron/common/text/search-fold';

/** One entry the palette can show: its id and its label in the UI's language. */
export interface FilterItem<Id extends string = string> {
  id: Id;
  label: string;
}

export interface FilterMatch<Id extends string = string> extends FilterItem<Id> {
  /** Offsets in `label` of the characters that matched, for highlighting. */
  positions: number[];
}

const WORD_START = /[\p{L}\p{N}]/u;

function isWordStart(text: string, i: number): boolean {
  return i === 0 || !WORD_START.test(text[i - 1] ?? '');
}

/**
 * How well a folded query matches a folded label, and where: a run of the query in the label wins (earlier and
 * at a word start is better), then the query's letters in order with bonuses for word starts and adjacent
 * letters. Null when the letters do not all appear in order.
 */
function score(label: string, query: string): { score: number; at: number[] } | null {
  const whole = label.indexOf(query);
  if (whole !== -1) {
    const at = Array.from({ length: query.length }, (_, i) => whole + i);
    return { score: 10_000 + (isWordStart(label, whole) ? 1_000 : 0) - whole, at };
  }
  const compact = query.replace(/\s+/g, '');
  const at: number[] = [];
  let total = 0;
  let from = 0;
  for (const ch of compact) {
    // Prefer the next word start that has the letter; else the next occurrence at all.
    let i = -1;
    for (let j = label.indexOf(ch, from); j !== -1; j = label.indexOf(ch, j + 1)) {
      if (isWordStart(label, j)) {
        i = j;
        break;
      }
    }
    const next = label.indexOf(ch, from);
    if (next === -1) return null;
    // A word start only wins over the very next letter when the previous letter did not just match.
    if (i === -1 || (at.length > 0 && next === (at[at.length - 1] ?? -2) + 1)) i = next;
    total += isWordStart(label, i) ? 30 : 0;
    total += at.length > 0 && i === (at[at.length - 1] ?? -2) + 1 ? 20 : 0;
    total -= i - from;
    at.push(i);
    from = i + 1;
  }
  return { score: total, at };
}

/**
 * The items that match the query, best first (ties keep the given order). Matching folds German the way the
 * library search does — case-free, ä = ae, ß = ss, accents ignored — so „uber“, „ueber“ and „Über“ find the same.
 * An empty query returns every item in order.
 */
export function filterCommands<Id extends string>(items: readonly FilterItem<Id>[], query: string): FilterMatch<Id>[] {
  const q = foldText(query.trim()).replace(/\s+/g, ' ');
  if (q === '') return items.map((item) => ({ ...item, positions: [] }));
  const scored: { match: FilterMatch<Id>; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const { folded, origin } = foldWithOrigin(item.label);
    const found = score(folded, q);
    if (!found) return;
    const positions = [...new Set(found.at.map((i) => origin[i] ?? 0))];
    scored.push({ match: { ...item, positions }, score: found.score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.match);
}
