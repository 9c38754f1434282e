import { z } from 'zod';
import { creditTextOverridesSchema } from '../markdown/credits.js';
import { FEATURED_CREDIT_MODES } from '../markdown/render.js';

export const UI_LANGUAGES = ['system', 'de', 'en'] as const;
/** Light or dark colours; `system` follows the operating system (prefers-color-scheme). */
export const THEMES = ['system', 'light', 'dark'] as const;

export const settingsSchema = z.object({
  uiLanguage: z.enum(UI_LANGUAGES).default('system'),
  libraryPath: z.string().max(4096).default(''),
  previewVisible: z.boolean().default(true),
  /** Share of the editor area taken by the editor, between 0.2 and 0.8. */
  editorShare: z.number().min(0.2).max(0.8).default(0.5),
  sidebarVisible: z.boolean().default(true),
  /** Language of posts without `lang`: spell checking and quotes follow it. */
  defaultLanguage: z.enum(['de', 'de-AT', 'de-CH', 'en']).default('de'),
  spellcheck: z.boolean().default(true),
  /** The YAML front matter starts folded in the editor; the fields panel edits it. */
  foldFrontMatter: z.boolean().default(true),
  smartQuotes: z.boolean().default(true),
  /** »…« instead of „…“ for German. */
  germanGuillemets: z.boolean().default(false),
  smartDashes: z.boolean().default(true),
  smartEllipsis: z.boolean().default(true),
  /** Where the featured image's credit appears in the body (block themes hide featured-image captions). */
  featuredCredit: z.enum(FEATURED_CREDIT_MODES).default('line'),
  /** The user's own credit-line templates, per language; empty means the defaults. */
  creditTexts: creditTextOverridesSchema.default({}),
  theme: z.enum(THEMES).default('system'),
  /** „YouTube und Vimeo immer datenschutzfreundlich einbetten“: youtube-nocookie.com, Vimeo with `dnt=1`. */
  privateEmbeds: z.boolean().default(true),
  windowBounds: z
    .object({ x: z.number(), y: z.number(), width: z.number().min(400), height: z.number().min(300), maximized: z.boolean() })
    .nullable()
    .default(null),
});
export type Settings = z.infer<typeof settingsSchema>;

/** The keys the renderer may change; window bounds and the library's place are main's business. */
const PATCHABLE = {
  uiLanguage: true,
  previewVisible: true,
  editorShare: true,
  sidebarVisible: true,
  defaultLanguage: true,
  spellcheck: true,
  foldFrontMatter: true,
  smartQuotes: true,
  germanGuillemets: true,
  smartDashes: true,
  smartEllipsis: true,
  featuredCredit: true,
  creditTexts: true,
  theme: true,
  privateEmbeds: true,
} as const;

type PatchShape = {
  [K in keyof typeof PATCHABLE]: z.ZodOptional<ReturnType<(typeof settingsSchema.shape)[K]['unwrap']>>;
};

/**
 * A change of some settings. Built from the stored schema without its defaults: zod 4 fills a default in even
 * for an optional key, so `.partial()` of the stored schema turned every change into "all other settings back to
 * their defaults".
 */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries(
      Object.keys(PATCHABLE).map((key) => [key, settingsSchema.shape[key as keyof typeof PATCHABLE].unwrap().optional()]),
    ) as PatchShape,
  )
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The languages the interface speaks. */
export type UiLanguage = 'de' | 'en';

/** German unless the system (or the setting) asks for English: Kladde is German first. Menu and window agree. */
export function resolveUiLanguage(setting: Settings['uiLanguage'], systemLanguage: string): UiLanguage {
  if (setting !== 'system') return setting;
  return systemLanguage.toLowerCase().startsWith('en') ? 'en' : 'de';
}
