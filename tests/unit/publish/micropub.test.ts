import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PostFields } from '../../../electron/common/model/post.js';
import { HttpClient, HttpError } from '../../../electron/main/http/http-client.js';
import { openLoopbackRedirect } from '../../../electron/main/publish/loopback-redirect.js';
import { discoverEndpoints, parseHtmlLinks, parseLinkHeader } from '../../../electron/main/publish/micropub/discovery.js';
import { entryProperties, micropubStatus, updateBodies, uploadName } from '../../../electron/main/publish/micropub/entry.js';
import { authorizationUrl, codeFromRedirect, pkcePair } from '../../../electron/main/publish/micropub/indieauth.js';
import { micropubFailure } from '../../../electron/main/publish/micropub/micropub-errors.js';
import type { RequestPurpose } from '../../../electron/main/publish/publish-errors.js';

const BASE = 'https://rike.example/notizen/';

describe('Micropub discovery: Link headers', () => {
  const rows: [string, string | null, Record<string, string>][] = [
    ['none', null, {}],
    ['one rel', '<https://rike.example/micropub>; rel="micropub"', { micropub: 'https://rike.example/micropub' }],
    ['relative, unquoted rel', '</mp>; rel=micropub', { micropub: 'https://rike.example/mp' }],
    [
      'several entries, several rels in one',
      '<https://auth.example/auth>; rel="authorization_endpoint", <https://auth.example/token>; rel="token_endpoint other"',
      { authorization_endpoint: 'https://auth.example/auth', token_endpoint: 'https://auth.example/token' },
    ],
    ['a comma inside the address', '<https://rike.example/a,b>; rel="micropub"', { micropub: 'https://rike.example/a,b' }],
    ['other parameters first, rel case-insensitive', '<https://rike.example/mp>; type="x"; REL="Micropub"', { micropub: 'https://rike.example/mp' }],
    ['the first of two wins', '<https://one.example/>; rel="micropub", <https://two.example/>; rel="micropub"', { micropub: 'https://one.example/' }],
    ['no scheme but http(s)', '<javascript:alert(1)>; rel="micropub"', {}],
  ];
  for (const [name, header, expected] of rows) it(name, () => expect(parseLinkHeader(header, BASE)).toEqual(expected));
});

describe('Micropub discovery: <link> elements', () => {
  const rows: [string, string, Record<string, string>][] = [
    ['link elements', '<link rel="micropub" href="/micropub"><link rel="token_endpoint" href="https://t.example/token">', { micropub: 'https://rike.example/micropub', token_endpoint: 'https://t.example/token' }],
    ['href before rel, single quotes', "<link href='mp' rel='micropub'>", { micropub: 'https://rike.example/notizen/mp' }],
    ['unquoted, self-closing, upper case', '<LINK REL=authorization_endpoint HREF=https://a.example/auth />', { authorization_endpoint: 'https://a.example/auth' }],
    ['several rels', '<link rel="me authorization_endpoint" href="https://a.example/auth">', { me: 'https://a.example/auth', authorization_endpoint: 'https://a.example/auth' }],
    ['entities in the address', '<link rel="micropub" href="/mp?x=1&amp;y=2">', { micropub: 'https://rike.example/mp?x=1&y=2' }],
    ['unknown rels are ignored', '<link rel="stylesheet" href="/s.css">', {}],
  ];
  for (const [name, html, expected] of rows) it(name, () => expect(parseHtmlLinks(html, BASE)).toEqual(expected));
});

/** An HttpClient answering from a table of pages (address → status, headers, body). */
function site(pages: Record<string, { status?: number; headers?: Record<string, string>; body: string }>): HttpClient {
  return new HttpClient({
    fetch: async (input) => {
      const page = pages[input];
      if (!page) return new Response('nicht da', { status: 404 });
      return new Response(page.body, { status: page.status ?? 200, headers: page.headers ?? {} });
    },
  });
}

