import { z } from 'zod';
import { CREDIT_FIELDS, missingCreditFields, type CreditField } from '../model/attribution.js';
import { readImages, type ImagesProblemCode, type ImagesRead } from './front-matter-images.js';
import { findImageReferences, type ImageReference } from './image-refs.js';

/**
 * Everything about a post's images that stands in the way of publishing, in one list: missing credits and alt
 * texts, files that are not there, malformed `images:` entries. The editor shows them as diagnostics, the
 * status bar counts them, and publishing refuses while the list is not empty.
 */

export const POST_PROBLEM_CODES = [
  'front-matter-invalid',
  'images-not-map',
  'image-key-invalid',
  'image-entry-not-map',
  'field-not-text',
  'license-unknown',
  'modified-not-boolean',
  'url-invalid',
  'alt-missing',
  'credit-missing',
  'credit-incomplete',
  'file-missing',
] as const;
export type PostProblemCode = (typeof POST_PROBLEM_CODES)[number];
// Every front-matter problem is a post problem; this fails to compile when a code is added there only.
const _IMAGES_CODES_ARE_POST_CODES: readonly PostProblemCode[] = [] as ImagesProblemCode[];

export interface PostProblem {
  code: PostProblemCode;
  /** The image's key (file name or URL), when the problem concerns one image. */
  file: string | null;
  /** The front-matter sub-key concerned, for malformed values. */
  field: string | null;
  /** For `credit-missing`/`credit-incomplete`: the required fields still lacking (alt is reported apart). */
  missing: CreditField[];
  /** The offending value, or the YAML parser's message. */
  detail: string;
  /** 1-based line in the whole text. */
  line: number;
  /** Offsets in the whole text, for CodeMirror's lint `Diagnostic` (`from`/`to`). */
  from: number;
  to: number;
  /** The message in both UI languages; `code`, `file` and `missing` let the UI word it otherwise. */
  message: { de: string; en: string };
}

const FIELD_NAMES: Record<CreditField, { de: string; en: string }> = {
  alt: { de: 'Alternativtext', en: 'alt text' },
  caption: { de: 'Bildunterschrift', en: 'caption' },
  title: { de: 'Titel', en: 'title' },
  author: { de: 'Urheber', en: 'author' },
  source: { de: 'Quelle', en: 'source' },
  sourceUrl: { de: 'Quell-Adresse', en: 'source URL' },
  license: { de: 'Lizenz', en: 'licence' },
  licenseUrl: { de: 'Lizenz-Adresse', en: 'licence URL' },
  modified: { de: 'bearbeitet', en: 'modified' },
};

/** A credit field's name in the UI language, for messages and form labels. */
export function creditFieldName(field: CreditField, lang: 'de' | 'en'): string {
  return FIELD_NAMES[field][lang];
}

function fieldList(fields: readonly string[], lang: 'de' | 'en'): string {
  const names = fields.map((f) => (f in FIELD_NAMES ? FIELD_NAMES[f as CreditField][lang] : f));
  if (names.length <= 1) return names.join('');
  const and = lang === 'de' ? ' und ' : ' and ';
  return `${names.slice(0, -1).join(', ')}${and}${names[names.length - 1] ?? ''}`;
}

type Parts = Pick<PostProblem, 'code' | 'file' | 'field' | 'missing' | 'detail'>;

/** The message of a problem in a UI language (German and English). */
export function postProblemMessage(p: Parts, lang: 'de' | 'en'): string {
  const file = p.file ?? '';
  const de = lang === 'de';
  switch (p.code) {
    case 'front-matter-invalid':
      return de ? `Das Front Matter ist fehlerhaft: ${p.detail}` : `The front matter is malformed: ${p.detail}`;
    case 'images-not-map':
      return de
        ? '„images:“ muss je Bilddatei einen Eintrag haben (Dateiname: Angaben), nichts anderes.'
        : '“images:” must hold one entry per image file (file name: fields), nothing else.';
    case 'image-key-invalid':
      return de ? `Der Eintrag „${p.detail}“ unter „images:“ ist kein Dateiname.` : `The entry “${p.detail}” under “images:” is not a file name.`;
    case 'image-entry-not-map':
      return de
        ? `Die Angaben zu „${file}“ müssen Felder wie „alt:“ und „author:“ sein, nicht „${p.detail}“.`
        : `The entry for “${file}” must hold fields such as “alt:” and “author:”, not “${p.detail}”.`;
    case 'field-not-text':
      return de ? `„${p.field ?? ''}“ von „${file}“ muss ein Text sein.` : `“${p.field ?? ''}” of “${file}” must be text.`;
    case 'license-unknown':
      return de
        ? `Unbekannte Lizenz „${p.detail}“ bei „${file}“ (bekannt: pixelio, pixabay, unsplash, cc0, cc-by-4.0, cc-by-sa-4.0, cc-by-nd-4.0, cc-by-nc-4.0, own, other).`
        : `Unknown licence “${p.detail}” for “${file}” (known: pixelio, pixabay, unsplash, cc0, cc-by-4.0, cc-by-sa-4.0, cc-by-nd-4.0, cc-by-nc-4.0, own, other).`;
    case 'modified-not-boolean':
      return de ? `„modified“ von „${file}“ muss true oder false sein.` : `“modified” of “${file}” must be true or false.`;
    case 'url-invalid':
      return de
        ? `„${p.field ?? ''}“ von „${file}“ ist keine http(s)-Adresse: ${p.detail}`
        : `“${p.field ?? ''}” of “${file}” is not an http(s) URL: ${p.detail}`;
    case 'alt-missing':
      return de ? `Bild „${file}“ hat keinen Alternativtext.` : `Image “${file}” has no alt text.`;
    case 'credit-missing':
      return de ? `Bild „${file}“ hat keinen Bildnachweis (Lizenz wählen).` : `Image “${file}” has no credit (choose a licence).`;
    case 'credit-incomplete':
      return de
        ? `Bildnachweis von „${file}“ unvollständig: ${fieldList(p.missing, 'de')} fehlt.`
        : `Credit of “${file}” is incomplete: ${fieldList(p.missing, 'en')} missing.`;
    case 'file-missing':
      return de ? `Die Bilddatei „${file}“ fehlt im Beitragsordner.` : `The image file “${file}” is missing from the post's folder.`;
  }
}

