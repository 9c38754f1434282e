import { isMap, isScalar, parseDocument, type Document, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import {
  CREDIT_FIELDS,
  licenseSchema,
  URL_FIELDS,
  type CreditField,
  type CreditPatch,
  type ImageCredit,
  type ImagesMap,
} from '../model/attribution.js';
import { countLines, editFrontMatter, splitFrontMatter, type EditFailure, type FrontMatterEdit } from './front-matter-edit.js';

/**
 * Reading and writing the `images:` map of a post's front matter. Reading never fails: whatever is malformed is
 * reported with its position and left out. Writing edits only the YAML of the one entry it changes, so other
 * entries, unknown sub-keys, comments and quoting stay byte for byte as the user wrote them.
 */

export const IMAGES_KEY = 'images';

export const IMAGES_PROBLEM_CODES = [
  'front-matter-invalid',
  'images-not-map',
  'image-key-invalid',
  'image-entry-not-map',
  'field-not-text',
  'license-unknown',
  'modified-not-boolean',
  'url-invalid',
] as const;
export type ImagesProblemCode = (typeof IMAGES_PROBLEM_CODES)[number];

/** Something wrong in the front matter's `images:`; positions are in the whole file's text. */
export interface ImagesProblem {
  code: ImagesProblemCode;
  /** The entry's key (file name), when the problem is inside one entry. */
  file: string | null;
  /** The sub-key, when the problem is one field's value. */
  field: string | null;
  /** The offending value as written (shortened), or the YAML parser's message for `front-matter-invalid`. */
  detail: string;
  /** 1-based line. */
  line: number;
  /** Offsets of the offending text in the file, for an editor diagnostic. */
  from: number;
  to: number;
}

/** One entry of `images:` with where it stands. */
export interface ImageEntry {
  file: string;
  /** The valid known fields; malformed ones are left out (and reported). */
  credit: ImageCredit;
  /** Sub-keys Kladde does not know, as parsed; they are never rewritten. */
  extra: Record<string, unknown>;
  /** 1-based line of the entry's key. */
  line: number;
  /** Offsets of the entry (key to end of value) in the file. */
  from: number;
  to: number;
  /** 1-based line of each field present, for diagnostics on a single field. */
  fieldLines: Partial<Record<CreditField, number>>;
}

export interface ImagesRead {
  /** Credits by file name; an entry that is not a map is present with an empty credit. */
  images: ImagesMap;
  entries: ImageEntry[];
  problems: ImagesProblem[];
}

/** Where the YAML of the front matter sits, parsed with source ranges. */
interface ParsedYaml {
  yaml: string;
  /** Offset of the YAML in the whole text. */
  offset: number;
  doc: Document.Parsed;
}

function parseYaml(text: string): ParsedYaml | { error: ImagesProblem } | null {
  const split = splitFrontMatter(text);
  if (split.yaml === null) return null;
  const doc = parseDocument(split.yaml, { keepSourceTokens: true, uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    // An error found only at the end (an unclosed quote) belongs to the last YAML line, not the closing fence.
    const from = split.yamlOffset + Math.min(first.pos[0] ?? 0, Math.max(0, split.yaml.trimEnd().length - 1));
    return {
      error: {
        code: 'front-matter-invalid',
        file: null,
        field: null,
        detail: first.message.split('\n')[0] ?? first.message,
        line: lineAt(text, from),
        from,
        to: Math.max(from, split.yamlOffset + (first.pos[1] ?? 0)),
      },
    };
  }
  try {
    doc.toJS();
  } catch (e) {
    // An alias without its anchor is only found while resolving.
    const from = split.yamlOffset;
    const detail = e instanceof Error ? e.message : String(e);
    return { error: { code: 'front-matter-invalid', file: null, field: null, detail, line: lineAt(text, from), from, to: from } };
  }
  return { yaml: split.yaml, offset: split.yamlOffset, doc };
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  return countLines(text, offset) + 1;
}

function topPair(doc: Document.Parsed, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  const contents = doc.contents;
  if (!isMap(contents)) return undefined;
  return (contents as YAMLMap.Parsed).items.find((p) => isScalar(p.key) && p.key.value === key);
}

function shorten(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}

/** Reads the `images:` map; never throws, never changes the text. */
export function readImages(text: string): ImagesRead {
  const result: ImagesRead = { images: {}, entries: [], problems: [] };
  const parsed = parseYaml(text);
  if (parsed === null) return result;
  if ('error' in parsed) {
    result.problems.push(parsed.error);
    return result;
  }
  const { doc, offset } = parsed;
  const pair = topPair(doc, IMAGES_KEY);
  if (!pair) return result;
  const problem = (code: ImagesProblemCode, node: ParsedNode | null, file: string | null, field: string | null, detail: string) => {
    const range = node?.range ?? (isScalar(pair.key) ? pair.key.range : null) ?? [0, 0, 0];
    const from = offset + range[0];
    result.problems.push({ code, file, field, detail, line: lineAt(text, from), from, to: offset + range[1] });
  };
  const value = pair.value;
  if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) return result;
  if (!isMap(value)) {
    problem('images-not-map', value, null, null, shorten(value.toJS(doc)));
    return result;
  }
  for (const entry of (value as YAMLMap.Parsed).items) {
    if (!isScalar(entry.key) || entry.key.value === null || entry.key.value === '' || typeof entry.key.value === 'object') {
      problem('image-key-invalid', entry.key, null, null, shorten(entry.key.toJS(doc)));
      continue;
    }
    const file = String(entry.key.value);
    const keyRange = entry.key.range;
    const end = entry.value?.range?.[1] ?? keyRange[1];
    const read: ImageEntry = {
      file,
      credit: {},
      extra: {},
      line: lineAt(text, offset + keyRange[0]),
      from: offset + keyRange[0],
      to: offset + end,
      fieldLines: {},
    };
    const body = entry.value;
    if (body !== null && !(isScalar(body) && body.value === null)) {
      if (!isMap(body)) {
        problem('image-entry-not-map', body, file, null, shorten(body.toJS(doc)));
      } else {
        readFields(body as YAMLMap.Parsed, read, (code, node, field, detail) => problem(code, node, file, field, detail), doc, text, offset);
      }
    }
    result.entries.push(read);
    result.images[file] = read.credit;
  }
  return result;
}

type FieldProblem = (code: ImagesProblemCode, node: ParsedNode | null, field: string, detail: string) => void;

function readFields(map: YAMLMap.Parsed, into: ImageEntry, problem: FieldProblem, doc: Document.Parsed, text: string, offset: number): void {
  const credit: Record<string, unknown> = {};
  for (const sub of map.items) {
    const key = isScalar(sub.key) ? String(sub.key.value) : null;
    if (key === null) continue;
    const node = sub.value;
    const raw: unknown = node === null ? null : node.toJS(doc);
    if (!(CREDIT_FIELDS as readonly string[]).includes(key)) {
      into.extra[key] = raw;
      continue;
    }
    const field = key as CreditField;
    if (isScalar(sub.key)) into.fieldLines[field] = lineAt(text, offset + sub.key.range[0]);
    if (raw === null || raw === undefined || raw === '') continue;
    if (field === 'modified') {
      if (typeof raw === 'boolean') credit[field] = raw;
      else problem('modified-not-boolean', node, field, shorten(raw));
    } else if (field === 'license') {
      const license = licenseSchema.safeParse(typeof raw === 'string' ? raw.trim().toLowerCase() : raw);
      if (license.success) credit[field] = license.data;
      else problem('license-unknown', node, field, shorten(raw));
    } else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
      const value = String(raw);
      if ((URL_FIELDS as readonly string[]).includes(field) && !/^https?:\/\/[^\s<>"]+$/i.test(value.trim())) {
        problem('url-invalid', node, field, shorten(value));
      } else {
        credit[field] = (URL_FIELDS as readonly string[]).includes(field) ? value.trim() : value;
      }
    } else {
      problem('field-not-text', node, field, shorten(raw));
    }
  }
  into.credit = credit as ImageCredit;
}

/** What a write gives: the new text, or why the text was left alone. */
export type ImagesEdit = { ok: true; text: string } | { ok: false; problem: ImagesProblem };

/**
 * Sets fields of one image's entry (creating `images:` and the entry when missing) through the one front-matter
 * editor. Fields named in the patch with `''`, `null` or `false` are removed; fields not named, other entries and
 * unknown sub-keys keep their bytes; a `{…}` entry is written out as a block. Refuses (and leaves the text alone)
 * when the front matter does not parse or the entry is not a map.
 */
export function setImageCredit(text: string, file: string, patch: CreditPatch): ImagesEdit {
  const parsed = parseYaml(text);
  if (parsed !== null && 'error' in parsed) return { ok: false, problem: parsed.error };
  const edits: FrontMatterEdit[] = CREDIT_FIELDS.filter((field) => field in patch).map((field) => ({
    path: [IMAGES_KEY, file, field],
    value: normalizeValue(patch[field]),
  }));
  const result = editFrontMatter(text, edits);
  return result.ok ? result : { ok: false, problem: problemOf(text, file, result.failure) };
}

/** Removes one image's entry (e.g. when its file is deleted); other entries keep their bytes. */
export function removeImageCredit(text: string, file: string): ImagesEdit {
  const parsed = parseYaml(text);
  if (parsed !== null && 'error' in parsed) return { ok: false, problem: parsed.error };
  const result = editFrontMatter(text, [{ path: [IMAGES_KEY, file], value: undefined }]);
  if (result.ok) return result;
  // `images:` that is not a map holds no entry to remove.
  if (result.failure.code === 'not-map') return { ok: true, text };
  return { ok: false, problem: problemOf(text, file, result.failure) };
}

function problemOf(text: string, file: string, failure: EditFailure): ImagesProblem {
  const at = { file, field: null, line: lineAt(text, failure.from), from: failure.from, to: failure.to };
  if (failure.code === 'not-map') {
    const code: ImagesProblemCode = failure.path.length === 1 ? 'images-not-map' : 'image-entry-not-map';
    return { ...at, code, detail: shorten(text.slice(failure.from, failure.to)) };
  }
  const detail = failure.code === 'not-block-map' ? 'Front Matter ist keine Zuordnung in Blockschreibweise' : failure.message;
  return { ...at, code: 'front-matter-invalid', detail };
}

function normalizeValue(value: string | boolean | null | undefined): string | boolean | undefined {
  if (value === null || value === undefined || value === '' || value === false) return undefined;
  return value;
}

