import { commonPrefix, commonSuffix } from '../preview/text-diff';

/** One replaced range: what turns `before` into `after` (common start and end left out). */
export interface TextHunk {
  from: number;
  to: number;
  insert: string;
}

/** The smallest single range whose replacement turns `before` into `after`; null when they are equal. */
export function diffText(before: string, after: string): TextHunk | null {
  if (before === after) return null;
  // Compared in chunks (see commonPrefix): a keystroke in a 1 MB text costs well under a millisecond.
  const start = commonPrefix(before, after);
  const end = commonSuffix(before, after, Math.min(before.length, after.length) - start);
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

/**
 * Brings the change `base → theirs` into `mine` (which also grew from `base`), when the two changes touch
 * separate parts of the text. Null when they overlap: then the user must choose.
 */
export function mergeText(base: string, mine: string, theirs: string): string | null {
  if (mine === base) return theirs;
  if (theirs === base || theirs === mine) return mine;
  const a = diffText(base, mine);
  const b = diffText(base, theirs);
  if (!a || !b) return mine;
  if (b.to <= a.from && !(b.to === a.from && b.from === a.from)) {
    // Theirs lies before mine: same offsets in mine.
    return mine.slice(0, b.from) + b.insert + mine.slice(b.to);
  }
  if (b.from >= a.to && !(b.from === a.to && a.from === a.to)) {
    const shift = a.insert.length - (a.to - a.from);
    return mine.slice(0, b.from + shift) + b.insert + mine.slice(b.to + shift);
  }
  return null;
}
