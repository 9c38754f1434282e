import { describe, expect, it } from 'vitest';
import {
  EMPTY_FIELDS,
  parseFrontMatter,
  splitFrontMatter,
  updateFrontMatter,
  type FieldPatch,
} from '../../../electron/common/markdown/front-matter.js';
import type { PostFields } from '../../../electron/common/model/post.js';

// Table-driven in the manner of Zettlr's test/extract-yaml-frontmatter.spec.ts: input → expected rows.

interface SplitCase {
  name: string;
  input: string;
  yaml: string | null;
  body: string;
  bodyLine: number;
}

const splitCases: SplitCase[] = [
  { name: 'no front matter', input: '# Hallo\n\nText\n', yaml: null, body: '# Hallo\n\nText\n', bodyLine: 0 },
  { name: 'empty text', input: '', yaml: null, body: '', bodyLine: 0 },
  { name: 'empty front matter', input: '---\n---\nText\n', yaml: '', body: 'Text\n', bodyLine: 2 },
  { name: 'simple', input: '---\ntitle: Hallo\n---\nText\n', yaml: 'title: Hallo\n', body: 'Text\n', bodyLine: 3 },
  { name: 'byte order mark', input: '\uFEFF---\ntitle: Hallo\n---\nText', yaml: 'title: Hallo\n', body: 'Text', bodyLine: 3 },
  {
    name: 'CRLF line endings',
    input: '---\r\ntitle: Hallo\r\ndate: 2013-01-03\r\n---\r\nText\r\n',
    yaml: 'title: Hallo\r\ndate: 2013-01-03\r\n',
    body: 'Text\r\n',
    bodyLine: 4,
  },
  { name: '... closes', input: '---\ntitle: Hallo\n...\nText\n', yaml: 'title: Hallo\n', body: 'Text\n', bodyLine: 3 },
  { name: 'closing fence at end of file', input: '---\ntitle: Hallo\n---', yaml: 'title: Hallo\n', body: '', bodyLine: 2 },
  { name: 'trailing blanks on fences', input: '--- \ntitle: Hallo\n---\t\nText', yaml: 'title: Hallo\n', body: 'Text', bodyLine: 3 },
  { name: 'never closed: no front matter', input: '---\ntitle: Hallo\nText\n', yaml: null, body: '---\ntitle: Hallo\nText\n', bodyLine: 0 },
  { name: 'not at the start', input: '\n---\ntitle: x\n---\n', yaml: null, body: '\n---\ntitle: x\n---\n', bodyLine: 0 },
  { name: 'four dashes are no fence', input: '----\ntitle: x\n---\n', yaml: null, body: '----\ntitle: x\n---\n', bodyLine: 0 },
  {
    name: 'a dashed line inside a value does not close',
    input: '---\nexcerpt: "a --- b"\n---\nText',
    yaml: 'excerpt: "a --- b"\n',
    body: 'Text',
    bodyLine: 3,
  },
  {
    name: 'a rule in the body stays in the body',
    input: '---\ntitle: x\n---\nEins\n\n---\n\nZwei\n',
    yaml: 'title: x\n',
    body: 'Eins\n\n---\n\nZwei\n',
    bodyLine: 3,
  },
];

describe('splitFrontMatter', () => {
  it.each(splitCases)('$name', ({ input, yaml, body, bodyLine }) => {
    const split = splitFrontMatter(input);
    expect(split.yaml).toBe(yaml);
    expect(split.body).toBe(body);
    expect(split.bodyLine).toBe(bodyLine);
    // The offsets point at what they claim to.
    expect(input.slice(split.bodyOffset)).toBe(body);
    if (yaml !== null) expect(input.slice(split.yamlOffset, split.yamlOffset + yaml.length)).toBe(yaml);
  });
});

interface ParseCase {
  name: string;
  input: string;
  fields: Partial<PostFields>;
}

