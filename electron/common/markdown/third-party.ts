import { z } from 'zod';
import { editFrontMatter } from './front-matter-edit.js';
import { escapeHtml } from './html.js';

/**
 * The Datenschutz check: what a post's published HTML makes every reader's browser load from somebody other than
 * the blog (remote images, frames, YouTube and Vimeo, web fonts, scripts), and the writer's choice per item.
 *
 * It reads the HTML the renderer made (the one string that goes to the blog), never the Markdown: one scan finds
 * the items, and the same scan rewrites them for publishing (remove, or embed YouTube and Vimeo without cookies)
 * and for the preview (a placeholder naming the host, so the preview itself never loads any of it).
 */

export const THIRD_PARTY_KINDS = ['video', 'frame', 'image', 'media', 'font', 'style', 'script'] as const;
/**
 * `video`: a YouTube or Vimeo embed (a frame, or a bare address on its own line that WordPress embeds by oEmbed);
 * `frame`: any other `<iframe>`/`<embed>`/`<object>`; `image`: a remote `<img>`; `media`: remote audio or video
 * files; `font`: web fonts (Google Fonts, Adobe, Bunny, font files); `style`: other remote style sheets;
 * `script`: `<script>` in raw HTML, remote or inline.
 */
export type ThirdPartyKind = (typeof THIRD_PARTY_KINDS)[number];

export const THIRD_PARTY_CHOICES = ['keep', 'remove', 'private'] as const;
/** `private` (only for YouTube and Vimeo): youtube-nocookie.com, Vimeo with `dnt=1`. */
export type ThirdPartyChoice = (typeof THIRD_PARTY_CHOICES)[number];

export const THIRD_PARTY_PROVIDERS = ['youtube', 'vimeo'] as const;
export type ThirdPartyProvider = (typeof THIRD_PARTY_PROVIDERS)[number];

/** The front matter key remembering the choices per post: `third_party: { <address>: remove }`. */
export const THIRD_PARTY_KEY = 'third_party';

export interface ThirdPartyItem {
  /** The address as written (entities decoded); `script:<hash>` for an inline script. What the choice is kept by. */
  key: string;
  kind: ThirdPartyKind;
  /** The host that is contacted; '' for an inline script. */
  host: string;
  provider: ThirdPartyProvider | null;
  /** Whether it can be embedded without cookies (YouTube and Vimeo with a video id). */
  canPrivate: boolean;
  /** How often the post holds it. */
  count: number;
}

/** An item with the choice that applies to it when publishing. */
export interface ThirdPartyEntry extends ThirdPartyItem {
  choice: ThirdPartyChoice;
}

export const thirdPartyEntrySchema = z.object({
  key: z.string().max(10_000),
  kind: z.enum(THIRD_PARTY_KINDS),
  host: z.string().max(300),
  provider: z.enum(THIRD_PARTY_PROVIDERS).nullable(),
  canPrivate: z.boolean(),
  count: z.number().int().positive(),
  choice: z.enum(THIRD_PARTY_CHOICES),
}) satisfies z.ZodType<ThirdPartyEntry>;

export const thirdPartyChoiceSchema = z.enum(THIRD_PARTY_CHOICES);

export interface ThirdPartyScanOptions {
  /** Hosts that are the blog itself (its address, its media): their content is no third party. */
  ownHosts?: readonly string[];
}

// ——— addresses ———

