import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../electron/common/result.js';
import {
  forgetMirroredRecovery,
  journalUnsavedText,
  readMirroredRecovery,
  type MirrorStorage,
  type RecoveryApi,
  type RecoverySource,
} from '../../../renderer/document/recovery-journal.js';

/** A post-document store stand-in: set fields, then `emit()` as the store does after a change. */
class FakeSource implements RecoverySource {
  snapshot = { id: 'reise' as string | null, text: 'Alt.\n', savedText: 'Alt.\n', version: 'v1' };
  private readonly listeners = new Set<() => void>();
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  getSnapshot() {
    return this.snapshot;
  }
  type(more: string) {
    this.snapshot = { ...this.snapshot, text: this.snapshot.text + more };
    this.emit();
  }
  save(version: string) {
    this.snapshot = { ...this.snapshot, savedText: this.snapshot.text, version };
    this.emit();
  }
  emit() {
    for (const l of this.listeners) l();
  }
  get listenerCount() {
    return this.listeners.size;
  }
}

/** Records every call; `reachable = false` answers like the web bridge with the host down. */
class FakeApi implements RecoveryApi {
  writes: { id: string; text: string; baseVersion: string }[] = [];
  discards: string[] = [];
  reachable = true;
  private answer<T>(value: T): Promise<Result<T>> {
    return Promise.resolve(this.reachable ? { ok: true, value } : { ok: false, error: { code: 'io', message: 'Keine Verbindung zu Kladde' } });
  }
  writeRecovery = (id: string, entry: { text: string; baseVersion: string }) => {
    if (this.reachable) this.writes.push({ id, ...entry });
    return this.answer({ savedMs: 1 });
  };
  discardRecovery = (id: string) => {
    if (this.reachable) this.discards.push(id);
    return this.answer({ discarded: true });
  };
}

class MapStorage implements MirrorStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  get length() {
    return this.map.size;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
}

