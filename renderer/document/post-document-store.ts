import { setImageCredit, type ImagesProblem } from '../../electron/common/markdown/front-matter-images';
import { setFeaturedTwice as writeFeaturedTwice, type FeaturedTwiceChoice } from '../../electron/common/markdown/featured-twice';
import { removeFrontMatterKeys, updateFrontMatter, type FieldPatch } from '../../electron/common/markdown/front-matter';
import { setThirdPartyChoice, type ThirdPartyChoice } from '../../electron/common/markdown/third-party';
import {
  eagerText,
  parsePostDocument,
  parsePostDocumentEdit,
  type EditSpan,
  type LazyText,
  type PostDocumentContext,
} from '../../electron/common/markdown/post-document';
import { setWordGoal } from '../../electron/common/markdown/word-goal';
import type { CreditPatch } from '../../electron/common/model/attribution';
import type { OpenedPost, SaveResult } from '../../electron/common/model/post';
import type { Result } from '../../electron/common/result';
import type { PostDocumentStoreDeps, PostNotice, PostSnapshot, StoreTimers, SwitchOutcome, TextChange } from './post-snapshot';
import { diffText, mergeText } from './text-diff';

/**
 * The open post, outside React: its text, its version on disk, save state, conflict, and one queue in which every
 * operation that talks to the disk (save, rename, switching posts, adopting what changed on disk) runs after the
 * one before, so none of them races another or typing. The CodeMirror view reports each change with
 * {@link PostDocumentStore.edit}; the store never reads the view. When the store itself changes the text (a field,
 * a credit, a rename's slug) it tells the view through {@link PostDocumentStore.onApply} as a minimal change, so
 * undo and the cursor behave; only open, reload and „take theirs“ replace the editor's document (`loadSeq`).
 */

export type {
  Conflict,
  PostDocumentApi,
  PostDocumentStoreDeps,
  PostNotice,
  PostSnapshot,
  SaveState,
  StoreTimers,
  SwitchOutcome,
  TextChange,
} from './post-snapshot';

