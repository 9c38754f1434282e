import { describe, expect, it } from 'vitest';
import {
  apiRootFromLink,
  authorization,
  normalizeBlogUrl,
  routeUrl,
  termKey,
  wordpressDate,
  wordpressStatus,
} from '../../../electron/main/publish/wordpress-api.js';

describe('WordPress addresses and fields', () => {
  const links: [string | null, string | null][] = [
    ['<https://x.example/wp-json/>; rel="https://api.w.org/"', 'https://x.example/wp-json/'],
    ['<https://x.example/?p=3>; rel=shortlink, <https://x.example/wp-json/>; rel="https://api.w.org/"', 'https://x.example/wp-json/'],
    ['<https://x.example/index.php?rest_route=/>; rel="https://api.w.org/"', 'https://x.example/index.php?rest_route=/'],
    ['<https://x.example/wp-json/wp/v2/pages/2>; rel="alternate"; type="application/json"', null],
    [null, null],
  ];
  for (const [header, root] of links) {
    it(`finds the API root in ${JSON.stringify(header)}`, () => expect(apiRootFromLink(header)).toBe(root));
  }

  const urls: [string, string | null][] = [
    ['example.org', 'https://example.org/'],
    ['  http://Example.org/blog  ', 'http://example.org/blog/'],
    ['https://example.org/blog/?x=1#y', 'https://example.org/blog/'],
    ['ftp://example.org', null],
    ['https://user:pw@example.org', null],
    ['', null],
  ];
  for (const [input, expected] of urls) {
    it(`normalizes ${JSON.stringify(input)}`, () => expect(normalizeBlogUrl(input)).toBe(expected));
  }

  it('builds route addresses for pretty, plain-permalink and WordPress.com roots', () => {
    const pretty = { kind: 'wordpress' as const, apiRoot: 'https://x.example/wp-json/', site: '' };
    const plain = { kind: 'wordpress' as const, apiRoot: 'https://x.example/?rest_route=/', site: '' };
    const com = { kind: 'wordpress-com' as const, apiRoot: 'https://public-api.wordpress.com/', site: 'mein.wordpress.com' };
    expect(routeUrl(pretty, 'posts/5', { context: 'edit' })).toBe('https://x.example/wp-json/wp/v2/posts/5?context=edit');
    expect(routeUrl(plain, 'posts/5', { context: 'edit' })).toBe('https://x.example/?rest_route=%2Fwp%2Fv2%2Fposts%2F5&context=edit');
    expect(routeUrl(com, 'media')).toBe('https://public-api.wordpress.com/wp/v2/sites/mein.wordpress.com/media');
    expect(routeUrl(pretty, 'tags', { search: 'Größe & Maß', page: undefined })).toBe('https://x.example/wp-json/wp/v2/tags?search=Gr%C3%B6%C3%9Fe+%26+Ma%C3%9F');
  });

  it('signs in with Basic for WordPress and Bearer for WordPress.com', () => {
    expect(authorization({ kind: 'wordpress', user: 'rike' }, 'abcd efgh')).toBe(`Basic ${Buffer.from('rike:abcd efgh').toString('base64')}`);
    expect(authorization({ kind: 'wordpress-com', user: '' }, 'tok')).toBe('Bearer tok');
  });

  const dates: [string, ReturnType<typeof wordpressDate>][] = [
    ['2013-01-03T10:00:00', { date: '2013-01-03T10:00:00' }],
    ['2013-01-03 10:00', { date: '2013-01-03T10:00:00' }],
    ['2013-01-03', { date: '2013-01-03T00:00:00' }],
    ['2013-01-03T10:00:00Z', { date_gmt: '2013-01-03T10:00:00' }],
    ['2013-01-03T10:00:00+01:00', { date_gmt: '2013-01-03T09:00:00' }],
    ['gestern', {}],
    ['', {}],
  ];
  for (const [input, expected] of dates) {
    it(`takes the date ${JSON.stringify(input)}`, () => expect(wordpressDate(input)).toEqual(expected));
  }

  const now = new Date('2025-06-01T12:00:00Z');
  const statuses: [Parameters<typeof wordpressStatus>[0], string, 'draft' | 'publish', string][] = [
    ['draft', '2013-01-03T10:00:00', 'draft', 'draft'],
    ['ready', '2013-01-03T10:00:00', 'draft', 'draft'],
    ['ready', '2013-01-03T10:00:00', 'publish', 'publish'],
    ['draft', '2013-01-03T10:00:00', 'publish', 'draft'],
    ['published', '2013-01-03T10:00:00', 'draft', 'publish'],
    ['published', '2030-01-03T10:00:00Z', 'draft', 'future'],
    ['scheduled', '2030-01-03T10:00:00', 'draft', 'future'],
  ];
  for (const [status, date, blogDefault, expected] of statuses) {
    it(`maps ${status} (${date}, blog default ${blogDefault}) to ${expected}`, () => {
      expect(wordpressStatus(status, wordpressDate(date), now, blogDefault)).toBe(expected);
    });
  }

  it('compares term names as WordPress stores them', () => {
    expect(termKey('Tom &amp; Jerry')).toBe(termKey('tom & jerry'));
    expect(termKey('  Größe   und Maß ')).toBe(termKey('GRÖSSE und maß'.replace('SS', 'ß')));
    expect(termKey('Social Media')).not.toBe(termKey('Social-Media'));
  });
});
