import { z } from 'zod';

/** Why a version of a post was kept. */
export const historyReasonSchema = z.enum(['opened', 'save', 'publish', 'import', 'take-theirs', 'restore', 'rename']);
export type HistoryReason = z.infer<typeof historyReasonSchema>;

/**
 * A version's name: `<ms>-<reason>-<words>-<hash8>` — its time, why it was kept, its word count and the start of
 * its text's hash. Only these characters, so a version id can never name a path.
 */
export const historyVersionIdSchema = z
  .string()
  .max(80)
  .regex(/^\d{13}-(?:opened|save|publish|import|take-theirs|restore|rename)-\d{1,9}-[0-9a-f]{8}$/, 'Ungültige Versions-ID');

/** One kept version of a post, as the history panel lists it (newest first). */
export const historyVersionSchema = z.object({
  versionId: historyVersionIdSchema,
  timeMs: z.number(),
  reason: historyReasonSchema,
  words: z.number().int().min(0),
  /** Words more (or fewer) than the version before it; null for the oldest. */
  wordChange: z.number().int().nullable(),
});
export type HistoryVersion = z.infer<typeof historyVersionSchema>;

/** Longest text a snapshot request carries (the same bound as savePost's). */
export const MAX_HISTORY_CHARS = 20_000_000;

/** The renderer's own snapshot: the editor's text before „Fremde übernehmen“ replaces it. */
export const historySnapshotRequestSchema = z
  .object({ text: z.string().max(MAX_HISTORY_CHARS), reason: z.literal('take-theirs') })
  .strict();
export type HistorySnapshotRequest = z.infer<typeof historySnapshotRequestSchema>;

/** A restore is refused (`conflict`) when the file is no longer the version the editor last saved. */
export const historyRestoreRequestSchema = z.object({ baseVersion: z.string().max(128) }).strict();
export type HistoryRestoreRequest = z.infer<typeof historyRestoreRequestSchema>;
