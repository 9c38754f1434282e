import { blogThemeSchema, THEME_MAX_BYTES, type BlogTheme } from '../../common/blog-theme/blog-theme.js';
import { KladdeError } from '../../common/result.js';
import { HttpError, type HttpClient } from '../http/http-client.js';
import { MIME, sniffImage } from '../images/image-type.js';
import { cssReferences, finishStylesheets, importTarget, parseCss, usedFamilies, type CssNode } from './theme-css.js';
import { readPage, type PageRead } from './theme-page.js';

/**
 * Captures how a blog looks for the preview „Wie im Blog“: its home page (for a post link and the REST API), one
 * published post page (preferably one with a featured image, to see whether the theme shows it), that page's
 * stylesheets with `@import` resolved, and the fonts and images they need inlined as data: URLs while they fit
 * in the cap. Nothing of the blog's HTML or scripts is kept: only rewritten CSS and the wrapper structure.
 */

export interface CaptureOptions {
  http: HttpClient;
  /** The whole result's cap (theme.json), default {@link THEME_MAX_BYTES}. */
  maxBytes?: number;
  now?: () => Date;
  signal?: AbortSignal;
}

const MAX_SHEETS = 60;
const MAX_IMPORT_DEPTH = 4;
const MAX_SHEET_BYTES = 2 * 1024 * 1024;

