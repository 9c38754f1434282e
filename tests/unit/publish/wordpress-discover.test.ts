import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, platformFetch, type FetchLike } from '../../../electron/main/http/http-client.js';
import { WordPressPublisher } from '../../../electron/main/publish/wordpress.js';

// A blog reached as https://kladde-blog.test whose WordPress still names its REST root with http:// (a site
// address left at http, common behind a TLS proxy). The test's fetch sends both schemes to one loopback server
// and notes which scheme each request was made with.
const BLOG = 'kladde-blog.test';
let server: http.Server;
let base = '';
const requested: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = req.url ?? '/';
    if (route === '/') {
      res.writeHead(200, { 'content-type': 'text/html', link: `<http://${BLOG}/wp-json/>; rel="https://api.w.org/"` });
      return void res.end('<html>Blog</html>');
    }
    if (route === '/wp-json/') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ name: 'Blog', home: `https://${BLOG}`, namespaces: ['wp/v2'] }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const viaLoopback: FetchLike = (input, init) => {
  requested.push(input);
  return platformFetch(input.replace(/^https?:\/\/kladde-blog\.test/, base), init);
};

describe('WordPress discovery', () => {
  it('keeps https when the blog names its REST root with http, so the password never travels unencrypted', async () => {
    const found = await new WordPressPublisher('wordpress').discover(`https://${BLOG}/`, new HttpClient({ fetch: viaLoopback }));
    expect(found.apiRoot).toBe(`https://${BLOG}/wp-json/`);
    expect(requested.filter((u) => u.startsWith('http:'))).toEqual([]);
  });

  it('follows http when the user gave an http address', async () => {
    const found = await new WordPressPublisher('wordpress').discover(`http://${BLOG}/`, new HttpClient({ fetch: viaLoopback }));
    expect(found.apiRoot).toBe(`http://${BLOG}/wp-json/`);
  });
});
