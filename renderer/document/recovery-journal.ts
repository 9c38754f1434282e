import type { KladdeApi } from '../../electron/common/ipc/contract';
import type { RecoveryEntry } from '../../electron/common/model/recovery';
import { diffText } from './text-diff';

/** What the journal reads of the open post: the post-document store's shape (subscribe/getSnapshot). */
export interface RecoverySource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): { id: string | null; text: string; savedText: string; version: string };
  /**
   * The store's revision and what changed since one (see PostDocumentStore.changeSince): with them a write of a
   * long text sends only the change, and the text is never made a string while typing.
   */
  revision?(): number;
  changeSince?(rev: number): { from: number; to: number; insert: string } | null;
  /** The revision whose text is on disk (see PostDocumentStore.savedRevision). */
  savedRevision?(): number | null;
  isDirty?(): boolean;
}

export type RecoveryApi = Pick<KladdeApi, 'writeRecovery' | 'discardRecovery'> & Partial<Pick<KladdeApi, 'patchRecovery'>>;

/** The part of localStorage the mirror uses (tests pass a Map-backed one). */
export interface MirrorStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

export interface JournalOptions {
  /** At most one write per this many milliseconds. */
  intervalMs?: number;
  /** Where unsaved text goes when main cannot be reached; localStorage when left out, none when null. */
  storage?: MirrorStorage | null;
  now?: () => number;
}

export const JOURNAL_INTERVAL_MS = 300;
const MIRROR_PREFIX = 'kladde-recovery:';
/** Texts longer than this are journaled as patches against the previous write. */
const PATCH_ABOVE_CHARS = 16_384;

/** An entry of the browser-side mirror: what the journal would have written, had main been reachable. */
export type MirroredRecovery = Omit<RecoveryEntry, 'diskText'>;

function defaultStorage(): MirrorStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The mirrored entries kept in this browser (web host down while typing), newest first. */
export function readMirroredRecovery(storage: MirrorStorage | null = defaultStorage()): MirroredRecovery[] {
  if (!storage) return [];
  const out: MirroredRecovery[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(MIRROR_PREFIX)) continue;
    try {
      const value = JSON.parse(storage.getItem(key) ?? '') as Partial<MirroredRecovery>;
      if (typeof value.id === 'string' && typeof value.text === 'string' && typeof value.baseVersion === 'string' && typeof value.savedMs === 'number') {
        out.push({ id: value.id, text: value.text, baseVersion: value.baseVersion, savedMs: value.savedMs });
      }
    } catch {
      /* not ours or broken: ignore */
    }
  }
  return out.sort((a, b) => b.savedMs - a.savedMs);
}

export function forgetMirroredRecovery(id: string, storage: MirrorStorage | null = defaultStorage()): void {
  try {
    storage?.removeItem(MIRROR_PREFIX + id);
  } catch {
    /* storage unavailable */
  }
}

/**
 * Journals the open post's unsaved text to main while it differs from what was saved (throttled to one write per
 * `intervalMs`), and discards the journal once the text is saved. When main cannot be reached (the web host is
 * down) the text goes into localStorage instead, so a reload of the tab can still offer it. Returns the unsubscribe.
 */
