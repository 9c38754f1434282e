import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, type Node, type Pair, type ParsedNode, type YAMLMap } from 'yaml';

/**
 * The one front-matter editor: fields, image credits and publish records all write through it. An edit names a
 * path of map keys and a new value (or `undefined` to remove the key); only the text of that one pair is
 * rewritten. Every other byte — comments, key order, unknown keys, quoting, anchors, line endings (CRLF stays
 * CRLF), a byte order mark — stays as it was. The editor refuses (and the caller must leave the text alone)
 * rather than guess: broken YAML, a front matter that is not a block map, or a non-map in the way of the path.
 */

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
  return { yaml, yamlOffset, body: text.slice(bodyOffset), bodyOffset, bodyLine: countLines(text, bodyOffset) };
}

/** Number of line breaks before `end`. */
export function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** One change: the value at `path` (map keys from the top), or `undefined` to remove that key. */
export interface FrontMatterEdit {
  path: readonly string[];
  /** Plain data, or a yaml `Node` when the caller wants a style (e.g. a flow map) for part of it. */
  value: unknown;
  /** Write the pair under this key instead, in the same place (Jekyll's `category` becoming `categories`). */
  renameTo?: string;
}

export interface EditOptions {
  /** `{ a: 1 }` instead of `{a: 1}` for flow collections the editor writes. */
  flowCollectionPadding?: boolean;
  /** A scalar or list standing where the path needs a map is replaced instead of refused. */
  replaceInTheWay?: boolean;
}

export type EditFailureCode =
  /** The front matter does not parse. */
  | 'yaml-invalid'
  /** The front matter is not a map in block style (a list, a text, a `{…}` map). */
  | 'not-block-map'
  /** Something other than a map stands where the path goes on. */
  | 'not-map'
  /** The edit would leave YAML that does not parse (e.g. removing an anchor still used elsewhere). */
  | 'result-invalid';

export interface EditFailure {
  code: EditFailureCode;
  /** The keys leading to the offending node (empty for the whole front matter). */
  path: string[];
  /** The parser's message for `yaml-invalid` / `result-invalid`, else empty. */
  message: string;
  /** Offsets of the offending text in the whole file. */
  from: number;
  to: number;
}

export type EditResult = { ok: true; text: string } | { ok: false; failure: EditFailure };

/** Applies the edits one after the other; stops at the first refusal and then returns no text at all. */
export function editFrontMatter(text: string, edits: readonly FrontMatterEdit[], options: EditOptions = {}): EditResult {
  let current = text;
  for (const edit of edits) {
    const result = editOnce(current, edit, options);
    if (!result.ok) return result;
    current = result.text;
  }
  return { ok: true, text: current };
}

