import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlogTheme } from '../../electron/common/blog-theme/blog-theme.js';
import type { BlogView, PublishOutcome } from '../../electron/common/model/blog.js';
import { readPublishState } from '../../electron/common/markdown/front-matter-publish.js';
import { setFeaturedTwice } from '../../electron/common/markdown/featured-twice.js';
import { startKladde, type Kladde } from '../support/kladde.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';

/**
 * The blog look against a real WordPress 6.1 with Twenty Twenty-Three: the capture reads the theme's global styles,
 * fonts and the wrappers of a post with a featured image; a post whose body opens with its featured image, published
 * after the hint was accepted (`featured_twice: body`), shows the photo once on the public page.
 */

const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-wp-theme-'));
const libraryDir = path.join(root, 'bibliothek');
const configDir = path.join(root, 'config');
let wp: WordPressServer;
let kladde: Kladde;
let blog: BlogView;

const POST = `---
title: Zweimal der Kopf
image: doppelkopf-foto.png
status: published
images:
  doppelkopf-foto.png:
    alt: Ein roter Kopf
    author: Rike
    source: pixelio.de
    license: pixelio
---
![Ein roter Kopf](doppelkopf-foto.png)

Der Text beginnt mit dem Titelbild.
`;

/** The public page's `<main>`: header and footer (site logo, feeds) do not count. */
function articleOf(html: string): string {
  const start = html.indexOf('<main');
  const end = html.indexOf('</main>');
  return start === -1 || end === -1 ? html : html.slice(start, end);
}

beforeAll(async () => {
  wp = await startWordPress();
  await mkdir(libraryDir, { recursive: true });
  kladde = await startKladde({ configDir, libraryDir });
  blog = await kladde.call<BlogView>('addBlog', { url: wp.baseUrl });
  await kladde.call('setBlogCredentials', blog.id, { user: wp.user, secret: wp.appPassword });
}, 120_000);

afterAll(async () => {
  await kladde?.services.stop();
  await wp?.stop();
});

describe('blog look of Twenty Twenty-Three', () => {
  it('captures styles, fonts and the post wrappers into the library, and publishing honours the featured-image choice', async () => {
    await mkdir(path.join(libraryDir, 'zweimal'), { recursive: true });
    await writeFile(path.join(libraryDir, 'zweimal', 'doppelkopf-foto.png'), tinyPng());
    await writeFile(path.join(libraryDir, 'zweimal', 'index.md'), POST);

    // First publish with both: the theme shows the photo above the title and in the text.
    const first = await kladde.call<PublishOutcome>('publishPost', 'zweimal', blog.id, { onConflict: 'ask' });
    if (first.status !== 'done') throw new Error(`not published: ${JSON.stringify(first)}`);
    const theme = await kladde.call<BlogTheme>('refreshBlogTheme', blog.id);
    expect(theme.showsFeaturedImage).toBe(true);
    expect(theme.css).toContain('--wp--preset--color--base');
    expect(theme.fontCss).toMatch(/font-family:"kb-[a-z0-9-]+-DM Sans";[^}]*data:font\/woff2;base64,/);
    expect(theme.bytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(JSON.stringify(theme)).not.toMatch(/<script|\.js\b/);
    const stored = JSON.parse(await readFile(path.join(libraryDir, '.kladde', 'themes', blog.id, 'theme.json'), 'utf8')) as BlogTheme;
    expect(stored.fetchedAt).toBe(theme.fetchedAt);
    expect(await kladde.call<BlogTheme | null>('getBlogTheme', blog.id)).toEqual(theme);

    const remoteId = readPublishState(await readFile(path.join(libraryDir, 'zweimal', 'index.md'), 'utf8'), blog.id).record?.id;
    const link = async () => {
      const response = await fetch(`${wp.restRoot}wp/v2/posts/${remoteId}`, { headers: { Authorization: wp.authorization } });
      return ((await response.json()) as { link: string }).link;
    };
    /** `<img>` elements of the photo in the public page's `<main>` (each counted once, whatever its srcset says). */
    const count = async () => {
      const page = await fetch(await link());
      expect(page.status).toBe(200);
      return [...articleOf(await page.text()).matchAll(/<img\b[^>]*>/gi)].filter((m) => /\bsrc="[^"]*doppelkopf-foto/.test(m[0])).length;
    };
    // Published with both: the theme's featured image above the title and the body's first figure.
    expect(await count()).toBe(2);

    // The hint accepted for this post: the same publish sends no featured image, the photo appears once.
    const text = await readFile(path.join(libraryDir, 'zweimal', 'index.md'), 'utf8');
    await writeFile(path.join(libraryDir, 'zweimal', 'index.md'), setFeaturedTwice(text, 'body') ?? '');
    const second = await kladde.call<PublishOutcome>('publishPost', 'zweimal', blog.id, { onConflict: 'overwrite' });
    if (second.status !== 'done') throw new Error(`not published: ${JSON.stringify(second)}`);
    expect(await count()).toBe(1);
    // The one left is the body's figure, whose caption carries the credit (block themes show none under a featured image).
    const main = articleOf(await (await fetch(await link())).text());
    expect(main).toMatch(/<figure[^>]*>\s*<img[^>]*doppelkopf-foto[\s\S]*?<figcaption[^>]*>[\s\S]*Rike[\s\S]*?<\/figcaption>/);
  }, 180_000);
});