export function journalUnsavedText(source: RecoverySource, api: RecoveryApi, options: JournalOptions = {}): () => void {
  const interval = options.intervalMs ?? JOURNAL_INTERVAL_MS;
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const now = options.now ?? (() => Date.now());
  /**
   * Per post, the text and version main holds in its journal, with the number main gave that write (a later
   * write may then be a patch against it); absent when main holds nothing from us.
   */
  const journaled = new Map<string, { text: string | null; rev: number | undefined; version: string; seq: number | undefined }>();
  const mirrored = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastRun = Number.NEGATIVE_INFINITY;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const mirror = (id: string, text: string, baseVersion: string) => {
    if (!storage) return;
    try {
      storage.setItem(MIRROR_PREFIX + id, JSON.stringify({ id, text, baseVersion, savedMs: now() }));
      mirrored.add(id);
    } catch {
      /* quota exceeded: main's journal or the open tab still hold the text */
    }
  };
  const unmirror = (id: string) => {
    if (!mirrored.delete(id)) return;
    forgetMirroredRecovery(id, storage);
  };

  const run = async (): Promise<void> => {
    const snapshot = source.getSnapshot();
    const { id, savedText, version } = snapshot;
    if (id === null) return;
    const rev = source.revision?.();
    if (source.isDirty ? source.isDirty() : snapshot.text !== savedText) {
      const held = journaled.get(id);
      if (held && held.version === version && (rev !== undefined ? held.rev === rev : held.text === snapshot.text)) return;
      // Saved since the last write: main dropped that write with the save, so the base is the post on disk.
      let result = held?.seq !== undefined && held.version === version ? await patch(id, held, rev, snapshot, version) : await patchSaved(id, version);
      const text = result?.ok ? null : snapshot.text;
      if (text !== null) result = await api.writeRecovery(id, { text, baseVersion: version }).catch(() => null);
      if (result?.ok) {
        journaled.set(id, { text: rev === undefined ? text : null, rev, version, seq: result.value.seq });
        unmirror(id);
      } else {
        mirror(id, snapshot.text, version);
      }
      return;
    }
    unmirror(id);
    if (!journaled.has(id)) return;
    const result = await api.discardRecovery(id).catch(() => null);
    if (result?.ok) journaled.delete(id);
  };

  // A long text changed by a few keystrokes: only the change travels (1 MB of JSON blocks the renderer for
  // tens of milliseconds on every write otherwise). A refusal (main restarted, another tab) writes all of it.
  const patch = async (
    id: string,
    held: { text: string | null; rev: number | undefined; seq: number | undefined },
    rev: number | undefined,
    snapshot: { text: string },
    baseVersion: string,
  ) => {
    if (!api.patchRecovery || held.seq === undefined) return null;
    let hunk: { from: number; to: number; insert: string } | null = null;
    if (rev !== undefined && held.rev !== undefined) hunk = source.changeSince?.(held.rev) ?? null;
    else if (held.text !== null && snapshot.text.length >= PATCH_ABOVE_CHARS) hunk = diffText(held.text, snapshot.text);
    if (!hunk || hunk.insert.length > PATCH_ABOVE_CHARS) return null;
    return api.patchRecovery(id, { baseSeq: held.seq, ...hunk, baseVersion }).catch(() => null);
  };

  // The first write after a save: what was typed since, against the post on disk (main refuses it when the file
  // is no longer the version saved, and the whole text is written then).
  const patchSaved = async (id: string, baseVersion: string) => {
    const savedRev = source.savedRevision?.() ?? null;
    if (!api.patchRecovery || savedRev === null) return null;
    const hunk = source.changeSince?.(savedRev) ?? null;
    if (!hunk || hunk.insert.length > PATCH_ABOVE_CHARS) return null;
    return api.patchRecovery(id, { ...hunk, baseVersion }).catch(() => null);
  };

  const fire = () => {
    timer = null;
    lastRun = now();
    chain = chain.then(run, run);
  };

  const schedule = () => {
    if (timer !== null || stopped) return;
    timer = setTimeout(fire, Math.max(0, lastRun + interval - now()));
  };

  const unsubscribe = source.subscribe(schedule);
  // A post may already be dirty when the journal starts (a restored text).
  schedule();
  // Leaving the page (reload, closed tab) aborts every request still on its way, the last journal write and the
  // last save among them: what is unsaved goes into this tab's storage synchronously, the one write that survives.
  const onPageHide = () => {
    const { id, text, savedText, version } = source.getSnapshot();
    if (id !== null && text !== savedText) mirror(id, text, version);
  };
  const target = typeof window === 'undefined' ? null : window;
  target?.addEventListener('pagehide', onPageHide);
  return () => {
    stopped = true;
    target?.removeEventListener('pagehide', onPageHide);
    unsubscribe();
    if (timer !== null) {
      clearTimeout(timer);
      // What was waiting for its turn is written now rather than dropped.
      fire();
    }
  };
}