/** The line ending a text uses (by its first line break). */
export function lineEnding(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

interface Ctx {
  text: string;
  yaml: string;
  offset: number;
  eol: string;
  options: EditOptions;
  doc: Document.Parsed;
}

function editOnce(text: string, edit: FrontMatterEdit, options: EditOptions): EditResult {
  const { path, value } = edit;
  const removing = value === undefined;
  const split = splitFrontMatter(text);
  if (split.yaml === null) {
    if (removing || path.length === 0) return { ok: true, text };
    const eol = lineEnding(text);
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    const block = stringifyBlock(nest(path, value, edit.renameTo), 0, eol, options);
    return { ok: true, text: `${bom}---${eol}${block}---${eol}${eol}${text.slice(bom.length)}` };
  }
  const yaml = split.yaml;
  const eol = lineEnding(yaml || text);
  const doc = parseDocument(yaml, { keepSourceTokens: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    return failure('yaml-invalid', [], error.message.split('\n')[0] ?? '', split.yamlOffset + error.pos[0], split.yamlOffset + error.pos[1]);
  }
  const ctx: Ctx = { text, yaml, offset: split.yamlOffset, eol, options, doc };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    // Nothing but comments (or nothing at all): the new key goes at the end.
    if (removing || path.length === 0) return { ok: true, text };
    const lead = yaml.length > 0 && !yaml.endsWith('\n') ? eol : '';
    return splice(ctx, yaml.length, yaml.length, lead + stringifyBlock(nest(path, value, edit.renameTo), 0, eol, options));
  }
  if (!isMap(root) || root.flow) return failure('not-block-map', [], '', ctx.offset + root.range[0], ctx.offset + root.range[1]);
  let map = root as YAMLMap.Parsed;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string;
    const rest = path.slice(i);
    const last = i === path.length - 1;
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value !== null && String(p.key.value) === key);
    if (!pair) {
      if (removing) return { ok: true, text };
      return appendTo(ctx, map, nest(rest, value, last ? edit.renameTo : undefined));
    }
    const keyNode = pair.key as ParsedNode;
    const inner = pair.value;
    if (last) {
      if (removing) {
        const from = yaml.lastIndexOf('\n', keyNode.range[0] - 1) + 1;
        return splice(ctx, from, lineEndAfter(yaml, pairEnd(yaml, pair)), '');
      }
      if (edit.renameTo === undefined && sameData(inner, value, doc)) return { ok: true, text };
      return replacePair(ctx, pair, value, edit.renameTo);
    }
    const empty = inner === null || (isScalar(inner) && (inner.value === null || inner.value === ''));
    if (empty) {
      if (removing) return { ok: true, text };
      return replacePair(ctx, pair, nest(path.slice(i + 1), value, edit.renameTo));
    }
    if (isMap(inner) && inner.flow) {
      // A `{…}` map cannot be edited line by line: it is written out as a block, every entry kept.
      const data = (inner.toJS(doc) ?? {}) as Record<string, unknown>;
      setIn(data, path.slice(i + 1), value, edit.renameTo);
      return replacePair(ctx, pair, data);
    }
    if (!isMap(inner)) {
      if (options.replaceInTheWay) {
        if (removing) return { ok: true, text };
        return replacePair(ctx, pair, nest(path.slice(i + 1), value, edit.renameTo));
      }
      return failure('not-map', path.slice(0, i + 1), '', ctx.offset + inner.range[0], ctx.offset + inner.range[1]);
    }
    map = inner as YAMLMap.Parsed;
  }
  return { ok: true, text };
}

function failure(code: EditFailureCode, path: readonly string[], message: string, from: number, to: number): EditResult {
  return { ok: false, failure: { code, path: [...path], message, from, to: Math.max(from, to) } };
}

/** Replaces `yaml[from, to)` and checks that the result still parses. */
function splice(ctx: Ctx, from: number, to: number, insert: string): EditResult {
  const next = ctx.yaml.slice(0, from) + insert + ctx.yaml.slice(to);
  if (next === ctx.yaml) return { ok: true, text: ctx.text };
  const problem = yamlProblem(next);
  if (problem !== null) return failure('result-invalid', [], problem, ctx.offset + from, ctx.offset + to);
  return { ok: true, text: ctx.text.slice(0, ctx.offset) + next + ctx.text.slice(ctx.offset + ctx.yaml.length) };
}

