import type { Blog } from '../../common/model/blog.js';

/** What identifies a blog once discovery has run: its home address, and the API endpoint with the site in it. */
export type BlogIdentity = Pick<Blog, 'url' | 'apiRoot' | 'site'>;

/**
 * An address reduced to what tells blogs apart: host without `www.` and default port, path without trailing
 * slash, query kept (`?rest_route=/` roots differ only there). http and https of one host are the same blog.
 */
export function addressKey(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const pathname = url.pathname.replace(/\/+$/, '');
  return `${host}${port}${pathname}${url.search}`;
}

/**
 * Whether two entries are the same blog. Discovery resolves what the user typed (a typo'd path still leads to the
 * blog's API root and its home address), so one blog is the same home address, or the same API endpoint serving
 * the same site — whatever address was typed.
 */
export function sameBlog(a: BlogIdentity, b: BlogIdentity): boolean {
  const home = addressKey(a.url);
  if (home !== null && home === addressKey(b.url)) return true;
  const api = addressKey(a.apiRoot);
  return api !== null && api === addressKey(b.apiRoot) && a.site === b.site;
}
