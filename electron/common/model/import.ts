import { z } from 'zod';
import { blogIdSchema } from './blog.js';
import { postIdSchema } from './post.js';

/**
 * Bringing posts that are already online home as Markdown („Beiträge holen“): what the renderer may ask for and
 * what it is told. Paths of export files never cross IPC; the file is named by a token main handed out when the
 * user chose it (Electron's open dialog, or the web host's upload route).
 */

export const remoteIdListSchema = z.array(z.string().min(1).max(200)).max(20_000);

/** One page of a blog's posts, as the import dialog lists them. */
export const remotePostQuerySchema = z.object({
  page: z.number().int().min(1).max(100_000),
  perPage: z.number().int().min(1).max(100),
  search: z.string().max(200),
  includePages: z.boolean(),
});
export type RemotePostQuery = z.infer<typeof remotePostQuerySchema>;

export const remotePostSummarySchema = z.object({
  remoteId: z.string(),
  title: z.string(),
  /** Site-local time as the blog gives it. */
  date: z.string(),
  /** The blog's status word (publish, draft, future, pending, private). */
  status: z.string(),
  type: z.enum(['post', 'page']),
  /** The local post that already holds it (imported or published before), or null. */
  localPostId: postIdSchema.nullable(),
});
export type RemotePostSummary = z.infer<typeof remotePostSummarySchema>;

export const remotePostPageSchema = z.object({
  posts: z.array(remotePostSummarySchema),
  /** How many posts match in all, when the blog says so. */
  total: z.number().int().nonnegative().nullable(),
  nextPage: z.number().int().min(2).nullable(),
});
export type RemotePostPage = z.infer<typeof remotePostPageSchema>;

export const importFileTokenSchema = z.string().regex(/^[a-f0-9]{32}$/);

export const importRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('blog'),
    blogId: blogIdSchema,
    /** The chosen posts, or null for all of them. */
    remoteIds: remoteIdListSchema.nullable(),
    includePages: z.boolean(),
    /** Posts whose local copy changed since the last import and that the user agreed to overwrite. */
    overwriteLocal: remoteIdListSchema,
  }),
  z.object({
    kind: z.literal('wxr'),
    fileToken: importFileTokenSchema,
    /** The connected blog the export belongs to (publish records are written for it), or null. */
    blogId: blogIdSchema.nullable(),
    /** False keeps the images' remote addresses (offline); „Bilder herunterladen“ fetches them later. */
    downloadImages: z.boolean(),
    includePages: z.boolean(),
    overwriteLocal: remoteIdListSchema,
  }),
]);
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const importItemOutcomeSchema = z.enum([
  /** A new post folder was written. */
  'created',
  /** The post was imported before and was updated in its folder. */
  'updated',
  /** Imported before, nothing changed online. */
  'unchanged',
  /** The local copy changed since the last import: left alone until the user agrees to overwrite it. */
  'local-changes',
  'failed',
]);
export type ImportItemOutcome = z.infer<typeof importItemOutcomeSchema>;

export const importItemResultSchema = z.object({
  remoteId: z.string(),
  title: z.string(),
  postId: postIdSchema.nullable(),
  outcome: importItemOutcomeSchema,
  /** For `failed` (and image problems of an otherwise imported post): a sentence in the UI language. */
  message: z.string().nullable(),
  /** Images that could not be downloaded and still point to the blog. */
  imagesMissing: z.number().int().nonnegative(),
});
export type ImportItemResult = z.infer<typeof importItemResultSchema>;

export const importJobStateSchema = z.enum(['running', 'done', 'cancelled', 'failed']);

/** The state of an import, pushed after every post (`importProgress` event) and returned when asked. */
export const importJobSchema = z.object({
  jobId: z.string().regex(/^[a-z0-9-]{1,64}$/),
  state: importJobStateSchema,
  /** Posts handled so far, and how many there are (null while an export is still being read). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  /** The title of the post being imported now. */
  current: z.string().nullable(),
  results: z.array(importItemResultSchema),
  /** Why the whole import stopped (state `failed`), in the UI language. */
  message: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** A chosen export file, named by its token. */
export const importFileSchema = z.object({
  fileToken: importFileTokenSchema,
  /** The file's name without its folder, to show. */
  name: z.string().max(1000),
  size: z.number().int().nonnegative(),
  /** The blog the export came from (its `<link>`), when the head of the file says so. */
  site: z.string().max(2000).nullable(),
});
export type ImportFile = z.infer<typeof importFileSchema>;

/** The web host has no open dialog: the browser sends the chosen file's bytes. */
export const importFileUploadSchema = z.object({
  name: z.string().min(1).max(1000),
  bytes: z.instanceof(Uint8Array, { message: 'Keine Dateidaten' }),
});
