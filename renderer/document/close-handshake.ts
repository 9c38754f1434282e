import { api, onEvent, transport } from '../lib/api';

export interface CloseHandshakeOptions {
  /** Saves the open post now; true when everything is on disk afterwards. */
  flush: () => Promise<boolean>;
  /** True while the open post has text that is not saved. */
  isDirty: () => boolean;
}

/**
 * The renderer's side of closing: answers main's `flushRequest` (Electron waits for it before the window closes)
 * after saving, and in a browser asks before a tab with unsaved text is closed or reloaded. Electron gets no
 * `beforeunload` veto: there a prevented unload would silently keep the window open, and the handshake has
 * already saved. Returns the uninstall function.
 */
export function installCloseHandshake(options: CloseHandshakeOptions): () => void {
  const stopFlush = onEvent('flushRequest', ({ requestId }) => {
    void (async () => {
      const saved = await options.flush().catch(() => false);
      await api.flushDone(requestId, { saved });
    })();
  });
  if (transport !== 'web') return stopFlush;
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (!options.isDirty()) return;
    // Both, for the browsers that still look at returnValue.
    event.preventDefault();
    event.returnValue = 'unsaved';
  };
  window.addEventListener('beforeunload', beforeUnload);
  return () => {
    stopFlush();
    window.removeEventListener('beforeunload', beforeUnload);
  };
}
