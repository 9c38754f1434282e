import { z } from 'zod';

/** The dictionaries Kladde ships. British English uses the same (US) dictionary as `en`. */
export const SPELL_LANGUAGES = ['de-DE', 'de-AT', 'de-CH', 'en'] as const;
export const spellLanguageSchema = z.enum(SPELL_LANGUAGES);
export type SpellLanguage = z.infer<typeof spellLanguageSchema>;

/** Limits at the process boundary, so a runaway renderer cannot make main allocate without bound. */
export const SPELL_LIMITS = {
  /** Characters of text in one check request. */
  textChars: 2_000_000,
  /** Ranges in one check request. */
  ranges: 2_000,
  /** A word to suggest for, add or ignore; personal dictionary lines longer than this are ignored too. */
  wordChars: 100,
  /** Misspellings returned by one check; more are dropped and `truncated` is set. */
  misspellings: 5_000,
  /** Suggestions returned for one word. */
  suggestions: 5,
  /** Length of a language code such as `de-CH`. */
  langChars: 35,
} as const;

export interface LanguageChoice {
  language: SpellLanguage;
  /** True when the requested code named no language Kladde has a dictionary for, so German is used. */
  fellBack: boolean;
}

/**
 * Maps a post's `lang` (BCP 47-ish, `_` or `-`, any case) to a dictionary. Any German variant Kladde has no
 * dictionary for is still German (de-DE); Liechtenstein writes like Switzerland. Everything unknown falls
 * back to German and says so, so the UI can show a note instead of silently checking with the wrong words.
 */
export function resolveSpellLanguage(code: string): LanguageChoice {
  const parts = code.trim().replace(/_/g, '-').toLowerCase().split('-');
  const primary = parts[0] ?? '';
  const region = parts[1] ?? '';
  if (primary === 'de' || primary === 'gsw') {
    if (region === 'at') return { language: 'de-AT', fellBack: false };
    if (region === 'ch' || region === 'li' || primary === 'gsw') return { language: 'de-CH', fellBack: false };
    return { language: 'de-DE', fellBack: false };
  }
  if (primary === 'en') return { language: 'en', fellBack: false };
  return { language: 'de-DE', fellBack: true };
}

const langSchema = z.string().max(SPELL_LIMITS.langChars);

/** A single word as the user sees it: no line breaks, tabs or control characters, not blank. */
export const spellWordSchema = z
  .string()
  .min(1)
  .max(SPELL_LIMITS.wordChars)
  .refine((w) => !/[\s\p{Cc}]/u.test(w), { message: 'Kein einzelnes Wort' });

export const spellRangeSchema = z
  .object({ from: z.number().int().min(0), to: z.number().int().min(0) })
  .strict()
  .refine((r) => r.to >= r.from, { message: 'Bereich endet vor seinem Anfang' });

export const spellCheckRequestSchema = z
  .object({
    /** The post's language code; unknown codes fall back to German (see `fellBack`). */
    lang: langSchema,
    /** The document text, or a part of it that starts at a line start. */
    text: z.string().max(SPELL_LIMITS.textChars),
    /** Document offset of `text[0]`; 0 (the default) means `text` is the whole document, front matter included. */
    offset: z.number().int().min(0).max(100_000_000).optional(),
    /** Document ranges to check (e.g. the visible and the changed ones); omitted: all of `text`. */
    ranges: z.array(spellRangeSchema).max(SPELL_LIMITS.ranges).optional(),
  })
  .strict();
export type SpellCheckRequest = z.infer<typeof spellCheckRequestSchema>;

export const spellSuggestRequestSchema = z.object({ lang: langSchema, word: spellWordSchema }).strict();
export type SpellSuggestRequest = z.infer<typeof spellSuggestRequestSchema>;

/**
 * Why spell checking is off, as a code for the UI's own translated notice:
 * - `dictionary-unreadable`: the dictionary files are missing or cannot be read;
 * - `dictionary-broken`: the files were read but Hunspell cannot use them;
 * - `checker-failed`: the checker thread failed or could not start (it is restarted on the next request);
 * - `checker-timeout`: the checker did not answer in time (it is restarted on the next request);
 * - `checker-disabled`: it failed again and again and stays off until Kladde restarts.
 */
export const SPELL_PROBLEM_CODES = [
  'dictionary-unreadable',
  'dictionary-broken',
  'checker-failed',
  'checker-timeout',
  'checker-disabled',
] as const;
export const spellProblemSchema = z.object({
  code: z.enum(SPELL_PROBLEM_CODES),
  /** A German explanation for logs and as a fallback; it never contains document text. */
  message: z.string(),
});
export type SpellProblem = z.infer<typeof spellProblemSchema>;

/** Which dictionary answered and whether spell checking is on at all; part of every check/suggest result. */
export const spellStatusSchema = z.object({
  language: spellLanguageSchema,
  /** True when the requested code is unknown and German is used instead: show a note. */
  fellBack: z.boolean(),
  /** False when the dictionary could not be loaded or the checker failed: nothing is underlined then. */
  available: z.boolean(),
  /** Why spell checking is off; null while it is on. */
  problem: spellProblemSchema.nullable(),
});
export type SpellStatus = z.infer<typeof spellStatusSchema>;

export const misspellingSchema = z.object({
  /** Document offsets (UTF-16 code units, as CodeMirror counts) of the misspelt word. */
  from: z.number().int(),
  to: z.number().int(),
  /** The word as checked (soft hyphens removed, NFC): pass it to spellSuggest. */
  word: z.string(),
});
export type Misspelling = z.infer<typeof misspellingSchema>;

export const spellCheckResultSchema = spellStatusSchema.extend({
  misspelled: z.array(misspellingSchema),
  /** True when more than SPELL_LIMITS.misspellings were found and the rest was dropped. */
  truncated: z.boolean(),
});
export type SpellCheckResult = z.infer<typeof spellCheckResultSchema>;

export const spellSuggestResultSchema = spellStatusSchema.extend({
  suggestions: z.array(z.string()).max(SPELL_LIMITS.suggestions),
});
export type SpellSuggestResult = z.infer<typeof spellSuggestResultSchema>;

export const spellWordResultSchema = z.object({
  word: z.string(),
  /** False when the word was already in the personal dictionary (or already ignored). */
  changed: z.boolean(),
});
export type SpellWordResult = z.infer<typeof spellWordResultSchema>;