const FONT_HOSTS = /(^|\.)(fonts\.googleapis\.com|fonts\.gstatic\.com|use\.typekit\.net|p\.typekit\.net|fonts\.bunny\.net|use\.fontawesome\.com|fast\.fonts\.net)$/;
const FONT_FILE = /\.(woff2?|ttf|otf|eot)(?:[?#]|$)/i;
const YOUTUBE_HOSTS = /^(?:www\.|m\.)?(?:youtube\.com|youtube-nocookie\.com|youtu\.be)$/;
const VIMEO_HOSTS = /^(?:www\.|player\.)?vimeo\.com$/;

/** The host of an absolute http(s) or protocol-relative address, lower case; null for anything else. */
function remoteHost(url: string): string | null {
  const m = /^(?:https?:)?\/\/([^/?#\s]+)/i.exec(url.trim());
  if (!m?.[1]) return null;
  const host = m[1].replace(/^[^@]*@/, '').replace(/:\d+$/, '').toLowerCase();
  return host === '' ? null : host;
}

/** An address's parts, enough to read a video id ('URL' is not part of the pure layer's library). */
interface Address {
  host: string;
  path: string[];
  query: [string, string][];
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

function parseAddress(url: string): Address | null {
  const m = /^(?:https?:)?\/\/([^/?#\s]+)([^?#\s]*)(?:\?([^#\s]*))?/i.exec(url.trim());
  if (!m?.[1]) return null;
  const host = m[1].replace(/^[^@]*@/, '').replace(/:\d+$/, '').toLowerCase();
  const path = (m[2] ?? '').split('/').filter((p) => p !== '');
  const query = (m[3] ?? '')
    .split('&')
    .filter((p) => p !== '')
    .map((p): [string, string] => {
      const eq = p.indexOf('=');
      return eq === -1 ? [decodePart(p), ''] : [decodePart(p.slice(0, eq)), decodePart(p.slice(eq + 1))];
    });
  return { host, path, query };
}

function param(address: Address, name: string): string | null {
  return address.query.find(([k]) => k === name)?.[1] ?? null;
}

function queryString(pairs: readonly [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function providerOf(host: string): ThirdPartyProvider | null {
  if (YOUTUBE_HOSTS.test(host)) return 'youtube';
  if (VIMEO_HOSTS.test(host)) return 'vimeo';
  return null;
}

/** The host without `www.`, for comparing with the blog's own. */
function bareHost(host: string): string {
  return host.replace(/^www\./, '');
}

/** YouTube's start time (`t=90`, `t=1m30s`, `start=90`) in seconds, or null. */
function youtubeStart(address: Address): number | null {
  const raw = param(address, 'start') ?? param(address, 't');
  if (raw === null || raw === '') return null;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(raw);
  if (!m) return null;
  const seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return seconds > 0 ? seconds : null;
}

const VIDEO_ID = /^[A-Za-z0-9_-]{6,20}$/;

/** The cookie-free player address of a YouTube or Vimeo video address (page, short link or player), or null. */
export function privateEmbedAddress(url: string): string | null {
  const address = parseAddress(url);
  if (!address) return null;
  const { host, path } = address;
  const provider = providerOf(host);
  if (provider === 'youtube') {
    let id: string | null | undefined;
    if (host.endsWith('youtu.be')) id = path[0];
    else if (path[0] === 'watch') id = param(address, 'v');
    else if (path[0] === 'embed' || path[0] === 'shorts' || path[0] === 'live' || path[0] === 'v') id = path[1];
    if (id === undefined || id === null || !VIDEO_ID.test(id)) return null;
    // A player's own parameters stay; of a page's, only the start time means something to the player.
    const query: [string, string][] = path[0] === 'embed' ? address.query.filter(([k]) => k !== 't') : [];
    const start = youtubeStart(address);
    if (start !== null && !query.some(([k]) => k === 'start')) query.push(['start', String(start)]);
    const q = queryString(query);
    return `https://www.youtube-nocookie.com/embed/${id}${q ? `?${q}` : ''}`;
  }
  if (provider === 'vimeo') {
    const player = host === 'player.vimeo.com';
    const id = player ? (path[0] === 'video' ? path[1] : undefined) : path.find((p) => /^\d+$/.test(p));
    if (id === undefined || !/^\d+$/.test(id)) return null;
    const query: [string, string][] = player ? address.query.filter(([k]) => k !== 'dnt') : [];
    // An unlisted video's hash (vimeo.com/123/abcdef) travels as `h`.
    const after = path[path.indexOf(id) + 1];
    if (!player && after !== undefined && /^[0-9a-f]{6,}$/i.test(after)) query.push(['h', after]);
    query.push(['dnt', '1']);
    return `https://player.vimeo.com/video/${id}?${queryString(query)}`;
  }
  return null;
}

// ——— the scan ———

/** One place in the HTML that loads something from a third party, and how it reads after each choice. */
interface Hit {
  from: number;
  to: number;
  item: Omit<ThirdPartyItem, 'count'>;
  /** The markup after the choice (`keep` is the markup itself). */
  rewrite(choice: ThirdPartyChoice): string;
}

const ATTRS = String.raw`((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+))?)*)\s*\/?`;
const SCAN = new RegExp(
  [
    // 1: a figure of ours around one image (removing the image removes its caption too)
    String.raw`<figure class="k-figure">(<img\b${ATTRS}>)(?:<figcaption>[\s\S]*?<\/figcaption>)?<\/figure>`,
    // 3, 4, 5: elements with content (tag, attributes, content)
    String.raw`<(iframe|script|style|object)\b${ATTRS}>([\s\S]*?)<\/\3\s*>`,
    // 6, 7: empty elements
    String.raw`<(img|link|source|video|audio|embed|iframe|script)\b${ATTRS}>`,
    // 8: a bare address alone on its line or in its paragraph, which WordPress embeds (oEmbed). After a closing
    // tag, too: the renderer writes a raw section right behind an HTML block, and the blocks output splits there.
    String.raw`(?<=^|<\/[a-zA-Z][a-zA-Z0-9]*>|<(?:p|div)(?:\s[^>]*)?>)[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*(?=$|<)`,
    // 9: preformatted text, where nothing is embedded
    String.raw`(<pre\b[\s\S]*?<\/pre>)`,
  ].join('|'),
  'gim',
);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_m, name: string) => ENTITIES[name] ?? '');
}

/** An attribute's value (entities decoded), or null when the tag has none. */
function attr(attrs: string, name: string): string | null {
  const re = new RegExp(String.raw`\s${name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>\x60]+))`, 'i');
  const m = re.exec(attrs);
  if (!m) return null;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
}

/** The attributes with `src` (or another) set to a new value, written in double quotes. */
function withAttr(attrs: string, name: string, value: string): string {
  const re = new RegExp(String.raw`(\s${name}\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+)`, 'i');
  return attrs.replace(re, (_m, lead: string) => `${lead}"${escapeHtml(value)}"`);
}

/** A short, stable name for an inline script's text (FNV-1a), so a choice about it can be remembered. */
function scriptKey(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `script:${h.toString(16).padStart(8, '0')}`;
}

/** The frame WordPress and readers get for a cookie-free embed of a bare address. */
function embedFrame(src: string, provider: ThirdPartyProvider): string {
  const [width, height] = provider === 'youtube' ? [560, 315] : [640, 360];
  const title = provider === 'youtube' ? 'YouTube' : 'Vimeo';
  return (
    `<iframe src="${escapeHtml(src)}" width="${width}" height="${height}" title="${title}" loading="lazy" ` +
    `allow="autoplay; encrypted-media; fullscreen; picture-in-picture" allowfullscreen></iframe>`
  );
}

class Scanner {
  readonly hits: Hit[] = [];
  private readonly own: Set<string>;

  constructor(
    private readonly html: string,
    options: ThirdPartyScanOptions,
  ) {
    this.own = new Set((options.ownHosts ?? []).map((h) => bareHost(h.toLowerCase())).filter((h) => h !== ''));
  }

  /** The host of an address that is a third party's, or null (relative, data:, the blog itself). */
  private foreign(url: string | null): string | null {
    if (url === null) return null;
    const host = remoteHost(url);
    return host !== null && !this.own.has(bareHost(host)) ? host : null;
  }

  run(): Hit[] {
    SCAN.lastIndex = 0;
    for (let m = SCAN.exec(this.html); m !== null; m = SCAN.exec(this.html)) {
      if (m[0] === '') {
        SCAN.lastIndex++;
        continue;
      }
      const from = m.index;
      const to = from + m[0].length;
      if (m[1] !== undefined) this.figure(from, to, m[2] ?? '');
      else if (m[3] !== undefined) this.element(from, to, m[3].toLowerCase(), m[4] ?? '', m[5] ?? '');
      else if (m[6] !== undefined) this.element(from, to, m[6].toLowerCase(), m[7] ?? '', null);
      else if (m[8] !== undefined) this.bareAddress(from, to, m[8]);
      // m[9]: <pre>, skipped as a whole.
    }
    return this.hits;
  }

  private add(from: number, to: number, item: Omit<ThirdPartyItem, 'count'>, rewrite: (choice: ThirdPartyChoice) => string): void {
    this.hits.push({ from, to, item, rewrite });
  }

  private figure(from: number, to: number, attrs: string): void {
    const src = attr(attrs, 'src');
    const host = this.foreign(src);
    if (host === null || src === null) return;
    const whole = this.html.slice(from, to);
    this.add(from, to, { key: src.trim(), kind: 'image', host, provider: null, canPrivate: false }, (c) => (c === 'remove' ? '' : whole));
  }

  private element(from: number, to: number, tag: string, attrs: string, content: string | null): void {
    const whole = this.html.slice(from, to);
    const drop = (c: ThirdPartyChoice) => (c === 'remove' ? '' : whole);
    if (tag === 'style') return this.style(from, attrs, content ?? '');
    if (tag === 'link') {
      const href = attr(attrs, 'href');
      const host = this.foreign(href);
      if (host === null || href === null) return;
      const kind: ThirdPartyKind = FONT_HOSTS.test(host) || FONT_FILE.test(href) ? 'font' : 'style';
      return this.add(from, to, { key: href.trim(), kind, host, provider: null, canPrivate: false }, drop);
    }
    const srcAttr = tag === 'object' ? 'data' : 'src';
    const src = attr(attrs, srcAttr);
    if (tag === 'script' && src === null) {
      const text = (content ?? '').trim();
      if (text === '') return;
      return this.add(from, to, { key: scriptKey(text), kind: 'script', host: '', provider: null, canPrivate: false }, drop);
    }
    const host = this.foreign(src);
    if (host === null || src === null) return;
    const key = src.trim();
    if (tag === 'img') return this.add(from, to, { key, kind: 'image', host, provider: null, canPrivate: false }, drop);
    if (tag === 'script') return this.add(from, to, { key, kind: 'script', host, provider: null, canPrivate: false }, drop);
    if (tag === 'source' || tag === 'video' || tag === 'audio') return this.add(from, to, { key, kind: 'media', host, provider: null, canPrivate: false }, drop);
    // iframe, embed, object
    const provider = providerOf(host);
    const privateSrc = provider !== null && tag === 'iframe' ? privateEmbedAddress(key) : null;
    const item = { key, kind: provider !== null ? ('video' as const) : ('frame' as const), host, provider, canPrivate: privateSrc !== null };
    this.add(from, to, item, (c) => {
      if (c === 'remove') return '';
      if (c === 'private' && privateSrc !== null) {
        const open = /^<[^\s>/]+/.exec(whole)?.[0] ?? '<iframe';
        return `${open}${withAttr(attrs, srcAttr, privateSrc)}>${whole.slice(whole.indexOf('>', open.length + attrs.length) + 1)}`;
      }
      return whole;
    });
  }

  /** `@import` and `url()` addresses in a `<style>` element, each its own item. */
  private style(from: number, attrs: string, content: string): void {
    const contentStart = from + '<style'.length + attrs.length + this.html.slice(from + 6 + attrs.length).indexOf('>') + 1;
    const urls = /@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?[^;]*;?|url\(\s*["']?([^"')\s]+)["']?\s*\)/gi;
    for (let m = urls.exec(content); m !== null; m = urls.exec(content)) {
      const imported = m[1] !== undefined;
      const url = decodeEntities(m[1] ?? m[2] ?? '');
      const host = this.foreign(url);
      if (host === null) continue;
      const kind: ThirdPartyKind = FONT_HOSTS.test(host) || FONT_FILE.test(url) ? 'font' : 'style';
      const whole = m[0];
      // Removed: an import goes, a url() points nowhere (`none`), so the rule loads nothing.
      this.add(contentStart + m.index, contentStart + m.index + whole.length, { key: url.trim(), kind, host, provider: null, canPrivate: false }, (c) =>
        c === 'remove' ? (imported ? '' : 'none') : whole,
      );
    }
  }

  private bareAddress(from: number, to: number, address: string): void {
    const url = decodeEntities(address);
    const host = remoteHost(url);
    if (host === null) return;
    const provider = providerOf(host);
    // WordPress embeds many sites' addresses; the check names the two whose players it can make cookie-free.
    if (provider === null || this.own.has(bareHost(host))) return;
    const privateSrc = privateEmbedAddress(url);
    const whole = this.html.slice(from, to);
    this.add(from, to, { key: url.trim(), kind: 'video', host, provider, canPrivate: privateSrc !== null }, (c) => {
      if (c === 'remove') return '';
      if (c === 'private' && privateSrc !== null) return embedFrame(privateSrc, provider);
      return whole;
    });
  }
}

function scan(html: string, options: ThirdPartyScanOptions): Hit[] {
  return new Scanner(html, options).run();
}

/** Everything the HTML loads from third parties, each address once (in order of first appearance) with its count. */
export function findThirdParty(html: string, options: ThirdPartyScanOptions = {}): ThirdPartyItem[] {
  const byKey = new Map<string, ThirdPartyItem>();
  for (const hit of scan(html, options)) {
    const known = byKey.get(hit.item.key);
    if (known) known.count++;
    else byKey.set(hit.item.key, { ...hit.item, count: 1 });
  }
  return [...byKey.values()];
}

function rewrite(html: string, hits: readonly Hit[], replace: (hit: Hit) => string): string {
  let out = '';
  let at = 0;
  for (const hit of hits) {
    if (hit.from < at) continue;
    out += html.slice(at, hit.from) + replace(hit);
    at = hit.to;
  }
  return out + html.slice(at);
}

// ——— choices ———

/** Valid choices from the post's parsed front matter (`third_party:`); anything malformed is ignored. */
export function readThirdPartyChoices(data: Readonly<Record<string, unknown>>): Record<string, ThirdPartyChoice> {
  const raw = data[THIRD_PARTY_KEY];
  const out: Record<string, ThirdPartyChoice> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const choice = thirdPartyChoiceSchema.safeParse(value);
    if (choice.success) out[key] = choice.data;
  }
  return out;
}

export interface ThirdPartyPolicy {
  /** The post's remembered choices by key. */
  choices: Readonly<Record<string, ThirdPartyChoice>>;
  /** The setting „YouTube und Vimeo immer datenschutzfreundlich einbetten“. */
  privateEmbeds: boolean;
}

/** The choice that applies to an item: the post's own, else cookie-free for YouTube/Vimeo (by the setting), else keep. */
export function thirdPartyChoice(item: Pick<ThirdPartyItem, 'key' | 'canPrivate'>, policy: ThirdPartyPolicy): ThirdPartyChoice {
  const own = Object.hasOwn(policy.choices, item.key) ? policy.choices[item.key] : undefined;
  if (own !== undefined && (own !== 'private' || item.canPrivate)) return own;
  return item.canPrivate && policy.privateEmbeds ? 'private' : 'keep';
}

/** The items of the HTML with the choice that applies to each. */
export function thirdPartyEntries(html: string, policy: ThirdPartyPolicy, options: ThirdPartyScanOptions = {}): ThirdPartyEntry[] {
  return findThirdParty(html, options).map((item) => ({ ...item, choice: thirdPartyChoice(item, policy) }));
}

/** The HTML as it is published: each item removed, kept or embedded cookie-free as its choice says. */
export function applyThirdPartyChoices(html: string, policy: ThirdPartyPolicy, options: ThirdPartyScanOptions = {}): string {
  const hits = scan(html, options);
  if (hits.length === 0) return html;
  return rewrite(html, hits, (hit) => hit.rewrite(thirdPartyChoice(hit.item, policy)));
}

/**
 * The HTML for the preview: every embed (YouTube, Vimeo, any frame) becomes a placeholder naming its host, so
 * the writer sees where something would be embedded while nothing is loaded. Images, fonts and scripts are left
 * to the preview's sanitizer, which never loads them either.
 */
export function embedPlaceholders(html: string, label: (item: Pick<ThirdPartyItem, 'host' | 'provider' | 'key'>) => string): string {
  const hits = scan(html, {}).filter((h) => h.item.kind === 'video' || h.item.kind === 'frame');
  if (hits.length === 0) return html;
  return rewrite(
    html,
    hits,
    (hit) => `<p class="k-blocked-embed" data-host="${escapeHtml(hit.item.host)}">${escapeHtml(label(hit.item))}</p>`,
  );
}

/**
 * The post's text with the choice for one item remembered under `third_party:`, through the one front-matter
 * editor (every other byte stays). Null when the front matter cannot be edited (broken YAML, not a block map).
 */
export function setThirdPartyChoice(text: string, key: string, choice: ThirdPartyChoice): string | null {
  const result = editFrontMatter(text, [{ path: [THIRD_PARTY_KEY, key], value: choice }], { replaceInTheWay: true });
  return result.ok ? result.text : null;
}