const parseCases: ParseCase[] = [
  { name: 'no front matter', input: 'Nur Text', fields: {} },
  { name: 'empty front matter', input: '---\n---\nText', fields: {} },
  { name: 'only a comment', input: '---\n# nichts\n---\n', fields: {} },
  {
    name: 'a typical German post',
    input: [
      '---',
      'title: "Social Media: Unvergleichlich"',
      'slug: social-media-unvergleichlich',
      'date: 2013-01-03',
      'status: published',
      'categories:',
      '  - Social Media',
      'tags: [Facebook, Twitter, Blog]',
      'excerpt: Warum ich „Social Media“ nicht vergleiche.',
      'image: header.jpg',
      'lang: de',
      '---',
      'Text',
    ].join('\n'),
    fields: {
      title: 'Social Media: Unvergleichlich',
      slug: 'social-media-unvergleichlich',
      date: '2013-01-03',
      status: 'published',
      categories: ['Social Media'],
      tags: ['Facebook', 'Twitter', 'Blog'],
      excerpt: 'Warum ich „Social Media“ nicht vergleiche.',
      image: 'header.jpg',
      lang: 'de',
    },
  },
  { name: 'date stays a string', input: '---\ndate: 2013-01-03\n---\n', fields: { date: '2013-01-03' } },
  { name: 'date with time stays as written', input: '---\ndate: 2013-01-03 10:15:00\n---\n', fields: { date: '2013-01-03 10:15:00' } },
  { name: 'ISO date with zone stays as written', input: '---\ndate: 2013-01-03T10:15:00+01:00\n---\n', fields: { date: '2013-01-03T10:15:00+01:00' } },
  { name: 'single category as a string', input: '---\ncategories: Social Media\n---\n', fields: { categories: ['Social Media'] } },
  { name: 'Jekyll-style category key', input: '---\ncategory: Reisen\n---\n', fields: { categories: ['Reisen'] } },
  { name: 'categories win over category', input: '---\ncategory: Alt\ncategories: [Neu]\n---\n', fields: { categories: ['Neu'] } },
  { name: 'single tag as a string', input: '---\ntags: Urlaub\n---\n', fields: { tags: ['Urlaub'] } },
  { name: 'empty list entries are dropped', input: '---\ntags: [a, "", ~, b]\n---\n', fields: { tags: ['a', 'b'] } },
  { name: 'unknown status falls back to draft', input: '---\nstatus: fertig\n---\n', fields: { status: 'draft' } },
  { name: 'status is case-sensitive', input: '---\nstatus: Published\n---\n', fields: { status: 'draft' } },
  { name: 'every known status', input: '---\nstatus: scheduled\n---\n', fields: { status: 'scheduled' } },
  { name: 'empty lang falls back to de', input: '---\nlang:\n---\n', fields: { lang: 'de' } },
  { name: 'English post', input: '---\nlang: en-GB\n---\n', fields: { lang: 'en-GB' } },
  { name: 'null values read as empty', input: '---\ntitle: ~\nexcerpt: null\n---\n', fields: { title: '', excerpt: '' } },
  { name: 'numbers keep how they were written', input: '---\nslug: 007\ntitle: 1984\ntags: [1.10, 2.0]\n---\n', fields: { slug: '007', title: '1984', tags: ['1.10', '2.0'] } },
  { name: 'booleans read as text', input: '---\ntitle: true\n---\n', fields: { title: 'true' } },
  { name: 'a map where text belongs reads as empty', input: '---\ntitle:\n  de: Hallo\n---\n', fields: { title: '' } },
  { name: 'block scalar excerpt', input: '---\nexcerpt: |\n  Zeile eins\n  Zeile zwei\n---\n', fields: { excerpt: 'Zeile eins\nZeile zwei\n' } },
  { name: 'CRLF file', input: '---\r\ntitle: Grüße\r\ntags:\r\n  - Ä\r\n---\r\nText', fields: { title: 'Grüße', tags: ['Ä'] } },
  { name: 'BOM file', input: '\uFEFF---\ntitle: Mit BOM\n---\nText', fields: { title: 'Mit BOM' } },
  { name: '... as the closing fence', input: '---\ntitle: Punkte\n...\nText', fields: { title: 'Punkte' } },
  { name: 'anchors and aliases resolve', input: '---\nt: &t Hallo\ntitle: *t\n---\n', fields: { title: 'Hallo' } },
  { name: 'pinned, comments closed', input: '---\nsticky: true\ncomments: closed\n---\n', fields: { sticky: true, comments: 'closed' } },
  { name: 'unknown comment setting leaves it to the blog', input: '---\nsticky: nein\ncomments: vielleicht\n---\n', fields: { sticky: false, comments: '' } },
];

