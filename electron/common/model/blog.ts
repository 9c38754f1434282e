import { z } from 'zod';
import { postIdSchema } from './post.js';
import { FEATURED_TWICE_SETTINGS } from '../markdown/featured-twice.js';

/**
 * Blogs the user publishes to, publishing outcomes and outbox jobs: everything about publishing that crosses
 * the process boundary. Secrets never appear in here — a blog only says whether one is stored.
 */

/** Which publisher serves a blog; one entry per publisher in main's registry. */
export const BLOG_KINDS = ['wordpress', 'wordpress-com', 'wordpress-xmlrpc', 'metaweblog', 'micropub', 'ghost'] as const;
export const blogKindSchema = z.enum(BLOG_KINDS);
export type BlogKind = z.infer<typeof blogKindSchema>;

/** Block-editor markup (Gutenberg, the default) or classic HTML. */
export const BLOG_OUTPUTS = ['blocks', 'classic'] as const;
export type BlogOutput = (typeof BLOG_OUTPUTS)[number];

/** The status a post gets on the blog when its own `status:` is `draft`/`ready`: draft or publish at once. */
export const BLOG_DEFAULT_STATUSES = ['draft', 'publish'] as const;

/** A blog id: lower-case letters, digits and dashes (it is a key in every post's front matter). */
export const blogIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Ungültige Blog-ID' });
export type BlogId = z.infer<typeof blogIdSchema>;

/**
 * What happens to a photo between the library and the blog (the file in the library stays as it is): scaled to
 * `longestEdge` and recompressed (`shrink`), GPS position and camera serial numbers removed (`stripLocation`) while
 * creator, copyright and credit stay. Blogs set up before this existed have none stored and get the defaults.
 */
export const blogImagesSchema = z.object({
  shrink: z.boolean(),
  /** Pixels of the longer side at most. */
  longestEdge: z.number().int().min(320).max(12_000),
  stripLocation: z.boolean(),
});
export type BlogImages = z.infer<typeof blogImagesSchema>;
export const DEFAULT_BLOG_IMAGES: Readonly<BlogImages> = { shrink: true, longestEdge: 2560, stripLocation: true };

/** The blog's image settings, the defaults when it has none stored. */
export function blogImagesOf(blog: { images?: BlogImages | undefined }): BlogImages {
  return blog.images ?? { ...DEFAULT_BLOG_IMAGES };
}

export const blogSchema = z.object({
  id: blogIdSchema,
  kind: blogKindSchema,
  /** The blog's name as the blog reports it (editable). */
  name: z.string().max(200),
  /** The address the user gave, normalized (`https://example.org/`). */
  url: z.string().max(2048),
  /**
   * Where the blog's publisher sends requests: the REST API root (`https://example.org/wp-json/`,
   * `https://example.org/?rest_route=/`), or the XML-RPC endpoint (`https://example.org/xmlrpc.php`).
   */
  apiRoot: z.string().max(2048),
  /** The user name the secret belongs to; empty when the secret alone signs in (a bearer token). */
  user: z.string().max(200),
  /** WordPress.com over REST: the site (`example.wordpress.com` or its numeric id); XML-RPC: the blog id (`1`). */
  site: z.string().max(200),
  /** Where the user creates an application password in the browser, when the blog offers that page. */
  authorizeUrl: z.string().max(2048).nullable(),
  defaultStatus: z.enum(BLOG_DEFAULT_STATUSES),
  /** Category name used when a post names none; empty for the blog's own default. */
  defaultCategory: z.string().max(200),
  output: z.enum(BLOG_OUTPUTS),
  /** When the body opens with the featured image and the theme shows it too: ask, keep the body's (`body`) or both. */
  featuredTwice: z.enum(FEATURED_TWICE_SETTINGS).optional(),
  /** Absent: {@link DEFAULT_BLOG_IMAGES} (read through {@link blogImagesOf}). */
  images: blogImagesSchema.optional(),
});
export type Blog = z.infer<typeof blogSchema>;

/** A blog as the renderer sees it: the settings plus whether a secret is stored (never the secret). */
export const blogViewSchema = blogSchema.extend({ hasCredentials: z.boolean() });
export type BlogView = z.infer<typeof blogViewSchema>;

/**
 * Why a newly added blog is served by the kind it got: `chosen` by the user („Erweitert“), `hosted` (the host
 * decides, e.g. WordPress.com → XML-RPC), `preferred` (the first kind that found the blog), `fallback` (the
 * preferred kind is blocked there; `detail` says why, in German).
 */
export const blogChoiceSchema = z.object({
  reason: z.enum(['chosen', 'hosted', 'preferred', 'fallback']),
  /** The kind tried first, when it was not used. */
  insteadOf: blogKindSchema.nullable(),
  detail: z.string().nullable(),
});
export type BlogChoice = z.infer<typeof blogChoiceSchema>;