describe('Micropub discovery of a site', () => {
  it('takes the Link header before the page, and the IndieAuth metadata before both', async () => {
    const http = site({
      'https://rike.example/': {
        headers: { Link: '<https://rike.example/mp-header>; rel="micropub"' },
        body: `<title>Rikes &amp; Notizen</title><link rel="micropub" href="/mp-page"><link rel="authorization_endpoint" href="/auth-page"><link rel="token_endpoint" href="/token-page"><link rel="indieauth-metadata" href="/meta">`,
      },
      'https://rike.example/meta': { body: JSON.stringify({ issuer: 'https://rike.example/', authorization_endpoint: 'https://auth.example/auth', token_endpoint: 'https://auth.example/token' }) },
    });
    expect(await discoverEndpoints('rike.example', http)).toEqual({
      me: 'https://rike.example/',
      name: 'Rikes & Notizen',
      micropub: 'https://rike.example/mp-header',
      authorization: 'https://auth.example/auth',
      token: 'https://auth.example/token',
      issuer: 'https://rike.example/',
    });
  });

  it('works with a Micropub endpoint alone (app tokens only)', async () => {
    const http = site({ 'https://rike.example/': { body: '<link rel="micropub" href="https://micro.blog/micropub">' } });
    expect(await discoverEndpoints('https://rike.example/', http)).toMatchObject({ micropub: 'https://micro.blog/micropub', authorization: null, token: null, name: 'rike.example' });
  });

  it('says so in German when the site names no Micropub endpoint', async () => {
    const http = site({ 'https://rike.example/': { body: '<link rel="authorization_endpoint" href="/auth">' } });
    await expect(discoverEndpoints('rike.example', http)).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/keinen Micropub-Endpunkt/) });
  });

  it('refuses what is no address before sending anything', async () => {
    await expect(discoverEndpoints('ftp://rike.example', site({}))).rejects.toMatchObject({ code: 'bad-request' });
  });
});

describe('Micropub errors in German', () => {
  const http = (status: number, code?: string) => new HttpError('http', `x: ${status}`, { status, ...(code ? { code } : {}) });
  const rows: [string, unknown, RequestPurpose, string, RegExp][] = [
    ['401 without token', http(401, 'unauthorized'), 'create', 'auth', /Anmeldung fehlgeschlagen \(401\).*Neu anmelden/],
    ['403 revoked token', http(403, 'forbidden'), 'media', 'auth', /Token abgelehnt \(403\).*App-Token einfügen/],
    ['invalid_token', http(400, 'invalid_token'), 'create', 'auth', /Token nicht/],
    ['insufficient_scope with 401', http(401, 'insufficient_scope'), 'media', 'forbidden', /Bilder hochzuladen \(insufficient_scope\)/],
    ['insufficient_scope with 403', http(403, 'insufficient_scope'), 'update', 'forbidden', /diesen Beitrag zu ändern/],
    ['400 on create', http(400, 'invalid_request'), 'create', 'bad-request', /abgelehnt \(400, invalid_request\)/],
    ['404 on update: deleted online', http(404, 'not found'), 'read', 'deleted-online', /gelöscht/],
    ['500', http(500), 'create', 'server', /Fehler auf dem Server/],
    ['offline', new HttpError('offline', 'x', { cause: 'ECONNREFUSED' }), 'create', 'offline', /Keine Verbindung/],
  ];
  for (const [name, error, purpose, code, message] of rows) {
    it(name, () => {
      const failure = micropubFailure(error, purpose);
      expect(failure.code).toBe(code);
      expect(failure.message).toMatch(message);
    });
  }
});

const FIELDS: PostFields = {
  title: 'Größe & Maß',
  slug: 'groesse',
  date: '2024-05-01T10:00:00+02:00',
  status: 'published',
  categories: ['Notizen'],
  tags: ['notizen', 'IndieWeb', ''],
  excerpt: '',
  image: '',
  lang: 'de',
  sticky: false,
  comments: '',
};

