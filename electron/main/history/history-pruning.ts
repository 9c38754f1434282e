/** Everything from the last day stays; older versions thin out to one a day, after 30 days to one a month. */
export const KEEP_ALL_MS = 24 * 60 * 60 * 1000;
export const KEEP_DAILY_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The times of the versions to keep, given every version's time and now. Within the last 24 hours every version
 * stays; up to 30 days back the newest of each calendar day; beyond that the newest of each calendar month (local
 * time, as the user thinks of days). The newest version always stays, however old.
 */
export function versionsToKeep(times: readonly number[], nowMs: number): Set<number> {
  const sorted = [...times].sort((a, b) => b - a);
  const keep = new Set<number>();
  const buckets = new Set<string>();
  for (const [i, t] of sorted.entries()) {
    const age = nowMs - t;
    if (age < KEEP_ALL_MS) {
      keep.add(t);
      continue;
    }
    const d = new Date(t);
    const bucket = age < KEEP_DAILY_MS ? `d${d.getFullYear()}-${d.getMonth()}-${d.getDate()}` : `m${d.getFullYear()}-${d.getMonth()}`;
    // Sorted newest first: the first version met in a bucket is its newest.
    if (buckets.has(bucket) && i > 0) continue;
    buckets.add(bucket);
    keep.add(t);
  }
  return keep;
}
