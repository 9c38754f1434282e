import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OpenedPost } from '../../electron/common/model/post';
import type { AppError } from '../../electron/common/result';
import type { RecoverySource } from '../document/recovery-journal';
import { api, onEvent } from '../lib/api';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

export interface Conflict {
  diskText: string;
  diskVersion: string;
}

export interface PostSession {
  id: string | null;
  /** Bumped whenever the editor's whole text is replaced from outside (open, reload, take theirs). */
  loadSeq: number;
  loadedText: string;
  saveState: SaveState;
  saveError: AppError | null;
  conflict: Conflict | null;
  notice: 'reloaded' | null;
}

const AUTOSAVE_MS = 1000;

/**
 * Everything about the open post that is not the text itself: its version on disk, autosave, and what to do
 * when the file changes on disk. The text lives in the CodeMirror view; saves read it from there.
 */
export function usePostSession(viewRef: React.RefObject<EditorView | null>, onError: (e: AppError) => void) {
  const [session, setSession] = useState<PostSession>({
    id: null, loadSeq: 0, loadedText: '', saveState: 'saved', saveError: null, conflict: null, notice: null,
  });
  const idRef = useRef<string | null>(null);
  const versionRef = useRef('');
  const savedTextRef = useRef('');
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const savingRef = useRef<Promise<void> | null>(null);
  const conflictRef = useRef<Conflict | null>(null);
  // Recovery adapter (subscribe/getSnapshot, the shape of the coming post-document store): until the editor has
  // taken a newly loaded text, the snapshot reports that text, never the previous post's.
  const listenersRef = useRef(new Set<() => void>());
  const pendingTextRef = useRef<string | null>(null);
  const afterLoadRef = useRef<(() => void) | null>(null);
  const openSeqRef = useRef(0);
  const notify = useCallback(() => {
    for (const l of listenersRef.current) l();
  }, []);

  const currentText = useCallback(
    () => pendingTextRef.current ?? viewRef.current?.state.doc.toString() ?? savedTextRef.current,
    [viewRef],
  );
  const isDirty = useCallback(() => currentText() !== savedTextRef.current, [currentText]);

  const load = useCallback((post: OpenedPost, notice: PostSession['notice'] = null, shownText = post.text) => {
    idRef.current = post.id;
    versionRef.current = post.version;
    savedTextRef.current = post.text;
    conflictRef.current = null;
    pendingTextRef.current = shownText;
    setSession((s) => ({
      id: post.id, loadSeq: s.loadSeq + 1, loadedText: shownText, saveState: 'saved', saveError: null, conflict: null, notice,
    }));
  }, []);

  const save = useCallback(
    async (force = false): Promise<boolean> => {
      if (timerRef.current) clearTimeout(timerRef.current);
      timerRef.current = null;
      if (savingRef.current) await savingRef.current;
      const id = idRef.current;
      if (!id || (conflictRef.current && !force)) return false;
      const text = currentText();
      if (text === savedTextRef.current && !force) return true;
      setSession((s) => ({ ...s, saveState: 'saving' }));
      let ok = false;
      const run = (async () => {
        const result = await api.savePost(id, { text, baseVersion: versionRef.current, force });
        if (idRef.current !== id) return;
        if (!result.ok) {
          setSession((s) => ({ ...s, saveState: 'failed', saveError: result.error }));
          return;
        }
        if (result.value.status === 'conflict') {
          const conflict = { diskText: result.value.diskText, diskVersion: result.value.diskVersion };
          conflictRef.current = conflict;
          setSession((s) => ({ ...s, saveState: 'unsaved', conflict }));
          return;
        }
        versionRef.current = result.value.version;
        savedTextRef.current = text;
        conflictRef.current = null;
        ok = true;
        notify();
        setSession((s) => ({
          ...s, saveState: currentText() === text ? 'saved' : 'unsaved', saveError: null, conflict: null,
        }));
      })();
      savingRef.current = run;
      try {
        await run;
      } finally {
        savingRef.current = null;
      }
      return ok;
    },
    [currentText, notify],
  );

  /** Called on every edit: marks the post unsaved and saves about a second after the last keystroke. */
  const changed = useCallback(() => {
    if (!idRef.current) return;
    const dirty = isDirty();
    setSession((s) => (s.saveState === (dirty ? 'unsaved' : 'saved') || s.saveState === 'saving' ? s : { ...s, saveState: dirty ? 'unsaved' : 'saved' }));
    if (timerRef.current) clearTimeout(timerRef.current);
    if (dirty) timerRef.current = setTimeout(() => void save(), AUTOSAVE_MS);
    notify();
  }, [isDirty, notify, save]);

  // Runs after the editor (a child, so its effects run first) has taken a newly loaded text.
  useEffect(() => {
    pendingTextRef.current = null;
    const after = afterLoadRef.current;
    afterLoadRef.current = null;
    if (after) after();
    else notify();
  }, [notify, session.loadSeq]);

  /** Opens a post showing `text` (a recovered one) as an unsaved edit on top of what is on disk; autosave follows. */
  const openWithText = useCallback(
    async (id: string, text: string) => {
      if (idRef.current && isDirty()) await save();
      const seq = ++openSeqRef.current;
      const result = await api.openPost(id);
      if (seq !== openSeqRef.current) return;
      if (!result.ok) return onError(result.error);
      afterLoadRef.current = changed;
      load(result.value, null, text);
    },
    [changed, isDirty, load, onError, save],
  );

  /** Saves now (closing, quitting); true when nothing unsaved is left. */
  const flush = useCallback(async () => (idRef.current === null ? true : save()), [save]);

  const source = useMemo<RecoverySource>(
    () => ({
      subscribe: (listener) => {
        listenersRef.current.add(listener);
        return () => void listenersRef.current.delete(listener);
      },
      getSnapshot: () => ({ id: idRef.current, text: currentText(), savedText: savedTextRef.current, version: versionRef.current }),
    }),
    [currentText],
  );

  const open = useCallback(
    async (id: string | null) => {
      if (idRef.current && isDirty()) await save();
      if (id === null) {
        idRef.current = null;
        setSession((s) => ({ ...s, id: null, loadSeq: s.loadSeq + 1, loadedText: '', conflict: null }));
        return;
      }
      const seq = ++openSeqRef.current;
      const result = await api.openPost(id);
      // A later open (the recovery dialog's restore, a click) wins over this one.
      if (seq !== openSeqRef.current) return;
      if (!result.ok) return onError(result.error);
      load(result.value);
    },
    [isDirty, load, onError, save],
  );

  const keepMine = useCallback(async () => {
    conflictRef.current = null;
    setSession((s) => ({ ...s, conflict: null }));
    await save(true);
  }, [save]);

  const takeTheirs = useCallback(() => {
    const conflict = conflictRef.current;
    const id = idRef.current;
    if (!conflict || !id) return;
    load({ id, text: conflict.diskText, version: conflict.diskVersion });
  }, [load]);

  /** After a rename or duplicate main hands back the post under its new id. */
  const adopt = useCallback((post: OpenedPost) => load(post), [load]);

  useEffect(
    () =>
      onEvent('postChangedOnDisk', ({ id }) => {
        if (id !== idRef.current) return;
        void (async () => {
          const result = await api.openPost(id);
          if (!result.ok || idRef.current !== id) return;
          if (result.value.text === currentText()) {
            versionRef.current = result.value.version;
            savedTextRef.current = result.value.text;
            notify();
            return;
          }
          if (!isDirty() && !savingRef.current) {
            load(result.value, 'reloaded');
          } else {
            const conflict = { diskText: result.value.text, diskVersion: result.value.version };
            conflictRef.current = conflict;
            if (timerRef.current) clearTimeout(timerRef.current);
            setSession((s) => ({ ...s, conflict }));
          }
        })();
      }),
    [currentText, isDirty, load, notify],
  );

  // Leaving the page or the window losing focus saves at once, so closing the app loses nothing.
  useEffect(() => {
    const flush = () => {
      if (idRef.current && isDirty()) void save();
    };
    window.addEventListener('blur', flush);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('blur', flush);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [isDirty, save]);

  const dismissNotice = useCallback(() => setSession((s) => ({ ...s, notice: null })), []);

  return { session, open, save, changed, keepMine, takeTheirs, adopt, dismissNotice, currentText, isDirty, openWithText, flush, source };
}
