import { Document, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import { countLines, editFrontMatter, splitFrontMatter, type FrontMatterEdit } from './front-matter-edit.js';
import { KNOWN_FIELDS, POST_STATUSES, type PostFields, type PostStatus } from '../model/post.js';

export { splitFrontMatter, type FrontMatterSplit } from './front-matter-edit.js';

export interface YamlProblem {
  message: string;
  /** 1-based line in the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
}

export type FrontMatterParse =
  | { ok: true; fields: PostFields; data: Record<string, unknown> }
  | { ok: false; problem: YamlProblem };

/** The fields of a post without front matter. Frozen: callers get copies from {@link emptyFields}. */
export const EMPTY_FIELDS: Readonly<PostFields> = Object.freeze({
  title: '',
  slug: '',
  date: '',
  status: 'draft',
  categories: Object.freeze([]) as unknown as string[],
  tags: Object.freeze([]) as unknown as string[],
  excerpt: '',
  image: '',
  lang: 'de',
  sticky: false,
  comments: '',
});

function emptyFields(): PostFields {
  return { ...EMPTY_FIELDS, categories: [], tags: [] };
}

/** yaml's messages end with a position in YAML coordinates; the file position is reported beside them. */
const OWN_POSITION = /\s+at line \d+, column \d+:?\s*$/;

/** Reads the known fields from a post's text; unknown keys are returned in `data` and never rewritten. */
export function parseFrontMatter(text: string): FrontMatterParse {
  const split = splitFrontMatter(text);
  if (split.yaml === null) return { ok: true, fields: emptyFields(), data: {} };
  const doc = parseDocument(split.yaml, { prettyErrors: true, uniqueKeys: true });
  const fenceLines = countLines(text, split.yamlOffset);
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.linePos?.[0];
    const firstLine = firstError.message.split('\n')[0] ?? firstError.message;
    return {
      ok: false,
      problem: {
        message: firstLine.replace(OWN_POSITION, ''),
        line: (pos?.line ?? 1) + fenceLines,
        column: pos?.col ?? 1,
      },
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // An alias without its anchor (`title: *fehlt`) is only found while resolving.
    return { ok: false, problem: { message: e instanceof Error ? e.message : String(e), line: fenceLines + 1, column: 1 } };
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return {
      ok: false,
      problem: { message: 'Front Matter muss aus Schlüssel: Wert-Paaren bestehen', line: fenceLines + 1, column: 1 },
    };
  }
  const record = (data ?? {}) as Record<string, unknown>;
  return { ok: true, fields: fieldsFrom(knownValues(doc, record)), data: record };
}

/**
 * The known keys' values as the author wrote them: a number keeps its spelling (`slug: 007`, `tags: [1.10]`),
 * which YAML's number type would lose.
 */
function knownValues(doc: Document, data: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of [...KNOWN_FIELDS, 'category']) {
    if (!Object.prototype.hasOwnProperty.call(data, key)) continue;
    const node: unknown = doc.get(key, true);
    values[key] = isScalar(node) || isSeq(node) ? asWritten(node) : data[key];
  }
  return values;
}

function asWritten(node: unknown): unknown {
  if (isScalar(node)) return typeof node.value === 'number' && typeof node.source === 'string' ? node.source : node.value;
  if (isSeq(node)) return node.items.map(asWritten);
  return isNode(node) ? node.toJSON() : node;
}

function fieldsFrom(data: Record<string, unknown>): PostFields {
  const status = asString(data['status']);
  return {
    title: asString(data['title']),
    slug: asString(data['slug']),
    date: asString(data['date']),
    status: (POST_STATUSES as readonly string[]).includes(status) ? (status as PostStatus) : 'draft',
    categories: asStringList(data['categories'] ?? data['category']),
    tags: asStringList(data['tags']),
    excerpt: asString(data['excerpt']),
    image: asString(data['image']),
    lang: asString(data['lang']) || 'de',
    sticky: asBoolean(data['sticky']),
    comments: asCommentStatus(data['comments']),
  };
}

/** YAML's `true` (or the text `true`/`yes`/`ja`); anything else is false. */
function asBoolean(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['true', 'yes', 'ja'].includes(value.trim().toLowerCase()));
}

function asCommentStatus(value: unknown): PostFields['comments'] {
  const text = asString(value).trim().toLowerCase();
  return text === 'open' || text === 'closed' ? text : '';
}

function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return '';
}

function asStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asString).filter((s) => s !== '');
  const single = asString(value);
  return single ? [single] : [];
}

/** Changed fields. An empty string or list removes the key; `undefined` leaves it alone. */
export type FieldPatch = Partial<PostFields>;

/**
 * Applies changed fields to the post's text through the one front-matter editor: only the lines of the changed
 * keys are rewritten; every other byte — unknown keys, their order, comments, quoting — stays exactly as it was.
 * Returns null when the front matter does not parse, or when the edit would not read back as the patch says
 * (the caller must not touch the user's text then).
 */
export function updateFrontMatter(text: string, patch: FieldPatch): string | null {
  const entries = (Object.entries(patch) as [keyof PostFields, unknown][]).filter(([, v]) => v !== undefined);
  const edits: FrontMatterEdit[] = [];
  const split = splitFrontMatter(text);
  const doc = split.yaml === null ? null : parseDocument(split.yaml);
  if (doc && doc.errors.length > 0) return null;
  const has = (key: string): boolean => doc !== null && isMap(doc.contents) && doc.contents.has(key);
  for (const [key, value] of entries) {
    if (isEmptyValue(value)) {
      edits.push({ path: [key], value: undefined });
      // `category` (Jekyll's single category) is read as the categories, so clearing them clears it too.
      if (key === 'categories') edits.push({ path: ['category'], value: undefined });
      continue;
    }
    if (key === 'categories' && !has('categories') && has('category')) {
      // … and it is where they are written, in place, under the name Kladde reads first.
      edits.push({ path: ['category'], value, renameTo: 'categories' });
      continue;
    }
    if (doc && isMap(doc.contents) && sameValue(doc.contents.get(key, true), value)) continue;
    edits.push({ path: [key], value });
  }
  const result = editFrontMatter(text, edits);
  if (!result.ok) return null;
  return result.text === text ? text : verified(result.text, entries);
}

/** The edited text, if its fields read back as the patch set them; null otherwise. */
function verified(next: string, entries: readonly [keyof PostFields, unknown][]): string | null {
  const parsed = parseFrontMatter(next);
  if (!parsed.ok) return null;
  const expected = fieldsFrom(Object.fromEntries(entries));
  for (const [key] of entries) {
    if (JSON.stringify(parsed.fields[key]) !== JSON.stringify(expected[key])) return null;
  }
  return next;
}

function isEmptyValue(value: unknown): boolean {
  // `sticky: false` is the default: the key goes away instead of being written.
  return value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

function sameValue(node: unknown, value: unknown): boolean {
  if (node === undefined) return false;
  const current = asWritten(node);
  if (Array.isArray(value)) {
    return Array.isArray(current) && current.length === value.length && current.every((c, i) => asString(c) === value[i] && typeof c !== 'object');
  }
  return !Array.isArray(current) && (current === value || (typeof current !== 'object' && asString(current) === value));
}

/**
 * Removes whole top-level keys, known or not (a duplicated post must not keep the original's `publish:` record,
 * or publishing the copy would overwrite the original online). Null when the front matter cannot be edited.
 */
export function removeFrontMatterKeys(text: string, keys: readonly string[]): string | null {
  const result = editFrontMatter(text, keys.map((key) => ({ path: [key], value: undefined })));
  return result.ok ? result.text : null;
}