let source: FakeSource;
let api: FakeApi;
let storage: MapStorage;
let stop: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2026, 11, 2, 10, 0, 0));
  source = new FakeSource();
  api = new FakeApi();
  storage = new MapStorage();
  stop = journalUnsavedText(source, api, { intervalMs: 300, storage });
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('journalUnsavedText', () => {
  it('writes nothing while the text equals what was saved', async () => {
    source.emit();
    await vi.advanceTimersByTimeAsync(2000);
    expect(api.writes).toEqual([]);
    expect(api.discards).toEqual([]);
  });

  it('writes the first change at once, then at most once per interval while typing', async () => {
    source.type('G');
    await vi.advanceTimersByTimeAsync(0);
    expect(api.writes.map((w) => w.text)).toEqual(['Alt.\nG']);
    // Fast typing for one second: one keystroke every 20 ms.
    for (let i = 0; i < 50; i++) {
      source.type('r');
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(api.writes.length).toBeGreaterThanOrEqual(3);
    expect(api.writes.length).toBeLessThanOrEqual(5);
    await vi.advanceTimersByTimeAsync(300);
    // The last write holds everything typed, with the version the text was based on.
    expect(api.writes.at(-1)).toEqual({ id: 'reise', text: 'Alt.\nG' + 'r'.repeat(50), baseVersion: 'v1' });
    const count = api.writes.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.writes).toHaveLength(count);
  });

  it('discards the journal once the text is saved, and only then', async () => {
    source.type('Neu.');
    await vi.advanceTimersByTimeAsync(300);
    expect(api.discards).toEqual([]);
    source.save('v2');
    await vi.advanceTimersByTimeAsync(300);
    expect(api.discards).toEqual(['reise']);
    // Saved and clean again: nothing more to discard.
    source.emit();
    await vi.advanceTimersByTimeAsync(300);
    expect(api.discards).toEqual(['reise']);
  });

  it('after a save sends only what was typed since, against the saved file, and the whole text when main refuses', async () => {
    stop();
    /** The store's revisions: every keystroke appends; the saved revision is the one whose text went to disk. */
    class RevisionedSource extends FakeSource {
      private rev = 0;
      private readonly lengths = [this.snapshot.text.length];
      private savedRev: number | null = 0;
      override type(more: string) {
        this.rev++;
        super.type(more);
        this.lengths[this.rev] = this.snapshot.text.length;
      }
      override save(version: string) {
        this.savedRev = this.rev;
        super.save(version);
      }
      revision() {
        return this.rev;
      }
      savedRevision() {
        return this.savedRev;
      }
      changeSince(rev: number) {
        const from = this.lengths[rev] ?? 0;
        return { from, to: from, insert: this.snapshot.text.slice(from) };
      }
      isDirty() {
        return this.snapshot.text !== this.snapshot.savedText;
      }
    }
    const revisioned = new RevisionedSource();
    const patches: { baseSeq?: number; from: number; to: number; insert: string; baseVersion: string }[] = [];
    let refuse = false;
    const patching: RecoveryApi = {
      writeRecovery: (id, entry) => {
        api.writes.push({ id, ...entry });
        return Promise.resolve({ ok: true, value: { savedMs: 1, seq: api.writes.length } });
      },
      discardRecovery: (id) => api.discardRecovery(id),
      patchRecovery: (_id, patch) => {
        if (refuse) return Promise.resolve({ ok: false, error: { code: 'conflict', message: 'Basis fehlt' } });
        patches.push(patch);
        return Promise.resolve({ ok: true, value: { savedMs: 1, seq: 100 + patches.length } });
      },
    };
    stop = journalUnsavedText(revisioned, patching, { intervalMs: 300, storage });
    revisioned.type(' Eins.');
    revisioned.save('v2');
    await vi.advanceTimersByTimeAsync(300);
    // Typed after the save: a patch without a base write, against version v2 on disk; no whole text.
    revisioned.type(' Zwei.');
    await vi.advanceTimersByTimeAsync(300);
    expect(api.writes).toEqual([]);
    expect(patches).toEqual([{ from: 'Alt.\n Eins.'.length, to: 'Alt.\n Eins.'.length, insert: ' Zwei.', baseVersion: 'v2' }]);
    // The next keystrokes patch that write.
    revisioned.type(' Drei.');
    await vi.advanceTimersByTimeAsync(300);
    expect(patches.at(-1)).toMatchObject({ baseSeq: 101, insert: ' Drei.', baseVersion: 'v2' });
    // Saved while typing on (main drops its journal with the save): the next write is against the file again.
    revisioned.save('v3');
    revisioned.type(' Vier.');
    await vi.advanceTimersByTimeAsync(300);
    expect(patches.at(-1)).toEqual({ from: 'Alt.\n Eins. Zwei. Drei.'.length, to: 'Alt.\n Eins. Zwei. Drei.'.length, insert: ' Vier.', baseVersion: 'v3' });
    expect(api.writes).toEqual([]);
    // Saved again, then main refuses (the file changed meanwhile): the whole text is written instead.
    revisioned.save('v4');
    await vi.advanceTimersByTimeAsync(300);
    refuse = true;
    revisioned.type(' Fünf.');
    await vi.advanceTimersByTimeAsync(300);
    expect(api.writes).toEqual([{ id: 'reise', text: 'Alt.\n Eins. Zwei. Drei. Vier. Fünf.', baseVersion: 'v4' }]);
  });

  it('does not discard what it never wrote (another session’s entry waits for the dialog)', async () => {
    source.save('v2');
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.discards).toEqual([]);
  });

  it('does nothing without an open post', async () => {
    source.snapshot = { id: null, text: 'x', savedText: '', version: '' };
    source.emit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.writes).toEqual([]);
  });

  it('mirrors into localStorage while main cannot be reached, and clears the mirror after a save', async () => {
    api.reachable = false;
    source.type('Offline getippt.');
    await vi.advanceTimersByTimeAsync(300);
    expect(readMirroredRecovery(storage)).toEqual([
      { id: 'reise', text: 'Alt.\nOffline getippt.', baseVersion: 'v1', savedMs: Date.UTC(2026, 11, 2, 10, 0, 0) },
    ]);
    api.reachable = true;
    source.save('v2');
    await vi.advanceTimersByTimeAsync(300);
    expect(readMirroredRecovery(storage)).toEqual([]);
  });

  it('clears the mirror once main takes the journal again', async () => {
    api.reachable = false;
    source.type('a');
    await vi.advanceTimersByTimeAsync(300);
    expect(storage.length).toBe(1);
    api.reachable = true;
    source.type('b');
    await vi.advanceTimersByTimeAsync(300);
    expect(storage.length).toBe(0);
    expect(api.writes.at(-1)?.text).toBe('Alt.\nab');
  });

  it('a failing api call (thrown) also falls back to the mirror', async () => {
    api.writeRecovery = () => Promise.reject(new Error('weg'));
    source.type('x');
    await vi.advanceTimersByTimeAsync(300);
    expect(readMirroredRecovery(storage).map((e) => e.text)).toEqual(['Alt.\nx']);
  });

  it('unsubscribing writes what was still waiting and stops listening', async () => {
    source.type('a');
    await vi.advanceTimersByTimeAsync(0);
    source.type('b');
    stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.writes.at(-1)?.text).toBe('Alt.\nab');
    expect(source.listenerCount).toBe(0);
    source.type('c');
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.writes.at(-1)?.text).toBe('Alt.\nab');
  });
});

describe('the localStorage mirror', () => {
  it('reads only well-formed entries of its own, newest first, and forgets on request', () => {
    const s = new MapStorage();
    s.setItem('kladde-recovery:a', JSON.stringify({ id: 'a', text: 'A', baseVersion: 'v', savedMs: 1 }));
    s.setItem('kladde-recovery:b', JSON.stringify({ id: 'b', text: 'B', baseVersion: 'v', savedMs: 2 }));
    s.setItem('kladde-recovery:kaputt', '{');
    s.setItem('kladde-recovery:falsch', JSON.stringify({ id: 3 }));
    s.setItem('kladde-token', 'geheim');
    expect(readMirroredRecovery(s).map((e) => e.id)).toEqual(['b', 'a']);
    forgetMirroredRecovery('b', s);
    expect(readMirroredRecovery(s).map((e) => e.id)).toEqual(['a']);
  });
});
