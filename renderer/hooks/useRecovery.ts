import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecoveryEntry } from '../../electron/common/model/recovery';
import type { AppError } from '../../electron/common/result';
import { installCloseHandshake } from '../document/close-handshake';
import { forgetMirroredRecovery, journalUnsavedText, readMirroredRecovery, type RecoverySource } from '../document/recovery-journal';
import { api } from '../lib/api';

/** What recovery needs of the open post; the post-document store offers it. */
export interface RecoverySession {
  source: RecoverySource;
  isDirty: () => boolean;
  /** Saves now; true when nothing unsaved is left. */
  flush: () => Promise<boolean>;
  /** Opens the post showing `text` as an unsaved edit on top of what is on disk. */
  openWithText: (id: string, text: string) => Promise<void>;
}

/**
 * Nothing typed is lost: journals unsaved text while the app runs, answers the close handshake, and at start
 * collects what an earlier run left unsaved (main's journal, plus this tab's localStorage mirror in a browser)
 * for the recovery dialog.
 */
export function useRecovery(session: RecoverySession, onError: (e: AppError) => void) {
  const [entries, setEntries] = useState<RecoveryEntry[]>([]);
  const latest = useRef(session);
  latest.current = session;

  useEffect(() => journalUnsavedText(latest.current.source, api), [session.source]);

  useEffect(
    () =>
      installCloseHandshake({
        flush: () => latest.current.flush(),
        isDirty: () => latest.current.isDirty(),
      }),
    [],
  );

  useEffect(() => {
    let cancelled = false;
    void collectEntries().then((found) => {
      if (!cancelled) setEntries(found);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const forget = useCallback(async (entry: RecoveryEntry) => {
    forgetMirroredRecovery(entry.id);
    setEntries((list) => list.filter((e) => e.id !== entry.id));
    await api.discardRecovery(entry.id);
  }, []);

  const restore = useCallback(
    async (entry: RecoveryEntry) => {
      if (entry.diskText === null) {
        // The post is gone from the library: write it anew with the recovered text, then open it.
        const saved = await api.savePost(entry.id, { text: entry.text, baseVersion: entry.baseVersion, force: true });
        if (!saved.ok) return onError(saved.error);
        await latest.current.openWithText(entry.id, entry.text);
      } else {
        await latest.current.openWithText(entry.id, entry.text);
      }
      // The journal takes over from here: it rewrites the entry while unsaved and discards it after the save.
      forgetMirroredRecovery(entry.id);
      setEntries((list) => list.filter((e) => e.id !== entry.id));
    },
    [onError],
  );

  const later = useCallback(() => setEntries([]), []);

  return { entries, restore, discard: forget, later };
}

/** Main's journal and this browser's mirror, one entry per post (the newer wins), only texts unlike the disk. */
async function collectEntries(): Promise<RecoveryEntry[]> {
  const listed = await api.listRecovery();
  const byId = new Map<string, RecoveryEntry>();
  if (listed.ok) for (const e of listed.value) byId.set(e.id, e);
  for (const mirrored of readMirroredRecovery()) {
    const known = byId.get(mirrored.id);
    if (known && known.savedMs >= mirrored.savedMs) continue;
    const opened = await api.openPost(mirrored.id);
    const diskText = opened.ok ? opened.value.text : opened.error.code === 'not-found' ? null : undefined;
    // Main unreachable again: keep the mirror for the next start rather than guess.
    if (diskText === undefined) continue;
    if (diskText === mirrored.text) {
      forgetMirroredRecovery(mirrored.id);
      continue;
    }
    byId.set(mirrored.id, { ...mirrored, diskText });
  }
  return [...byId.values()].sort((a, b) => b.savedMs - a.savedMs);
}
