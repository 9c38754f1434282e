import { z } from 'zod';
import { postIdSchema } from './post.js';

/**
 * Exporting a post (standalone HTML or PDF) or the whole library (a ZIP for backup). Paths never cross IPC:
 * in the app main asks where to save with its own save dialog; in the web host the result waits in a temp file
 * named by a one-time token that the browser downloads (or opens to print).
 */

export const EXPORT_KINDS = ['html', 'pdf', 'zip'] as const;
/** What the export dialog offers: a post as HTML, a post as PDF, the library as a ZIP. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** `inline`: one self-contained .html file with the images as data: URLs; `folder`: `<slug>/index.html` + the image files. */
export const exportImageModeSchema = z.enum(['inline', 'folder']);
export type ExportImageMode = z.infer<typeof exportImageModeSchema>;

export const exportPostRequestSchema = z
  .object({
    postId: postIdSchema,
    format: z.enum(['html', 'pdf']),
    /** HTML only; a PDF always carries its images. */
    images: exportImageModeSchema,
  })
  .strict();
export type ExportPostRequest = z.infer<typeof exportPostRequestSchema>;

export const downloadTokenSchema = z.string().regex(/^[a-f0-9]{32}$/);

const fileName = z.string().min(1).max(300);
const size = z.number().int().nonnegative();

export const exportOutcomeSchema = z.discriminatedUnion('outcome', [
  /** Written where the user chose (the app's save dialog): only the name comes back, never the path. */
  z.object({ outcome: z.literal('saved'), fileName, size }),
  /** The user closed the save dialog: nothing was written. */
  z.object({ outcome: z.literal('cancelled') }),
  /** The web host: the result waits for one download under `/download/<token>`. */
  z.object({ outcome: z.literal('download'), downloadToken: downloadTokenSchema, fileName, size }),
  /** The web host's PDF: the exported HTML, to be opened in a tab and printed with the browser's print dialog. */
  z.object({ outcome: z.literal('print'), downloadToken: downloadTokenSchema, fileName, size }),
]);
export type ExportOutcome = z.infer<typeof exportOutcomeSchema>;

/** The library ZIP's progress, after every few files. */
export const exportProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Bytes of the library read so far (not yet the ZIP's size). */
  bytes: z.number().nonnegative(),
});
export type ExportProgress = z.infer<typeof exportProgressSchema>;
