import { themeFontFamily } from '../../common/blog-theme/blog-theme.js';

/**
 * A blog's stylesheets, read and rewritten for the preview „Wie im Blog“: a small CSS reader (strings, comments,
 * nested blocks) that is enough to find `@import`, `@font-face` and `url()` references, rewrite selectors for the
 * preview's wrapper and drop whatever could load or run something. The browser's CSP is the second wall.
 */

export type CssNode =
  | { kind: 'rule'; prelude: string; body: string }
  | { kind: 'block-at'; name: string; prelude: string; children: CssNode[] }
  | { kind: 'raw-at'; name: string; prelude: string; body: string }
  | { kind: 'statement-at'; name: string; prelude: string };

/** At-rules whose block holds further rules. */
const NESTING = new Set(['media', 'supports', 'layer', 'container', 'document', 'scope', 'starting-style']);
/** At-rules kept as they are (after their declarations are checked). */
const KEPT_RAW = new Set(['font-face', 'keyframes', '-webkit-keyframes', 'page', 'property', 'counter-style', 'font-feature-values']);

/** Index after a string starting at `i` (the quote), or after a comment starting at `i`. */
function skipQuoted(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== quote) {
    if (text[j] === '\\') j++;
    else if (text[j] === '\n') return j;
    j++;
  }
  return j + 1;
}

function skipComment(text: string, i: number): number {
  const end = text.indexOf('*/', i + 2);
  return end === -1 ? text.length : end + 2;
}

/** The index of the first of `stops` at nesting level 0 from `i`, skipping strings, comments and brackets. */
function scanTo(text: string, i: number, stops: string): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const c = text[j] as string;
    if (c === '"' || c === "'") {
      j = skipQuoted(text, j);
      continue;
    }
    if (c === '/' && text[j + 1] === '*') {
      j = skipComment(text, j);
      continue;
    }
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (depth === 0 && stops.includes(c)) return j;
    j++;
  }
  return text.length;
}

/** The index of the `}` closing the block whose `{` is at `open`. */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  let j = open;
  while (j < text.length) {
    const c = text[j] as string;
    if (c === '"' || c === "'") {
      j = skipQuoted(text, j);
      continue;
    }
    if (c === '/' && text[j + 1] === '*') {
      j = skipComment(text, j);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
    j++;
  }
  return text.length;
}

function stripComments(text: string): string {
  let out = '';
  let j = 0;
  while (j < text.length) {
    const c = text[j] as string;
    if (c === '"' || c === "'") {
      const end = skipQuoted(text, j);
      out += text.slice(j, end);
      j = end;
    } else if (c === '/' && text[j + 1] === '*') {
      j = skipComment(text, j);
      out += ' ';
    } else {
      out += c;
      j++;
    }
  }
  return out;
}

/** Reads a stylesheet into rules and at-rules. Broken input never throws: the rest is read as the browser would. */
export function parseCss(source: string, depth = 0): CssNode[] {
  const text = stripComments(source);
  const nodes: CssNode[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[\s;]/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    if (text.startsWith('<!--', i) || text.startsWith('-->', i)) {
      i += text.startsWith('<!--', i) ? 4 : 3;
      continue;
    }
    const stop = scanTo(text, i, '{;}');
    const prelude = text.slice(i, stop).trim();
    const at = /^@([\w-]+)/.exec(prelude);
    if (stop >= text.length || text[stop] === '}') {
      if (at) nodes.push({ kind: 'statement-at', name: (at[1] as string).toLowerCase(), prelude: prelude.slice(at[0].length).trim() });
      i = stop + 1;
      continue;
    }
    if (text[stop] === ';') {
      if (at) nodes.push({ kind: 'statement-at', name: (at[1] as string).toLowerCase(), prelude: prelude.slice(at[0].length).trim() });
      i = stop + 1;
      continue;
    }
    const end = blockEnd(text, stop);
    const body = text.slice(stop + 1, end);
    if (at) {
      const name = (at[1] as string).toLowerCase();
      const rest = prelude.slice(at[0].length).trim();
      if (NESTING.has(name) && depth < 16) nodes.push({ kind: 'block-at', name, prelude: rest, children: parseCss(body, depth + 1) });
      else nodes.push({ kind: 'raw-at', name, prelude: rest, body });
    } else {
      nodes.push({ kind: 'rule', prelude, body });
    }
    i = end + 1;
  }
  return nodes;
}

