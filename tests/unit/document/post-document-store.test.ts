import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCounts, resetParseCounts } from '../../../electron/common/markdown/post-document.js';
import { setPublishRecord } from '../../../electron/common/markdown/front-matter-publish.js';
import { KladdeError, type Result } from '../../../electron/common/result.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';
import { mergeSpans, PostDocumentStore, type PostDocumentApi, type StoreTimers, type TextChange } from '../../../renderer/document/post-document-store.js';

/** The store's api on a real PostStore in a temp folder, with a gate to hold any call half-way. */
function realApi(posts: PostStore) {
  const gates: Partial<Record<keyof PostDocumentApi, Promise<void>>> = {};
  const calls: string[] = [];
  const wrap = async <T>(name: keyof PostDocumentApi, run: () => Promise<T>): Promise<Result<T>> => {
    calls.push(name);
    try {
      const value = await run();
      await gates[name];
      return { ok: true, value };
    } catch (error) {
      if (error instanceof KladdeError) return { ok: false, error: { code: error.code, message: error.message } };
      return { ok: false, error: { code: 'io', message: String(error) } };
    }
  };
  const api: PostDocumentApi = {
    openPost: (id) => wrap('openPost', () => posts.open(id)),
    savePost: (id, body) => wrap('savePost', () => posts.save(id, body.text, body.baseVersion, body.force ?? false)),
    renamePost: (id, slug) => wrap('renamePost', () => posts.rename(id, slug)),
  };
  /** Holds calls of `name` after they did their work until the returned function is called. */
  const hold = (name: keyof PostDocumentApi) => {
    let release = () => {};
    gates[name] = new Promise<void>((r) => (release = r));
    return () => {
      delete gates[name];
      release();
    };
  };
  return { api, hold, calls };
}

/** Timers the test fires by hand: nothing happens by waiting. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: StoreTimers = {
    setTimeout: (fn) => {
      const id = next++;
      pending.set(id, fn);
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  const fireAll = () => {
    const fns = [...pending.values()];
    pending.clear();
    for (const fn of fns) fn();
  };
  return { timers, fireAll, pending };
}

const context = { defaultLanguage: 'de', existingFiles: new Set<string>() };
const flushMicrotasks = () => new Promise((r) => setTimeout(r, 0));

let tmp: string;
let posts: PostStore;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-store-'));
  posts = new PostStore({ root: path.join(tmp, 'Kladde') });
  await mkdir(posts.root, { recursive: true });
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function setup() {
  const created = await posts.create('Entwurf');
  const { api, hold, calls } = realApi(posts);
  const clock = manualTimers();
  const store = new PostDocumentStore({ api, context, timers: clock.timers });
  const applied: TextChange[] = [];
  /** A stand-in for the CodeMirror view: it holds its own text and applies the store's changes to it. */
  const view = { text: '' };
  store.onApply((c) => {
    expect(view.text).toBe(c.before);
    view.text = view.text.slice(0, c.from) + c.insert + view.text.slice(c.to);
    applied.push(c);
  });
  store.subscribe(() => {
    const s = store.getSnapshot();
    if (s.loadSeq !== loaded) {
      loaded = s.loadSeq;
      view.text = s.text;
    }
  });
  let loaded = 0;
  const type = (chars: string) => {
    for (const ch of chars) {
      view.text += ch;
      store.edit(view.text);
    }
  };
  expect(await store.open(created.id)).toBe('switched');
  return { store, api, hold, calls, clock, view, type, applied, id: created.id };
}

