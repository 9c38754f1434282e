import { THEME_TAGS, type ThemeNode, type ThemeRole } from '../../common/blog-theme/blog-theme.js';
import { safeThemeDeclarations } from './theme-css.js';

/**
 * Reads what the preview needs from a blog's HTML page, without running or keeping any of it: the stylesheets in
 * document order, the body's classes, and the wrappers around the post's title, featured image and body (tag,
 * class, a checked inline style). Links to posts and the REST API's address come from the home page.
 */

export type PageStyle = { kind: 'link'; href: string; media: string } | { kind: 'inline'; css: string; media: string };

export interface PageRead {
  styles: PageStyle[];
  bodyClass: string;
  /** Wrappers below `<body>` down to title, featured image and body; null when the page shows no post body. */
  layout: ThemeNode | null;
  /** Whether the page shows a featured image (`img.wp-post-image`, as WordPress marks the post thumbnail). */
  featuredShown: boolean;
  /** Addresses of posts the page links to (post titles, `rel="bookmark"`), absolute. */
  postLinks: string[];
  /** The REST API root the page announces (`<link rel="https://api.w.org/">`), or null. */
  apiRoot: string | null;
}

interface OpenElement {
  index: number;
  tag: string;
  attrs: Map<string, string>;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'template', 'svg']);
const TITLE_CLASSES = ['wp-block-post-title', 'entry-title', 'post-title'];
const CONTENT_CLASSES = ['wp-block-post-content', 'entry-content', 'post-content'];
const ALLOWED_TAGS: ReadonlySet<string> = new Set(THEME_TAGS);
const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!?\/?([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references of an attribute value. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function attributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(ATTR)) {
    const name = (m[1] as string).toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

function classes(el: OpenElement): string[] {
  return (el.attrs.get('class') ?? '').split(/\s+/).filter((c) => c !== '');
}

function hasClass(el: OpenElement, names: readonly string[]): boolean {
  return classes(el).some((c) => names.includes(c));
}

function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Class names as the preview may use them: plain tokens, none of the preview's own `kb-`/`k-` names. */
function cleanClass(value: string): string {
  return value
    .split(/\s+/)
    .filter((c) => /^[A-Za-z_][\w-]*$/.test(c) && !/^(?:kb?-)/.test(c))
    .slice(0, 40)
    .join(' ');
}

function nodeOf(el: OpenElement, role: ThemeRole | null): ThemeNode {
  const tag = ALLOWED_TAGS.has(el.tag) ? (el.tag as ThemeNode['tag']) : 'div';
  return { tag, className: cleanClass(el.attrs.get('class') ?? ''), style: safeThemeDeclarations(el.attrs.get('style') ?? '').slice(0, 4000), role, children: [] };
}

/** Reads a page (see {@link PageRead}); `pageUrl` makes its links absolute. */
export function readPage(html: string, pageUrl: string): PageRead {
  const styles: PageStyle[] = [];
  const postLinks: string[] = [];
  let apiRoot: string | null = null;
  let bodyClass = '';
  const stack: OpenElement[] = [];
  const chains: { role: ThemeRole; chain: OpenElement[]; imageClass?: string }[] = [];
  const found = new Set<ThemeRole>();
  let index = 0;
  let base = pageUrl;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const whole = m[0];
    if (whole.startsWith('<!')) continue;
    const tag = (m[1] ?? '').toLowerCase();
    if (whole.startsWith('</')) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at !== -1) stack.length = at;
      continue;
    }
    const attrs = attributes(m[2] ?? '');
    const el: OpenElement = { index: index++, tag, attrs };
    if (RAW_TEXT.has(tag) && !whole.endsWith('/>')) {
      const close = html.toLowerCase().indexOf(`</${tag}`, TAG.lastIndex);
      const end = close === -1 ? html.length : close;
      if (tag === 'style') styles.push({ kind: 'inline', css: html.slice(TAG.lastIndex, end), media: attrs.get('media') ?? '' });
      TAG.lastIndex = close === -1 ? html.length : html.indexOf('>', close) + 1 || html.length;
      continue;
    }
    if (tag === 'base' && attrs.get('href')) base = absolute(attrs.get('href') ?? '', pageUrl) ?? base;
    if (tag === 'link') {
      const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
      const href = absolute(attrs.get('href') ?? '', base);
      if (href && rel.includes('stylesheet') && !rel.includes('alternate')) styles.push({ kind: 'link', href, media: attrs.get('media') ?? '' });
      if (href && rel.includes('https://api.w.org/')) apiRoot = href;
    }
    if (tag === 'body') bodyClass = cleanClass(attrs.get('class') ?? '');
    const inside = stack.filter((e) => e.tag !== 'html' && e.tag !== 'body');
    if (tag === 'a') {
      const href = absolute(attrs.get('href') ?? '', base);
      const inTitle = stack.some((e) => hasClass(e, TITLE_CLASSES));
      if (href && (inTitle || (attrs.get('rel') ?? '').split(/\s+/).includes('bookmark')) && !postLinks.includes(href)) postLinks.push(href);
    }
    if (!found.has('content') && hasClass(el, CONTENT_CLASSES)) {
      found.add('content');
      chains.push({ role: 'content', chain: [...inside, el] });
    } else if (!found.has('title') && hasClass(el, TITLE_CLASSES) && !found.has('content')) {
      found.add('title');
      chains.push({ role: 'title', chain: [...inside, el] });
    } else if (!found.has('featured') && tag === 'img' && classes(el).includes('wp-post-image')) {
      const parent = inside.at(-1);
      if (parent) {
        found.add('featured');
        chains.push({ role: 'featured', chain: [...inside], imageClass: cleanClass(attrs.get('class') ?? '') });
      }
    }
    if (!VOID.has(tag) && !whole.endsWith('/>')) stack.push(el);
  }
  return {
    styles,
    bodyClass,
    layout: found.has('content') ? buildLayout(chains) : null,
    featuredShown: found.has('featured'),
    postLinks,
    apiRoot,
  };
}

/** Merges the chains into one tree (shared ancestors once, children in document order). */
function buildLayout(chains: readonly { role: ThemeRole; chain: OpenElement[]; imageClass?: string }[]): ThemeNode {
  const root: ThemeNode = { tag: 'div', className: '', style: '', role: null, children: [] };
  const nodes = new Map<number, { node: ThemeNode; index: number }>();
  const order = new Map<ThemeNode, number>();
  for (const { role, chain, imageClass } of chains) {
    let parent = root;
    chain.forEach((el, i) => {
      const last = i === chain.length - 1;
      let entry = nodes.get(el.index);
      if (!entry) {
        entry = { node: nodeOf(el, null), index: el.index };
        nodes.set(el.index, entry);
        order.set(entry.node, el.index);
        parent.children.push(entry.node);
        parent.children.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      }
      if (last) {
        entry.node.role = role;
        if (imageClass !== undefined) entry.node.imageClass = imageClass;
      }
      parent = entry.node;
    });
  }
  return root;
}
