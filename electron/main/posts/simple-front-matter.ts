import { splitFrontMatter } from '../../common/markdown/front-matter.js';
import { POST_STATUSES, type PostFields, type PostStatus } from '../../common/model/post.js';

/** The fields the library list shows. */
export type ListedFields = Pick<PostFields, 'title' | 'date' | 'status' | 'excerpt'>;

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const NESTED = /^( +)(?:- +(.+)|([A-Za-z_][A-Za-z0-9_-]*): +(.+))$/;
const SPECIAL_WORDS = /^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * The listed fields of a front matter made only of the plainest YAML — `key: text` lines, and under a key
 * without value one block of `- text` items or `key: text` pairs — read without the YAML parser, which costs
 * about ten times as much and dominated the first listing of a large library. Anything else (quotes, block
 * scalars, anchors, flow maps, tabs, comments after values, repeated keys, special words) returns null, and the
 * caller asks the real parser: so this never reads a value differently from it (a test compares both).
 */
export function simpleListedFields(text: string): ListedFields | null {
  const yaml = splitFrontMatter(text).yaml;
  if (yaml === null || yaml.includes('\t') || yaml.includes('\r')) return null;
  const values = new Map<string, string>();
  let open: { indent: number; kind: 'seq' | 'map' | null; keys: Set<string> } | null = null;
  for (const line of yaml.split('\n')) {
    if (line.trim() === '' || /^#/.test(line)) continue;
    const top = TOP_KEY.exec(line);
    if (top) {
      const key = top[1] ?? '';
      const value = (top[2] ?? '').trim();
      if (values.has(key)) return null;
      if (value === '') {
        values.set(key, '');
        open = { indent: -1, kind: null, keys: new Set() };
        continue;
      }
      open = null;
      if (value.startsWith('[')) {
        if (!plainFlowList(value)) return null;
        values.set(key, '');
        continue;
      }
      if (!plainScalar(value)) return null;
      values.set(key, value);
      continue;
    }
    const nested = NESTED.exec(line);
    if (!nested || !open) return null;
    const indent = nested[1]?.length ?? 0;
    const kind = nested[2] !== undefined ? 'seq' : 'map';
    if (open.indent === -1) {
      open.indent = indent;
      open.kind = kind;
    }
    if (indent !== open.indent || kind !== open.kind) return null;
    const value = (nested[2] ?? nested[4] ?? '').trim();
    if (!plainScalar(value)) return null;
    if (kind === 'map') {
      const key = nested[3] ?? '';
      if (open.keys.has(key)) return null;
      open.keys.add(key);
    }
  }
  // A known key with a list or map for its value reads as empty text, as the real parser's fields do.
  const status = values.get('status') ?? '';
  return {
    title: values.get('title') ?? '',
    date: values.get('date') ?? '',
    status: (POST_STATUSES as readonly string[]).includes(status) ? (status as PostStatus) : 'draft',
    excerpt: values.get('excerpt') ?? '',
  };
}

/** Text YAML reads as exactly these characters: no indicator first, no `: ` or ` #` inside, no special word. */
function plainScalar(value: string): boolean {
  const first = value.charCodeAt(0);
  const plainFirst = (first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first >= 0xc0;
  if (!plainFirst || first === 0xfeff) return false;
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  return !SPECIAL_WORDS.test(value);
}

function plainFlowList(value: string): boolean {
  if (!value.endsWith(']')) return false;
  const inner = value.slice(1, -1).trim();
  if (inner === '') return true;
  return inner.split(',').every((item) => {
    const v = item.trim();
    return v !== '' && plainScalar(v) && !/[[\]{}]/.test(v);
  });
}
