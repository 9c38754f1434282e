import { HttpError, type HttpClient } from '../../http/http-client.js';
import { PublishFailure } from '../publish-errors.js';
import { micropubFailure } from './micropub-errors.js';
import { parseSiteAddress } from '../site-address.js';

/** The rels a personal site names for Micropub and IndieAuth. */
const RELS = ['micropub', 'authorization_endpoint', 'token_endpoint', 'indieauth-metadata', 'me'] as const;
type Rel = (typeof RELS)[number];

/** What a site's home page says about its endpoints, as absolute addresses (first one per rel). */
export type SiteLinks = Partial<Record<Rel, string>>;

/** The endpoints of a Micropub site: its Micropub endpoint, and IndieAuth's when it offers browser sign-in. */
export interface MicropubEndpoints {
  /** The page the user typed, after redirects (IndieAuth's `me`). */
  me: string;
  /** The site's title, or its host. */
  name: string;
  micropub: string;
  authorization: string | null;
  token: string | null;
  /** IndieAuth's `issuer` (from the server metadata), to check the `iss` of the redirect. */
  issuer: string | null;
}

/**
 * The rels of an HTTP `Link` header (RFC 8288): `<url>; rel="a b"` entries, comma-separated; commas inside `<…>`
 * belong to the address. Addresses are resolved against `base`.
 */
export function parseLinkHeader(header: string | null, base: string): SiteLinks {
  const found: SiteLinks = {};
  if (!header) return found;
  const entry = /<([^>]*)>((?:\s*;\s*[a-zA-Z*-]+\s*=\s*(?:"[^"]*"|[^;,]*))*)/g;
  for (const match of header.matchAll(entry)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))/i.exec(match[2] ?? '');
    const names = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    addRels(found, names, match[1] ?? '', base);
  }
  return found;
}

/**
 * The rels of `<link>` (and `<a>`) elements in a page's HTML. A page is no XML and often not well-formed, so each
 * start tag is read on its own: its `rel` and `href` attributes, quoted or not. `<base href>` is not honoured
 * (personal sites do not use it for these links).
 */
export function parseHtmlLinks(html: string, base: string): SiteLinks {
  const found: SiteLinks = {};
  const head = html.slice(0, 200_000);
  for (const tag of head.matchAll(/<(link|a)\b([^>]*)>/gi)) {
    const attrs = attributes(tag[2] ?? '');
    const rel = attrs.get('rel');
    const href = attrs.get('href');
    if (rel === undefined || href === undefined) continue;
    addRels(found, rel.toLowerCase().split(/\s+/), href, base);
  }
  return found;
}

/** The first address per rel wins: the `Link` header first, then the page (as the IndieAuth spec orders them). */
export function mergeLinks(first: SiteLinks, second: SiteLinks): SiteLinks {
  return { ...second, ...first };
}

function addRels(into: SiteLinks, names: readonly string[], href: string, base: string): void {
  let address: string;
  try {
    address = new URL(decodeEntities(href.trim()), base).toString();
  } catch {
    return;
  }
  if (!/^https?:/i.test(address)) return;
  for (const name of names) {
    if ((RELS as readonly string[]).includes(name) && into[name as Rel] === undefined) into[name as Rel] = address;
  }
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!out.has(name)) out.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&#38;/g, '&').replace(/&quot;/g, '"');
}

/** The page's `<title>`, without markup, or null. */
export function pageTitle(html: string): string | null {
  const m = /<title[^>]*>([^<]*)<\/title>/i.exec(html.slice(0, 200_000));
  const text = m ? decodeEntities(m[1] ?? '').replace(/\s+/g, ' ').trim() : '';
  return text === '' ? null : text.slice(0, 200);
}

/** The address as typed, made absolute: `example.org` → `https://example.org/`. Null when it is none. */
export function siteAddress(input: string): string | null {
  return parseSiteAddress(input)?.toString() ?? null;
}

/**
 * Fetches the site's page and reads its endpoints from the `Link` header and the `<link>` elements; when the page
 * names IndieAuth server metadata (`rel="indieauth-metadata"`), its authorization and token endpoints win. A page
 * without a Micropub endpoint is no Micropub site (`not-found`).
 */
export async function discoverEndpoints(input: string, http: HttpClient): Promise<MicropubEndpoints> {
  const address = siteAddress(input);
  if (!address) throw new PublishFailure('bad-request', 'Das ist keine Website-Adresse (http:// oder https://).', false);
  let page;
  try {
    page = await http.send({ method: 'GET', url: address, headers: { Accept: 'text/html, */*;q=0.5' } });
  } catch (error) {
    throw micropubFailure(error, 'discover');
  }
  if (page.status >= 400) throw micropubFailure(new HttpError('http', `GET ${address}: Status ${page.status}`, { status: page.status }), 'discover');
  const me = page.url || address;
  const links = mergeLinks(parseLinkHeader(page.headers.get('link'), me), parseHtmlLinks(page.text, me));
  if (!links.micropub) {
    throw new PublishFailure('not-found', 'Die Website nennt keinen Micropub-Endpunkt (rel="micropub" fehlt im Link-Header und im HTML).', false);
  }
  let authorization = links.authorization_endpoint ?? null;
  let token = links.token_endpoint ?? null;
  let issuer: string | null = null;
  if (links['indieauth-metadata']) {
    const metadata = await readMetadata(links['indieauth-metadata'], http);
    authorization = metadata.authorization ?? authorization;
    token = metadata.token ?? token;
    issuer = metadata.issuer;
  }
  return { me, name: pageTitle(page.text) ?? new URL(me).hostname, micropub: links.micropub, authorization, token, issuer };
}

/** IndieAuth server metadata; a broken document counts as none (the page's own links still work). */
async function readMetadata(url: string, http: HttpClient): Promise<{ authorization?: string; token?: string; issuer: string | null }> {
  try {
    const { body } = await http.json<Record<string, unknown>>({ url });
    const pick = (key: string) => {
      const value = body[key];
      return typeof value === 'string' && /^https?:\/\//i.test(value) ? value : undefined;
    };
    const authorization = pick('authorization_endpoint');
    const token = pick('token_endpoint');
    return { ...(authorization ? { authorization } : {}), ...(token ? { token } : {}), issuer: pick('issuer') ?? null };
  } catch {
    return { issuer: null };
  }
}
