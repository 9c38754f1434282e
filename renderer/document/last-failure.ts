/**
 * Remembers which post was being opened, so a post that took the renderer down is not opened by itself at the
 * next start („Kladde never opens by itself a post that failed last time“). Kept in localStorage: it must
 * survive exactly the crash it records, and it holds nothing but a post id.
 */
const KEY = 'kladde.opening';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be switched off; then nothing is remembered and nothing breaks.
    return null;
  }
}

/** Call before a post is opened and rendered. */
export function markOpening(id: string): void {
  try {
    storage()?.setItem(KEY, id);
  } catch {
    // Full or blocked storage: the guard is a convenience, never a reason to fail.
  }
}

/** Call once the post is shown (editor and preview rendered without error). */
export function markOpened(id: string): void {
  try {
    const s = storage();
    if (s?.getItem(KEY) === id) s.removeItem(KEY);
  } catch {
    // See markOpening.
  }
}

/** Whether opening this post was started last time and never finished: then do not open it by itself. */
export function failedLastTime(id: string): boolean {
  try {
    return storage()?.getItem(KEY) === id;
  } catch {
    return false;
  }
}