const defaultTimers: StoreTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class PostDocumentStore {
  private readonly deps: PostDocumentStoreDeps;
  private readonly timers: StoreTimers;
  private context: PostDocumentContext;
  private snapshot: PostSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly appliers = new Set<(change: TextChange) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private autosaveTimer: unknown = null;
  private settleTimer: unknown = null;
  private saving = false;
  /** Set while the editor applies a change the store made itself. */
  private applying = false;
  /** The current text; a string only once somebody reads `snapshot.text` (see {@link editDoc}). */
  private lazy: LazyText = eagerText('');
  /** Bumped by every change of the text; {@link changeSince} tells what changed after a revision. */
  private rev = 0;
  /** The editor's edits since `logStart`, each with the revision it made; cleared by any other change. */
  private log: { rev: number; span: EditSpan }[] = [];
  private logStart = 0;
  /** The revision whose text went to disk last (saved or loaded), with that text: see {@link savedRevision}. */
  private savedAt: { rev: number; text: string } | null = null;

  constructor(deps: PostDocumentStoreDeps) {
    this.deps = deps;
    this.timers = deps.timers ?? defaultTimers;
    this.context = deps.context;
    const doc = parsePostDocument('', this.context);
    this.snapshot = withText(
      {
        id: null, savedText: '', version: '', doc, settled: doc,
        saveState: 'saved', saveError: null, conflict: null, notice: null, loadSeq: 0, readOnly: null,
      },
      this.lazy,
    );
  }

  // ——— reading ———

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PostSnapshot => this.snapshot;

  /** Registers the editor: it applies the store's own text changes. */
  onApply(listener: (change: TextChange) => void): () => void {
    this.appliers.add(listener);
    return () => this.appliers.delete(listener);
  }

  /** Whether the open post has text that is not on disk. */
  isDirty(): boolean {
    return this.snapshot.id !== null && this.textDiffers(this.snapshot.savedText);
  }

  /** The revision of the text: any change bumps it. */
  revision(): number {
    return this.rev;
  }

  /**
   * The revision whose text is the saved text (`savedText`), or null when that is not known (the saved text came
   * from main: a rename, a restore, an outside change). With {@link changeSince} the journal sends what was
   * typed since the save instead of the whole text.
   */
  savedRevision(): number | null {
    const saved = this.savedAt;
    return saved !== null && saved.text === this.snapshot.savedText ? saved.rev : null;
  }

  /**
   * What changed since revision `rev`, as one replaced range of the text of then (`from`–`to`) and what stands
   * there now; null when that is not known (too long ago, or a change other than the editor's). Lets the
   * recovery journal send a keystroke's worth instead of the whole text.
   */
  changeSince(rev: number): { from: number; to: number; insert: string } | null {
    if (rev === this.rev) return { from: 0, to: 0, insert: '' };
    if (rev < this.logStart || rev > this.rev) return null;
    let span: EditSpan | null = null;
    for (const entry of this.log) if (entry.rev > rev) span = span ? mergeSpans(span, entry.span) : entry.span;
    if (!span) return null;
    return { from: span.from, to: span.toA, insert: this.lazy.slice(span.from, span.toB) };
  }

  // ——— changes of the text ———

  /** The editor's text changed (typing, paste, undo…). */
  edit(text: string): void {
    if (text.length === this.lazy.length && text === this.lazy.value()) return;
    this.setText(text);
  }

  /**
   * The editor's text changed by `span`; `text` is the new text, made a string only when somebody reads
   * `snapshot.text`: a keystroke in a long post costs what it costs in a short one.
   */
  editDoc(lazy: LazyText, span: EditSpan): void {
    // The editor applying the store's own change: the store has that text already.
    if (this.applying) return;
    const entry = { rev: this.rev + 1, span };
    const doc2 = parsePostDocumentEdit(this.snapshot.doc, lazy, span, this.context);
    this.lazy = lazy;
    this.rev++;
    this.log.push(entry);
    if (this.log.length > MAX_LOG) {
      const dropped = this.log.splice(0, this.log.length - MAX_LOG);
      this.logStart = dropped[dropped.length - 1]?.rev ?? this.logStart;
    }
    this.set({ doc: doc2 });
    this.scheduleSettle();
    this.afterChange();
  }

  /** Whether the current text differs from `other`; lengths first, so typing never compares 1 MB. */
  private textDiffers(other: string): boolean {
    return this.lazy.length !== other.length || this.lazy.value() !== other;
  }

  /** Alias of {@link edit} for callers that only know something changed. */
  changed(text: string): void {
    this.edit(text);
  }

  /** Writes changed fields into the front matter, as one minimal change. False when the YAML cannot be edited. */
  patchFields(patch: FieldPatch): boolean {
    const next = updateFrontMatter(this.snapshot.text, patch);
    if (next === null) return false;
    this.applyOwnChange(next, 'input.fields');
    return true;
  }

  /** Writes the post's choice about a featured image shown twice (`featured_twice:`); false when the YAML cannot take it. */
  setFeaturedTwice(choice: FeaturedTwiceChoice | null): boolean {
    const next = writeFeaturedTwice(this.snapshot.text, choice);
    if (next === null) return false;
    if (next !== this.snapshot.text) this.applyOwnChange(next, 'input.fields');
    return true;
  }

  /** Remembers the Datenschutz choice for one third-party item in `third_party:`. False when the YAML cannot be edited. */
  patchThirdParty(key: string, choice: ThirdPartyChoice): boolean {
    const next = setThirdPartyChoice(this.snapshot.text, key, choice);
    if (next === null) return false;
    if (next !== this.snapshot.text) this.applyOwnChange(next, 'input.fields');
    return true;
  }

  /** Writes an image's credit into `images:`. Returns the problem when the front matter cannot take it. */
  patchImage(key: string, patch: CreditPatch): ImagesProblem | null {
    const edit = setImageCredit(this.snapshot.text, key, patch);
    if (!edit.ok) return edit.problem;
    this.applyOwnChange(edit.text, 'input.credit');
    return null;
  }

  /** Sets or (null) removes the post's word goal (`word_goal:`). False when the front matter cannot take it. */
  setWordGoal(goal: number | null): boolean {
    const edit = setWordGoal(this.snapshot.text, goal);
    if (!edit.ok) return false;
    if (edit.text !== this.snapshot.text) this.applyOwnChange(edit.text, 'input.fields');
    return true;
  }

  /** New settings or files in the post's folder: the document is parsed for them. */
  setContext(context: PostDocumentContext): void {
    this.context = context;
    const doc = parsePostDocument(this.snapshot.text, context, this.snapshot.doc);
    this.set({ doc, settled: doc });
  }

  dismissNotice(): void {
    if (this.snapshot.notice !== null) this.set({ notice: null });
  }

  // ——— disk ———

  /** Saves now (after whatever runs before it). True when the text is on disk. */
  save(): Promise<boolean> {
    this.cancelAutosave();
    return this.enqueue(() => this.saveNow(false));
  }

  /** Everything typed is on disk when this resolves true; false when it cannot be saved (failure, conflict). */
  flush(): Promise<boolean> {
    return this.save();
  }

  /** The check before leaving the post: saves, and answers whether leaving loses nothing. */
  leave(): Promise<boolean> {
    return this.save();
  }

  /** Opens a post (null: none). Leaving the current one saves it first; when that fails nothing changes. */
  open(id: string | null, options: { leaveUnsaved?: boolean } = {}): Promise<SwitchOutcome> {
    return this.switchTo(async () => (id === null ? { ok: true, value: null } : this.deps.api.openPost(id)), options);
  }

  /**
   * Leaves the open post for what `action` gives (a created, duplicated, restored post, or none after a
   * delete). The action runs only once the current text is safely on disk; with `leaveUnsaved` a text that
   * cannot be saved is handed to the recovery copy instead.
   */
  switchTo(
    action: () => Promise<Result<OpenedPost | null>>,
    options: { leaveUnsaved?: boolean; text?: string } = {},
  ): Promise<SwitchOutcome> {
    this.cancelAutosave();
    return this.enqueue(async () => {
      if (!(await this.saveNow(false))) {
        if (!options.leaveUnsaved) return 'blocked';
        const s = this.snapshot;
        if (s.id !== null) await this.deps.keepRecoveryCopy?.(s.id, s.text, s.version);
      }
      const result = await action();
      if (!result.ok) {
        this.deps.onError?.(result.error);
        return 'failed';
      }
      this.load(result.value, null);
      // A recovered text goes in before anyone renders the loaded one, so the editor starts with it, unsaved.
      if (result.value && options.text !== undefined && options.text !== result.value.text) this.setText(options.text);
      return 'switched';
    });
  }

  /** Opens a post showing `text` (a recovered copy) as an unsaved edit on top of what is on disk. */
  openWithText(id: string, text: string): Promise<SwitchOutcome> {
    return this.switchTo(() => this.deps.api.openPost(id), { text });
  }

  /**
   * Renames the open post's folder. The editor's text is never replaced: after main moved the folder the store
   * only switches the id and version, and whatever was typed meanwhile is saved into the renamed post.
   */
  rename(slug: string): Promise<boolean> {
    this.cancelAutosave();
    return this.enqueue(async () => {
      const id = this.snapshot.id;
      if (id === null) return false;
      if (slug === id) return true;
      if (!(await this.saveNow(false))) return false;
      const result = await this.deps.api.renamePost(id, slug);
      if (!result.ok) {
        this.deps.onError?.(result.error);
        return false;
      }
      const renamed = result.value;
      const base = this.snapshot.savedText;
      this.set({ id: renamed.id, version: renamed.version, savedText: renamed.text });
      // Main may have written the new slug into the front matter; the same edit goes into the editor's text.
      if (renamed.text !== base) {
        const merged = mergeText(base, this.snapshot.text, renamed.text);
        if (merged !== null) this.applyOwnChange(merged, 'input.rename');
        else this.patchFields({ slug: renamed.id });
      }
      this.afterChange();
      return true;
    });
  }

  /** The read-only post is rewritten as UTF-8 (the user asked for it) and opened again, now editable. */
  convertToUtf8(): Promise<boolean> {
    return this.enqueue(async () => {
      const { id, readOnly } = this.snapshot;
      const convert = this.deps.api.convertPostToUtf8;
      if (id === null || readOnly === null || !convert) return false;
      const result = await convert.call(this.deps.api, id);
      if (!result.ok) {
        this.deps.onError?.(result.error);
        return false;
      }
      if (this.snapshot.id === id) this.load(result.value, null);
      return true;
    });
  }

  /** The conflict is decided for the editor's text: it overwrites the file. */
  keepMine(): Promise<boolean> {
    this.cancelAutosave();
    this.set({ conflict: null });
    return this.enqueue(() => this.saveNow(true));
  }

  /**
   * The conflict is decided for the file: its text replaces the editor's. The editor's text is kept in the version
   * history first (sent with the call, so nothing waits for it), and can be restored from there.
   */
  takeTheirs(): void {
    const { conflict, id } = this.snapshot;
    if (!conflict || id === null) return;
    void this.deps.api.snapshotPost?.(id, { text: this.snapshot.text, reason: 'take-theirs' }).catch(() => undefined);
    this.load({ id, text: conflict.diskText, version: conflict.diskVersion }, null);
  }

  /**
   * Puts a kept version of the open post back. Saves first (so the text on disk is the editor's); main keeps that
   * text as a version and writes the old one; the editor then gets it as one change of its own, so Strg+Z in the
   * editor undoes it as well. False when it could not be saved or restored (the error goes to `onError`).
   */
  restoreVersion(versionId: string): Promise<boolean> {
    this.cancelAutosave();
    return this.enqueue(async () => {
      const id = this.snapshot.id;
      const restore = this.deps.api.restorePostVersion;
      if (id === null || !restore || this.snapshot.readOnly !== null) return false;
      if (!(await this.saveNow(false))) return false;
      const result = await restore.call(this.deps.api, id, versionId, { baseVersion: this.snapshot.version });
      if (!result.ok) {
        this.deps.onError?.(result.error);
        return false;
      }
      if (this.snapshot.id !== id) return false;
      const base = this.snapshot.savedText;
      const restored = result.value;
      this.set({ version: restored.version, savedText: restored.text });
      // Typed while main wrote (a few milliseconds): kept when it does not touch what the restore changed.
      const merged = mergeText(base, this.snapshot.text, restored.text);
      if (merged !== null) this.applyOwnChange(merged, 'input.restore');
      else this.load(restored, null);
      this.afterChange();
      return true;
    });
  }

  /**
   * The file of the open post changed on disk (the watcher, or a publish record written by main). Its text is
   * adopted without a word when it is what the editor has, or what was last saved; a publish record is merged
   * in quietly; anything else reloads a clean post with a notice, or raises the conflict over unsaved text.
   */
  diskChanged(id: string, version?: string): Promise<void> {
    return this.enqueue(async () => {
      if (this.snapshot.id !== id || (version !== undefined && version === this.snapshot.version)) return;
      const result = await this.deps.api.openPost(id);
      if (!result.ok || this.snapshot.id !== id) return;
      this.adoptDisk(result.value);
    });
  }

  // ——— inside ———

  private adoptDisk(disk: OpenedPost): void {
    const s = this.snapshot;
    if (disk.version === s.version) return;
    if (disk.text === s.text || disk.text === s.savedText) {
      this.set({ version: disk.version, savedText: disk.text });
      this.afterChange();
      return;
    }
    if (onlyPublishRecordDiffers(s.savedText, disk.text)) {
      const merged = mergeText(s.savedText, s.text, disk.text);
      if (merged !== null) {
        this.set({ version: disk.version, savedText: disk.text });
        this.applyOwnChange(merged, 'input.publish');
        this.afterChange();
        return;
      }
    }
    if (!this.isDirty() && !this.saving) {
      this.load(disk, 'reloaded');
      return;
    }
    this.cancelAutosave();
    this.set({ conflict: { diskText: disk.text, diskVersion: disk.version } });
  }

  private async saveNow(force: boolean): Promise<boolean> {
    const start = this.snapshot;
    const id = start.id;
    if (id === null) return true;
    if (start.conflict && !force) return false;
    const text = start.text;
    const rev = this.rev;
    if (!this.textDiffers(start.savedText) && !force) return true;
    this.saving = true;
    this.set({ saveState: 'saving' });
    let result: Result<SaveResult>;
    try {
      result = await this.deps.api.savePost(id, { text, baseVersion: start.version, force });
    } catch (error) {
      result = { ok: false, error: { code: 'io', message: error instanceof Error ? error.message : String(error) } };
    } finally {
      this.saving = false;
    }
    if (!result.ok) {
      this.set({ saveState: 'failed', saveError: result.error });
      // Freed disk space or a writable folder again: the text goes to disk without another keystroke.
      this.scheduleSave(this.deps.retryMs ?? 5000);
      return false;
    }
    if (result.value.status === 'conflict') {
      this.set({ saveState: 'unsaved', conflict: { diskText: result.value.diskText, diskVersion: result.value.diskVersion } });
      return false;
    }
    this.savedAt = { rev, text };
    this.set({ version: result.value.version, savedText: text, saveError: null, conflict: null });
    this.afterChange();
    return true;
  }

  private load(post: OpenedPost | null, notice: PostNotice): void {
    this.cancelAutosave();
    const text = post?.text ?? '';
    const doc = parsePostDocument(text, this.context, this.snapshot.doc);
    this.replaceText(text);
    this.savedAt = { rev: this.rev, text };
    this.set({
      id: post?.id ?? null, savedText: text, version: post?.version ?? '', doc, settled: doc,
      saveState: 'saved', saveError: null, conflict: null, notice, loadSeq: this.snapshot.loadSeq + 1,
      readOnly: post?.readOnly ?? null,
    });
  }

  /** A change the store makes itself: new text now, and the same change for the editor. */
  private applyOwnChange(next: string, userEvent: string): void {
    const before = this.snapshot.text;
    const hunk = diffText(before, next);
    if (!hunk) return;
    this.setText(next);
    this.applying = true;
    try {
      for (const apply of this.appliers) apply({ ...hunk, before, after: next, userEvent });
    } finally {
      this.applying = false;
    }
  }

  private setText(text: string): void {
    const doc = parsePostDocument(text, this.context, this.snapshot.doc);
    this.replaceText(text);
    this.set({ doc });
    this.scheduleSettle();
    this.afterChange();
  }

  /** A new text that is not an edit of the editor's: what changed is not known in spans from here on. */
  private replaceText(text: string): void {
    this.lazy = eagerText(text);
    this.rev++;
    this.log = [];
    this.logStart = this.rev;
    this.snapshot = withText(this.snapshot, this.lazy);
  }

  /** Save state and autosave follow whether the text differs from what is on disk. */
  private afterChange(): void {
    const s = this.snapshot;
    if (s.id === null) return;
    const dirty = this.textDiffers(s.savedText);
    if (!this.saving && s.saveState !== 'failed') this.set({ saveState: dirty ? 'unsaved' : 'saved' });
    if (!this.saving && s.saveState === 'failed' && !dirty) this.set({ saveState: 'saved', saveError: null });
    this.cancelAutosave();
    if (dirty && !s.conflict) this.scheduleSave(this.deps.autosaveMs ?? 1000);
  }

  private scheduleSave(ms: number): void {
    this.cancelAutosave();
    this.autosaveTimer = this.timers.setTimeout(() => {
      this.autosaveTimer = null;
      void this.enqueue(() => this.saveNow(false));
    }, ms);
  }

  private scheduleSettle(): void {
    if (this.settleTimer !== null) this.timers.clearTimeout(this.settleTimer);
    this.settleTimer = this.timers.setTimeout(() => {
      this.settleTimer = null;
      if (this.snapshot.settled !== this.snapshot.doc) this.set({ settled: this.snapshot.doc });
    }, this.deps.settleMs ?? 300);
  }

  private cancelAutosave(): void {
    if (this.autosaveTimer !== null) this.timers.clearTimeout(this.autosaveTimer);
    this.autosaveTimer = null;
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private set(patch: Partial<Omit<PostSnapshot, 'text'>>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof typeof patch)[]) {
      if (this.snapshot[key] !== patch[key]) changed = true;
    }
    if (!changed) return;
    this.snapshot = withText({ ...fieldsOf(this.snapshot), ...patch }, this.lazy);
    for (const listener of this.listeners) listener();
  }
}