describe('the h-entry Kladde sends', () => {
  it('has title, HTML, categories and tags once each, date, status and the photo with alt text', () => {
    const props = entryProperties({ fields: FIELDS, slug: 'groesse', html: '<p>x</p>', categories: ['Notizen'], photo: { url: 'https://m.example/a.png', alt: 'Ein Bild' }, status: 'published' });
    expect(props).toEqual({
      name: ['Größe & Maß'],
      content: [{ html: '<p>x</p>' }],
      'post-status': ['published'],
      category: ['Notizen', 'IndieWeb'],
      published: ['2024-05-01T10:00:00+02:00'],
      photo: [{ value: 'https://m.example/a.png', alt: 'Ein Bild' }],
    });
  });

  it('updates in one replace, and removes what is gone in a request of its own', () => {
    const props = { name: ['T'], content: [{ html: '' }] };
    expect(updateBodies('https://s.example/p', props, new Set(['name', 'content']))).toEqual([{ action: 'update', url: 'https://s.example/p', replace: props }]);
    expect(updateBodies('https://s.example/p', props, new Set(['name', 'photo', 'summary', 'syndication']))).toEqual([
      { action: 'update', url: 'https://s.example/p', replace: props },
      { action: 'update', url: 'https://s.example/p', delete: ['summary', 'photo'] },
    ]);
  });

  it('maps the post status to post-status', () => {
    expect(micropubStatus('published', 'draft')).toBe('published');
    expect(micropubStatus('scheduled', 'draft')).toBe('published');
    expect(micropubStatus('ready', 'publish')).toBe('published');
    expect(micropubStatus('ready', 'draft')).toBe('draft');
    expect(micropubStatus('draft', 'publish')).toBe('draft');
  });

  it('names uploads in plain ASCII', () => {
    expect(uploadName('Größe Übung.JPG')).toBe('grosse-ubung.jpg');
    expect(uploadName('…')).toBe('bild');
    expect(uploadName('.png')).toBe('png');
  });
});

describe('IndieAuth with PKCE', () => {
  it('sends the S256 challenge of a verifier that stays in main', () => {
    const { verifier, challenge } = pkcePair();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    const url = new URL(authorizationUrl({ endpoint: 'https://a.example/auth?x=1', redirectUri: 'http://127.0.0.1:5/cb', state: 's', challenge, me: 'https://rike.example/' }));
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ x: '1', response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256', state: 's', redirect_uri: 'http://127.0.0.1:5/cb' });
    expect(url.toString()).not.toContain(verifier);
  });

  const expected = { state: 'abc', issuer: 'https://rike.example/' };
  const rows: [string, string, string | RegExp][] = [
    ['the code', 'code=c1&state=abc&iss=https%3A%2F%2Frike.example%2F', 'c1'],
    ['no iss is fine', 'code=c1&state=abc', 'c1'],
    ['another state', 'code=c1&state=xyz', /state stimmt nicht/],
    ['another issuer', 'code=c1&state=abc&iss=https%3A%2F%2Fevil.example%2F', /iss stimmt nicht/],
    ['refused in the browser', 'error=access_denied&state=abc', /im Browser abgelehnt/],
    ['no code', 'state=abc', /keinen Code/],
  ];
  for (const [name, query, outcome] of rows) {
    it(`redirect: ${name}`, () => {
      const run = () => codeFromRedirect(new URLSearchParams(query), expected);
      if (typeof outcome === 'string') expect(run()).toBe(outcome);
      else expect(run).toThrow(outcome);
    });
  }
});

describe('the loopback address for the redirect', () => {
  it('answers only its path on 127.0.0.1, takes one redirect and closes', async () => {
    const redirect = await openLoopbackRedirect(60_000);
    const url = new URL(redirect.redirectUri);
    expect(url.hostname).toBe('127.0.0.1');
    expect((await fetch(new URL('/anderes', url))).status).toBe(404);
    const page = await fetch(`${redirect.redirectUri}?code=c&state=s`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Zurück zu Kladde');
    expect(Object.fromEntries(await redirect.received)).toEqual({ code: 'c', state: 's' });
    await expect(fetch(redirect.redirectUri)).rejects.toThrow();
  });

  it('gives up when closed before the browser came back', async () => {
    const redirect = await openLoopbackRedirect(60_000);
    redirect.close();
    await expect(redirect.received).rejects.toThrow('closed');
  });
});
