import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecoveryEntry } from '../../electron/common/model/recovery';
import type { AppError, Result } from '../../electron/common/result';
import { installCloseHandshake } from '../document/close-handshake';
import { forgetMirroredRecovery, journalUnsavedText, readMirroredRecovery, type RecoverySource } from '../document/recovery-journal';
import { api } from '../lib/api';
import { useI18n } from '../i18n/i18n';

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
export function useRecovery(session: RecoverySession, onError: (e: AppError) => void, onNote: (text: string) => void) {
  const { t } = useI18n();
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
    let timer: ReturnType<typeof setTimeout> | null = null;
    // A host that is just starting again may not answer the first calls: ask again for a while rather than
    // decide that nothing needs recovering.
    const attempt = (left: number) =>
      void collectEntries().then(({ entries: found, complete }) => {
        if (cancelled) return;
        setEntries(found);
        if (!complete && left > 0) timer = setTimeout(() => attempt(left - 1), RETRY_MS);
      });
    attempt(RETRIES);
    return () => {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
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
        if (!saved.ok) {
          // Its place is taken (a file where the folder was, a folder that cannot be written): a new post keeps
          // the text, so the dialog does not come back with the same failure at every start.
          const elsewhere = await restoreAsNewPost(entry);
          if (!elsewhere.ok) return onError(elsewhere.error);
          await api.discardRecovery(entry.id);
          await latest.current.openWithText(elsewhere.value, entry.text);
          onNote(t('recovery.restoredElsewhere', { folder: elsewhere.value }));
        } else {
          await latest.current.openWithText(entry.id, entry.text);
        }
      } else {
        await latest.current.openWithText(entry.id, entry.text);
      }
      // The journal takes over from here: it rewrites the entry while unsaved and discards it after the save.
      forgetMirroredRecovery(entry.id);
      setEntries((list) => list.filter((e) => e.id !== entry.id));
    },
    [onError, onNote, t],
  );

  const later = useCallback(() => setEntries([]), []);

  return { entries, restore, discard: forget, later };
}

/** Writes a recovered text into a new post (a new folder beside the blocked one); resolves with its id. */
async function restoreAsNewPost(entry: RecoveryEntry): Promise<Result<string>> {
  // Named after the old folder, the new one lands beside it (`name-2`); the text keeps its own title.
  const created = await api.createPost({ title: entry.id });
  if (!created.ok) return created;
  const saved = await api.savePost(created.value.id, { text: entry.text, baseVersion: created.value.version, force: true });
  return saved.ok ? { ok: true, value: created.value.id } : saved;
}

const RETRY_MS = 1000;
const RETRIES = 15;

/**
 * Main's journal and this browser's mirror, one entry per post (the newer wins), only texts unlike the disk;
 * `complete` is false while main could not be asked about everything.
 */
async function collectEntries(): Promise<{ entries: RecoveryEntry[]; complete: boolean }> {
  const listed = await api.listRecovery();
  let complete = listed.ok;
  const byId = new Map<string, RecoveryEntry>();
  if (listed.ok) for (const e of listed.value) byId.set(e.id, e);
  for (const mirrored of readMirroredRecovery()) {
    const known = byId.get(mirrored.id);
    if (known && known.savedMs >= mirrored.savedMs) continue;
    const opened = await api.openPost(mirrored.id);
    const diskText = opened.ok ? opened.value.text : opened.error.code === 'not-found' ? null : undefined;
    // Main unreachable again: keep the mirror and ask again rather than guess.
    if (diskText === undefined) {
      complete = false;
      continue;
    }
    if (diskText === mirrored.text) {
      forgetMirroredRecovery(mirrored.id);
      continue;
    }
    byId.set(mirrored.id, { ...mirrored, diskText });
  }
  return { entries: [...byId.values()].sort((a, b) => b.savedMs - a.savedMs), complete };
}
