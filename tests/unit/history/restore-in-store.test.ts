import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KladdeError, type Result } from '../../../electron/common/result.js';
import { countText } from '../../../electron/common/text/counts.js';
import { PostHistory } from '../../../electron/main/history/post-history.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';
import { PostDocumentStore, type PostDocumentApi, type StoreTimers } from '../../../renderer/document/post-document-store.js';

let tmp: string;
let posts: PostStore;
let history: PostHistory;

async function wrap<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof KladdeError) return { ok: false, error: { code: error.code, message: error.message } };
    return { ok: false, error: { code: 'io', message: String(error) } };
  }
}

const noTimers: StoreTimers = { setTimeout: () => 0, clearTimeout: () => undefined };

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-history-store-'));
  posts = new PostStore({ root: path.join(tmp, 'Kladde') });
  await posts.ensureLibrary();
  history = new PostHistory({
    root: posts.root,
    readPost: (id) => posts.peek(id),
    savePost: (id, text, base, force) => posts.save(id, text, base, force),
    countWords: (text) => countText(text).words,
    throttleMs: 0,
  });
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The store on the services as main composes them: saves note a version, as the savePost handler does. */
async function setup() {
  const created = await posts.create('Verlauf');
  const api: PostDocumentApi = {
    openPost: (id) => wrap(() => posts.open(id)),
    savePost: (id, body) =>
      wrap(async () => {
        const saved = await posts.save(id, body.text, body.baseVersion, body.force ?? false);
        if (saved.status === 'saved') history.noteSaved(id, body.text);
        return saved;
      }),
    renamePost: (id, slug) => wrap(() => posts.rename(id, slug)),
    restorePostVersion: (id, versionId, { baseVersion }) => wrap(() => history.restore(id, versionId, baseVersion)),
    snapshotPost: (id, { text, reason }) => wrap(() => history.snapshot(id, text, reason)),
  };
  const store = new PostDocumentStore({ api, context: { defaultLanguage: 'de', existingFiles: new Set() }, timers: noTimers });
  const view = { text: '', changes: 0 };
  store.onApply((c) => {
    view.text = view.text.slice(0, c.from) + c.insert + view.text.slice(c.to);
    view.changes++;
  });
  let loaded = 0;
  store.subscribe(() => {
    const s = store.getSnapshot();
    if (s.loadSeq !== loaded) {
      loaded = s.loadSeq;
      view.text = s.text;
    }
  });
  const type = (chars: string) => {
    view.text += chars;
    store.edit(view.text);
  };
  expect(await store.open(created.id)).toBe('switched');
  return { store, view, type, id: created.id };
}

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('restoring a version through the post document store', () => {
  it('puts the old text into editor and file as one change, and keeps the text it replaced', async () => {
    const { store, view, type, id } = await setup();
    type('Die erste Fassung.\n');
    expect(await store.save()).toBe(true);
    await until(async () => (await history.list(id)).length === 1);
    const [first] = await history.list(id);
    const firstText = view.text;
    type('Die zweite Fassung ist anders.\n');
    const loadSeq = store.getSnapshot().loadSeq;

    expect(await store.restoreVersion(first?.versionId ?? '')).toBe(true);
    expect(view.text).toBe(firstText);
    expect(store.getSnapshot().text).toBe(firstText);
    expect(store.isDirty()).toBe(false);
    // Applied as a change of the editor's own (undo works), not by replacing its document.
    expect(store.getSnapshot().loadSeq).toBe(loadSeq);
    expect(await readFile(path.join(posts.root, id, 'index.md'), 'utf8')).toBe(firstText);
    await history.settled();
    const versions = await history.list(id);
    expect(versions[0]?.reason).toBe('restore');
    expect(await history.read(id, versions[0]?.versionId ?? '')).toBe(firstText + 'Die zweite Fassung ist anders.\n');
  });

  it('keeps the editor’s text as a version before „Fremde übernehmen“ replaces it', async () => {
    const { store, type, id } = await setup();
    type('Meine Zeile.\n');
    const mine = store.getSnapshot().text;
    await writeFile(path.join(posts.root, id, 'index.md'), 'Fremde Zeile.\n');
    await store.diskChanged(id);
    expect(store.getSnapshot().conflict).not.toBeNull();
    store.takeTheirs();
    expect(store.getSnapshot().text).toBe('Fremde Zeile.\n');
    await until(async () => (await history.list(id)).length === 1);
    const [kept] = await history.list(id);
    expect(kept?.reason).toBe('take-theirs');
    expect(await history.read(id, kept?.versionId ?? '')).toBe(mine);
  });
});
