import { isMap, isScalar, isSeq, parseDocument, Document, type Pair } from 'yaml';
import { POST_STATUSES, type PostFields, type PostStatus } from '../model/post.js';

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

export const EMPTY_FIELDS: PostFields = {
  title: '',
  slug: '',
  date: '',
  status: 'draft',
  categories: [],
  tags: [],
  excerpt: '',
  image: '',
  lang: 'de',
};

/** Reads the known fields from a post's text; unknown keys are returned in `data` and never rewritten. */
export function parseFrontMatter(text: string): FrontMatterParse {
  const split = splitFrontMatter(text);
  if (split.yaml === null) return { ok: true, fields: { ...EMPTY_FIELDS }, data: {} };
  const doc = parseDocument(split.yaml, { prettyErrors: true, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.linePos?.[0];
    const fenceLines = countLines(text, split.yamlOffset);
    return {
      ok: false,
      problem: {
        message: firstError.message.split('\n')[0] ?? firstError.message,
        line: (pos?.line ?? 1) + fenceLines,
        column: pos?.col ?? 1,
      },
    };
  }
  const data: unknown = doc.toJS();
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return {
      ok: false,
      problem: { message: 'Front Matter muss aus Schlüssel: Wert-Paaren bestehen', line: 2, column: 1 },
    };
  }
  const record = (data ?? {}) as Record<string, unknown>;
  return { ok: true, fields: fieldsFrom(record), data: record };
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

export type FieldPatch = Partial<PostFields>;

/**
 * Applies changed fields to the post's text. Only the lines of the changed keys are rewritten; every other
 * byte of the front matter — unknown keys, their order, comments, quoting — stays exactly as it was.
 * Returns null when the front matter does not parse (the caller must not touch the user's text then).
 */
export function updateFrontMatter(text: string, patch: FieldPatch): string | null {
  const split = splitFrontMatter(text);
  if (split.yaml === null) {
    const block = Object.entries(patch)
      .filter(([, v]) => !isEmptyValue(v))
      .map(([k, v]) => stringifyPair(k, v))
      .join('\n');
    return `---\n${block}${block ? '\n' : ''}---\n\n${text}`;
  }
  const yaml = split.yaml;
  const doc = parseDocument(yaml, { keepSourceTokens: true });
  if (doc.errors.length > 0) return null;
  if (doc.contents !== null && !isMap(doc.contents)) return null;
  const items: Pair[] = isMap(doc.contents) ? (doc.contents.items as Pair[]) : [];

  // Edits are applied back to front so earlier offsets stay valid.
  const edits: { from: number; to: number; insert: string }[] = [];
  const appended: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const pair = items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) {
      if (!isEmptyValue(value)) appended.push(stringifyPair(key, value));
      continue;
    }
    if (!isScalar(pair.key) || !pair.key.range) return null;
    if (sameValue(pair.value, value)) continue;
    const from = pair.key.range[0];
    const valueNode = pair.value as { range?: [number, number, number] } | null;
    let to = valueNode?.range ? valueNode.range[1] : pair.key.range[1];
    if (!valueNode?.range) {
      const colon = yaml.indexOf(':', pair.key.range[1]);
      to = colon === -1 ? to : colon + 1;
    }
    if (isEmptyValue(value)) {
      // Remove the whole line(s) of the key.
      const lineStart = yaml.lastIndexOf('\n', from - 1) + 1;
      const lineEnd = yaml.indexOf('\n', to);
      edits.push({ from: lineStart, to: lineEnd === -1 ? yaml.length : lineEnd + 1, insert: '' });
    } else {
      edits.push({ from, to, insert: stringifyPair(key, value) });
    }
  }
  let next = yaml;
  for (const edit of edits.sort((a, b) => b.from - a.from)) {
    next = next.slice(0, edit.from) + edit.insert + next.slice(edit.to);
  }
  if (appended.length > 0) {
    if (next.length > 0 && !next.endsWith('\n')) next += '\n';
    next += appended.join('\n') + '\n';
  }
  return text.slice(0, split.yamlOffset) + next + text.slice(split.yamlOffset + yaml.length);
}

function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function sameValue(node: unknown, value: unknown): boolean {
  if (isScalar(node)) return node.value === value || String(node.value ?? '') === value;
  if (isSeq(node) && Array.isArray(value)) {
    const current = node.items.map((i) => (isScalar(i) ? String(i.value) : '\u0000'));
    return current.length === value.length && current.every((c, i) => c === value[i]);
  }
  return false;
}

function stringifyPair(key: string, value: unknown): string {
  const doc = new Document({ [key]: value });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
}