/** The answer to adding a blog: the blog, and why it is served the way it is. */
export const addedBlogSchema = blogViewSchema.extend({ choice: blogChoiceSchema });
export type AddedBlog = z.infer<typeof addedBlogSchema>;

/** What the renderer may change of a blog. */
export const blogPatchSchema = z
  .object({
    name: z.string().max(200),
    user: z.string().max(200),
    defaultStatus: z.enum(BLOG_DEFAULT_STATUSES),
    defaultCategory: z.string().max(200),
    output: z.enum(BLOG_OUTPUTS),
    featuredTwice: z.enum(FEATURED_TWICE_SETTINGS),
    images: blogImagesSchema,
  })
  .partial()
  .strict();
export type BlogPatch = z.infer<typeof blogPatchSchema>;

export const addBlogRequestSchema = z
  .object({
    /** The blog's address as typed (`example.org`, `https://example.org/blog`). */
    url: z.string().min(1).max(2048),
    kind: blogKindSchema.optional(),
  })
  .strict();
export type AddBlogRequest = z.infer<typeof addBlogRequestSchema>;

/** Write-only: user name and secret (a password, an application password or a token — the blog's publisher knows which). */
export const blogCredentialsSchema = z
  .object({
    user: z.string().max(200),
    secret: z.string().min(1).max(2000),
  })
  .strict();
export type BlogCredentials = z.infer<typeof blogCredentialsSchema>;

export const credentialCheckSchema = z.object({
  /** Whether the blog confirmed the sign-in; false when it could not be reached (the secret is stored anyway). */
  verified: z.boolean(),
  /** The account's display name, when verified. */
  accountName: z.string().nullable(),
  /** Why it is not verified (German), or null. */
  message: z.string().nullable(),
});
export type CredentialCheck = z.infer<typeof credentialCheckSchema>;

export const termSchema = z.object({ id: z.number().int(), name: z.string(), slug: z.string(), parent: z.number().int() });
export type Term = z.infer<typeof termSchema>;

/** A blog's categories and tags, cached in the config folder for offline use. */
export const blogTermsSchema = z.object({
  categories: z.array(termSchema),
  tags: z.array(termSchema),
  /** When they were last fetched (ISO time), or null when never. */
  fetchedAt: z.string().nullable(),
});
export type BlogTerms = z.infer<typeof blogTermsSchema>;

/**
 * Why publishing failed, as a code the UI can act on; every one comes with a German message.
 * `auth` 401 · `forbidden` 403 · `deleted-online` 404 on update · `not-found` 404 otherwise · `rest-disabled` ·
 * `tls` · `timeout` · `server` 5xx · `offline` · `bad-request` other 4xx · `invalid-response` · `conflict` ·
 * `problems` (checks failed) · `no-credentials` · `cancelled` · `internal` · `api-disabled` (the blog blocks the
 * interface its publisher uses, e.g. XML-RPC switched off).
 */
export const PUBLISH_ERROR_CODES = [
  'auth',
  'forbidden',
  'deleted-online',
  'not-found',
  'rest-disabled',
  'tls',
  'timeout',
  'server',
  'offline',
  'bad-request',
  'invalid-response',
  'conflict',
  'problems',
  'no-credentials',
  'cancelled',
  'internal',
  'api-disabled',
] as const;
export const publishErrorCodeSchema = z.enum(PUBLISH_ERROR_CODES);
export type PublishErrorCode = z.infer<typeof publishErrorCodeSchema>;

export const publishErrorSchema = z.object({
  code: publishErrorCodeSchema,
  message: z.string(),
  /** Whether the outbox retries by itself (offline, timeout, 5xx). */
  retriable: z.boolean(),
  /** The last part of `message`: what the user can do next (German). Absent in job files from before. */
  next: z.string().optional(),
});
export type PublishError = z.infer<typeof publishErrorSchema>;

/** Something to fix before publishing; `message` is German. */
export const publishProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The image concerned, when there is one. */
  file: z.string().nullable(),
  /** 1-based line in the post's text, when known. */
  line: z.number().int().nullable(),
});
export type PublishProblem = z.infer<typeof publishProblemSchema>;

/**
 * What to do when the post was changed online since the last publish: `ask` (answer `conflict`), `overwrite`, or
 * — after the answer `deleted-online` — `publish-anew`: forget the old remote id and create the post again.
 */
export const CONFLICT_CHOICES = ['ask', 'overwrite', 'publish-anew'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];
export const publishOptionsSchema = z.object({ onConflict: z.enum(CONFLICT_CHOICES) }).strict();
export type PublishOptions = z.infer<typeof publishOptionsSchema>;

