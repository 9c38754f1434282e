import { useEffect } from 'react';
import type { PostDocumentStore } from '../document/post-document-store';

/** The window losing focus or the page being hidden saves at once, so switching away loses nothing. */
export function useSaveOnBlur(store: PostDocumentStore): void {
  useEffect(() => {
    const flush = () => {
      if (store.isDirty()) void store.flush();
    };
    window.addEventListener('blur', flush);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('blur', flush);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [store]);
}
