import type { PostDocumentStore } from './post-document-store';

/**
 * The store of the open post, for code outside the React tree that must not lose text: the close handshake
 * (`beforeunload`, the app's close request) calls `currentPostStore()?.isDirty()` and `…flush()`.
 */
let current: PostDocumentStore | null = null;

export function setCurrentPostStore(store: PostDocumentStore | null): void {
  current = store;
}

export function currentPostStore(): PostDocumentStore | null {
  return current;
}