const FONT_TYPES: readonly [string, (b: Uint8Array) => boolean][] = [
  ['font/woff2', (b) => ascii(b, 0, 4) === 'wOF2'],
  ['font/woff', (b) => ascii(b, 0, 4) === 'wOFF'],
  ['font/otf', (b) => ascii(b, 0, 4) === 'OTTO'],
  ['font/ttf', (b) => (b[0] === 0 && b[1] === 1 && b[2] === 0 && b[3] === 0) || ascii(b, 0, 4) === 'true'],
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

function absolute(ref: string, base: string): string | null {
  try {
    const url = new URL(ref, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Rewrites every `url()` of a parsed sheet to an absolute address (or drops it), so sheets can be merged. */
function absolutize(nodes: CssNode[], base: string): CssNode[] {
  const fix = (text: string) =>
    text.replace(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi, (_w, a: string | undefined, b: string | undefined, c: string | undefined) => {
      const ref = (a ?? b ?? c ?? '').trim();
      if (ref.startsWith('#')) return `url("${ref}")`;
      const url = ref.startsWith('data:') ? null : absolute(ref, base);
      return url ? `url("${url.replace(/["\\\n]/g, encodeURIComponent)}")` : 'url("about:invalid")';
    });
  return nodes.map((n) => {
    if (n.kind === 'rule' || n.kind === 'raw-at') return { ...n, body: fix(n.body) };
    if (n.kind === 'block-at') return { ...n, children: absolutize(n.children, base) };
    return n;
  });
}

/** A text document of the blog (a page or a stylesheet); null when it is not there. */
async function getText(http: HttpClient, url: string, signal: AbortSignal | undefined): Promise<{ text: string; url: string } | null> {
  const response = await http.send({ url, headers: { Accept: 'text/html, text/css, */*;q=0.5' }, ...(signal ? { signal } : {}) });
  if (response.status >= 400) return null;
  return { text: response.text, url: response.url || url };
}

/** The post to read the theme from: one with a featured image if the REST API lists one, else the first post. */
async function choosePost(http: HttpClient, home: PageRead, signal: AbortSignal | undefined): Promise<{ url: string; hasFeatured: boolean | null } | null> {
  if (home.apiRoot) {
    try {
      const root = new URL(home.apiRoot);
      const restRoute = root.searchParams.get('rest_route');
      const list = restRoute !== null ? root : new URL('wp/v2/posts', home.apiRoot.endsWith('/') ? home.apiRoot : `${home.apiRoot}/`);
      if (restRoute !== null) list.searchParams.set('rest_route', `${restRoute.replace(/\/?$/, '/')}wp/v2/posts`);
      list.searchParams.set('per_page', '20');
      list.searchParams.set('_fields', 'link,featured_media');
      const { body } = await http.json<unknown>({ url: list.href, ...(signal ? { signal } : {}) });
      const posts = Array.isArray(body) ? (body as { link?: unknown; featured_media?: unknown }[]) : [];
      const withLink = posts.filter((p) => typeof p.link === 'string');
      const featured = withLink.find((p) => typeof p.featured_media === 'number' && p.featured_media > 0);
      const chosen = featured ?? withLink[0];
      if (chosen && typeof chosen.link === 'string') return { url: chosen.link, hasFeatured: featured !== undefined };
    } catch (error) {
      if (error instanceof HttpError && error.kind === 'aborted') throw error;
      // No public REST API (blocked, XML-RPC only): the home page's links are next.
    }
  }
  const link = home.postLinks[0];
  return link ? { url: link, hasFeatured: null } : null;
}

/** Every stylesheet of the page, parsed, `@import`s resolved in place, addresses absolute, in document order. */
async function loadSheets(http: HttpClient, page: PageRead, pageUrl: string, dropped: string[], signal: AbortSignal | undefined): Promise<CssNode[][]> {
  let count = 0;
  const load = async (css: string, base: string, depth: number): Promise<CssNode[]> => {
    const nodes: CssNode[] = [];
    for (const n of parseCss(css)) {
      if (n.kind === 'statement-at' && n.name === 'import') {
        const target = importTarget(n.prelude);
        const url = target ? absolute(target.href, base) : null;
        if (!url || !target || depth >= MAX_IMPORT_DEPTH || ++count > MAX_SHEETS) {
          dropped.push(`@import ${target?.href ?? n.prelude}`.slice(0, 300));
          continue;
        }
        const got = await getText(http, url, signal).catch(() => null);
        if (!got || got.text.length > MAX_SHEET_BYTES) {
          dropped.push(`Stylesheet ${url}`.slice(0, 300));
          continue;
        }
        const inner = await load(got.text, got.url, depth + 1);
        nodes.push(...(target.media && target.media !== 'all' ? [{ kind: 'block-at' as const, name: 'media', prelude: target.media, children: inner }] : inner));
      } else {
        nodes.push(n);
      }
    }
    return absolutize(nodes, base);
  };
  const sheets: CssNode[][] = [];
  for (const style of page.styles) {
    let text: string;
    let base = pageUrl;
    if (style.kind === 'link') {
      if (++count > MAX_SHEETS) {
        dropped.push(`Stylesheet ${style.href}`.slice(0, 300));
        continue;
      }
      const got = await getText(http, style.href, signal).catch(() => null);
      if (!got || got.text.length > MAX_SHEET_BYTES) {
        dropped.push(`Stylesheet ${style.href}`.slice(0, 300));
        continue;
      }
      text = got.text;
      base = got.url;
    } else {
      text = style.css;
    }
    const nodes = await load(text, base, 0);
    const media = style.media.trim();
    sheets.push(media && media !== 'all' && !/[{}<>\\]/.test(media) ? [{ kind: 'block-at', name: 'media', prelude: media, children: nodes }] : nodes);
  }
  return sheets;
}

/** A font or image of the blog as a data: URL, or null when it is none of the kinds the preview takes. */
function dataUrl(bytes: Uint8Array, kind: 'font' | 'image'): string | null {
  let type: string | null = null;
  if (kind === 'font') type = FONT_TYPES.find(([, test]) => test(bytes))?.[0] ?? null;
  else {
    const sniffed = sniffImage(bytes.subarray(0, 4096));
    if (sniffed.kind === 'image') type = MIME[sniffed.type];
  }
  return type ? `data:${type};base64,${Buffer.from(bytes).toString('base64')}` : null;
}

/** Captures the look of the blog at `blogUrl` (see the file comment). Throws a KladdeError when the blog cannot be read. */
export async function captureBlogTheme(blog: { id: string; url: string }, options: CaptureOptions): Promise<BlogTheme> {
  const { http, signal } = options;
  const cap = options.maxBytes ?? THEME_MAX_BYTES;
  const dropped: string[] = [];
  let home;
  try {
    home = await getText(http, blog.url, signal);
  } catch {
    throw new KladdeError('offline', `Der Blog ist nicht erreichbar: ${blog.url}`, { address: blog.url });
  }
  if (!home) throw new KladdeError('remote', `Die Startseite des Blogs ließ sich nicht laden: ${blog.url}`, { address: blog.url });
  const homeRead = readPage(home.text, home.url);
  const chosen = await choosePost(http, homeRead, signal);
  let page = homeRead;
  let pageUrl = home.url;
  let hasFeatured: boolean | null = null;
  if (chosen) {
    const got = await getText(http, chosen.url, signal).catch(() => null);
    if (got) {
      page = readPage(got.text, got.url);
      pageUrl = got.url;
      hasFeatured = chosen.hasFeatured;
    }
  }
  const sheets = await loadSheets(http, page, pageUrl, dropped, signal);

  // The CSS first; fonts the theme uses next, then the other fonts, then images — each while it fits.
  const draft = finishStylesheets(sheets, { blogId: blog.id, resolve: (u) => absolute(u, pageUrl), inlined: () => undefined });
  let budget = cap - draft.css.length - 64 * 1024;
  if (budget < 0) throw new KladdeError('too-large', `Die Stylesheets des Blogs sind größer als ${Math.round(cap / 1024 / 1024)} MB.`);
  const used = new Set<string>();
  for (const nodes of sheets) for (const f of usedFamilies(nodes)) used.add(f);
  const refs = sheets.flatMap((nodes) => cssReferences(nodes, (u) => absolute(u, pageUrl)));
  const rank = (r: (typeof refs)[number]) => (r.kind === 'font' ? (r.family && used.has(r.family.toLowerCase()) ? 0 : 1) : 2);
  const ordered = refs.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
  const inlined = new Map<string, string>();
  const tried = new Set<string>();
  for (const ref of ordered) {
    if (tried.has(ref.url)) continue;
    tried.add(ref.url);
    const maxBytes = Math.floor((budget * 3) / 4);
    if (maxBytes < 1024) {
      dropped.push(`${ref.kind === 'font' ? 'Schrift' : 'Bild'} ${ref.url}`.slice(0, 300));
      continue;
    }
    try {
      const got = await http.bytes({ url: ref.url, maxBytes, ...(signal ? { signal } : {}) });
      const data = got.status < 400 ? dataUrl(got.bytes, ref.kind) : null;
      if (data && data.length <= budget) {
        inlined.set(ref.url, data);
        budget -= data.length;
        continue;
      }
    } catch (error) {
      if (error instanceof HttpError && error.kind === 'aborted') throw error;
    }
    if (dropped.length < 200) dropped.push(`${ref.kind === 'font' ? 'Schrift' : 'Bild'} ${ref.url}`.slice(0, 300));
  }
  const { css, fontCss } = finishStylesheets(sheets, { blogId: blog.id, resolve: (u) => absolute(u, pageUrl), inlined: (u) => inlined.get(u) });
  const theme: BlogTheme = {
    format: 1,
    blogId: blog.id,
    pageUrl,
    fetchedAt: (options.now?.() ?? new Date()).toISOString(),
    css,
    fontCss,
    bodyClass: page.bodyClass,
    layout: page.layout,
    showsFeaturedImage: page.featuredShown ? true : hasFeatured === true ? false : null,
    dropped: dropped.slice(0, 200),
    bytes: 0,
  };
  theme.bytes = Buffer.byteLength(JSON.stringify(theme));
  return blogThemeSchema.parse(theme);
}
