import { z } from 'zod';
import { blogThemeSchema } from '../blog-theme/blog-theme.js';
import {
  openedPostSchema,
  postIdSchema,
  postSummarySchema,
  saveResultSchema,
  slugSchema,
  trashEntrySchema,
} from '../model/post.js';
import { settingsPatchSchema, settingsSchema } from '../model/settings.js';
import { imageMetadataSchema, imageUploadSchema, importedImageSchema, postImageFileSchema } from '../model/images.js';
import { postProblemSchema } from '../markdown/image-problems.js';
import { publishRecordSchema } from '../markdown/front-matter-publish.js';
import { thirdPartyEntrySchema } from '../markdown/third-party.js';
import {
  spellCheckRequestSchema,
  spellCheckResultSchema,
  spellSuggestRequestSchema,
  spellSuggestResultSchema,
  spellWordResultSchema,
  spellWordSchema,
} from '../model/spell.js';
import {
  addBlogRequestSchema,
  addedBlogSchema,
  blogCredentialsSchema,
  blogIdSchema,
  blogPatchSchema,
  blogTermsSchema,
  blogViewSchema,
  credentialCheckSchema,
  outboxJobSchema,
  publishOptionsSchema,
  publishOutcomeSchema,
  publishProblemSchema,
} from '../model/blog.js';
import {
  flushRequestIdSchema,
  flushResultSchema,
  recoveryEntrySchema,
  recoveryWriteSchema,
  recoveryPatchSchema,
  recoveryWrittenSchema,
} from '../model/recovery.js';
import {
  importFileSchema,
  importFileUploadSchema,
  importJobIdSchema,
  importJobSchema,
  importRequestSchema,
  remotePostPageSchema,
  remotePostQuerySchema,
} from '../model/import.js';
import { searchHitSchema, searchRequestSchema } from '../model/search.js';
import { COMMAND_IDS } from '../model/commands.js';
import {
  historyRestoreRequestSchema,
  historySnapshotRequestSchema,
  historyVersionIdSchema,
  historyVersionSchema,
} from '../model/history.js';
import { exportOutcomeSchema, exportPostRequestSchema, exportProgressSchema } from '../model/export.js';
import type { Result } from '../result.js';

const MAX_POST_CHARS = 20_000_000;

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  transport: z.enum(['electron', 'web']),
  systemLanguage: z.string(),
  libraryPath: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/**
 * The whole renderer ↔ main surface: one entry per channel with the schema of its arguments and of its result.
 * Types are inferred from here; main validates every call against it before a handler runs.
 */
