import { describe, expect, it } from 'vitest';
import { editUriOf, endpointFromRsd } from '../../../electron/main/publish/xmlrpc/xmlrpc-discovery.js';

describe('the EditURI link of a blog page', () => {
  const rows: [string, string, string | null][] = [
    ['WordPress', '<head><link rel="EditURI" type="application/rsd+xml" title="RSD" href="https://blog.example/xmlrpc.php?rsd" /></head>', 'https://blog.example/xmlrpc.php?rsd'],
    ['single quotes, other order, lower case', "<link href='/rsd.xml' rel='edituri'>", '/rsd.xml'],
    ['an escaped ampersand', '<link rel="EditURI" href="/x.php?a=1&amp;rsd">', '/x.php?a=1&rsd'],
    ['other links only', '<link rel="stylesheet" href="/s.css"><link rel="alternate" href="/feed">', null],
    ['none', '<html><body>Hallo</body></html>', null],
  ];
  for (const [name, html, expected] of rows) it(name, () => expect(editUriOf(html)).toBe(expected));
});

describe('the endpoint an RSD document names', () => {
  const rsd = (apis: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><rsd version="1.0" xmlns="http://archipelago.phrasewise.com/rsd"><service><engineName>WordPress</engineName><apis>${apis}</apis></service></rsd>`;
  const rows: [string, string, unknown][] = [
    [
      'WordPress preferred over the others',
      rsd(
        '<api name="MetaWeblog" blogID="1" preferred="false" apiLink="https://b.example/xmlrpc.php" />' +
          '<api name="WordPress" blogID="1" preferred="true" apiLink="https://b.example/xmlrpc.php" />' +
          '<api name="WP-API" blogID="1" preferred="false" apiLink="https://b.example/wp-json/" />',
      ),
      { endpoint: 'https://b.example/xmlrpc.php', blogId: '1', api: 'wordpress' },
    ],
    ['MetaWeblog of another engine', rsd('<api name="MetaWeblog" blogID="7" apiLink="https://s9y.example/serendipity_xmlrpc.php" />'), { endpoint: 'https://s9y.example/serendipity_xmlrpc.php', blogId: '7', api: 'metaweblog' }],
    [
      'with the home address WordPress names (one blog, one entry)',
      `<?xml version="1.0"?><rsd version="1.0"><service><engineName>WordPress</engineName><homePageLink>http://127.0.0.1:8080</homePageLink><apis><api name="WordPress" blogID="1" apiLink="http://127.0.0.1:8080/xmlrpc.php" /></apis></service></rsd>`,
      { endpoint: 'http://127.0.0.1:8080/xmlrpc.php', blogId: '1', api: 'wordpress', homePage: 'http://127.0.0.1:8080' },
    ],
    ['Blogger alone is not enough', rsd('<api name="Blogger" blogID="1" apiLink="https://b.example/x" />'), null],
    ['a relative or script link is ignored', rsd('<api name="WordPress" blogID="1" apiLink="javascript:alert(1)" />'), null],
    ['a DOCTYPE is refused', '<!DOCTYPE rsd [<!ENTITY x "y">]><rsd/>', null],
    ['HTML instead of RSD', '<html><body>Nicht gefunden</body></html>', null],
  ];
  for (const [name, xml, expected] of rows) it(name, () => expect(endpointFromRsd(xml)).toEqual(expected));
});
