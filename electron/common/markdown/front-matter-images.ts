import { Document, isMap, isScalar, parseDocument, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import {
  applyCreditPatch,
  CREDIT_FIELDS,
  licenseSchema,
  URL_FIELDS,
  type CreditField,
  type CreditPatch,
  type ImageCredit,
  type ImagesMap,
} from '../model/attribution.js';
import { splitFrontMatter } from './front-matter.js';

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
  return { yaml: split.yaml, offset: split.yamlOffset, doc };
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
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

interface Edit {
  from: number;
  to: number;
  insert: string;
}

/**
 * Sets fields of one image's entry (creating `images:` and the entry when missing). Fields named in the patch
 * with `''`, `null` or `false` are removed; fields not named, other entries and unknown sub-keys keep their
 * bytes. Refuses (and leaves the text alone) when the front matter does not parse or the entry is not a map.
 */
export function setImageCredit(text: string, file: string, patch: CreditPatch): ImagesEdit {
  const parsed = parseYaml(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const wanted = patchValues(patch);
  if (parsed === null) {
    if (wanted.length === 0) return { ok: true, text };
    const block = stringifyBlock({ [IMAGES_KEY]: { [file]: Object.fromEntries(wanted) } }, '', eol);
    return { ok: true, text: `---${eol}${block}---${eol}${eol}${text}` };
  }
  if ('error' in parsed) return { ok: false, problem: parsed.error };
  const { yaml, doc, offset } = parsed;
  const fail = (code: ImagesProblemCode, node: ParsedNode | null, detail: string): ImagesEdit => {
    const from = offset + (node?.range?.[0] ?? 0);
    return {
      ok: false,
      problem: { code, file, field: null, detail, line: lineAt(text, from), from, to: offset + (node?.range?.[1] ?? 0) },
    };
  };
  if (doc.contents !== null && (!isMap(doc.contents) || doc.contents.flow)) {
    return fail('front-matter-invalid', doc.contents, 'Front Matter ist keine Zuordnung in Blockschreibweise');
  }

  const apply = (edits: Edit[]): ImagesEdit => {
    let next = yaml;
    for (const e of edits.sort((a, b) => b.from - a.from)) next = next.slice(0, e.from) + e.insert + next.slice(e.to);
    return { ok: true, text: text.slice(0, offset) + next + text.slice(offset + yaml.length) };
  };

  const imagesPair = topPair(doc, IMAGES_KEY);
  if (!imagesPair) {
    if (wanted.length === 0) return { ok: true, text };
    const block = stringifyBlock({ [IMAGES_KEY]: { [file]: Object.fromEntries(wanted) } }, '', eol);
    const at = yaml.length;
    const lead = at > 0 && !yaml.endsWith('\n') ? eol : '';
    return apply([{ from: at, to: at, insert: lead + block }]);
  }
  const images = imagesPair.value;
  const imagesKey = imagesPair.key;
  const isEmpty = images === null || (isScalar(images) && (images.value === null || images.value === ''));
  if (isEmpty) {
    if (wanted.length === 0) return { ok: true, text };
    const indent = indentOf(yaml, imagesKey.range[0]);
    const block = stringifyBlock({ [IMAGES_KEY]: { [file]: Object.fromEntries(wanted) } }, indent, eol);
    return apply([{ from: imagesKey.range[0], to: lineEndAfter(yaml, images?.range?.[1] ?? imagesKey.range[1]), insert: block.slice(indent.length) }]);
  }
  if (!isMap(images)) return fail('images-not-map', images, 'images ist keine Zuordnung');
  const imagesMap = images as YAMLMap.Parsed;
  const all = imagesMap.toJS(doc) as Record<string, unknown>;

  if (imagesMap.flow) {
    // A flow map `{…}` cannot be edited line by line; write `images:` out as a block with every entry kept.
    const current = (all[file] ?? {}) as ImageCredit;
    all[file] = applyCreditPatch(current, patch);
    if (Object.keys(all[file] as object).length === 0) delete all[file];
    const indent = indentOf(yaml, imagesKey.range[0]);
    const block = stringifyBlock({ [IMAGES_KEY]: all }, indent, eol);
    return apply([{ from: imagesKey.range[0], to: lineEndAfter(yaml, imagesMap.range[1]), insert: block.slice(indent.length) }]);
  }

  const entry = imagesMap.items.find((p) => isScalar(p.key) && String(p.key.value) === file);
  const entryIndent = entryIndentOf(yaml, imagesMap, imagesKey);
  if (!entry) {
    if (wanted.length === 0) return { ok: true, text };
    const block = stringifyBlock({ [file]: Object.fromEntries(wanted) }, entryIndent, eol);
    const at = lineEndAfter(yaml, imagesMap.range[1]);
    const lead = at > 0 && yaml[at - 1] !== '\n' ? eol : '';
    return apply([{ from: at, to: at, insert: lead + block }]);
  }
  const body = entry.value;
  const entryKey = entry.key as ParsedNode;
  if (body === null || (isScalar(body) && body.value === null)) {
    if (wanted.length === 0) return { ok: true, text };
    const indent = indentOf(yaml, entryKey.range[0]);
    const block = stringifyBlock({ [file]: Object.fromEntries(wanted) }, indent, eol);
    return apply([{ from: entryKey.range[0], to: lineEndAfter(yaml, body?.range?.[1] ?? entryKey.range[1]), insert: block.slice(indent.length) }]);
  }
  if (!isMap(body)) return fail('image-entry-not-map', body, shorten(body.toJS(doc)));
  const fields = body as YAMLMap.Parsed;
  if (fields.flow) {
    const merged = applyCreditPatch((fields.toJS(doc) ?? {}) as ImageCredit, patch);
    const indent = indentOf(yaml, entryKey.range[0]);
    const block = stringifyBlock({ [file]: merged }, indent, eol);
    return apply([{ from: entryKey.range[0], to: lineEndAfter(yaml, fields.range[1]), insert: block.slice(indent.length) }]);
  }

  const edits: Edit[] = [];
  const appended: [string, unknown][] = [];
  const fieldIndent = fields.items[0] && isScalar(fields.items[0].key) ? indentOf(yaml, fields.items[0].key.range[0]) : entryIndent + '  ';
  for (const field of CREDIT_FIELDS) {
    if (!(field in patch)) continue;
    const value = normalizeValue(patch[field]);
    const pair = fields.items.find((p) => isScalar(p.key) && p.key.value === field);
    if (!pair) {
      if (value !== undefined) appended.push([field, value]);
      continue;
    }
    const key = pair.key as ParsedNode;
    if (value === undefined) {
      const lineStart = yaml.lastIndexOf('\n', key.range[0] - 1) + 1;
      edits.push({ from: lineStart, to: lineEndAfter(yaml, pair.value?.range?.[1] ?? key.range[1]), insert: '' });
      continue;
    }
    if (isScalar(pair.value) && pair.value.value === value) continue;
    const valueEnd = pair.value?.range?.[1] ?? yaml.indexOf(':', key.range[1]) + 1;
    let insert = stringifyBlock({ [field]: value }, fieldIndent, eol).slice(fieldIndent.length);
    // A replaced block scalar ended with its line break; keep the rest of the line where it was.
    if (valueEnd > 0 && yaml[valueEnd - 1] !== '\n') insert = insert.replace(/\r?\n$/, '');
    edits.push({ from: key.range[0], to: valueEnd, insert });
  }
  if (appended.length > 0) {
    const at = lineEndAfter(yaml, fields.range[1]);
    const lead = at > 0 && yaml[at - 1] !== '\n' ? eol : '';
    edits.push({ from: at, to: at, insert: lead + stringifyBlock(Object.fromEntries(appended), fieldIndent, eol) });
  }
  return apply(edits);
}

/** Removes one image's entry (e.g. when its file is deleted); other entries keep their bytes. */
export function removeImageCredit(text: string, file: string): ImagesEdit {
  const parsed = parseYaml(text);
  if (parsed === null) return { ok: true, text };
  if ('error' in parsed) return { ok: false, problem: parsed.error };
  const { yaml, doc, offset } = parsed;
  const images = topPair(doc, IMAGES_KEY)?.value;
  if (!images || !isMap(images)) return { ok: true, text };
  const map = images as YAMLMap.Parsed;
  const entry = map.items.find((p) => isScalar(p.key) && String(p.key.value) === file);
  if (!entry) return { ok: true, text };
  if (map.flow) return { ok: false, problem: { code: 'images-not-map', file, field: null, detail: 'images steht in {…}-Schreibweise', line: lineAt(text, offset + map.range[0]), from: offset + map.range[0], to: offset + map.range[1] } };
  const key = entry.key as ParsedNode;
  const from = yaml.lastIndexOf('\n', key.range[0] - 1) + 1;
  const to = lineEndAfter(yaml, entry.value?.range?.[1] ?? key.range[1]);
  const next = yaml.slice(0, from) + yaml.slice(to);
  return { ok: true, text: text.slice(0, offset) + next + text.slice(offset + yaml.length) };
}

function patchValues(patch: CreditPatch): [CreditField, string | boolean][] {
  const out: [CreditField, string | boolean][] = [];
  for (const field of CREDIT_FIELDS) {
    const v = normalizeValue(patch[field]);
    if (v !== undefined) out.push([field, v]);
  }
  return out;
}

function normalizeValue(value: string | boolean | null | undefined): string | boolean | undefined {
  if (value === null || value === undefined || value === '' || value === false) return undefined;
  return value;
}

/** Block YAML for `value`, every line indented by `indent`, ending with a line break. */
function stringifyBlock(value: Record<string, unknown>, indent: string, eol: string): string {
  const yaml = new Document(value).toString({ lineWidth: 0, flowCollectionPadding: false, indent: 2 });
  return yaml
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join(eol) + eol;
}

function indentOf(yaml: string, at: number): string {
  const lineStart = yaml.lastIndexOf('\n', at - 1) + 1;
  return yaml.slice(lineStart, at);
}

function entryIndentOf(yaml: string, map: YAMLMap.Parsed, parentKey: ParsedNode): string {
  const first = map.items[0]?.key;
  if (first && isScalar(first)) return indentOf(yaml, first.range[0]);
  return indentOf(yaml, parentKey.range[0]) + '  ';
}

/** The offset just after the line break that ends the line holding `offset - 1` (the end of the YAML if none). */
function lineEndAfter(yaml: string, offset: number): number {
  if (offset > 0 && yaml[offset - 1] === '\n') return offset;
  const nl = yaml.indexOf('\n', offset);
  return nl === -1 ? yaml.length : nl + 1;
}