export const contract = {
  appInfo: { args: z.tuple([]), result: appInfoSchema },
  listPosts: { args: z.tuple([]), result: z.array(postSummarySchema) },
  openPost: { args: z.tuple([postIdSchema]), result: openedPostSchema },
  createPost: {
    args: z.tuple([z.object({ title: z.string().max(500) }).strict()]),
    result: openedPostSchema,
  },
  savePost: {
    args: z.tuple([
      postIdSchema,
      z
        .object({ text: z.string().max(MAX_POST_CHARS), baseVersion: z.string().max(128), force: z.boolean() })
        .strict(),
    ]),
    result: saveResultSchema,
  },
  renamePost: { args: z.tuple([postIdSchema, slugSchema]), result: openedPostSchema },
  duplicatePost: { args: z.tuple([postIdSchema]), result: openedPostSchema },
  deletePost: { args: z.tuple([postIdSchema]), result: trashEntrySchema },
  listTrash: { args: z.tuple([]), result: z.array(trashEntrySchema) },
  restorePost: { args: z.tuple([z.string().min(1).max(300)]), result: openedPostSchema },
  /** Rewrites a post that opened read-only (not UTF-8) as UTF-8, after the user agreed; returns it opened anew. */
  convertPostToUtf8: { args: z.tuple([postIdSchema]), result: openedPostSchema },
  getSettings: { args: z.tuple([]), result: settingsSchema },
  setSettings: { args: z.tuple([settingsPatchSchema]), result: settingsSchema },
  spellCheck: { args: z.tuple([spellCheckRequestSchema]), result: spellCheckResultSchema },
  spellSuggest: { args: z.tuple([spellSuggestRequestSchema]), result: spellSuggestResultSchema },
  spellAddWord: { args: z.tuple([spellWordSchema]), result: spellWordResultSchema },
  spellIgnoreWord: { args: z.tuple([spellWordSchema]), result: spellWordResultSchema },
  /** Stores image bytes (paste, drop, upload) in the post's folder; judged by content, each content once. */
  importImage: { args: z.tuple([postIdSchema, imageUploadSchema]), result: importedImageSchema },
  /** What an image file says about its credit (XMP/IPTC/EXIF), with a prefill for the credit form. */
  imageMetadata: { args: z.tuple([postIdSchema, z.string().min(1).max(1000)]), result: imageMetadataSchema },
  /** The image files in a post's folder with size and content hash. */
  listPostImages: { args: z.tuple([postIdSchema]), result: z.array(postImageFileSchema) },
  /** All image problems of the post as saved (missing credit, alt text, file; malformed `images:`). */
  postProblems: { args: z.tuple([postIdSchema]), result: z.array(postProblemSchema) },
  /** The blogs set up, each saying whether a secret is stored (never the secret). */
  listBlogs: { args: z.tuple([]), result: z.array(blogViewSchema) },
  /** Finds a blog's REST API from its address and adds it; credentials follow with setBlogCredentials. */
  addBlog: { args: z.tuple([addBlogRequestSchema]), result: addedBlogSchema },
  updateBlog: { args: z.tuple([blogIdSchema, blogPatchSchema]), result: blogViewSchema },
  /** Removes the blog, its stored secret and its cached terms (posts keep their `publish:` records). */
  removeBlog: { args: z.tuple([blogIdSchema]), result: z.object({ removed: z.literal(true) }) },
  /** Write-only: checks the sign-in and stores the secret encrypted. Wrong credentials are refused. */
  setBlogCredentials: { args: z.tuple([blogIdSchema, blogCredentialsSchema]), result: credentialCheckSchema },
  hasBlogCredentials: { args: z.tuple([blogIdSchema]), result: z.boolean() },
  /**
   * Starts a sign-in in the browser (IndieAuth with PKCE, for Micropub sites): main listens on a loopback address
   * for the redirect and answers the address the renderer opens in the system browser.
   */
  beginBlogSignIn: { args: z.tuple([blogIdSchema]), result: z.object({ url: z.string() }) },
  /** Waits for the browser's redirect, trades the code for a token and stores it encrypted (never returned). */
  finishBlogSignIn: { args: z.tuple([blogIdSchema]), result: credentialCheckSchema },
  /** Stops waiting for the browser's redirect. */
  cancelBlogSignIn: { args: z.tuple([blogIdSchema]), result: z.object({ cancelled: z.boolean() }) },
  /** Categories and tags from the cache (works offline). */
  listBlogTerms: { args: z.tuple([blogIdSchema]), result: blogTermsSchema },
  /** Fetches categories and tags from the blog and caches them. */
  refreshBlogTerms: { args: z.tuple([blogIdSchema]), result: blogTermsSchema },
  /** What must be fixed before the saved post can go to this blog; empty when it can. */
  checkPublish: { args: z.tuple([postIdSchema, blogIdSchema]), result: z.array(publishProblemSchema) },
  /** The Datenschutz check: what the saved post, published to this blog, would load from third parties, with the choices. */
  listThirdParty: { args: z.tuple([postIdSchema, blogIdSchema]), result: z.array(thirdPartyEntrySchema) },
  /** Publishes the saved post through the outbox and waits for the first attempt. */
  publishPost: { args: z.tuple([postIdSchema, blogIdSchema, publishOptionsSchema]), result: publishOutcomeSchema },
  /** Saves the online version of a published post as a new local post (the answer to a conflict). */
  downloadOnlineCopy: { args: z.tuple([postIdSchema, blogIdSchema]), result: openedPostSchema },
  listOutbox: { args: z.tuple([]), result: z.array(outboxJobSchema) },
  /** Cancels a job (aborting a running attempt) and removes it from the outbox; also clears finished jobs. */
  cancelJob: { args: z.tuple([z.string().min(1).max(100)]), result: z.object({ cancelled: z.boolean() }) },
  /** Tries a waiting or failed job again now, e.g. with `onConflict: 'overwrite'`. */
  retryJob: { args: z.tuple([z.string().min(1).max(100), publishOptionsSchema]), result: publishOutcomeSchema },
  /** Journals a post's unsaved text (atomically, in the library), so a crash or a killed process loses nothing. */
  writeRecovery: { args: z.tuple([postIdSchema, recoveryWriteSchema]), result: recoveryWrittenSchema },
  /** Applies a change to the text main journaled last for the post (`conflict` when that is not `baseSeq`). */
  patchRecovery: { args: z.tuple([postIdSchema, recoveryPatchSchema]), result: recoveryWrittenSchema },
  /** The journaled texts that differ from what is on disk; entries equal to disk are removed on the way. */
  listRecovery: { args: z.tuple([]), result: z.array(recoveryEntrySchema) },
  /** Forgets a post's journaled text (after a save, or when the user discards it). */
  discardRecovery: { args: z.tuple([postIdSchema]), result: z.object({ discarded: z.boolean() }) },
  /** The renderer's answer to a `flushRequest` event: its last save went through (or not); the window may close. */
  flushDone: { args: z.tuple([flushRequestIdSchema, flushResultSchema]), result: z.object({ accepted: z.boolean() }) },
  /** The renderer saw the network come back: waiting outbox jobs go out now instead of after their pause. */
  networkRestored: { args: z.tuple([]), result: z.null() },
  /** One page of a connected blog's posts for „Beiträge holen“, each with the local post that holds it already. */
  listRemotePosts: { args: z.tuple([blogIdSchema, remotePostQuerySchema]), result: remotePostPageSchema },
  /** Electron: the open dialog for a WordPress export (the path stays in main); null when cancelled or in the web host. */
  chooseImportFile: { args: z.tuple([]), result: importFileSchema.nullable() },
  /** The web host's way: the export's bytes (at most the body limit), kept in a temp file named by a token. */
  uploadImportFile: { args: z.tuple([importFileUploadSchema]), result: importFileSchema },
  /** Starts an import; its progress comes as `importProgress` events; returns the job as it starts. */
  startImport: { args: z.tuple([importRequestSchema]), result: importJobSchema },
  cancelImport: { args: z.tuple([importJobIdSchema]), result: z.object({ cancelled: z.boolean() }) },
  /** Downloads the images an offline import left on the blog into their posts' folders (null: every post). */
  downloadImportedImages: { args: z.tuple([postIdSchema.nullable()]), result: importJobSchema },
  /** Searches title, body, tags, categories and image credits of every post (German folding, prefixes). */
  searchLibrary: { args: z.tuple([searchRequestSchema]), result: z.array(searchHitSchema) },
  /** The blog's captured look for the preview „Wie im Blog“, or null when none was captured yet. */
  getBlogTheme: { args: z.tuple([blogIdSchema]), result: blogThemeSchema.nullable() },
  /** Fetches the blog's stylesheets and one post page anew (capped, no scripts) into `.kladde/themes/<blog-id>/`. */
  refreshBlogTheme: { args: z.tuple([blogIdSchema]), result: blogThemeSchema },
  /** The kept versions of a post, newest first (time, why, words, change in words). */
  listPostVersions: { args: z.tuple([postIdSchema]), result: z.array(historyVersionSchema) },
  /** The text of one kept version. */
  readPostVersion: { args: z.tuple([postIdSchema, historyVersionIdSchema]), result: z.object({ text: z.string() }) },
  /** Keeps the text on disk as a version, then saves the chosen version over it (`conflict` unless at `baseVersion`). */
  restorePostVersion: { args: z.tuple([postIdSchema, historyVersionIdSchema, historyRestoreRequestSchema]), result: openedPostSchema },
  /** Keeps the editor's text as a version before „Fremde übernehmen“ replaces it; null when it was kept already. */
  snapshotPost: { args: z.tuple([postIdSchema, historySnapshotRequestSchema]), result: z.object({ version: historyVersionSchema.nullable() }) },
  /** A saved post as standalone HTML or PDF: saved where the user chooses (app) or offered as one download (web). */
  exportPost: { args: z.tuple([exportPostRequestSchema]), result: exportOutcomeSchema },
  /** The whole library as a ZIP for backup (progress as `exportProgress` events). */
  exportLibrary: { args: z.tuple([]), result: exportOutcomeSchema },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelArgs<C extends Channel> = z.infer<Contract[C]['args']>;
export type ChannelResult<C extends Channel> = z.infer<Contract[C]['result']>;

/** What the renderer sees: one async method per channel, errors as data. */
export type KladdeApi = {
  [C in Channel]: (...args: ChannelArgs<C>) => Promise<Result<ChannelResult<C>>>;
};

/** A write main made to a post itself, and what it changed (see `postChangedOnDisk`). */
export const ownPostWriteSchema = z.object({
  text: z.string(),
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('publish-record'), blogId: blogIdSchema, record: publishRecordSchema }),
  ]),
});
export type OwnPostWrite = z.infer<typeof ownPostWriteSchema>;