function problem(parts: Parts, at: { line: number; from: number; to: number }): PostProblem {
  return { ...parts, line: at.line, from: at.from, to: at.to, message: { de: postProblemMessage(parts, 'de'), en: postProblemMessage(parts, 'en') } };
}

/**
 * All problems of a post. `existingFiles` are the files in the post's folder, relative to it with `/`
 * (as `listPostImages` returns them); local images not among them are reported missing.
 * Credit problems are reported once per image, at its first reference; alt text per reference.
 */
export function postProblems(text: string, existingFiles: Iterable<string>): PostProblem[] {
  return analyzePostImages(text, existingFiles).problems;
}

/** What {@link postProblems} reads on its way: the credits, every image reference, and the problems. */
export interface PostImageAnalysis {
  read: ImagesRead;
  refs: ImageReference[];
  problems: PostProblem[];
}

/**
 * The post's credits and image references together with its problems, from one pass over the text, for callers
 * that show all three (the editor's credit panel) without lexing a long post twice.
 */
export function analyzePostImages(text: string, existingFiles: Iterable<string>, alreadyRead?: ImagesRead): PostImageAnalysis {
  const files = new Set(existingFiles);
  // A caller that has read the credits of this very text already (the post document) passes them in.
  const read = alreadyRead ?? readImages(text);
  const out: PostProblem[] = [];
  const frontMatterBroken = read.problems.some((p) => p.code === 'front-matter-invalid');
  for (const p of read.problems) {
    out.push(problem({ code: p.code, file: p.file, field: p.field, missing: [], detail: p.detail }, p));
  }
  const refs = findImageReferences(text);
  const checked = new Set<string>();
  const reportedMissingFile = new Set<string>();
  for (const ref of refs) {
    if (ref.local && !files.has(ref.key) && !reportedMissingFile.has(ref.key)) {
      reportedMissingFile.add(ref.key);
      out.push(problem({ code: 'file-missing', file: ref.key, field: null, missing: [], detail: ref.href }, ref));
    }
    // Without readable front matter every credit would look missing; the one real problem is reported above.
    if (frontMatterBroken) continue;
    const credit = read.images[ref.key];
    const lacking = missingCreditFields(credit, ref.alt);
    if (lacking.includes('alt')) {
      out.push(problem({ code: 'alt-missing', file: ref.key, field: 'alt', missing: ['alt'], detail: '' }, ref));
    }
    if (checked.has(ref.key)) continue;
    checked.add(ref.key);
    const rest = lacking.filter((f) => f !== 'alt');
    if (rest.length === 0) continue;
    const code = credit?.license === undefined ? 'credit-missing' : 'credit-incomplete';
    out.push(problem({ code, file: ref.key, field: null, missing: rest, detail: '' }, ref));
  }
  return { read, refs, problems: out.sort((a, b) => a.from - b.from) };
}

/** How many distinct images lack a credit or alt text — the status bar's „2 Bilder ohne Bildnachweis“. */
export function countImagesLackingCredit(problems: readonly PostProblem[]): number {
  const files = new Set<string>();
  for (const p of problems) {
    if ((p.code === 'credit-missing' || p.code === 'credit-incomplete' || p.code === 'alt-missing') && p.file !== null) files.add(p.file);
  }
  return files.size;
}

export type { ImageReference };

/** The IPC form of {@link PostProblem}. */
export const postProblemSchema = z.object({
  code: z.enum(POST_PROBLEM_CODES),
  file: z.string().nullable(),
  field: z.string().nullable(),
  missing: z.array(z.enum(CREDIT_FIELDS)),
  detail: z.string(),
  line: z.number().int(),
  from: z.number().int(),
  to: z.number().int(),
  message: z.object({ de: z.string(), en: z.string() }),
}) satisfies z.ZodType<PostProblem>;
