import { z } from 'zod';
import { postIdSchema } from './post.js';

/** Longest post text the IPC accepts (the same bound as savePost's). */
export const MAX_RECOVERY_CHARS = 20_000_000;

/** What the renderer journals while a post has unsaved text: the text and the disk version it was based on. */
export const recoveryWriteSchema = z
  .object({ text: z.string().max(MAX_RECOVERY_CHARS), baseVersion: z.string().max(128) })
  .strict();
export type RecoveryWrite = z.infer<typeof recoveryWriteSchema>;

/**
 * A change to the text main journaled last for a post (`baseSeq` names that write), or, without `baseSeq`, to the
 * post as it is on disk at `baseVersion` (the first write after a save): while typing in a long post the renderer
 * sends only what changed instead of the whole text every few hundred milliseconds.
 */
export const recoveryPatchSchema = z
  .object({
    baseSeq: z.number().int().min(0).optional(),
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    insert: z.string().max(MAX_RECOVERY_CHARS),
    baseVersion: z.string().max(128),
  })
  .strict()
  .refine((p) => p.to >= p.from, { message: 'Bereich endet vor seinem Anfang' });
export type RecoveryPatch = z.infer<typeof recoveryPatchSchema>;

/** What a journal write answers: when it was written and the number a later patch names as its base. */
export const recoveryWrittenSchema = z.object({ savedMs: z.number(), seq: z.number().optional() });

/** One journaled unsaved text, next to what is on disk now (null when the post is gone). */
export const recoveryEntrySchema = z.object({
  id: postIdSchema,
  text: z.string(),
  baseVersion: z.string(),
  savedMs: z.number(),
  diskText: z.string().nullable(),
});
export type RecoveryEntry = z.infer<typeof recoveryEntrySchema>;

/** The answer to a flush request: did the renderer's last save go through. */
export const flushResultSchema = z.object({ saved: z.boolean() }).strict();
export const flushRequestIdSchema = z.string().min(1).max(100);
