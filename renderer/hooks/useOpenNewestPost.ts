import { useEffect, useRef } from 'react';
import type { PostSummary } from '../../electron/common/model/post';
import { failedLastTime, markOpened, markOpening } from '../document/last-failure';

/** How long a freshly opened post must stay on screen before it counts as opened without trouble. */
const SHOWN_MS = 1500;

/**
 * Opens the newest post at start so the writer sees text, not an empty screen — but never by itself a post whose
 * opening did not finish last time (it took the renderer down), so a hostile file cannot lock the user out.
 * Every opened post is marked while it is being shown for the first moments.
 */
export function useOpenNewestPost(id: string | null, posts: PostSummary[], open: (id: string) => unknown): void {
  const openedFirst = useRef(false);
  useEffect(() => {
    if (openedFirst.current || posts.length === 0) return;
    openedFirst.current = true;
    const first = posts.find((p) => !failedLastTime(p.id));
    if (id === null && first) void open(first.id);
  }, [id, open, posts]);

  useEffect(() => {
    if (id === null) return;
    markOpening(id);
    const timer = setTimeout(() => markOpened(id), SHOWN_MS);
    // An orderly unload (reload, closed tab) is no failure; a crash or a hung page never gets here.
    const leaving = () => markOpened(id);
    window.addEventListener('pagehide', leaving);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', leaving);
    };
  }, [id]);
}
