import { createReadStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPost } from '../../../electron/common/markdown/import-post.js';
import { readImages } from '../../../electron/common/markdown/front-matter-images.js';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { readWxr, readWxrPosts, WxrError, type WxrEvent, type WxrPost } from '../../../electron/main/import/wxr-reader.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');
/** The file in small chunks, so items cross chunk borders as they do in a large export. */
const open = (name: string) => () => createReadStream(path.join(FIXTURES, name), { highWaterMark: 512 });

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}

describe('readWxrPosts on an export made by WordPress 6.1 itself', () => {
  it('yields the posts with their fields, featured image resolved', async () => {
    const posts = await all(readWxrPosts(open('wxr-wordpress-6.1-export.xml')));
    expect(posts.map((p) => p.title)).toEqual(['Hallo Welt!', 'Am See', 'Blöcke & mehr']);
    const see = posts[1] as WxrPost;
    expect(see).toMatchObject({
      slug: 'am-see',
      date: '2024-05-01 10:00:00',
      dateGmt: '2024-05-01 08:00:00',
      // When the blog last changed it, in the form its APIs report: the first publish after the import compares it.
      modifiedGmt: '2026-12-02T04:45:34',
      status: 'publish',
      categories: ['Reisen'],
      tags: ['See'],
      excerpt: 'Ein Tag am See.',
      lang: 'de',
    });
    expect(see.featuredImage).toEqual({
      url: expect.stringMatching(/\/titelbild\.png$/) as unknown as string,
      alt: 'Wellen am Ufer',
      caption: 'Foto: Max Muster / CC BY-SA 4.0',
      id: expect.stringMatching(/^\d+$/) as unknown as string,
    });
    expect(see.content).toContain('[caption id="attachment_4"');
    expect(posts[2]?.content).toContain('<!-- wp:embed {"url":"https://www.youtube.com/watch?v=x"');
  });

  it('and importPost turns them into Kladde posts', async () => {
    const posts = await all(readWxrPosts(open('wxr-wordpress-6.1-export.xml')));
    const { text, images } = importPost(posts[1] as WxrPost);
    const fm = parseFrontMatter(text);
    expect(fm.ok && fm.fields).toMatchObject({ title: 'Am See', date: '2024-05-01T10:00:00+02:00', status: 'published', image: 'titelbild.png', categories: ['Reisen'], tags: ['See'] });
    // The body shows the same file with its own caption: that credit is the one kept.
    expect(readImages(text).images['titelbild.png']).toEqual({ alt: 'Der See', author: 'Rike', source: 'pixelio.de', license: 'pixelio' });
    const blocks = importPost(posts[2] as WxrPost).text;
    expect(blocks).toContain('```{=html}\n<!-- wp:embed {"url":"https://www.youtube.com/watch?v=x"');
    expect(blocks).toContain('### Zwischentitel');
    expect(images.map((i) => i.file).sort()).toEqual(['titelbild.png']);
    expect(text).toContain('![Der See](titelbild.png)');
    expect(text).toContain('```{=html}\n[gallery ids="4"]\n```');
  });
});

describe('readWxr on a hand-written export', () => {
  it('reads the channel first, then every item in order', async () => {
    const events = await all(readWxr(open('wxr-handwritten-1.2.xml')()));
    expect(events[0]).toEqual({ kind: 'channel', channel: { title: 'Mein Blog', link: 'https://blog.example.de', language: 'de-DE', version: '1.2' } });
    const items = events.filter((e): e is Extract<WxrEvent, { kind: 'item' }> => e.kind === 'item').map((e) => e.item);
    expect(items.map((i) => [i.id, i.type])).toEqual([['10', 'post'], ['13', 'post'], ['12', 'attachment'], ['14', 'post'], ['2', 'page']]);
    expect(items[1]?.title).toBe('Blöcke & mehr');
    expect(items[0]?.content).toContain('Schön &amp; kalt.');
  });

  it('resolves a featured image whose attachment comes after the post, and leaves the bin out', async () => {
    const posts = await all(readWxrPosts(open('wxr-handwritten-1.2.xml')));
    expect(posts.map((p) => p.id)).toEqual(['10', '13']);
    expect(posts[0]?.featuredImage?.url).toBe('https://blog.example.de/wp-content/uploads/2024/05/titelbild.jpg');
    expect(posts[1]?.dateGmt).toBe('0000-00-00 00:00:00');
  });

  it('takes pages too when asked', async () => {
    const posts = await all(readWxrPosts(open('wxr-handwritten-1.2.xml'), ['post', 'page']));
    expect(posts.map((p) => p.type)).toEqual(['post', 'post', 'page']);
  });

  it('yields an item as soon as it is complete, before the rest of the file arrives', async () => {
    const head = '<?xml version="1.0"?><rss><channel><title>B</title><item><title>Eins</title><wp:post_type>post</wp:post_type></item>';
    const reader = readWxr(chunks(head, '<item><title>Zwei'));
    expect((await reader.next()).value).toMatchObject({ kind: 'channel' });
    expect((await reader.next()).value).toMatchObject({ kind: 'item', item: { title: 'Eins' } });
    await expect(reader.next()).rejects.toThrow(WxrError);
  });
});

describe('readWxr refuses what it must not read', () => {
  it.each([
    ['a DOCTYPE with an entity', '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "boom">]><rss><channel><item><title>&x;</title></item></channel></rss>', 'doctype'],
    ['a plain DOCTYPE', '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss></rss>', 'doctype'],
    ['an undefined entity', '<rss><channel><item><title>&nbsp;</title></item></channel></rss>', 'xml'],
    ['broken XML', '<rss><channel><item></channel></rss>', 'xml'],
    ['an HTML file', '<html><body>kein Export</body></html>', 'not-wxr'],
    ['an empty file', '', 'not-wxr'],
  ])('%s', async (_name, xml, code) => {
    const error = await all(readWxr(chunks(xml))).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WxrError);
    expect((error as WxrError).code).toBe(code);
  });
});
