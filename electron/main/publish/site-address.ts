/**
 * The address a user typed for a blog or site, made absolute (`example.org` → `https://example.org`) and checked:
 * only http(s), no user name or password in it, no fragment. Null when it is no such address. Each kind of blog
 * shapes the result further (WordPress drops the query and ends the path with `/`).
 */
export function parseSiteAddress(input: string): URL | null {
  let text = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
  url.hash = '';
  return url;
}