/** Pushes from main to the renderer. */
export const eventContract = {
  /**
   * The post's file changed. Without `byKladde` another program changed it (the renderer reloads or asks). With
   * `byKladde` main wrote it itself (`text` is what it wrote): the renderer adopts `version` without a notice —
   * taking `text` when it has no unsaved changes, else applying `change` to its own text (for `publish-record`:
   * `setPublishRecord(own, blogId, record)`) and saving that on top of `version`.
   */
  postChangedOnDisk: z.object({ id: postIdSchema, version: z.string(), byKladde: ownPostWriteSchema.optional() }),
  /**
   * Posts or folders of the library changed. `posts` names the post folders concerned when the watcher knows them
   * (the library search re-reads just those); without it anything may have changed.
   */
  libraryChanged: z.object({ posts: z.array(z.string()).optional() }),
  /** The outbox's jobs after any change (state, progress, result). */
  outboxChanged: z.object({ jobs: z.array(outboxJobSchema) }),
  /** The window is about to close: save now and answer with `flushDone(requestId, …)`. */
  flushRequest: z.object({ requestId: flushRequestIdSchema }),
  /** An import's state after every post (see startImport). */
  importProgress: importJobSchema,
  /** The library ZIP's progress (see exportLibrary). */
  exportProgress: exportProgressSchema,
  menuCommand: z.object({
    /** Every user command (see model/commands.ts): newPost, save, togglePreview, find, settings, about, … */
    command: z.enum(COMMAND_IDS),
  }),
} as const;
export type EventName = keyof typeof eventContract;
export type EventPayload<E extends EventName> = z.infer<(typeof eventContract)[E]>;

export type KladdeEvents = {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => () => void;
};
