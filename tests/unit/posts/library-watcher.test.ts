import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../electron/common/ipc/contract.js';
import type { EventSink } from '../../../electron/main/events/event-sink.js';
import { LibraryWatcher } from '../../../electron/main/posts/library-watcher.js';
import { PostStore, versionOf } from '../../../electron/main/posts/post-store.js';

interface Seen {
  name: EventName;
  payload: unknown;
}

let root: string;
let store: PostStore;
let watcher: LibraryWatcher;
let seen: Seen[];

const sink: EventSink = {
  emit<E extends EventName>(name: E, payload: EventPayload<E>) {
    seen.push({ name, payload });
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, what: string, ms = 8_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; seen: ${JSON.stringify(seen)}`);
    await sleep(20);
  }
}

const changes = () => seen.filter((e) => e.name === 'postChangedOnDisk');
const listChanges = () => seen.filter((e) => e.name === 'libraryChanged');
/** Long enough for chokidar's write-finish wait (80 ms) and the list debounce (150 ms), with room to spare. */
const QUIET = 900;

beforeEach(async () => {
  root = path.join(await mkdtemp(path.join(os.tmpdir(), 'kladde-watch-')), 'Kladde');
  await mkdir(path.join(root, 'offen'), { recursive: true });
  await mkdir(path.join(root, 'zu'), { recursive: true });
  await writeFile(path.join(root, 'offen', 'index.md'), '---\ntitle: Offen\n---\nText\n');
  await writeFile(path.join(root, 'zu', 'index.md'), '---\ntitle: Zu\n---\nText\n');
  store = new PostStore({ root });
  await store.ensureLibrary();
  seen = [];
  watcher = new LibraryWatcher(store, sink);
  await watcher.start();
});

afterEach(async () => {
  await watcher.stop();
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('LibraryWatcher', () => {
  it('reports an outside change to an opened post, with the new content version', async () => {
    await store.open('offen');
    const theirs = '---\ntitle: Offen\n---\nAnders, von außen.\n';
    await writeFile(path.join(root, 'offen', 'index.md'), theirs);
    await waitFor(() => changes().length > 0, 'postChangedOnDisk');
    expect(changes()).toEqual([{ name: 'postChangedOnDisk', payload: { id: 'offen', version: versionOf(theirs) } }]);
  }, 15_000);

  it('does not report Kladde’s own saves', async () => {
    const opened = await store.open('offen');
    let version = opened.version;
    for (let i = 0; i < 3; i++) {
      const r = await store.save('offen', `${opened.text}Fassung ${i}\n`, version, false);
      if (r.status !== 'saved') throw new Error('conflict');
      version = r.version;
    }
    await waitFor(() => listChanges().length > 0, 'libraryChanged');
    await sleep(QUIET);
    expect(changes()).toEqual([]);
  }, 15_000);

  it('does not report a post that is not open, or a touch that leaves the content as it was', async () => {
    await store.open('offen');
    await writeFile(path.join(root, 'zu', 'index.md'), '---\ntitle: Zu, geändert\n---\n');
    const now = new Date();
    await utimes(path.join(root, 'offen', 'index.md'), now, now);
    await waitFor(() => listChanges().length > 0, 'libraryChanged');
    await sleep(QUIET);
    expect(changes()).toEqual([]);
  }, 15_000);

  it('reports new and removed post folders as one libraryChanged after a burst', async () => {
    await mkdir(path.join(root, 'neu'));
    await writeFile(path.join(root, 'neu', 'index.md'), 'neu');
    await rm(path.join(root, 'zu'), { recursive: true });
    await waitFor(() => listChanges().length > 0, 'libraryChanged');
    await sleep(QUIET);
    expect(listChanges().length).toBe(1);
  }, 15_000);

  it('ignores hidden folders and files (the list cache, the trash, temp files)', async () => {
    await store.list();
    await writeFile(path.join(root, '.kladde', 'liste.json'), '{}');
    await mkdir(path.join(root, '.papierkorb', 'x'), { recursive: true });
    await writeFile(path.join(root, '.papierkorb', 'x', 'index.md'), 'x');
    await writeFile(path.join(root, 'offen', '.index.md.0123456789ab.tmp'), 'halb');
    await sleep(QUIET);
    expect(seen).toEqual([]);
  }, 15_000);

  it('listing the library does not make the library report a change (no refresh loop)', async () => {
    await store.list();
    await writeFile(path.join(root, 'zu', 'index.md'), '---\ntitle: Zu 2\n---\n');
    await waitFor(() => listChanges().length > 0, 'libraryChanged');
    seen = [];
    await store.list();
    await sleep(QUIET);
    expect(seen).toEqual([]);
  }, 15_000);

  it('stops reporting after stop()', async () => {
    await store.open('offen');
    await watcher.stop();
    await writeFile(path.join(root, 'offen', 'index.md'), 'nach dem Stopp');
    await mkdir(path.join(root, 'spaeter'));
    await sleep(QUIET);
    expect(seen).toEqual([]);
  }, 15_000);
});
