import type { HttpClient } from '../../http/http-client.js';
import { HttpError } from '../../http/http-client.js';
import { childrenNamed, localName, parseXml, XmlRefused, type XmlElement } from './xml-safe-parse.js';
import { xmlRpcCall } from './xmlrpc-client.js';
import { PublishFailure } from '../publish-errors.js';
import { xmlRpcFailure } from './xmlrpc-errors.js';

/** Which XML-RPC dialect a blog speaks: WordPress's `wp.*`, or MetaWeblog (other engines). */
export type XmlRpcApi = 'wordpress' | 'metaweblog';

export interface FoundEndpoint {
  endpoint: string;
  blogId: string;
  api: XmlRpcApi;
  /** The blog's home address as its RSD names it (`<homePageLink>`), when it does. */
  homePage?: string;
}

/**
 * Finds a blog's XML-RPC endpoint the way MarsEdit does: the page's `<link rel="EditURI">` names an RSD document
 * that lists the APIs (WordPress preferred, MetaWeblog otherwise); without one, `xmlrpc.php` under the blog's
 * address is asked which methods it has.
 */
export async function findXmlRpcEndpoint(url: string, http: HttpClient): Promise<FoundEndpoint> {
  let lastError: unknown = null;
  try {
    const page = await http.send({ method: 'GET', url });
    // WordPress's 404 page (a typo'd path) names the RSD too: the blog is found all the same.
    const rsdHref = page.status < 400 || page.status === 404 ? editUriOf(page.text) : null;
    if (rsdHref) {
      const rsdUrl = new URL(rsdHref, page.url);
      const rsd = await http.send({ method: 'GET', url: rsdUrl.toString() });
      const found = rsd.status < 400 ? endpointFromRsd(rsd.text) : null;
      if (found) return { ...found, endpoint: upgradeToHttps(found.endpoint, url) };
    }
  } catch (error) {
    if (error instanceof HttpError && (error.kind === 'offline' || error.kind === 'timeout' || error.kind === 'tls')) throw xmlRpcFailure(error, 'discover');
    lastError = error;
  }
  const endpoint = new URL('xmlrpc.php', url).toString();
  try {
    const methods = await xmlRpcCall({ url: endpoint, http }, 'system.listMethods', []);
    const names = Array.isArray(methods) ? methods.filter((m): m is string => typeof m === 'string') : [];
    if (names.includes('wp.newPost')) return { endpoint, blogId: '1', api: 'wordpress' };
    if (names.includes('metaWeblog.newPost')) return { endpoint, blogId: '1', api: 'metaweblog' };
  } catch (error) {
    lastError = error;
  }
  if (lastError instanceof PublishFailure) throw lastError;
  if (lastError instanceof HttpError && lastError.kind !== 'http' && lastError.kind !== 'invalid-response') throw xmlRpcFailure(lastError, 'discover');
  throw new PublishFailure(
    'api-disabled',
    'Unter dieser Adresse wurde keine XML-RPC-Schnittstelle gefunden (weder über RSD noch unter xmlrpc.php). Ist XML-RPC im Blog abgeschaltet?',
    false,
  );
}

/** A site address given as https must not have its password sent to an http:// endpoint it names. */
function upgradeToHttps(endpoint: string, siteUrl: string): string {
  const u = new URL(endpoint);
  if (new URL(siteUrl).protocol === 'https:' && u.protocol === 'http:') u.protocol = 'https:';
  return u.toString();
}

/**
 * The `href` of `<link rel="EditURI">` in an HTML page. HTML is not XML, so this reads only `<link …>` tags'
 * attributes with a small tokenizer; everything else of the page is ignored.
 */
export function editUriOf(html: string): string | null {
  const head = html.slice(0, 512 * 1024);
  const tag = /<link\b([^>]*)>/gi;
  for (let m = tag.exec(head); m; m = tag.exec(head)) {
    const attributes = htmlAttributes(m[1] ?? '');
    if ((attributes['rel'] ?? '').toLowerCase().split(/\s+/).includes('edituri') && attributes['href']) return attributes['href'];
  }
  return null;
}

function htmlAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const attr = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let m = attr.exec(text); m; m = attr.exec(text)) {
    const name = (m[1] ?? '').toLowerCase();
    out[name] = (m[2] ?? m[3] ?? m[4] ?? '').replace(/&amp;/g, '&');
  }
  return out;
}

/** The endpoint an RSD document names: the WordPress API, else MetaWeblog (Blogger's does not do enough). */
export function endpointFromRsd(xml: string): Omit<FoundEndpoint, 'endpoint'> & { endpoint: string } | null {
  let root: XmlElement;
  try {
    root = parseXml(xml, { maxChars: 256 * 1024, maxDepth: 16 });
  } catch (error) {
    if (error instanceof XmlRefused) return null;
    throw error;
  }
  if (localName(root.name) !== 'rsd') return null;
  const service = childrenNamed(root, 'service')[0];
  const apis = service ? childrenNamed(service, 'apis')[0] : undefined;
  if (!apis) return null;
  const list = childrenNamed(apis, 'api').map((a) => ({
    name: (a.attributes['name'] ?? '').toLowerCase(),
    link: a.attributes['apiLink'] ?? '',
    blogId: a.attributes['blogID'] ?? '',
  }));
  const home = (service ? childrenNamed(service, 'homePageLink')[0]?.text : undefined)?.trim() ?? '';
  for (const [name, api] of [['wordpress', 'wordpress'], ['metaweblog', 'metaweblog']] as const) {
    const entry = list.find((a) => a.name === name && /^https?:\/\//i.test(a.link));
    if (entry) return { endpoint: entry.link, blogId: entry.blogId || '1', api, ...(/^https?:\/\//i.test(home) ? { homePage: home } : {}) };
  }
  return null;
}
