import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { readImages } from '../../../electron/common/markdown/front-matter-images.js';
import { setPublishRecord } from '../../../electron/common/markdown/front-matter-publish.js';
import { postProblems } from '../../../electron/common/markdown/image-problems.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';
import type { OnlinePost, Publisher } from '../../../electron/main/publish/publisher.js';
import { Publishing } from '../../../electron/main/publish/publishing.js';
import { PublisherRegistry } from '../../../electron/main/publish/registry.js';

// „Online-Fassung als Kopie laden“: the post as the blog stores it comes home through the import conversion —
// Markdown with fields and credits, images still at their addresses on the blog. Real library and publish
// service; only the blog is a stand-in that answers with stored content as WordPress keeps it.

const CLASSIC = [
  '[caption id="attachment_12" align="alignnone" width="300"]<img class="size-medium wp-image-12" src="https://blog.example/wp-content/uploads/2013/01/kaffee-300x200.jpg" alt="Eine Tasse Kaffee" width="300" height="200" /> Bild: Rike/ pixelio.de[/caption]',
  '',
  'Online geänderter <strong>Text</strong> mit Umlauten &amp; Zeichen.',
  '',
  '[gallery ids="1,2,3"]',
].join('\n');

class StoredBlog implements Publisher {
  readonly kind = 'wordpress' as const;
  constructor(private readonly online: OnlinePost) {}
  discover(): never {
    throw new Error('not used');
  }
  verify(): Promise<{ accountName: string }> {
    return Promise.resolve({ accountName: 'Rike' });
  }
  fetchTerms(): never {
    throw new Error('not used');
  }
  publish(): never {
    throw new Error('not used');
  }
  fetchOnline(): Promise<OnlinePost> {
    return Promise.resolve(this.online);
  }
}

let base: string;
let root: string;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'kladde-online-copy-'));
  root = path.join(base, 'Kladde');
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function setUp(online: OnlinePost, lang = 'de') {
  const store = new PostStore({ root });
  await mkdir(path.join(root, 'kaffee'), { recursive: true });
  const record = { id: '7', link: 'https://blog.example/?p=7', modified_gmt: '2025-03-01T10:00:00', online_hash: 'h', media: {} };
  const post = setPublishRecord(`---\ntitle: Kaffee\nlang: ${lang}\n---\nMein Text\n`, 'blog-example', record);
  await writeFile(path.join(root, 'kaffee', 'index.md'), post ?? '');
  await store.ensureLibrary();
  const publishing = new Publishing({
    configDir: path.join(base, 'config'),
    posts: store,
    registry: new PublisherRegistry([new StoredBlog(online)]),
    fetch: () => Promise.reject(new Error('no network in this test')),
  });
  const blog = await publishing.blogs.add({
    kind: 'wordpress',
    name: 'Blog',
    url: 'https://blog.example/',
    apiRoot: 'https://blog.example/wp-json/',
    user: 'rike',
    site: '',
    authorizeUrl: null,
    defaultStatus: 'draft',
    defaultCategory: '',
    output: 'classic',
  });
  expect(blog.id).toBe('blog-example');
  await publishing.credentials.set(blog.id, 'geheim');
  return publishing;
}

describe('downloadOnlineCopy', () => {
  it('saves the online version as Markdown with fields and a credit parsed from the caption', async () => {
    const publishing = await setUp({
      title: 'Kaffee &amp; Kuchen',
      content: CLASSIC,
      excerpt: 'Kurz <em>gesagt</em>',
      slug: 'kaffee',
      date: '2013-01-03T10:00:00',
      status: 'publish',
      link: 'https://blog.example/kaffee/',
    });
    const copy = await publishing.service.downloadOnlineCopy('kaffee', 'blog-example');
    expect(copy.id).not.toBe('kaffee');
    const parsed = parseFrontMatter(copy.text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.fields).toMatchObject({
      title: 'Kaffee & Kuchen (online)',
      slug: copy.id,
      date: '2013-01-03T10:00:00',
      status: 'draft',
      excerpt: 'Kurz gesagt',
      lang: 'de',
    });
    // Markdown, not block HTML or the raw shortcode; what Markdown cannot hold stays a raw section.
    expect(copy.text).toContain('Online geänderter **Text** mit Umlauten & Zeichen.');
    expect(copy.text).not.toContain('[caption');
    expect(copy.text).toContain('```{=html}\n[gallery ids="1,2,3"]\n```');
    const address = 'https://blog.example/wp-content/uploads/2013/01/kaffee-300x200.jpg';
    expect(copy.text).toContain(`![Eine Tasse Kaffee](${address})`);
    expect(readImages(copy.text).images[address]).toMatchObject({ author: 'Rike', source: 'pixelio.de', license: 'pixelio' });
    // Nothing was downloaded: the copy's folder holds only its text, and no image counts as missing.
    expect(await readdir(path.join(root, copy.id))).toEqual(['index.md']);
    expect(postProblems(copy.text, []).filter((p) => p.code === 'file-missing')).toEqual([]);
    // The original is untouched.
    expect((await new PostStore({ root }).open('kaffee')).text).toContain('Mein Text');
  });

  it('moves the featured image and credits of block content to the blog’s addresses too', async () => {
    const content = [
      '<!-- wp:image {"id":5,"sizeSlug":"large"} -->',
      '<figure class="wp-block-image size-large"><img src="https://blog.example/wp-content/uploads/tee (1).jpg" alt="Tee" class="wp-image-5"/><figcaption>Foto: Max Muster / CC BY 4.0</figcaption></figure>',
      '<!-- /wp:image -->',
      '',
      '<!-- wp:paragraph -->',
      '<p>Tea time.</p>',
      '<!-- /wp:paragraph -->',
    ].join('\n');
    const publishing = await setUp(
      { title: 'Tea &lt;b&gt; &amp; cake', content, excerpt: '', slug: 'tea', date: '2024-05-01T10:00:00', status: 'draft', link: 'https://blog.example/?p=7' },
      'en',
    );
    const copy = await publishing.service.downloadOnlineCopy('kaffee', 'blog-example');
    const address = 'https://blog.example/wp-content/uploads/tee (1).jpg';
    expect(copy.text).toContain(`![Tee](<${address}>)`);
    expect(copy.text).toContain('Tea time.');
    expect(copy.text).toContain('lang: en');
    const fields = parseFrontMatter(copy.text);
    expect(fields.ok && fields.fields.title).toBe('Tea <b> & cake (online)');
    const credit = readImages(copy.text).images[address];
    expect(credit).toMatchObject({ author: 'Max Muster', license: 'cc-by-4.0' });
  });
});