describe('parseFrontMatter: fields', () => {
  it.each(parseCases)('$name', ({ input, fields }) => {
    const parsed = parseFrontMatter(input);
    if (!parsed.ok) throw new Error(`expected a parse, got ${parsed.problem.message}`);
    expect(parsed.fields).toEqual({ ...EMPTY_FIELDS, ...fields });
  });

  it('returns unknown keys in data, untouched', () => {
    const parsed = parseFrontMatter('---\ntitle: x\nwp_id: 4711\nseo:\n  robots: noindex\n---\n');
    expect(parsed.ok && parsed.data).toEqual({ title: 'x', wp_id: 4711, seo: { robots: 'noindex' } });
  });

  it('does not share the default lists between posts', () => {
    const a = parseFrontMatter('Text');
    if (!a.ok) throw new Error('no parse');
    a.fields.tags.push('verändert');
    expect(EMPTY_FIELDS.tags).toEqual([]);
  });
});

interface ProblemCase {
  name: string;
  input: string;
  line: number;
  column: number;
  message: RegExp;
}

const problemCases: ProblemCase[] = [
  {
    name: 'an alias without its anchor',
    input: '---\ntitle: *fehlt\n---\nText\n',
    line: 2,
    column: 1,
    message: /alias/i,
  },
  {
    name: 'unclosed flow list',
    input: '---\ntitle: x\ntags: [a, b\nlang: de\n---\nText\n',
    line: 4,
    column: 1,
    message: /flow sequence/i,
  },
  {
    // yaml notices the missing quote at the end of the front matter: the closing fence's line.
    name: 'unclosed quote',
    input: '---\ntitle: "Hallo\nslug: x\n---\n',
    line: 4,
    column: 1,
    message: /quote/i,
  },
  {
    name: 'duplicate key',
    input: '---\ntitle: a\nslug: s\ntitle: b\n---\n',
    line: 4,
    column: 1,
    message: /unique/i,
  },
  {
    // `1` continues on the next line as `1 b: 2`, which may not hold `: `; the error points at the value.
    name: 'bad indentation, column counts',
    input: '---\ntitle: ok\nseo:\n  a: 1\n    b: 2\n---\n',
    line: 4,
    column: 6,
    message: /./,
  },
  {
    name: 'BOM and CRLF do not shift the position',
    input: '\uFEFF---\r\ntitle: a\r\nslug: s\r\ntitle: b\r\n---\r\n',
    line: 4,
    column: 1,
    message: /unique/i,
  },
  {
    name: 'a list is no front matter',
    input: '---\n- a\n- b\n---\nText',
    line: 2,
    column: 1,
    message: /Schlüssel/,
  },
  {
    name: 'plain text is no front matter',
    input: '---\nHallo Welt\n---\nText',
    line: 2,
    column: 1,
    message: /Schlüssel/,
  },
];

describe('parseFrontMatter: problems', () => {
  it.each(problemCases)('$name → line $line, column $column', ({ input, line, column, message }) => {
    const parsed = parseFrontMatter(input);
    if (parsed.ok) throw new Error('expected a problem');
    expect(parsed.problem).toMatchObject({ line, column });
    expect(parsed.problem.message).toMatch(message);
    // The message is one line, and it does not repeat a position of its own (which would be in YAML
    // coordinates and contradict the whole-file line shown beside it).
    expect(parsed.problem.message).not.toMatch(/\n/);
    expect(parsed.problem.message).not.toMatch(/line \d+/i);
  });

  it('the line and column point at the offending text of the file', () => {
    const input = '---\ntitle: ok\nslug: s\ntags: [a\nexcerpt: "offen\n---\nText\n';
    const parsed = parseFrontMatter(input);
    if (parsed.ok) throw new Error('expected a problem');
    const lineText = input.split('\n')[parsed.problem.line - 1] ?? '';
    expect(lineText.length).toBeGreaterThanOrEqual(parsed.problem.column - 1);
    expect(parsed.problem.line).toBeGreaterThan(1);
    expect(parsed.problem.line).toBeLessThan(6);
  });
});

// ---------------------------------------------------------------------------------------------------------
// updateFrontMatter: only the changed keys' text changes; everything else is kept byte for byte.

