import type { PostDocument, PostDocumentContext } from '../../electron/common/markdown/post-document';
import type { OpenedPost, SaveResult } from '../../electron/common/model/post';
import type { AppError, Result } from '../../electron/common/result';
import type { TextHunk } from './text-diff';

/** The shapes the post-document store hands out and takes in. */

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

export interface Conflict {
  diskText: string;
  diskVersion: string;
}

export type PostNotice = 'reloaded' | null;

export interface PostSnapshot {
  id: string | null;
  /** The current text, as the editor shows it. */
  text: string;
  /** The text as last saved to or read from disk. */
  savedText: string;
  /** The disk version `savedText` has (a content hash from main). */
  version: string;
  /** `text` parsed; a new value with each change. */
  doc: PostDocument;
  /** The document as of the last pause in typing: what the image panel and counts read. */
  settled: PostDocument;
  saveState: SaveState;
  saveError: AppError | null;
  conflict: Conflict | null;
  notice: PostNotice;
  /** Bumped whenever the editor's whole document is replaced (open, reload, take theirs). */
  loadSeq: number;
  /** Set while the post may only be read (its file is not UTF-8); nothing is saved until it is converted. */
  readOnly: NonNullable<OpenedPost['readOnly']> | null;
}

/** A change the store made to the text, for the editor to apply: `before` is the text it applies to. */
export interface TextChange extends TextHunk {
  before: string;
  after: string;
  userEvent: string;
}

/** The part of the IPC api the store uses; a test passes one built on a real PostStore. */
export interface PostDocumentApi {
  openPost(id: string): Promise<Result<OpenedPost>>;
  savePost(id: string, body: { text: string; baseVersion: string; force?: boolean }): Promise<Result<SaveResult>>;
  renamePost(id: string, slug: string): Promise<Result<OpenedPost>>;
  /** Rewrites a read-only (not UTF-8) post as UTF-8, after the user asked for it. */
  convertPostToUtf8?(id: string): Promise<Result<OpenedPost>>;
  /** Keeps the text on disk as a version, then saves the kept version `versionId` over it (version history). */
  restorePostVersion?(id: string, versionId: string, body: { baseVersion: string }): Promise<Result<OpenedPost>>;
  /** Keeps the editor's text as a version before „Fremde übernehmen“ replaces it. */
  snapshotPost?(id: string, body: { text: string; reason: 'take-theirs' }): Promise<Result<unknown>>;
}

export interface StoreTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PostDocumentStoreDeps {
  api: PostDocumentApi;
  context: PostDocumentContext;
  timers?: StoreTimers;
  /** Autosave after this pause in typing; default 1000 ms. */
  autosaveMs?: number;
  /** The `settled` document follows after this pause; default 300 ms. */
  settleMs?: number;
  /** A failed save is tried again after this long while the text stays unsaved; default 5000 ms. */
  retryMs?: number;
  /** Errors of operations that are not about saving (opening, renaming) for the UI to show. */
  onError?: (error: AppError) => void;
  /**
   * Keeps a copy of text that could not be saved when the user leaves the post anyway (api.writeRecovery once
   * that exists). Without it „leave anyway“ still leaves, and the text is gone.
   */
  keepRecoveryCopy?: (id: string, text: string, baseVersion: string) => Promise<unknown> | void;
}

/** How an attempt to leave the open post (switch, new, duplicate, delete, restore) ended. */
export type SwitchOutcome = 'switched' | 'blocked' | 'failed';
