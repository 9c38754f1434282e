import { useEffect, useMemo, useRef, useState } from 'react';
import type { Settings } from '../../electron/common/model/settings';
import type { AppError } from '../../electron/common/result';
import { setCurrentPostStore } from '../document/open-post-registry';
import { PostDocumentStore } from '../document/post-document-store';
import { api } from '../lib/api';
import { useRecovery } from './useRecovery';
import { useSaveOnBlur } from './useSaveOnBlur';

/**
 * The workspace's one post-document store, made once, registered as the open post (for closing and quitting),
 * saved when the window loses focus, and the crash-recovery offers that go with it. Errors reach `showError`
 * through a ref, so the store never holds a stale callback.
 */
export function useWorkspaceStore(settings: Settings, showError: (e: AppError) => void, setNote: (text: string) => void) {
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [store] = useState(
    () =>
      new PostDocumentStore({
        api,
        context: { defaultLanguage: settings.defaultLanguage, existingFiles: new Set() },
        onError: (e) => showErrorRef.current(e),
        keepRecoveryCopy: (postId, text, baseVersion) => api.writeRecovery(postId, { text, baseVersion }),
      }),
  );
  useEffect(() => {
    setCurrentPostStore(store);
    return () => setCurrentPostStore(null);
  }, [store]);
  useSaveOnBlur(store);
  const recoverySession = useMemo(
    () => ({
      source: store,
      isDirty: () => store.isDirty(),
      flush: () => store.flush(),
      openWithText: async (postId: string, text: string) => void (await store.openWithText(postId, text)),
    }),
    [store],
  );
  const recovery = useRecovery(recoverySession, showError, setNote);
  return { store, recovery };
}
