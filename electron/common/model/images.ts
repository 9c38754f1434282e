import { z } from 'zod';
import { creditPatchSchema } from './attribution.js';
import { MAX_BODY_BYTES, MAX_BODY_MB } from '../ipc/limits.js';

/** The image formats Kladde takes into a post: what browsers show and blogs accept. Judged by content. */
export const IMAGE_TYPES = ['jpeg', 'png', 'gif', 'webp', 'avif'] as const;
export const imageTypeSchema = z.enum(IMAGE_TYPES);
export type ImageType = z.infer<typeof imageTypeSchema>;

/** Largest image the renderer may send as bytes (paste, upload); a file picked on disk may be larger. */
export const MAX_IMAGE_UPLOAD_BYTES = MAX_BODY_BYTES;

/** A file name as the user's system or the clipboard gives it; only a hint for the stored name. */
export const suggestedFileNameSchema = z.string().max(255);

export const imageUploadSchema = z
  .object({
    fileName: suggestedFileNameSchema,
    /**
     * The raw bytes: Electron's IPC clones them, the web host receives them as the request body. No base64,
     * so a 50 MB photo never passes through a string on the renderer's main thread.
     */
    bytes: z
      .instanceof(Uint8Array, { message: 'Keine Bilddaten' })
      .refine((b) => b.byteLength > 0, { message: 'Die Datei ist leer' })
      .refine((b) => b.byteLength <= MAX_IMAGE_UPLOAD_BYTES, { message: `Das Bild ist größer als ${MAX_BODY_MB} MB` }),
  })
  .strict();
export type ImageUpload = z.infer<typeof imageUploadSchema>;

/** What an image's own metadata (XMP, IPTC, EXIF) says about it, as found. */
export const imageMetadataFoundSchema = z.object({
  creator: z.string().optional(),
  credit: z.string().optional(),
  source: z.string().optional(),
  copyright: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  altText: z.string().optional(),
  licenseUrl: z.string().optional(),
});

/** Metadata of an image file: the raw findings and a prefill for the credit form (empty fields omitted). */
export const imageMetadataSchema = z.object({
  found: imageMetadataFoundSchema,
  suggestion: creditPatchSchema,
});
export type ImageMetadata = z.infer<typeof imageMetadataSchema>;

/** An image file in a post's folder. */
export const postImageFileSchema = z.object({
  /** Path relative to the post's folder with `/`, as Markdown references it and `images:` keys it. */
  name: z.string(),
  type: imageTypeSchema,
  mime: z.string(),
  size: z.number().int().nonnegative(),
  /** SHA-256 of the content, hex: the same content is stored once, and published once. */
  hash: z.string(),
  modifiedMs: z.number(),
});
export type PostImageFile = z.infer<typeof postImageFileSchema>;

/** The result of taking an image into a post. */
export const importedImageSchema = postImageFileSchema.extend({
  /** True when a file with the same content was already in the folder and is used instead of a copy. */
  reused: z.boolean(),
  /** What to insert at the cursor, e.g. `![](sonnenuntergang.jpg)`. */
  markdown: z.string(),
  metadata: imageMetadataSchema,
});
export type ImportedImage = z.infer<typeof importedImageSchema>;
