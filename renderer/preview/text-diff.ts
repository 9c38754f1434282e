// Compared in chunks: equal slices compare natively (memcmp-fast), so a 1 MB text costs well under a
// millisecond. A mismatching chunk is narrowed with smaller chunks, then walked character by character.
const CHUNKS = [65536, 2048, 64];

/** Length of the common start of two texts. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (const c of CHUNKS) while (i + c <= n && a.slice(i, i + c) === b.slice(i, i + c)) i += c;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of two texts, at most `max` characters. */
export function commonSuffix(a: string, b: string, max: number): number {
  const n = Math.min(a.length, b.length, max);
  let i = 0;
  for (const c of CHUNKS) {
    while (i + c <= n && a.slice(a.length - i - c, a.length - i) === b.slice(b.length - i - c, b.length - i)) i += c;
  }
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