const KEEP = [
  '---',
  '# Kommentar am Anfang',
  'title: Alter Titel',
  'wp_id: 4711 # die ID in WordPress',
  'slug: alter-titel',
  "quoted_single: 'einfach'",
  'quoted_double: "doppelt \\u00e4"',
  'flow: [eins, zwei, "drei"]',
  'nested:',
  '  seo:',
  '    robots: noindex',
  '    list:',
  '      - a',
  '      - b',
  'literal: |',
  '  Zeile eins',
  '',
  '  Zeile drei',
  'folded: >-',
  '  gefaltet',
  '  weiter',
  'tags:',
  '  - Reisen',
  '  - Italien',
  '# Kommentar zwischen Schlüsseln',
  'date: 2013-01-03',
  'anchor: &a Wert',
  'alias: *a',
  'empty:',
  'zahl: 007',
  '---',
  '',
  'Der Text bleibt, wie er ist.',
  '',
].join('\n');

/** Every line of `before` except the named keys' own lines must be in `after`, in order. */
function untouchedLines(before: string, after: string, changedLines: readonly string[]): void {
  const kept = before.split('\n').filter((l) => !changedLines.includes(l));
  const afterLines = after.split('\n');
  let at = 0;
  for (const line of kept) {
    const found = afterLines.indexOf(line, at);
    expect(found, `line ${JSON.stringify(line)} kept in order`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

interface UpdateCase {
  name: string;
  input: string;
  patch: FieldPatch;
  expected: string;
}

const updateCases: UpdateCase[] = [
  {
    name: 'change the title',
    input: KEEP,
    patch: { title: 'Neuer Titel: mit Doppelpunkt' },
    expected: KEEP.replace('title: Alter Titel', 'title: "Neuer Titel: mit Doppelpunkt"'),
  },
  {
    name: 'change the slug keeps the comment on the line before',
    input: KEEP,
    patch: { slug: 'neuer-titel' },
    expected: KEEP.replace('slug: alter-titel', 'slug: neuer-titel'),
  },
  {
    name: 'change the tags (block list followed by a comment)',
    input: KEEP,
    patch: { tags: ['Reisen', 'Südtirol'] },
    expected: KEEP.replace('tags:\n  - Reisen\n  - Italien', 'tags:\n  - Reisen\n  - Südtirol'),
  },
  {
    name: 'change the date',
    input: KEEP,
    patch: { date: '2024-05-01T09:30:00' },
    expected: KEEP.replace('date: 2013-01-03', 'date: 2024-05-01T09:30:00'),
  },
  {
    name: 'remove the tags',
    input: KEEP,
    patch: { tags: [] },
    expected: KEEP.replace('tags:\n  - Reisen\n  - Italien\n', ''),
  },
  {
    name: 'remove the title',
    input: KEEP,
    patch: { title: '' },
    expected: KEEP.replace('title: Alter Titel\n', ''),
  },
  {
    name: 'add new keys at the end, in patch order',
    input: KEEP,
    patch: { status: 'ready', categories: ['Reisen'] },
    expected: KEEP.replace('zahl: 007\n---', 'zahl: 007\nstatus: ready\ncategories:\n  - Reisen\n---'),
  },
  {
    name: 'unchanged values leave the text identical',
    input: KEEP,
    patch: { title: 'Alter Titel', slug: 'alter-titel', date: '2013-01-03', tags: ['Reisen', 'Italien'] },
    expected: KEEP,
  },
  {
    name: 'empty values for missing keys add nothing',
    input: KEEP,
    patch: { excerpt: '', categories: [] },
    expected: KEEP,
  },
  {
    name: 'undefined in a patch means "not in the patch"',
    input: KEEP,
    patch: { title: undefined, slug: 'x' },
    expected: KEEP.replace('slug: alter-titel', 'slug: x'),
  },
  {
    name: 'the last key is a block list',
    input: '---\ntitle: A\ntags:\n- a\n- b\n---\nText',
    patch: { title: 'B', tags: ['q'] },
    expected: '---\ntitle: B\ntags:\n  - q\n---\nText',
  },
  {
    name: 'a block scalar is replaced whole',
    input: '---\nexcerpt: |\n  eins\n  zwei\nfoo: bar # bleibt\n---\n',
    patch: { excerpt: 'neu' },
    expected: '---\nexcerpt: neu\nfoo: bar # bleibt\n---\n',
  },
  {
    name: 'removing a block scalar keeps the next key',
    input: '---\nexcerpt: >\n  a\n  b\n\nfoo: bar # bleibt\n---\n',
    patch: { excerpt: '' },
    expected: '---\n\nfoo: bar # bleibt\n---\n',
  },
  {
    name: 'removing a block list keeps the next key',
    input: '---\ntags:\n  - a\n  - b\nexcerpt: |\n  eins\n---\n',
    patch: { tags: [] },
    expected: '---\nexcerpt: |\n  eins\n---\n',
  },
  {
    name: 'a comment after the value stays',
    input: '---\ntitle: A # Arbeitstitel\n---\n',
    patch: { title: 'B' },
    expected: '---\ntitle: B # Arbeitstitel\n---\n',
  },
  {
    name: 'a flow list stays a flow list',
    input: '---\ntags: [a, b]   # Schlagworte\ntitle: x\n---\n',
    patch: { tags: ['a', 'c'] },
    expected: '---\ntags: [a, c]   # Schlagworte\ntitle: x\n---\n',
  },
  {
    name: 'an empty value is filled in place',
    input: '---\ntitle:\nslug: x\n---\n',
    patch: { title: 'Neu' },
    expected: '---\ntitle: Neu\nslug: x\n---\n',
  },
  {
    name: 'an empty last value is filled in place',
    input: '---\nslug: x\ntitle:\n---\n',
    patch: { title: 'Neu' },
    expected: '---\nslug: x\ntitle: Neu\n---\n',
  },
  {
    name: 'a single-string category becomes the categories list in place',
    input: '---\ncategory: Social Media\ntitle: x\n---\n',
    patch: { categories: ['Social Media', 'Web'] },
    expected: '---\ncategories:\n  - Social Media\n  - Web\ntitle: x\n---\n',
  },
  {
    name: 'clearing categories also clears the Jekyll category key',
    input: '---\ncategory: Social Media\ntitle: x\n---\n',
    patch: { categories: [] },
    expected: '---\ntitle: x\n---\n',
  },
  {
    name: 'numbers written as text are compared as written',
    input: '---\nslug: 007\n---\n',
    patch: { slug: '007' },
    expected: '---\nslug: 007\n---\n',
  },
  {
    name: 'values that would read as another type are quoted',
    input: '---\ntitle: x\n---\n',
    patch: { title: '2013', excerpt: 'true', slug: '# kein Kommentar' },
    expected: '---\ntitle: "2013"\nexcerpt: "true"\nslug: "# kein Kommentar"\n---\n',
  },
  {
    name: 'a multi-line excerpt becomes a block scalar',
    input: '---\ntitle: x\n---\n',
    patch: { excerpt: 'Zeile eins\nZeile zwei' },
    expected: '---\ntitle: x\nexcerpt: |-\n  Zeile eins\n  Zeile zwei\n---\n',
  },
  {
    name: 'CRLF files stay CRLF',
    input: '---\r\ntitle: A\r\nslug: a\r\n---\r\nText\r\n',
    patch: { title: 'B', tags: ['x', 'y'] },
    expected: '---\r\ntitle: B\r\nslug: a\r\ntags:\r\n  - x\r\n  - y\r\n---\r\nText\r\n',
  },
  {
    name: 'BOM stays in front',
    input: '\uFEFF---\ntitle: A\n---\nText',
    patch: { title: 'B' },
    expected: '\uFEFF---\ntitle: B\n---\nText',
  },
  {
    name: 'empty front matter gets the keys',
    input: '---\n---\nText',
    patch: { title: 'A' },
    expected: '---\ntitle: A\n---\nText',
  },
  {
    name: 'front matter closed with ... keeps it',
    input: '---\ntitle: A\n...\nText',
    patch: { title: 'B' },
    expected: '---\ntitle: B\n...\nText',
  },
  {
    name: 'no front matter: one is added in front',
    input: '# Überschrift\n\nText\n',
    patch: { title: 'Neu', tags: ['a'], excerpt: '' },
    expected: '---\ntitle: Neu\ntags:\n  - a\n---\n\n# Überschrift\n\nText\n',
  },
  {
    name: 'no front matter, BOM: the BOM stays first',
    input: '\uFEFFText',
    patch: { title: 'Neu' },
    expected: '\uFEFF---\ntitle: Neu\n---\n\nText',
  },
  {
    name: 'no front matter, CRLF: the new block uses CRLF',
    input: 'Text\r\nmehr\r\n',
    patch: { title: 'Neu' },
    expected: '---\r\ntitle: Neu\r\n---\r\n\r\nText\r\nmehr\r\n',
  },
  {
    name: 'no front matter and nothing to write: unchanged',
    input: 'Text',
    patch: { title: '', tags: [] },
    expected: 'Text',
  },
  {
    name: 'empty text (a new post)',
    input: '',
    patch: { title: 'Grüß Gott', slug: 'gruess-gott', status: 'draft', lang: 'de' },
    expected: '---\ntitle: Grüß Gott\nslug: gruess-gott\nstatus: draft\nlang: de\n---\n\n',
  },
];

describe('updateFrontMatter', () => {
  it.each(updateCases)('$name', ({ input, patch, expected }) => {
    const next = updateFrontMatter(input, patch);
    expect(next).toBe(expected);
  });

  it.each(updateCases)('reads back what was written: $name', ({ input, patch }) => {
    const next = updateFrontMatter(input, patch);
    if (next === null) throw new Error('no update');
    const parsed = parseFrontMatter(next);
    if (!parsed.ok) throw new Error(`broken YAML after update: ${parsed.problem.message}`);
    for (const [key, value] of Object.entries(patch) as [keyof PostFields, unknown][]) {
      if (value === undefined) continue;
      const expected = key === 'lang' && value === '' ? 'de' : key === 'status' && value === '' ? 'draft' : value;
      expect(parsed.fields[key], key).toEqual(expected);
    }
    // The body is never touched.
    const bodyOf = (t: string) => splitFrontMatter(t).body.replace(/^\uFEFF/, '').replace(/^\r?\n/, '');
    expect(bodyOf(next)).toBe(bodyOf(input));
  });

  it.each<[string, FieldPatch, string[]]>([
    ['title', { title: 'Neu' }, ['title: Alter Titel']],
    ['tags', { tags: ['x'] }, ['tags:', '  - Reisen', '  - Italien']],
    ['date', { date: '2020-02-02' }, ['date: 2013-01-03']],
    ['add status', { status: 'published' }, []],
  ])('keeps every other line of a rich front matter byte-exact: %s', (_name, patch, changed) => {
    const next = updateFrontMatter(KEEP, patch);
    if (next === null) throw new Error('no update');
    untouchedLines(KEEP, next, changed);
    const before = parseFrontMatter(KEEP);
    const after = parseFrontMatter(next);
    if (!before.ok || !after.ok) throw new Error('no parse');
    // Unknown keys come back with the same values and in the same order.
    const unknown = (d: Record<string, unknown>) =>
      Object.entries(d).filter(([k]) => !['title', 'tags', 'date', 'status'].includes(k));
    expect(unknown(after.data)).toEqual(unknown(before.data));
  });

  it.each([
    ['unclosed list', '---\ntitle: x\ntags: [a\n---\nText'],
    ['duplicate key', '---\ntitle: a\ntitle: b\n---\nText'],
    ['a list, not a map', '---\n- a\n---\nText'],
    ['plain text', '---\nHallo\n---\nText'],
  ])('returns null for broken front matter (%s)', (_name, input) => {
    const copy = input.slice();
    expect(updateFrontMatter(input, { title: 'Neu' })).toBeNull();
    expect(input).toBe(copy);
  });

  it('never produces front matter that reads back differently (flow map at the top)', () => {
    const input = '---\n{title: a, wp_id: 1}\n---\nText';
    const next = updateFrontMatter(input, { title: 'b', tags: ['neu'] });
    if (next !== null) {
      const parsed = parseFrontMatter(next);
      expect(parsed.ok && parsed.fields).toMatchObject({ title: 'b', tags: ['neu'] });
      expect(parsed.ok && parsed.data['wp_id']).toBe(1);
    }
  });

  it('is idempotent', () => {
    const patch: FieldPatch = { title: 'Ä: Ö', tags: ['ß'], categories: ['c'], excerpt: 'a\nb' };
    const once = updateFrontMatter(KEEP, patch);
    if (once === null) throw new Error('no update');
    expect(updateFrontMatter(once, patch)).toBe(once);
  });
});
