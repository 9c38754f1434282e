import { z } from 'zod';
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
import {
  spellCheckRequestSchema,
  spellCheckResultSchema,
  spellSuggestRequestSchema,
  spellSuggestResultSchema,
  spellWordResultSchema,
  spellWordSchema,
} from '../model/spell.js';
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
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelArgs<C extends Channel> = z.infer<Contract[C]['args']>;
export type ChannelResult<C extends Channel> = z.infer<Contract[C]['result']>;

/** What the renderer sees: one async method per channel, errors as data. */
export type KladdeApi = {
  [C in Channel]: (...args: ChannelArgs<C>) => Promise<Result<ChannelResult<C>>>;
};

/** Pushes from main to the renderer. */
export const eventContract = {
  postChangedOnDisk: z.object({ id: postIdSchema, version: z.string() }),
  libraryChanged: z.object({}),
  menuCommand: z.object({
    command: z.enum([
      'newPost',
      'save',
      'togglePreview',
      'toggleSidebar',
      'find',
      'fixQuotes',
      'settings',
      'about',
    ]),
  }),
} as const;
export type EventName = keyof typeof eventContract;
export type EventPayload<E extends EventName> = z.infer<(typeof eventContract)[E]>;

export type KladdeEvents = {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => () => void;
};
