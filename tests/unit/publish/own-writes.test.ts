import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../electron/common/ipc/contract.js';
import { readPublishState, setPublishRecord } from '../../../electron/common/markdown/front-matter-publish.js';
import type { EventSink } from '../../../electron/main/events/event-sink.js';
import { LibraryWatcher } from '../../../electron/main/posts/library-watcher.js';
import { PostStore, versionOf } from '../../../electron/main/posts/post-store.js';
import type { Publisher, PublishRequest, PublishResult } from '../../../electron/main/publish/publisher.js';
import { Publishing } from '../../../electron/main/publish/publishing.js';
import { PublisherRegistry } from '../../../electron/main/publish/registry.js';

// Kladde's own writes to a post (the publish record after publishing) must never be reported as a change from
// outside: real library folder, real watcher, real publish service; only the blog is a stand-in.

interface Seen {
  name: EventName;
  payload: unknown;
}

let base: string;
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
const changes = () => seen.filter((e) => e.name === 'postChangedOnDisk').map((e) => e.payload as EventPayload<'postChangedOnDisk'>);
const listChanges = () => seen.filter((e) => e.name === 'libraryChanged');
/** Long enough for chokidar's write-finish wait (80 ms) and the list debounce (150 ms), with room to spare. */
const QUIET = 900;

const POST = '---\ntitle: Hallo\nstatus: draft # noch nicht fertig\n---\nText\n';

/** A blog that takes every post as a draft with id 5. */
class DraftBlog implements Publisher {
  readonly kind = 'wordpress' as const;
  requests: PublishRequest[] = [];
  discover(): never {
    throw new Error('not used');
  }
  verify(): Promise<{ accountName: string }> {
    return Promise.resolve({ accountName: 'Rike' });
  }
  fetchTerms(): never {
    throw new Error('not used');
  }
  fetchOnline(): never {
    throw new Error('not used');
  }
  publish(request: PublishRequest): Promise<PublishResult> {
    this.requests.push(request);
    return Promise.resolve({
      kind: 'done',
      record: { id: '5', link: 'https://blog.example/?p=5', modified_gmt: '2025-03-01T10:00:00', online_hash: 'h', media: {} },
      terms: request.terms,
      remote: { remoteStatus: 'draft', editUrl: 'https://blog.example/wp-admin/post.php?post=5&action=edit', date: '2025-03-01T11:00:00' },
    });
  }
}

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'kladde-own-'));
  root = path.join(base, 'Kladde');
  await mkdir(path.join(root, 'hallo'), { recursive: true });
  await writeFile(path.join(root, 'hallo', 'index.md'), POST);
  store = new PostStore({ root });
  await store.ensureLibrary();
  seen = [];
  watcher = new LibraryWatcher(store, sink);
  await watcher.start();
});

afterEach(async () => {
  await watcher.stop();
  await rm(base, { recursive: true, force: true });
});

describe('Kladde’s own writes to a post', () => {
  it('a change written through the store is not reported by the watcher', async () => {
    const opened = await store.open('hallo');
    const record = { id: '1', link: 'l', modified_gmt: '', online_hash: '', media: {} };
    const written = await store.writeOwnChange('hallo', (text) => setPublishRecord(text, 'blog', record));
    expect(written?.version).toBe(versionOf(written?.text ?? ''));
    expect(written?.version).not.toBe(opened.version);
    expect(await readFile(path.join(root, 'hallo', 'index.md'), 'utf8')).toBe(written?.text);
    await waitFor(() => listChanges().length > 0, 'libraryChanged');
    await sleep(QUIET);
    expect(changes()).toEqual([]);
  }, 15_000);

  it('applies the change to what is on disk now and leaves broken front matter alone', async () => {
    await store.open('hallo');
    // Saved again meanwhile (by Kladde): the change goes on top of that text.
    const newer = POST.replace('Text', 'Neuer Text');
    const saved = await store.save('hallo', newer, versionOf(POST), false);
    expect(saved.status).toBe('saved');
    const written = await store.writeOwnChange('hallo', (text) => text.replace('Hallo', 'Hallo!'));
    expect(written?.text).toBe(newer.replace('Hallo', 'Hallo!'));
    expect(await store.writeOwnChange('hallo', () => null)).toBeNull();
    expect(await readFile(path.join(root, 'hallo', 'index.md'), 'utf8')).toBe(written?.text);
  });

  it('publishing reports the record write as Kladde’s own, with the text written and the change', async () => {
    const blog = new DraftBlog();
    const publishing = new Publishing({
      configDir: path.join(base, 'config'),
      posts: store,
      events: sink,
      registry: new PublisherRegistry([blog]),
      fetch: () => Promise.reject(new Error('no network in this test')),
    });
    const added = await publishing.blogs.add({
      kind: 'wordpress',
      name: 'Blog',
      url: 'https://blog.example/',
      apiRoot: 'https://blog.example/wp-json/',
      user: 'rike',
      site: '',
      authorizeUrl: null,
      defaultStatus: 'draft',
      defaultCategory: '',
      output: 'classic',
    });
    await publishing.credentials.set(added.id, 'geheim');
    await store.open('hallo');
    const outcome = await publishing.outbox.submit('hallo', added.id, 'Hallo', { onConflict: 'ask' });
    expect(outcome).toMatchObject({
      status: 'done',
      remoteId: '5',
      remoteStatus: 'draft',
      editUrl: 'https://blog.example/wp-admin/post.php?post=5&action=edit',
    });
    const disk = await readFile(path.join(root, 'hallo', 'index.md'), 'utf8');
    // Every byte of the user's front matter stays; the record is appended.
    expect(disk.startsWith('---\ntitle: Hallo\nstatus: draft # noch nicht fertig\npublish:\n')).toBe(true);
    expect(readPublishState(disk, added.id).record?.id).toBe('5');

    await waitFor(() => listChanges().length > 0, 'libraryChanged');
    await sleep(QUIET);
    await publishing.stop();
    // Exactly one report, from the publish service, marked as Kladde's own — none from the watcher.
    expect(changes()).toEqual([
      {
        id: 'hallo',
        version: versionOf(disk),
        byKladde: { text: disk, change: { kind: 'publish-record', blogId: added.id, record: readPublishState(disk, added.id).record } },
      },
    ]);
  }, 20_000);
});
