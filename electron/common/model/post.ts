import { z } from 'zod';

export const POST_STATUSES = ['draft', 'ready', 'published', 'scheduled'] as const;
export const postStatusSchema = z.enum(POST_STATUSES);
export type PostStatus = z.infer<typeof postStatusSchema>;

/**
 * A post id is the name of the post's folder inside the library: one path segment, never `.`/`..`,
 * never hidden, no separators. Main resolves it again and refuses anything outside the library.
 */
export const postIdSchema = z
  .string()
  .min(1)
  // 255 is the longest file name most file systems allow; ids Kladde makes itself stay far shorter.
  .max(255)
  .refine((id) => !/[/\\\0]/.test(id) && !id.startsWith('.') && id.trim() === id, {
    message: 'Ungültige Beitrags-ID',
  });
export type PostId = z.infer<typeof postIdSchema>;

/**
 * Slugs as WordPress stores them: lower-case ASCII letters, digits, underscores and dashes, plus lower-case
 * percent codes for characters it cannot transliterate (emoji), at most 200 characters.
 */
export const slugSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?:[a-z0-9_]|%[0-9a-f]{2})+(?:-(?:[a-z0-9_]|%[0-9a-f]{2})+)*$/, { message: 'Ungültiger Slug' });

/** The front-matter fields Kladde understands; every other key is kept untouched in the YAML text. */
export interface PostFields {
  title: string;
  slug: string;
  date: string;
  status: PostStatus;
  categories: string[];
  tags: string[];
  excerpt: string;
  image: string;
  lang: string;
  /** Pinned to the top of the blog's front page (`sticky: true`); absent means not pinned. */
  sticky: boolean;
  /** `open` or `closed` when the post says so (`comments: closed`); '' leaves it to the blog. */
  comments: '' | 'open' | 'closed';
}

export const KNOWN_FIELDS: readonly (keyof PostFields)[] = [
  'title',
  'slug',
  'date',
  'status',
  'categories',
  'tags',
  'excerpt',
  'image',
  'lang',
  'sticky',
  'comments',
];

export const postSummarySchema = z.object({
  id: postIdSchema,
  title: z.string(),
  status: postStatusSchema,
  date: z.string(),
  wordCount: z.number().int().nonnegative(),
  excerpt: z.string(),
  modifiedMs: z.number(),
  /**
   * Why the post may not open as usual, in words for the list: front matter that does not parse, a file that
   * cannot be read (permissions, a loop of links), is not UTF-8 or not text at all. The post is listed anyway.
   */
  problem: z.string().nullable(),
});
export type PostSummary = z.infer<typeof postSummarySchema>;

export const openedPostSchema = z.object({
  id: postIdSchema,
  text: z.string(),
  /** Content hash of what is on disk; a save names it so a changed file is never overwritten silently. */
  version: z.string(),
  /**
   * Set when the post may only be read: its file is not valid UTF-8 and was decoded as `encoding`. Saving is
   * refused (`not-utf8`) until the user converts it with `convertPostToUtf8`; `text` shows what that writes.
   */
  readOnly: z
    .object({ reason: z.literal('encoding'), encoding: z.literal('windows-1252') })
    .nullable()
    .optional(),
});
export type OpenedPost = z.infer<typeof openedPostSchema>;

export const saveResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), id: postIdSchema, version: z.string() }),
  z.object({ status: z.literal('conflict'), diskText: z.string(), diskVersion: z.string() }),
]);
export type SaveResult = z.infer<typeof saveResultSchema>;

export const trashEntrySchema = z.object({
  trashId: z.string(),
  originalId: postIdSchema,
  title: z.string(),
  deletedMs: z.number(),
});
export type TrashEntry = z.infer<typeof trashEntrySchema>;