/** The address of an `@import` (its `url(…)` or string) and its media list. */
export function importTarget(prelude: string): { href: string; media: string } | null {
  const m = /^(?:url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|"([^"]*)"|'([^']*)')\s*(.*)$/is.exec(prelude.trim());
  if (!m) return null;
  const href = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
  return href ? { href, media: (m[6] ?? '').trim() } : null;
}

const URL_FN = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi;

/** Every `url(…)` of a text, as written. */
export function urlsIn(text: string): string[] {
  return [...text.matchAll(URL_FN)].map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim()).filter((u) => u !== '');
}

/** Splits a declaration block into declarations (strings and brackets respected). */
export function declarations(body: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    const end = scanTo(body, i, ';');
    const decl = body.slice(i, end).trim();
    if (decl) out.push(decl);
    i = end + 1;
  }
  return out;
}

/** The text of a declaration value outside its strings (what the browser reads as functions and escapes). */
function outsideStrings(text: string): string {
  let out = '';
  let j = 0;
  while (j < text.length) {
    const c = text[j] as string;
    if (c === '"' || c === "'") {
      j = skipQuoted(text, j);
      out += '""';
    } else {
      out += c;
      j++;
    }
  }
  return out;
}

/**
 * Whether a declaration may stay: no escapes outside strings (they could spell `url(`), no script-ish
 * properties, no image-set()/src() with string addresses, no `@import`, and nothing taken out of the preview's
 * flow over the app (`position: fixed`). `url()` is judged by the caller.
 */