/** The first problem of a YAML text, or null: parse errors, and aliases whose anchor is gone (yaml finds these only when resolving). */
export function yamlProblem(yaml: string): string | null {
  const doc = parseDocument(yaml, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) return error.message.split('\n')[0] ?? error.message;
  try {
    doc.toJS();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Rewrites one pair from its key to the end of its value; the key keeps its spelling (quotes) unless renamed. */
function replacePair(ctx: Ctx, pair: Pair<ParsedNode, ParsedNode | null>, value: unknown, renameTo?: string): EditResult {
  const keyNode = pair.key;
  const from = keyNode.range[0];
  const to = pairEnd(ctx.yaml, pair);
  const keyText = renameTo ?? ctx.yaml.slice(keyNode.range[0], keyNode.range[1]);
  const column = from - (ctx.yaml.lastIndexOf('\n', from - 1) + 1);
  const doc = newDocument({ k: value });
  const node = (doc.contents as YAMLMap | null)?.items[0]?.value;
  keepStyle(pair.value, node);
  let insert = render(doc, column, ctx.eol, ctx.options);
  insert = (renameTo === undefined ? keyText : stringifyKey(renameTo)) + insert.slice(1);
  return splice(ctx, from, to, insert);
}

/** Adds pairs at the end of a block map, indented like its entries. */
function appendTo(ctx: Ctx, map: YAMLMap.Parsed, data: Record<string, unknown>): EditResult {
  const root = map === ctx.doc.contents;
  const at = root ? ctx.yaml.length : lineEndAfter(ctx.yaml, map.range[1]);
  const firstKey = map.items[0]?.key;
  const column = firstKey && isScalar(firstKey) ? firstKey.range[0] - (ctx.yaml.lastIndexOf('\n', firstKey.range[0] - 1) + 1) : 0;
  const lead = at > 0 && ctx.yaml[at - 1] !== '\n' ? ctx.eol : '';
  return splice(ctx, at, at, lead + stringifyBlock(data, column, ctx.eol, ctx.options));
}

/** A replaced value keeps what the author chose: a flow list stays a flow list, quotes stay, an anchor stays. */
function keepStyle(old: ParsedNode | null, next: unknown): void {
  if (!old || !next || typeof next !== 'object') return;
  const node = next as Node;
  if (old.anchor && !node.anchor) node.anchor = old.anchor;
  if (isSeq(old) && old.flow && isSeq(node)) node.flow = true;
  if (
    isScalar(old) &&
    (old.type === Scalar.QUOTE_DOUBLE || old.type === Scalar.QUOTE_SINGLE) &&
    isScalar(node) &&
    typeof node.value === 'string' &&
    !node.value.includes('\n')
  ) {
    node.type = old.type;
  }
}

/** From the key to the end of its value's text; line breaks and a comment after the value are not part of it. */
function pairEnd(yaml: string, pair: Pair<ParsedNode, ParsedNode | null>): number {
  const keyEnd = pair.key.range[1];
  let to = pair.value ? pair.value.range[1] : keyEnd;
  while (to > keyEnd && /\s/.test(yaml[to - 1] ?? '')) to--;
  if (to === keyEnd) {
    const colon = yaml.indexOf(':', keyEnd);
    to = colon === -1 ? keyEnd : colon + 1;
  }
  return to;
}

/** The offset just after the line break ending the line that holds `offset - 1` (the end of the YAML if none). */
function lineEndAfter(yaml: string, offset: number): number {
  if (offset > 0 && yaml[offset - 1] === '\n') return offset;
  const nl = yaml.indexOf('\n', offset);
  return nl === -1 ? yaml.length : nl + 1;
}

function nest(path: readonly string[], value: unknown, renameTo?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  setIn(out, path, value, renameTo);
  return out;
}

function setIn(data: Record<string, unknown>, path: readonly string[], value: unknown, renameTo?: string): void {
  let at = data;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      if (value === undefined) delete at[key];
      else if (renameTo !== undefined && renameTo !== key) {
        delete at[key];
        at[renameTo] = value;
      } else at[key] = value;
      return;
    }
    const next = at[key];
    const child = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
    at[key] = child;
    at = child;
  });
}

function sameData(node: ParsedNode | null, value: unknown, doc: Document.Parsed): boolean {
  if (value !== null && typeof value === 'object' && 'toJSON' in value) return false;
  const current: unknown = node === null ? null : node.toJS(doc);
  return JSON.stringify(current) === JSON.stringify(value) && current !== undefined;
}

function newDocument(value: unknown): Document {
  // No `&a1`/`*a1` for data that happens to share an object.
  return new Document(value, { aliasDuplicateObjects: false });
}

function render(doc: Document, column: number, eol: string, options: EditOptions): string {
  const indent = ' '.repeat(column);
  return doc
    .toString({ lineWidth: 0, flowCollectionPadding: options.flowCollectionPadding ?? false, indent: 2 })
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => (i === 0 || !line ? line : indent + line))
    .join(eol);
}

/** Block YAML for `data` at `column`, ending with a line break (the first line not indented: it is inserted there). */
function stringifyBlock(data: Record<string, unknown>, column: number, eol: string, options: EditOptions): string {
  return ' '.repeat(column) + render(newDocument(data), column, eol, options) + eol;
}

function stringifyKey(key: string): string {
  return newDocument(key).toString().replace(/\n$/, '');
}