/** Edits kept for {@link PostDocumentStore.changeSince}; the journal asks every few hundred milliseconds. */
const MAX_LOG = 2000;

type SnapshotFields = Omit<PostSnapshot, 'text'>;

const FIELD_KEYS = [
  'id', 'savedText', 'version', 'doc', 'settled', 'saveState', 'saveError', 'conflict', 'notice', 'loadSeq', 'readOnly',
] as const satisfies readonly (keyof SnapshotFields)[];

function fieldsOf(s: PostSnapshot): SnapshotFields {
  const out: Partial<Record<keyof SnapshotFields, unknown>> = {};
  for (const key of FIELD_KEYS) out[key] = s[key];
  return out as SnapshotFields;
}

/** A snapshot whose `text` is made a string when first read (and then kept). */
function withText(fields: SnapshotFields | PostSnapshot, lazy: LazyText): PostSnapshot {
  const out = ('text' in fields ? fieldsOf(fields) : { ...fields }) as PostSnapshot;
  Object.defineProperty(out, 'text', { get: () => lazy.value(), enumerable: true });
  return Object.freeze(out);
}

/** Two successive edits as one: `a` turned text 0 into text 1, `b` text 1 into text 2. */
export function mergeSpans(a: EditSpan, b: EditSpan): EditSpan {
  const from = Math.min(a.from, b.from);
  // The covered range in text 1, then mapped back to text 0 and forward to text 2.
  const end1 = Math.max(a.toB, b.toA);
  const toA = end1 >= a.toB ? end1 - (a.toB - a.toA) : a.toA;
  const toB = end1 >= b.toA ? end1 + (b.toB - b.toA) : b.toB;
  return { from, toA, toB };
}

/** Whether two texts differ only in the `publish:` records main writes after publishing. */
function onlyPublishRecordDiffers(a: string, b: string): boolean {
  const strippedA = removeFrontMatterKeys(a, ['publish']);
  const strippedB = removeFrontMatterKeys(b, ['publish']);
  return strippedA !== null && strippedA === strippedB;
}
