import { describe, expect, it } from 'vitest';
import type { Blog } from '../../../electron/common/model/blog.js';
import { HttpClient, type HttpRequest } from '../../../electron/main/http/http-client.js';
import type { PublishTarget } from '../../../electron/main/publish/publisher.js';
import { WordPressRestImporter } from '../../../electron/main/publish/wordpress-import.js';
import { mediaIdsInContent, remoteMediaOf } from '../../../electron/main/publish/wordpress-media-refs.js';
import { toPost } from '../../../electron/main/publish/xmlrpc/wordpress-xmlrpc-post.js';
import { XmlRpcDateTime } from '../../../electron/main/publish/xmlrpc/xmlrpc-codec.js';

/** The sources against answers shaped as WordPress 6.1 gives them; the real server is in tests/integration. */

describe('media ids a post names', () => {
  it.each<[string, string, string[]]>([
    ['classic <img> class', '<img class="size-medium wp-image-12" src="x-300x200.jpg">', ['12']],
    ['[caption] with an image', '[caption id="attachment_7"]<img class="wp-image-7" src="k.jpg"> Bild[/caption]', ['7']],
    ['image block attribute and class', '<!-- wp:image {"id":55,"sizeSlug":"large"} -->\n<figure><img src="b.jpg" class="wp-image-55"/></figure>\n<!-- /wp:image -->', ['55']],
    ['gallery with nested images', '<!-- wp:gallery {"linkTo":"none"} -->\n<figure><!-- wp:image {"id":60} -->\n<figure><img src="a.jpg"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->', ['60']],
    ['old gallery block ids', '<!-- wp:gallery {"ids":[3,4]} -->\n<figure></figure>\n<!-- /wp:gallery -->', ['3', '4']],
    ['[gallery] shortcode', '[gallery ids="101, 102,103" columns="3"]', ['101', '102', '103']],
    ['media & text', '<!-- wp:media-text {"mediaId":9,"mediaType":"image"} -->\n<div></div>\n<!-- /wp:media-text -->', ['9']],
    ['nothing', '<p>Kein Bild, nur wp-image-x und "id":"a"</p>', []],
  ])('%s', (_name, content, ids) => {
    expect(mediaIdsInContent(content).sort()).toEqual([...ids].sort());
  });

  it('records the original and the size variants the content uses', () => {
    const content = '<img src="https://b/up/hafen-300x200.jpg">';
    const media = remoteMediaOf([{ id: '12', sourceUrl: 'https://b/up/hafen.jpg', sizeUrls: ['https://b/up/hafen-150x150.jpg', 'https://b/up/hafen-300x200.jpg'] }], content);
    expect(media).toEqual([
      { url: 'https://b/up/hafen.jpg', id: '12', sourceUrl: 'https://b/up/hafen.jpg' },
      { url: 'https://b/up/hafen-300x200.jpg', id: '12', sourceUrl: 'https://b/up/hafen.jpg' },
    ]);
  });
});

const blog: Blog = {
  id: 'b',
  kind: 'wordpress',
  name: 'B',
  url: 'https://blog.example/',
  apiRoot: 'https://blog.example/wp-json/',
  user: 'u',
  site: '',
  authorizeUrl: null,
  defaultStatus: 'draft',
  defaultCategory: '',
  output: 'blocks',
};
const target: PublishTarget = { blog, secret: 's', http: new HttpClient({ fetch: () => Promise.reject(new Error('no network in this test')) }) };

/** A blog of 25 posts and 3 pages, answering `offset`/`per_page` as WordPress does, with X-WP-Total. */
function restBlog(seen: string[]) {
  const items = { posts: Array.from({ length: 25 }, (_, i) => i + 1), pages: [101, 102, 103] };
  return async <T,>(_t: PublishTarget, _p: string, request: HttpRequest): Promise<{ body: T; headers: Headers }> => {
    const url = new URL(request.url);
    seen.push(`${url.pathname.replace('/wp-json/wp/v2/', '')}?${url.searchParams.get('offset')}+${url.searchParams.get('per_page')}`);
    const route = url.pathname.endsWith('/pages') ? 'pages' : 'posts';
    const offset = Number(url.searchParams.get('offset'));
    const perPage = Number(url.searchParams.get('per_page'));
    const ids = items[route].slice(offset, offset + perPage);
    const body = ids.map((id) => ({ id, date: '2024-01-01T10:00:00', status: 'publish', title: { raw: `T${id}` } }));
    return { body: body as T, headers: new Headers({ 'X-WP-Total': String(items[route].length), 'X-WP-TotalPages': '1' }) };
  };
}

describe('listing over REST', () => {
  it('pages through posts, then pages, as one list with the total', async () => {
    const seen: string[] = [];
    const importer = new WordPressRestImporter(restBlog(seen));
    const query = { perPage: 10, search: '', includePages: true };
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await importer.listPosts(target, { ...query, page }));
    expect(pages.map((p) => p.posts.map((x) => x.remoteId).join(','))).toEqual(['1,2,3,4,5,6,7,8,9,10', '11,12,13,14,15,16,17,18,19,20', '21,22,23,24,25,101,102,103']);
    expect(pages.map((p) => [p.total, p.nextPage])).toEqual([
      [28, 2],
      [28, 3],
      [28, null],
    ]);
    expect(pages[2]?.posts.map((p) => p.type)).toEqual(['post', 'post', 'post', 'post', 'post', 'page', 'page', 'page']);
  });

  it('without pages asks only for posts', async () => {
    const seen: string[] = [];
    const listing = await new WordPressRestImporter(restBlog(seen)).listPosts(target, { page: 3, perPage: 10, search: '', includePages: false });
    expect(listing).toMatchObject({ total: 25, nextPage: null });
    expect(seen).toEqual(['posts?20+10']);
  });
});

describe('XML-RPC posts', () => {
  it('a post WordPress calls published but dated ahead is scheduled', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const post = (gmt: string) => toPost({ post_id: '5', post_status: 'publish', post_date_gmt: new XmlRpcDateTime(gmt), sticky: true, comment_status: 'closed' }, now);
    expect(post('20300301T10:00:00')).toMatchObject({ status: 'future', sticky: true, commentStatus: 'closed', dateGmt: '2030-03-01T10:00:00' });
    expect(post('20130103T09:00:00').status).toBe('publish');
  });
});
