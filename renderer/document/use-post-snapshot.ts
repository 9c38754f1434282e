import { useCallback, useSyncExternalStore } from 'react';
import type { PostDocumentStore, PostSnapshot } from './post-document-store';

/** The whole snapshot of the open post: the component renders again on every change (each keystroke). */
export function usePostSnapshot(store: PostDocumentStore): PostSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * One part of the snapshot: the component renders again only when that part changes. The selector must return a
 * value of the snapshot (or a primitive), not a new object each time.
 */
export function usePostSelector<T>(store: PostDocumentStore, select: (s: PostSnapshot) => T): T {
  const get = useCallback(() => select(store.getSnapshot()), [select, store]);
  return useSyncExternalStore(store.subscribe, get);
}
