import { z } from 'zod';

/**
 * Image credits as data. A post's front matter holds them under `images:`, keyed by the file name the Markdown
 * uses (`foto.jpg`, or a URL for a remote image); the featured image (`image:`) uses the same entry.
 */

export const LICENSES = [
  'pixelio',
  'pixabay',
  'unsplash',
  'cc0',
  'cc-by-4.0',
  'cc-by-sa-4.0',
  'cc-by-nd-4.0',
  'cc-by-nc-4.0',
  'own',
  'other',
] as const;
export const licenseSchema = z.enum(LICENSES);
export type License = z.infer<typeof licenseSchema>;

/** The sub-keys of an `images:` entry Kladde understands, in the order it writes them. */
export const CREDIT_FIELDS = [
  'alt',
  'caption',
  'title',
  'author',
  'source',
  'sourceUrl',
  'license',
  'licenseUrl',
  'modified',
] as const;
export type CreditField = (typeof CREDIT_FIELDS)[number];

/** The fields that hold text (everything but `license` and `modified`). */
export const TEXT_FIELDS = ['alt', 'caption', 'title', 'author', 'source', 'sourceUrl', 'licenseUrl'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const URL_FIELDS = ['sourceUrl', 'licenseUrl'] as const satisfies readonly TextField[];

const MAX_TEXT = 2000;
const MAX_URL = 2048;

/** An http(s) URL; credits link to it, so nothing else (no `javascript:`) is ever accepted. */
export const creditUrlSchema = z
  .string()
  .max(MAX_URL)
  .regex(/^https?:\/\/[^\s<>"]+$/i, { message: 'Nur http(s)-Adressen' });

/**
 * The known part of one image's credit. Every field is optional: an entry is written bit by bit while the user
 * fills the form, and {@link missingCreditFields} says what is still lacking.
 */
export const imageCreditSchema = z.object({
  /** Alternative text for screen readers; required for every image. */
  alt: z.string().max(MAX_TEXT).optional(),
  /** Text shown in the caption before the credit. */
  caption: z.string().max(MAX_TEXT).optional(),
  /** The work's title (Creative Commons: the T of TASL). */
  title: z.string().max(MAX_TEXT).optional(),
  /** Photographer or creator. */
  author: z.string().max(MAX_TEXT).optional(),
  /** Agency or site the image comes from, e.g. `pixelio.de`. */
  source: z.string().max(MAX_TEXT).optional(),
  /** The page the image was taken from. */
  sourceUrl: creditUrlSchema.optional(),
  license: licenseSchema.optional(),
  licenseUrl: creditUrlSchema.optional(),
  /** Whether the image was changed (Creative Commons wants this said). */
  modified: z.boolean().optional(),
});
export type ImageCredit = z.infer<typeof imageCreditSchema>;

/**
 * A change to one image's credit, as the credit form sends it: a field set to `''`, `false` or `null` is removed
 * from the front matter; a field not named stays as it is (so are keys Kladde does not know).
 */
export const creditPatchSchema = z
  .object({
    alt: z.string().max(MAX_TEXT).nullable(),
    caption: z.string().max(MAX_TEXT).nullable(),
    title: z.string().max(MAX_TEXT).nullable(),
    author: z.string().max(MAX_TEXT).nullable(),
    source: z.string().max(MAX_TEXT).nullable(),
    sourceUrl: z.union([creditUrlSchema, z.literal('')]).nullable(),
    license: z.union([licenseSchema, z.literal('')]).nullable(),
    licenseUrl: z.union([creditUrlSchema, z.literal('')]).nullable(),
    modified: z.boolean().nullable(),
  })
  .partial()
  .strict();
export type CreditPatch = z.infer<typeof creditPatchSchema>;

/** The credits of all images of a post, keyed by the file name (or URL) the Markdown uses. */
export type ImagesMap = Record<string, ImageCredit>;

/** The fields a credit needs before the post may be published, when no licence is chosen yet. */
export const REQUIRED_WITHOUT_LICENSE: readonly CreditField[] = ['alt', 'license'];

/**
 * THE table of required fields, one row per licence. `alt` is in every row (accessibility, and WordPress's
 * alt text); `license` too, because without it nobody knows what the credit must say.
 * - pixelio: photographer and agency next to the image (pixelio licence; LG Köln 14 O 427/13).
 * - Creative Commons BY*: TASL — title, author, source (a link), licence.
 * - Pixabay, Unsplash, CC0: no credit required (one is customary and rendered when given).
 * - own: nothing but alt.
 * - other: unknown terms, so at least who made it and where it came from.
 */
export const REQUIRED_FIELDS: Readonly<Record<License, readonly CreditField[]>> = {
  pixelio: ['alt', 'license', 'author', 'source'],
  pixabay: ['alt', 'license'],
  unsplash: ['alt', 'license'],
  cc0: ['alt', 'license'],
  'cc-by-4.0': ['alt', 'license', 'title', 'author', 'sourceUrl'],
  'cc-by-sa-4.0': ['alt', 'license', 'title', 'author', 'sourceUrl'],
  'cc-by-nd-4.0': ['alt', 'license', 'title', 'author', 'sourceUrl'],
  'cc-by-nc-4.0': ['alt', 'license', 'title', 'author', 'sourceUrl'],
  own: ['alt', 'license'],
  other: ['alt', 'license', 'author', 'source'],
};

/** The fields the given credit needs for its licence. */
export function requiredCreditFields(license: License | undefined): readonly CreditField[] {
  return license ? REQUIRED_FIELDS[license] : REQUIRED_WITHOUT_LICENSE;
}

/**
 * The required fields the credit lacks, in table order. `alt` counts as present when the Markdown gives it
 * (`![Ein Sonnenuntergang](foto.jpg)`), so pass that as `markdownAlt`.
 */
export function missingCreditFields(credit: ImageCredit | undefined, markdownAlt = ''): CreditField[] {
  const c = credit ?? {};
  return requiredCreditFields(c.license).filter((field) => {
    if (field === 'alt') return isBlank(c.alt) && markdownAlt.trim() === '';
    if (field === 'license') return c.license === undefined;
    if (field === 'modified') return false;
    return isBlank(c[field]);
  });
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** A licence as the preset picker offers it. */
export interface LicensePreset {
  license: License;
  /** The licence's own name as a credit line shows it (`CC BY 4.0`); empty where it has none. */
  name: string;
  /** Picker labels; own and other have no proper name. */
  label: { de: string; en: string };
  /** Filled into `licenseUrl` when the preset is chosen and the field is empty. */
  licenseUrl: string;
  /** Filled into `source` when the preset is chosen and the field is empty. */
  source: string;
  /** Where the source name links to when the credit has no `sourceUrl`. */
  siteUrl: string;
  /** Whether the licence is one of Creative Commons' (for the „bearbeitet“ checkbox). */
  creativeCommons: boolean;
}

const cc = (license: License, name: string, path: string): LicensePreset => ({
  license,
  name,
  label: { de: name, en: name },
  licenseUrl: `https://creativecommons.org/${path}`,
  source: '',
  siteUrl: '',
  creativeCommons: true,
});

export const LICENSE_PRESETS: Readonly<Record<License, LicensePreset>> = {
  pixelio: {
    license: 'pixelio',
    name: 'pixelio',
    label: { de: 'pixelio', en: 'pixelio' },
    licenseUrl: 'https://www.pixelio.de/static/nutzungsbedingungen',
    source: 'pixelio.de',
    siteUrl: 'https://www.pixelio.de',
    creativeCommons: false,
  },
  pixabay: {
    license: 'pixabay',
    name: 'Pixabay-Lizenz',
    label: { de: 'Pixabay', en: 'Pixabay' },
    licenseUrl: 'https://pixabay.com/service/license-summary/',
    source: 'Pixabay',
    siteUrl: 'https://pixabay.com',
    creativeCommons: false,
  },
  unsplash: {
    license: 'unsplash',
    name: 'Unsplash-Lizenz',
    label: { de: 'Unsplash', en: 'Unsplash' },
    licenseUrl: 'https://unsplash.com/license',
    source: 'Unsplash',
    siteUrl: 'https://unsplash.com',
    creativeCommons: false,
  },
  cc0: cc('cc0', 'CC0 1.0', 'publicdomain/zero/1.0/'),
  'cc-by-4.0': cc('cc-by-4.0', 'CC BY 4.0', 'licenses/by/4.0/'),
  'cc-by-sa-4.0': cc('cc-by-sa-4.0', 'CC BY-SA 4.0', 'licenses/by-sa/4.0/'),
  'cc-by-nd-4.0': cc('cc-by-nd-4.0', 'CC BY-ND 4.0', 'licenses/by-nd/4.0/'),
  'cc-by-nc-4.0': cc('cc-by-nc-4.0', 'CC BY-NC 4.0', 'licenses/by-nc/4.0/'),
  own: {
    license: 'own',
    name: '',
    label: { de: 'Eigenes Bild', en: 'Own image' },
    licenseUrl: '',
    source: '',
    siteUrl: '',
    creativeCommons: false,
  },
  other: {
    license: 'other',
    name: '',
    label: { de: 'Andere Lizenz', en: 'Other licence' },
    licenseUrl: '',
    source: '',
    siteUrl: '',
    creativeCommons: false,
  },
};

/**
 * What choosing a preset in the form changes: the licence, plus its licence URL and source where those are
 * still empty (a value the user typed is never replaced). Switching between presets replaces the old preset's
 * own defaults, so pixelio → Unsplash does not leave „pixelio.de“ behind.
 */
export function presetPatch(credit: ImageCredit, license: License): CreditPatch {
  const preset = LICENSE_PRESETS[license];
  const previous = credit.license ? LICENSE_PRESETS[credit.license] : undefined;
  const patch: CreditPatch = { license };
  const replaceable = (value: string | undefined, previousDefault: string | undefined) =>
    isBlank(value) || (previousDefault !== undefined && previousDefault !== '' && value === previousDefault);
  if (replaceable(credit.licenseUrl, previous?.licenseUrl)) patch.licenseUrl = preset.licenseUrl;
  if (replaceable(credit.source, previous?.source)) patch.source = preset.source;
  return patch;
}

/** Applies a patch to a credit object the way setImageCredit applies it to the YAML. */
export function applyCreditPatch(credit: ImageCredit, patch: CreditPatch): ImageCredit {
  const next: Record<string, unknown> = { ...credit };
  for (const field of CREDIT_FIELDS) {
    if (!(field in patch)) continue;
    const value = patch[field];
    if (value === undefined || value === null || value === '' || value === false) delete next[field];
    else next[field] = value;
  }
  return next as ImageCredit;
}

const CC_URL = /creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d\.\d)/i;

/** Recognises a licence from a licence URL (e.g. XMP `cc:license` or `xmpRights:WebStatement`). */
export function licenseFromUrl(url: string): License | undefined {
  const m = CC_URL.exec(url);
  if (m) {
    const kind = (m[2] ?? '').toLowerCase();
    const version = m[3];
    if (kind === 'zero') return 'cc0';
    if (version !== '4.0') return undefined;
    const id = `cc-${kind}-4.0`;
    return (LICENSES as readonly string[]).includes(id) ? (id as License) : undefined;
  }
  if (/(^|[/.])pixelio\.de/i.test(url)) return 'pixelio';
  if (/(^|[/.])pixabay\.com/i.test(url)) return 'pixabay';
  if (/(^|[/.])unsplash\.com/i.test(url)) return 'unsplash';
  return undefined;
}