/** The online version when it changed since the last publish. */
export const onlineVersionSchema = z.object({
  /** The post's id on the blog (opaque; older job files hold numbers). */
  remoteId: z.union([z.string(), z.number()]).transform((id) => String(id)),
  title: z.string(),
  link: z.string(),
  /** When it was changed online (GMT, as the blog reports it). */
  modifiedGmt: z.string(),
  /** What Kladde stored at its last publish. */
  storedModifiedGmt: z.string(),
});
export type OnlineVersion = z.infer<typeof onlineVersionSchema>;

/** Progress of a job: images n of m, then the post itself. */
export const publishProgressSchema = z.object({
  phase: z.enum(['prepare', 'terms', 'images', 'post', 'save']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /**
   * Images phase: how many files went up so far (`files`; found on the blog counts not), the bytes of their
   * library files (`original`) and what went over the wire after scaling and recompressing (`sent`). Absent in
   * other phases and in job files from before.
   */
  bytes: z.object({ files: z.number().int().nonnegative(), original: z.number().int().nonnegative(), sent: z.number().int().nonnegative() }).optional(),
});
export type PublishProgress = z.infer<typeof publishProgressSchema>;

/** English codes; the UI shows „wartet“, „wird gesendet“, „fehlgeschlagen“, „erledigt“, „abgebrochen“. */
export const JOB_STATES = ['waiting', 'sending', 'failed', 'done', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_STATE_LABELS_DE: Readonly<Record<JobState, string>> = {
  waiting: 'wartet',
  sending: 'wird gesendet',
  failed: 'fehlgeschlagen',
  done: 'erledigt',
  cancelled: 'abgebrochen',
};

/**
 * How the blog keeps the post after a publish. Only `publish` is public at its link; a draft, a post waiting for
 * review (`pending`), a private or a scheduled (`future`) one gives readers a 404 there, so the UI names it and
 * points at the blog's editor instead. `unknown`: a job finished before Kladde recorded this.
 */
export const REMOTE_STATUSES = ['publish', 'future', 'draft', 'pending', 'private', 'unknown'] as const;
export type RemoteStatus = (typeof REMOTE_STATUSES)[number];

/** What the blog answered to a publish. Old job files without the newer fields still read. */
export const publishedPostSchema = z.object({
  /** The post's id on the blog (opaque; older job files hold numbers). */
  remoteId: z.union([z.string(), z.number()]).transform((id) => String(id)),
  /** The post's public address (readers get it only when `remoteStatus` is `publish`). */
  link: z.string(),
  remoteStatus: z.enum(REMOTE_STATUSES).catch('unknown'),
  /** Where the author edits the post in the blog's own editor; empty when the blog has none. */
  editUrl: z.string().catch(''),
  /** The post's date as the blog stores it (site-local time), e.g. when a scheduled post goes out. */
  date: z.string().catch(''),
});
export type PublishedPost = z.infer<typeof publishedPostSchema>;

export const outboxJobSchema = z.object({
  id: z.string(),
  postId: postIdSchema,
  blogId: blogIdSchema,
  /** The post's title when queued, for the list. */
  title: z.string(),
  state: z.enum(JOB_STATES),
  options: publishOptionsSchema,
  createdAt: z.string(),
  attempts: z.number().int().nonnegative(),
  /** When the outbox tries again by itself (ISO), for `waiting` jobs after a failure. */
  nextAttemptAt: z.string().nullable(),
  /** Why the last attempt failed (`waiting`: will retry; `failed`: needs the user). */
  error: publishErrorSchema.nullable(),
  progress: publishProgressSchema.nullable(),
  /** Set when done. */
  result: publishedPostSchema.nullable(),
  /** Set when the post changed online (state `failed`, error `conflict`). */
  conflict: onlineVersionSchema.nullable(),
});
export type OutboxJob = z.infer<typeof outboxJobSchema>;

/**
 * The answer to `publishPost`:
 * - `done`: sent, with what the blog made of it (`remoteStatus`: public, scheduled, draft …) and its links;
 * - `problems`: the checks failed, nothing was sent;
 * - `conflict`: changed online since the last publish — the user chooses overwrite (publish again with
 *   `onConflict: 'overwrite'`), download a copy (`downloadOnlineCopy`) or cancel (`cancelJob`);
 * - `queued`: the blog cannot be reached; the job waits in the outbox and goes out when it can;
 * - `failed`: needs the user (wrong password, no rights, deleted online …); the job stays in the outbox as failed.
 */
export const publishOutcomeSchema = z.discriminatedUnion('status', [
  publishedPostSchema.extend({ status: z.literal('done'), jobId: z.string() }),
  z.object({ status: z.literal('problems'), problems: z.array(publishProblemSchema) }),
  z.object({ status: z.literal('conflict'), jobId: z.string(), online: onlineVersionSchema }),
  z.object({ status: z.literal('queued'), jobId: z.string(), error: publishErrorSchema }),
  z.object({ status: z.literal('failed'), jobId: z.string(), error: publishErrorSchema }),
]);
export type PublishOutcome = z.infer<typeof publishOutcomeSchema>;