export function safeDeclaration(decl: string): boolean {
  const colon = decl.indexOf(':');
  if (colon <= 0) return false;
  const name = decl.slice(0, colon).trim().toLowerCase();
  const value = outsideStrings(decl.slice(colon + 1));
  if (!/^(?:--)?[a-z][\w-]*$|^--[\w-]+$/.test(name)) return false;
  if (value.includes('\\') || /[<>]/.test(value)) return false;
  if (/^(?:behavior|-moz-binding|-ms-behavior)$/.test(name)) return false;
  if (/expression\s*\(|javascript:|image-set\s*\(|(?:^|[^\w-])src\s*\(|@import|element\s*\(|cross-fade\s*\(/i.test(value)) return false;
  if (name === 'position' && /fixed/i.test(value)) return false;
  return true;
}

/** Declarations of an inline style that may stay (the wrapper elements of a captured page); no `url()` at all. */
export function safeThemeDeclarations(style: string): string {
  return declarations(style)
    .filter((d) => safeDeclaration(d) && urlsIn(d).length === 0 && !/url\s*\(/i.test(d))
    .join(';');
}

/** `html`, `:root` → `.kb-html`; `body` → `.kb-body` — the preview's stand-ins for the page's root elements. */
export function rewriteSelector(selector: string): string {
  return selector
    .replace(/:root(?![\w-])/gi, '.kb-html')
    .replace(/(^|[\s>+~(,])html(?![\w-])/gi, '$1.kb-html')
    .replace(/(^|[\s>+~(,])body(?![\w-])/gi, '$1.kb-body');
}

/** What a stylesheet references: fonts (with their family) and images. */
export interface CssReference {
  url: string;
  kind: 'font' | 'image';
  family: string | null;
}

/** Strips quotes of a font family name. */
export function unquoteFamily(value: string): string {
  return value.trim().replace(/^["']|["']$/g, '').trim();
}

function fontFaceFamily(body: string): string | null {
  for (const d of declarations(body)) {
    const m = /^font-family\s*:\s*(.+)$/is.exec(d);
    if (m) return unquoteFamily(m[1] as string);
  }
  return null;
}

/** Every font and image a parsed stylesheet references, absolute (`resolve` turns a reference into an address). */
export function cssReferences(nodes: readonly CssNode[], resolve: (ref: string) => string | null): CssReference[] {
  const found: CssReference[] = [];
  const walk = (list: readonly CssNode[]) => {
    for (const n of list) {
      if (n.kind === 'block-at') walk(n.children);
      else if (n.kind === 'raw-at' && n.name === 'font-face') {
        const family = fontFaceFamily(n.body);
        for (const ref of urlsIn(n.body)) {
          const url = resolve(ref);
          if (url) found.push({ url, kind: 'font', family });
        }
      } else if (n.kind === 'rule') {
        // `url(#filter)` points into the page (SVG filters such as duotone): nothing to fetch.
        for (const ref of urlsIn(n.body).filter((r) => !r.startsWith('#'))) {
          const url = resolve(ref);
          if (url) found.push({ url, kind: 'image', family: null });
        }
      }
    }
  };
  walk(nodes);
  return found;
}

/** Font families a stylesheet uses outside `@font-face` (those fonts are worth their bytes first). */
export function usedFamilies(nodes: readonly CssNode[]): Set<string> {
  const used = new Set<string>();
  const walk = (list: readonly CssNode[]) => {
    for (const n of list) {
      if (n.kind === 'block-at') walk(n.children);
      else if (n.kind === 'rule') {
        for (const d of declarations(n.body)) {
          const m = /^(?:font-family|font|--[\w-]*font[\w-]*)\s*:\s*(.+)$/is.exec(d);
          if (m) for (const part of (m[1] as string).split(',')) used.add(unquoteFamily(part.replace(/^.*\s(?=["'])/, '')).toLowerCase());
        }
      }
    }
  };
  walk(nodes);
  return used;
}

export interface FinishOptions {
  blogId: string;
  /** Absolute address of a reference, or null for one that is not fetched (`#filter`, bad address). */
  resolve: (ref: string) => string | null;
  /** The data: URL of a fetched font or image, or undefined when it was left out. */
  inlined: (url: string) => string | undefined;
}

/**
 * Writes a parsed stylesheet back for the preview: selectors rewritten, unsafe declarations dropped, every
 * `url()` replaced by its data: URL (or the declaration dropped), `@import` and unknown at-rules dropped.
 * `@font-face` rules go into `fontCss` under family names prefixed for this blog, and every use of such a family
 * in `css` is renamed to match.
 */
export function finishStylesheets(sheets: readonly CssNode[][], options: FinishOptions): { css: string; fontCss: string } {
  const families = new Map<string, string>();
  const fontRules: string[] = [];

  const inlineUrls = (decl: string): string | null => {
    let ok = true;
    const out = decl.replace(URL_FN, (whole, a: string | undefined, b: string | undefined, c: string | undefined) => {
      const ref = (a ?? b ?? c ?? '').trim();
      if (ref.startsWith('#')) return `url("${ref.replace(/["\\\n]/g, '')}")`;
      if (ref.startsWith('data:')) {
        ok = false;
        return whole;
      }
      const url = options.resolve(ref);
      const data = url ? options.inlined(url) : undefined;
      if (!data) {
        ok = false;
        return whole;
      }
      return `url("${data}")`;
    });
    if (!ok || /url\s*\(/i.test(out.replace(URL_FN, ''))) return null;
    return out;
  };

  const fontFace = (body: string) => {
    const kept: string[] = [];
    let family: string | null = null;
    for (const d of declarations(body)) {
      if (!safeDeclaration(d)) continue;
      const name = d.slice(0, d.indexOf(':')).trim().toLowerCase();
      const value = d.slice(d.indexOf(':') + 1).trim();
      if (name === 'font-family') {
        family = unquoteFamily(value);
        continue;
      }
      if (name === 'src') {
        // Each source on its own: local() ones and inlined ones stay, the rest goes.
        const sources = declarations(value.replace(/,(?![^(]*\))/g, ';'))
          .map((s) => (urlsIn(s).length > 0 ? inlineUrls(s) : /^local\(\s*(?:"[^"]*"|'[^']*')\s*\)$/i.test(s) ? s : null))
          .filter((s): s is string => s !== null);
        if (sources.length === 0) return;
        kept.push(`src:${sources.join(',')}`);
        continue;
      }
      if (urlsIn(d).length === 0) kept.push(d);
    }
    if (!family || !kept.some((d) => d.startsWith('src:'))) return;
    const renamed = themeFontFamily(options.blogId, family);
    families.set(family.toLowerCase(), renamed);
    fontRules.push(`@font-face{font-family:"${renamed.replace(/"/g, '')}";${kept.join(';')}}`);
  };

  const write = (list: readonly CssNode[]): string => {
    const parts: string[] = [];
    for (const n of list) {
      if (n.kind === 'statement-at') continue;
      if (n.kind === 'block-at') {
        if (/url\s*\(|\\|[<>{}]/.test(n.prelude)) continue;
        const inner = write(n.children);
        if (inner) parts.push(`@${n.name} ${n.prelude}{${inner}}`);
        continue;
      }
      if (n.kind === 'raw-at') {
        if (n.name === 'font-face') fontFace(n.body);
        else if (KEPT_RAW.has(n.name) && !/url\s*\(|\\|[<>{}]/.test(n.prelude) && !/url\s*\(|\\|expression|javascript:|@import/i.test(n.body)) {
          parts.push(`@${n.name} ${n.prelude}{${n.body}}`);
        }
        continue;
      }
      if (/[<>]{2}|\\|<\//.test(n.prelude) || n.prelude === '') continue;
      const kept: string[] = [];
      for (const d of declarations(n.body)) {
        if (!safeDeclaration(d)) continue;
        const done = urlsIn(d).length > 0 ? inlineUrls(d) : /url\s*\(/i.test(d) ? null : d;
        if (done !== null) kept.push(done);
      }
      if (kept.length > 0) parts.push(`${rewriteSelector(n.prelude)}{${kept.join(';')}}`);
    }
    return parts.join('\n');
  };

  for (const nodes of sheets) for (const n of nodes) if (n.kind === 'raw-at' && n.name === 'font-face') fontFace(n.body);
  const fontCss = fontRules.join('\n');
  const without = sheets.map((nodes) => stripFontFaces(nodes));
  let css = without.map((nodes) => write(nodes)).filter((s) => s !== '').join('\n');
  css = renameFamilies(css, families);
  return { css, fontCss };
}

function stripFontFaces(nodes: readonly CssNode[]): CssNode[] {
  return nodes
    .filter((n) => !(n.kind === 'raw-at' && n.name === 'font-face'))
    .map((n) => (n.kind === 'block-at' ? { ...n, children: stripFontFaces(n.children) } : n));
}

/** Renames the blog's font families where they are named: quoted anywhere, unquoted in font-family lists. */
function renameFamilies(css: string, families: ReadonlyMap<string, string>): string {
  if (families.size === 0) return css;
  const quoted = css.replace(/(["'])([^"'\n]{1,100})\1/g, (whole, _q: string, name: string) => {
    const renamed = families.get(name.trim().toLowerCase());
    return renamed ? `"${renamed}"` : whole;
  });
  return quoted.replace(/(font-family\s*:|--[\w-]*font-family[\w-]*\s*:)([^;}]*)/gi, (_whole, head: string, list: string) => {
    const parts = list.split(',').map((part) => {
      const name = part.trim();
      const renamed = /^["']/.test(name) ? undefined : families.get(name.replace(/\s*!important$/i, '').toLowerCase());
      return renamed ? part.replace(name.replace(/\s*!important$/i, ''), `"${renamed}"`) : part;
    });
    return head + parts.join(',');
  });
}
