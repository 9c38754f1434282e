import { describe, expect, it } from 'vitest';
import { addressKey, sameBlog, type BlogIdentity } from '../../../electron/main/publish/blog-identity.js';

const blog = (url: string, apiRoot: string, site = ''): BlogIdentity => ({ url, apiRoot, site });

describe('one blog, one entry', () => {
  const rows: [string, BlogIdentity, BlogIdentity, boolean][] = [
    ['same home', blog('http://127.0.0.1:44803/', 'http://127.0.0.1:44803/wp-json/'), blog('http://127.0.0.1:44803', 'http://127.0.0.1:44803/?rest_route=/'), true],
    ['http and https, www and not', blog('https://www.Example.org/', 'x'), blog('http://example.org', 'y'), true],
    ['default port', blog('https://example.org:443/', 'x'), blog('https://example.org/', 'y'), true],
    ['typo in the path, same API root', blog('http://h.test/blogg/', 'http://h.test/xmlrpc.php', '1'), blog('http://h.test/', 'http://h.test/xmlrpc.php', '1'), true],
    ['another port is another blog', blog('http://127.0.0.1:44803/', 'http://127.0.0.1:44803/wp-json/'), blog('http://127.0.0.1:44804/', 'http://127.0.0.1:44804/wp-json/'), false],
    ['another path on one host', blog('https://h.test/a/', 'https://h.test/a/wp-json/'), blog('https://h.test/b/', 'https://h.test/b/wp-json/'), false],
    ['WordPress.com: one API, other sites', blog('https://a.wordpress.com/', 'https://public-api.wordpress.com/', 'a.wordpress.com'), blog('https://b.wordpress.com/', 'https://public-api.wordpress.com/', 'b.wordpress.com'), false],
    ['multisite: one endpoint, other blog ids', blog('https://h.test/one/', 'https://h.test/xmlrpc.php', '1'), blog('https://h.test/two/', 'https://h.test/xmlrpc.php', '2'), false],
  ];
  for (const [name, a, b, same] of rows) {
    it(name, () => {
      expect(sameBlog(a, b)).toBe(same);
      expect(sameBlog(b, a)).toBe(same);
    });
  }

  it('addresses that are none match nothing', () => {
    expect(addressKey('htp://x')).toBeNull();
    expect(sameBlog(blog('', ''), blog('', ''))).toBe(false);
  });
});