describe('PostDocumentStore', () => {
  it('keeps every character typed while the folder is renamed, and saves them into the renamed post', async () => {
    const { store, hold, view, type } = await setup();
    expect(store.patchFields({ title: 'Ein Titel', slug: 'ein-titel' })).toBe(true);
    const release = hold('renamePost');
    const renaming = store.rename('ein-titel');
    await flushMicrotasks();
    type('\nEin kurzer Satz über nichts.');
    release();
    expect(await renaming).toBe(true);
    type(' Noch mehr.');
    const s = store.getSnapshot();
    expect(s.id).toBe('ein-titel');
    expect(s.text).toBe(view.text);
    expect(s.text.endsWith('\nEin kurzer Satz über nichts. Noch mehr.')).toBe(true);
    expect(s.loadSeq).toBe(1); // the editor's document was never replaced
    expect(await store.flush()).toBe(true);
    expect(await readFile(path.join(posts.root, 'ein-titel', 'index.md'), 'utf8')).toBe(view.text);
    expect(store.isDirty()).toBe(false);
  });

  it('brings the slug main writes on rename into the text as a minimal change', async () => {
    const { store, view, applied, type } = await setup();
    type('\nText');
    expect(await store.rename('anders')).toBe(true);
    expect(store.getSnapshot().id).toBe('anders');
    expect(view.text).toContain('slug: anders');
    expect(view.text.endsWith('\nText')).toBe(true);
    expect(applied.at(-1)?.userEvent).toBe('input.rename');
    expect(store.isDirty()).toBe(false);
  });

  it('does not leave a post whose text cannot be saved, keeps the text, and saves it once it can', async () => {
    const { store, type, id, clock } = await setup();
    const other = await posts.create('Anderer');
    type('\nWichtig');
    // A folder where index.md was: writing the file fails, for root too.
    await rm(path.join(posts.root, id, 'index.md'));
    await mkdir(path.join(posts.root, id, 'index.md'));
    expect(await store.open(other.id)).toBe('blocked');
    const s = store.getSnapshot();
    expect(s.id).toBe(id);
    expect(s.text.endsWith('\nWichtig')).toBe(true);
    expect(s.saveState).toBe('failed');
    expect(s.saveError).not.toBeNull();
    expect(await store.leave()).toBe(false);
    expect(await store.rename('neu')).toBe(false);
    // Once the file can be written again, the retry saves the text without another keystroke.
    await rm(path.join(posts.root, id, 'index.md'), { recursive: true });
    clock.fireAll();
    await expect.poll(() => store.getSnapshot().saveState).toBe('saved');
    expect(await readFile(path.join(posts.root, id, 'index.md'), 'utf8')).toBe(s.text);
    expect(await store.open(other.id)).toBe('switched');
  });

  it('leaving anyway hands the unsaved text to the recovery copy', async () => {
    const created = await posts.create('Entwurf');
    const other = await posts.create('Anderer');
    const kept: [string, string, string][] = [];
    const { api } = realApi(posts);
    const store = new PostDocumentStore({ api, context, timers: manualTimers().timers, keepRecoveryCopy: (...a) => void kept.push(a) });
    await store.open(created.id);
    const version = store.getSnapshot().version;
    store.edit(store.getSnapshot().text + '\nWichtig');
    await rm(path.join(posts.root, created.id, 'index.md'));
    await mkdir(path.join(posts.root, created.id, 'index.md'));
    expect(await store.open(other.id, { leaveUnsaved: true })).toBe('switched');
    expect(kept).toHaveLength(1);
    expect(kept[0]?.[0]).toBe(created.id);
    expect(kept[0]?.[1].endsWith('\nWichtig')).toBe(true);
    expect(kept[0]?.[2]).toBe(version);
    expect(store.getSnapshot().id).toBe(other.id);
  });

  it('does not leave while a conflict is open', async () => {
    const { store, type, id } = await setup();
    const other = await posts.create('Anderer');
    type('\nMeins');
    await writeFile(path.join(posts.root, id, 'index.md'), 'Fremd\n');
    expect(await store.open(other.id)).toBe('blocked');
    expect(store.getSnapshot().conflict?.diskText).toBe('Fremd\n');
    expect(store.getSnapshot().id).toBe(id);
    expect(await store.keepMine()).toBe(true);
    expect(await readFile(path.join(posts.root, id, 'index.md'), 'utf8')).toBe(store.getSnapshot().text);
    expect(await store.open(other.id)).toBe('switched');
  });

  it('adopts its own writes without a notice, and merges a publish record quietly', async () => {
    const { store, type, id, view } = await setup();
    type('\nSatz');
    expect(await store.flush()).toBe(true);
    const before = store.getSnapshot();
    // The same text written again (main's own write): new version or not, nothing to tell.
    await store.diskChanged(id);
    expect(store.getSnapshot().notice).toBeNull();
    // Main writes the publish record while the user types on.
    const disk = await posts.open(id);
    const recorded = setPublishRecord(disk.text, 'blog1', { id: '7', link: 'https://example.org/?p=7', modified_gmt: '2026-01-01T00:00:00', online_hash: 'h', media: {} });
    expect(recorded).not.toBeNull();
    await posts.save(id, recorded ?? '', disk.version, false);
    type(' weiter');
    await store.diskChanged(id);
    const s = store.getSnapshot();
    expect(s.notice).toBeNull();
    expect(s.conflict).toBeNull();
    expect(s.loadSeq).toBe(before.loadSeq);
    expect(view.text).toContain('publish:');
    expect(view.text.endsWith('\nSatz weiter')).toBe(true);
    expect(await store.flush()).toBe(true);
    expect(await readFile(path.join(posts.root, id, 'index.md'), 'utf8')).toBe(view.text);
  });

  it('reloads a clean post changed outside with a notice, and raises a conflict over unsaved text', async () => {
    const { store, type, id } = await setup();
    await writeFile(path.join(posts.root, id, 'index.md'), 'Von außen\n');
    await store.diskChanged(id);
    expect(store.getSnapshot().text).toBe('Von außen\n');
    expect(store.getSnapshot().notice).toBe('reloaded');
    expect(store.getSnapshot().loadSeq).toBe(2);
    type('mehr');
    await writeFile(path.join(posts.root, id, 'index.md'), 'Wieder von außen\n');
    await store.diskChanged(id);
    expect(store.getSnapshot().conflict?.diskText).toBe('Wieder von außen\n');
    store.takeTheirs();
    expect(store.getSnapshot().text).toBe('Wieder von außen\n');
    expect(store.isDirty()).toBe(false);
  });

  it('runs disk operations one at a time, in the order asked', async () => {
    const { store, hold, calls, type, clock } = await setup();
    calls.length = 0;
    type('\nA');
    const release = hold('savePost');
    const saving = store.save();
    const renaming = store.rename('zweiter-name');
    clock.fireAll(); // an autosave that fires meanwhile waits its turn too
    await flushMicrotasks();
    expect(calls).toEqual(['savePost']);
    release();
    expect(await saving).toBe(true);
    expect(await renaming).toBe(true);
    expect(calls.slice(0, 2)).toEqual(['savePost', 'renamePost']);
    expect(store.getSnapshot().id).toBe('zweiter-name');
  });

  it('autosaves after a pause in typing', async () => {
    const { store, type, clock, id } = await setup();
    type('\nAuto');
    expect(store.getSnapshot().saveState).toBe('unsaved');
    clock.fireAll();
    await store.flush();
    expect(store.getSnapshot().saveState).toBe('saved');
    expect(await readFile(path.join(posts.root, id, 'index.md'), 'utf8')).toBe(store.getSnapshot().text);
  });

  it('parses the front matter once per change of it, and not at all for typing in the body', async () => {
    const { store, type } = await setup();
    resetParseCounts();
    type('\nabc');
    expect(parseCounts.frontMatter).toBe(0);
    store.patchFields({ title: 'Neu' });
    expect(parseCounts.frontMatter).toBe(1);
    const s = store.getSnapshot();
    expect(s.doc.fields?.title).toBe('Neu');
    expect(s.doc.lang).toBe('de');
    void s.doc.images;
    void s.doc.images;
    expect(parseCounts.images).toBe(1);
  });

  it('takes the editor\'s edits as spans without making the text a string, and tells what changed since a revision', async () => {
    const { store, view, clock } = await setup();
    const before = store.revision();
    const saved = view.text;
    let joined = 0;
    /** The editor's text as CodeMirror hands it: joined into a string only on demand. */
    const lazy = (text: string) => ({ length: text.length, value: () => (joined++, text), slice: (f: number, t: number) => text.slice(f, t) });
    const typeAt = (at: number, insert: string, cut = 0) => {
      const next = view.text.slice(0, at) + insert + view.text.slice(at + cut);
      view.text = next;
      store.editDoc(lazy(next), { from: at, toA: at + cut, toB: at + insert.length });
    };
    typeAt(view.text.length, 'Hallo');
    typeAt(view.text.length, ' Welt');
    typeAt(view.text.length - 4, 'X', 1);
    expect(joined).toBe(0);
    expect(store.getSnapshot().saveState).toBe('unsaved');
    const change = store.changeSince(before);
    expect(change).not.toBeNull();
    if (!change) return;
    expect(saved.slice(0, change.from) + change.insert + saved.slice(change.to)).toBe(view.text);
    expect(store.getSnapshot().text).toBe(view.text);
    expect(store.getSnapshot().doc.body.endsWith('Hallo XWelt'.replace('XWelt', 'Xelt'))).toBe(true);
    // A change the store makes itself is not an editor edit: what changed is unknown to the log.
    store.patchFields({ title: 'Neu' });
    expect(store.changeSince(before)).toBeNull();
    clock.fireAll();
  });

  it('knows the revision whose text is on disk: what was typed since a save is one span against the saved text', async () => {
    const { store, view, clock } = await setup();
    /** Typing as the editor reports it: spans over a text made a string on demand. */
    const type = (insert: string) => {
      const at = view.text.length;
      const next = view.text + insert;
      view.text = next;
      store.editDoc({ length: next.length, value: () => next, slice: (f: number, t: number) => next.slice(f, t) }, { from: at, toA: at, toB: at + insert.length });
    };
    // Just opened: the loaded text is the saved one.
    expect(store.savedRevision()).toBe(store.revision());
    type(' Eins');
    expect(await store.save()).toBe(true);
    const saved = store.getSnapshot().savedText;
    const savedRev = store.savedRevision();
    expect(savedRev).toBe(store.revision());
    type(' Zwei');
    const change = savedRev === null ? null : store.changeSince(savedRev);
    expect(change).not.toBeNull();
    if (!change) return;
    expect(saved.slice(0, change.from) + change.insert + saved.slice(change.to)).toBe(view.text);
    // A saved text that came from main (here: a rename writes the new slug into the file) is not a revision of ours.
    expect(await store.rename('neuer-name')).toBe(true);
    expect(store.getSnapshot().savedText).not.toBe(saved);
    expect(store.savedRevision()).toBeNull();
    clock.fireAll();
  });

  it('merges successive edits into one span', () => {
    const apply = (text: string, s: { from: number; toA: number; toB: number }, insert: string) => text.slice(0, s.from) + insert + text.slice(s.toA);
    const next = (() => {
      let state = 5;
      return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
    })();
    for (let round = 0; round < 200; round++) {
      const t0 = 'abcdefghijklmnopqrstuvwxyz'.slice(0, 5 + Math.floor(next() * 20));
      const edit = (t: string) => {
        const from = Math.floor(next() * (t.length + 1));
        const toA = from + Math.floor(next() * (t.length - from + 1));
        const insert = 'XYZ'.slice(0, Math.floor(next() * 4));
        return { span: { from, toA, toB: from + insert.length }, insert, after: apply(t, { from, toA, toB: 0 }, insert) };
      };
      const a = edit(t0);
      const b = edit(a.after);
      const m = mergeSpans(a.span, b.span);
      expect(t0.slice(0, m.from) + b.after.slice(m.from, m.toB) + t0.slice(m.toA)).toBe(b.after);
    }
  });

  it('a new snapshot only when something changed', async () => {
    const { store } = await setup();
    const a = store.getSnapshot();
    store.edit(a.text);
    store.dismissNotice();
    expect(store.getSnapshot()).toBe(a);
  });
});
