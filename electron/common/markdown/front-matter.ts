import { Document, isMap, isNode, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import { KNOWN_FIELDS, POST_STATUSES, type PostFields, type PostStatus } from '../model/post.js';

/** Where the front matter sits in a file's text. */
export interface FrontMatterSplit {
  /** The YAML between the fences, or null when the file has no front matter. */
  yaml: string | null;
  /** Offset of the first YAML character in the file text. */
  yamlOffset: number;
  /** The Markdown after the closing fence. */
  body: string;
  /** Offset of the body in the file text. */
  bodyOffset: number;
  /** 0-based line number at which the body starts. */
  bodyLine: number;
}

const OPEN_FENCE = /^---[ \t]*\r?\n/;
const CLOSE_FENCE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Finds the YAML front matter (`---` … `---` or `...`) at the very start of a post, after an optional BOM. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const open = OPEN_FENCE.exec(text.slice(bom));
  if (!open) return { yaml: null, yamlOffset: 0, body: text, bodyOffset: 0, bodyLine: 0 };
  const yamlOffset = bom + open[0].length;
  const rest = text.slice(yamlOffset);
  // An empty front matter closes on the very next line.
  const close = CLOSE_FENCE.exec(rest);
  if (!close) return { yaml: null, yamlOffset: 0, body: text, bodyOffset: 0, bodyLine: 0 };
  const yaml = rest.slice(0, close.index);
  const bodyOffset = yamlOffset + close.index + close[0].length;
  return {
    yaml,
    yamlOffset,
    body: text.slice(bodyOffset),
    bodyOffset,
    bodyLine: countLines(text, bodyOffset),
  };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

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
  const data: unknown = doc.toJS();
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
  };
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

interface Edit {
  from: number;
  to: number;
  insert: string;
}

/**
 * Applies changed fields to the post's text. Only the lines of the changed keys are rewritten; every other
 * byte of the front matter — unknown keys, their order, comments, quoting — stays exactly as it was.
 * Returns null when the front matter does not parse, or when the edit would not read back as the patch says
 * (the caller must not touch the user's text then).
 */
export function updateFrontMatter(text: string, patch: FieldPatch): string | null {
  const entries = (Object.entries(patch) as [keyof PostFields, unknown][]).filter(([, v]) => v !== undefined);
  const split = splitFrontMatter(text);
  if (split.yaml === null) {
    const eol = lineEnding(text);
    const block = entries
      .filter(([, v]) => !isEmptyValue(v))
      .map(([k, v]) => stringifyPair(k, v, false, eol))
      .join(eol);
    if (!block) return text;
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    return verified(`${bom}---${eol}${block}${eol}---${eol}${eol}${text.slice(bom.length)}`, entries);
  }
  const yaml = split.yaml;
  const eol = lineEnding(yaml || text);
  const doc = parseDocument(yaml, { keepSourceTokens: true });
  if (doc.errors.length > 0) return null;
  if (doc.contents !== null && !isMap(doc.contents)) return null;
  const items: Pair[] = isMap(doc.contents) ? (doc.contents.items as Pair[]) : [];
  const pairOf = (key: string) => items.find((p) => isScalar(p.key) && p.key.value === key);

  const edits: Edit[] = [];
  const appended: string[] = [];
  for (const [key, value] of entries) {
    // `category` (Jekyll's single category) is read as the categories, so it is also where they are written.
    const aliases = key === 'categories' ? [pairOf('categories'), pairOf('category')] : [pairOf(key)];
    const present = aliases.filter((p): p is Pair => p !== undefined);
    const pair = present[0];
    if (!pair) {
      if (!isEmptyValue(value)) appended.push(stringifyPair(key, value, false, eol));
      continue;
    }
    if (!isScalar(pair.key) || !pair.key.range) return null;
    if (isEmptyValue(value)) {
      for (const p of present) {
        const range = pairRange(yaml, p);
        if (!range) return null;
        edits.push({ ...wholeLines(yaml, range), insert: '' });
      }
      continue;
    }
    if (pair.key.value === key && sameValue(pair.value, value)) continue;
    const range = pairRange(yaml, pair);
    if (!range) return null;
    edits.push({ ...range, insert: stringifyPair(key, value, isSeq(pair.value) && pair.value.flow === true, eol) });
  }
  let next = yaml;
  // Back to front, so earlier offsets stay valid.
  for (const edit of edits.sort((a, b) => b.from - a.from)) {
    next = next.slice(0, edit.from) + edit.insert + next.slice(edit.to);
  }
  if (appended.length > 0) {
    if (next.length > 0 && !next.endsWith('\n')) next += eol;
    next += appended.join(eol) + eol;
  }
  if (next === yaml) return text;
  return verified(text.slice(0, split.yamlOffset) + next + text.slice(split.yamlOffset + yaml.length), entries);
}

/** From the key to the end of its value's text; trailing line breaks and comments after the value stay. */
function pairRange(yaml: string, pair: Pair): { from: number; to: number } | null {
  if (!isScalar(pair.key) || !pair.key.range) return null;
  const from = pair.key.range[0];
  const keyEnd = pair.key.range[1];
  const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
  let to = valueRange ? valueRange[1] : keyEnd;
  while (to > keyEnd && /\s/.test(yaml[to - 1] ?? '')) to--;
  if (to === keyEnd) {
    // No value text: the pair ends with its colon.
    const colon = yaml.indexOf(':', keyEnd);
    if (colon === -1) return null;
    to = colon + 1;
  }
  return { from, to };
}

/** Widens a range to the whole lines it touches, line break included. */
function wholeLines(yaml: string, range: { from: number; to: number }): { from: number; to: number } {
  const from = yaml.lastIndexOf('\n', range.from - 1) + 1;
  const lineEnd = yaml.indexOf('\n', range.to);
  return { from, to: lineEnd === -1 ? yaml.length : lineEnd + 1 };
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

function lineEnding(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function sameValue(node: unknown, value: unknown): boolean {
  const current = asWritten(node);
  if (Array.isArray(value)) {
    return Array.isArray(current) && current.length === value.length && current.every((c, i) => asString(c) === value[i] && typeof c !== 'object');
  }
  return !Array.isArray(current) && (current === value || (typeof current !== 'object' && asString(current) === value));
}

function stringifyPair(key: string, value: unknown, flow: boolean, eol: string): string {
  const doc = new Document({ [key]: value });
  if (flow && isMap(doc.contents)) {
    const node = (doc.contents.items[0] as Pair | undefined)?.value;
    if (isSeq(node)) node.flow = true;
  }
  return doc
    .toString({ lineWidth: 0, flowCollectionPadding: false })
    .replace(/\n$/, '')
    .replace(/\n/g, eol);
}

/**
 * Removes whole top-level keys, known or not (a duplicated post must not keep the original's `publish:` record,
 * or publishing the copy would overwrite the original online). The edit works the same for any key, so the
 * field patch carries them as empty values, which means "remove".
 */
export function removeFrontMatterKeys(text: string, keys: readonly string[]): string | null {
  return updateFrontMatter(text, Object.fromEntries(keys.map((k) => [k, ''])) as FieldPatch);
}
