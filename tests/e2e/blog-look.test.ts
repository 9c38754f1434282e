import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlogTheme } from '../../electron/common/blog-theme/blog-theme.js';
import type { BlogView, PublishOutcome } from '../../electron/common/model/blog.js';
import type { Result } from '../../electron/common/result.js';
import { createDispatcher } from '../../electron/main/ipc/dispatch.js';
import { launchChromium } from '../support/browser.js';
import { writePhoto } from '../support/photos.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { SCREENSHOT_DIR, startKladde, type RunningKladde } from './support/kladde.js';

// The preview „Wie im Blog“ with a look captured from the real WordPress (Twenty Twenty-Three), then shown with the
// blog gone (WordPress stopped, every request outside Kladde refused): the theme's fonts and colours apply inside the
// shadow root, nothing of the theme runs or loads. The featured-image hint for a post that opens with its featured
// image, and „Nur das Bild im Text behalten“ written into the post.

const SLUG = 'zweimal-der-kopf';
const POST = `---
title: Zweimal der Kopf
slug: ${SLUG}
image: doppelkopf-foto.jpg
status: published
lang: de
images:
  doppelkopf-foto.jpg:
    alt: Ein bunter Kopf
    author: Rike
    source: pixelio.de
    license: pixelio
---
![Ein bunter Kopf](doppelkopf-foto.jpg)

Der Text beginnt mit dem Beitragsbild. Danach kommt ein Absatz, an dem man die Schrift des Blogs sieht: Zwölf Boxkämpfer
jagen Viktor quer über den großen Sylter Deich.
`;

let wp: WordPressServer | undefined;
let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
let blog: BlogView;
let theme: BlogTheme;
/** Requests the page made to anything but Kladde's own host (all refused). */
const outside: string[] = [];

const file = () => path.join(kladde.library, SLUG, 'index.md');
const themeFile = () => path.join(kladde.library, '.kladde', 'themes', blog.id, 'theme.json');

async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const result = (await createDispatcher(kladde.services.handlers())(channel, args)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Styles inside the blog look's shadow root, as the browser computed them. */
function lookStyles(p: Page) {
  return p.evaluate(() => {
    const root = document.querySelector('.k-blog-look')?.shadowRoot;
    const body = root?.querySelector<HTMLElement>('.kb-body');
    const para = root?.querySelector<HTMLElement>('.wp-block-post-content p');
    const title = root?.querySelector<HTMLElement>('.wp-block-post-title');
    if (!root || !body || !para || !title) return null;
    const css = (el: Element) => getComputedStyle(el);
    const shown = [...root.querySelectorAll('img')].filter((img) => img.getClientRects().length > 0 && img.complete && img.naturalWidth > 0);
    return {
      background: css(body).backgroundColor,
      base: css(body).getPropertyValue('--wp--preset--color--base').trim(),
      color: css(para).color,
      contrast: css(body).getPropertyValue('--wp--preset--color--contrast').trim(),
      link: root.querySelector('.wp-block-post-content a') ? css(root.querySelector('.wp-block-post-content a') as Element).color : null,
      secondary: css(body).getPropertyValue('--wp--preset--color--secondary').trim(),
      font: css(para).fontFamily,
      systemFont: css(body).getPropertyValue('--wp--preset--font-family--system-font').trim(),
      titleText: title.textContent,
      titleFont: css(title).fontFamily,
      images: shown.length,
      scripts: root.querySelectorAll('script').length + document.querySelectorAll('script:not([src])').length,
    };
  });
}

/** `#rrggbb` as the browser writes a computed colour. */
function rgb(hex: string): string {
  const n = parseInt(hex.replace('#', '').slice(0, 6), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

beforeAll(async () => {
  wp = await startWordPress();
  kladde = await startKladde();
  await mkdir(path.join(kladde.library, SLUG), { recursive: true });
  await writePhoto(path.join(kladde.library, SLUG, 'doppelkopf-foto.jpg'), 900, 500, 3);
  await writeFile(file(), POST);
  blog = await call<BlogView>('addBlog', { url: wp.baseUrl });
  await call('setBlogCredentials', blog.id, { user: wp.user, secret: wp.appPassword });
  const published = await call<PublishOutcome>('publishPost', SLUG, blog.id, { onConflict: 'ask' });
  if (published.status !== 'done') throw new Error(`nicht veröffentlicht: ${JSON.stringify(published)}`);
  theme = await call<BlogTheme>('refreshBlogTheme', blog.id);
  // From here on the blog is gone: the preview must work from the library alone.
  await wp.stop();
  wp = undefined;

  browser = await launchChromium();
  await browser.context.route('**/*', async (route) => {
    if (new URL(route.request().url()).origin === kladde.origin) return route.continue();
    outside.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(kladde.url);
  await page.locator(`[data-post-id="${SLUG}"]`).click();
  await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === 'Zweimal der Kopf');
  await mkdir(SCREENSHOT_DIR, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
  await wp?.stop();
});

describe('preview „Wie im Blog“', () => {
  it('shows the post in the theme’s fonts and colours from the captured look, offline, with nothing of the theme running', async () => {
    expect(theme.showsFeaturedImage).toBe(true);
    const articleFont = await page.locator('.k-article p').first().evaluate((el) => getComputedStyle(el).fontFamily);
    const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.slice());
    // The app's own libraries may probe for eval once (zod does); what counts is what the switch adds.
    const before = (await violations()).length;

    await page.getByRole('radio', { name: 'Wie im Blog' }).click();
    await expect.poll(() => lookStyles(page), { timeout: 15_000 }).not.toBeNull();
    await expect.poll(async () => (await lookStyles(page))?.images, { timeout: 15_000 }).toBe(2);
    // The theme's fonts live in the document (a shadow root ignores @font-face) and load from data: URLs under the CSP.
    const family = `kb-${blog.id}-DM Sans`;
    const loaded = await page.evaluate(async (name) => (await document.fonts.load(`16px "${name}"`)).map((f) => f.status), family);
    expect(loaded).toContain('loaded');
    const styles = await lookStyles(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'blog-look.png') });
    await page.locator('.preview-pane').evaluate((el) => el.scrollBy(0, 380));
    await page.locator('.preview-pane').screenshot({ path: path.join(SCREENSHOT_DIR, 'blog-look-text.png') });
    // The theme sizes its title by the viewport; in the preview that is the pane, so the title stays inside it.
    const fits = await page.evaluate(() => {
      const host = document.querySelector('.k-blog-look');
      const title = host?.shadowRoot?.querySelector('.wp-block-post-title');
      return host && title ? title.getBoundingClientRect().right <= host.getBoundingClientRect().right + 1 && title.scrollWidth <= title.clientWidth + 1 : null;
    });
    expect(fits).toBe(true);
    // The body's photo (900 px wide) is scaled to the column, as on the blog.
    const photo = await page.evaluate(() => {
      const host = document.querySelector('.k-blog-look');
      const img = host?.shadowRoot?.querySelector('.wp-block-post-content img');
      return host && img ? img.getBoundingClientRect().right <= host.getBoundingClientRect().right + 1 : null;
    });
    expect(photo).toBe(true);

    expect(styles?.titleText).toBe('Zweimal der Kopf');
    // Twenty Twenty-Three (as WordPress 6.1 ships it) sets body and title in its „System Font“ preset.
    const stack = (value: string | undefined) => (value ?? '').replace(/["'\s]/g, '').toLowerCase();
    expect(stack(styles?.systemFont)).toContain('-apple-system');
    expect(stack(styles?.font)).toBe(stack(styles?.systemFont));
    expect(stack(styles?.titleFont)).toBe(stack(styles?.systemFont));
    expect(stack(styles?.font)).not.toBe(stack(articleFont));
    // Twenty Twenty-Three's palette: base (background) and contrast (text), as the captured styles define them.
    expect(styles?.base).toMatch(/^#[0-9a-f]{6}$/i);
    expect(styles?.background).toBe(rgb(styles?.base ?? ''));
    expect(styles?.color).toBe(rgb(styles?.contrast ?? ''));
    // Links in the post (the credit's source) take the theme's secondary green (#345C00), not Kladde's link colour.
    expect(styles?.secondary.toLowerCase()).toBe('#345c00');
    expect(styles?.link).toBe(rgb(styles?.secondary ?? ''));
    // Nothing of the blog ran or was asked for: no script, no request outside Kladde, no CSP complaint.
    expect(styles?.scripts).toBe(0);
    expect(await page.evaluate(() => 'wp' in window || '_wpemojiSettings' in window)).toBe(false);
    expect(outside).toEqual([]);
    expect((await violations()).slice(before)).toEqual([]);

    // Back to „Artikel“: Kladde's own style with the whole text again.
    await page.getByRole('radio', { name: 'Artikel' }).click();
    await expect.poll(() => page.locator('.k-article p').filter({ hasText: 'Sylter Deich' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.k-blog-look').count()).toBe(0);
    await page.getByRole('radio', { name: 'Wie im Blog' }).click();
    await expect.poll(async () => (await lookStyles(page))?.images, { timeout: 15_000 }).toBe(2);
  });

  it('a look tampered with in the library still runs nothing and loads nothing: the CSP stops it', async () => {
    const stored = JSON.parse(await readFile(themeFile(), 'utf8')) as BlogTheme;
    const hostile: BlogTheme = {
      ...stored,
      fetchedAt: new Date().toISOString(),
      css: `${stored.css}\n</style><script>window.__kbPwned = 1</script><style>\n.kb-body{background-image:url("https://tracker.example/p.gif")}`,
      fontCss: `${stored.fontCss}\n@font-face{font-family:"kb-${blog.id}-Spy";src:url("https://tracker.example/f.woff2")}`,
    };
    await writeFile(themeFile(), JSON.stringify(hostile));
    await page.reload();
    await page.locator(`[data-post-id="${SLUG}"]`).click();
    await expect.poll(() => lookStyles(page), { timeout: 15_000 }).not.toBeNull();
    await page.evaluate(async (name) => document.fonts.load(`16px "${name}"`).catch(() => []), `kb-${blog.id}-Spy`);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.join('\n')), { timeout: 10_000 })
      .toContain('tracker.example');
    expect(await page.evaluate(() => '__kbPwned' in window)).toBe(false);
    expect((await lookStyles(page))?.scripts).toBe(0);
    expect(outside.filter((u) => u.includes('tracker.example'))).toEqual([]);
    await writeFile(themeFile(), JSON.stringify(stored));
  });
});

describe('featured image shown twice', () => {
  const hint = () => page.getByRole('note').filter({ hasText: 'Das Beitragsbild erscheint im Blog zweimal' });

  it('says so for a post that opens with its featured image; „Nur das Bild im Text behalten“ writes the choice', async () => {
    await page.reload();
    await page.locator(`[data-post-id="${SLUG}"]`).click();
    await expect.poll(() => hint().count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await lookStyles(page))?.images, { timeout: 15_000 }).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'blog-look-featured-twice.png') });

    await hint().getByRole('button', { name: 'Nur das Bild im Text behalten' }).click();
    await expect.poll(async () => (await readFile(file(), 'utf8')).match(/^featured_twice: .*$/m)?.[0], { timeout: 15_000 }).toBe('featured_twice: body');
    expect(await hint().count()).toBe(0);
    // The preview shows what the blog will: the photo once, in the text.
    await expect.poll(async () => (await lookStyles(page))?.images, { timeout: 15_000 }).toBe(1);
    const text = await readFile(file(), 'utf8');
    expect(text.replace(/^featured_twice: body\n/m, '')).toContain(POST.slice(POST.indexOf('![Ein bunter Kopf]')));
    expect(outside).toEqual([]);
  });

  it('„Immer so in diesem Blog“ sets the blog, not the post', async () => {
    // The post's own choice taken out by another program: the hint is back.
    await writeFile(file(), (await readFile(file(), 'utf8')).replace(/^featured_twice: body\n/m, ''));
    await expect.poll(() => hint().count(), { timeout: 15_000 }).toBe(1);
    await hint().getByRole('button', { name: 'Immer so in diesem Blog' }).click();
    await expect.poll(async () => (await call<BlogView[]>('listBlogs')).find((b) => b.id === blog.id)?.featuredTwice, { timeout: 15_000 }).toBe('body');
    await expect.poll(() => hint().count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await lookStyles(page))?.images, { timeout: 15_000 }).toBe(1);
    expect(await readFile(file(), 'utf8')).not.toContain('featured_twice');
  });
});

describe('no look captured, blog unreachable', () => {
  it('says the look is missing, and why loading it failed', async () => {
    await rm(path.dirname(themeFile()), { recursive: true, force: true });
    await page.reload();
    await page.locator(`[data-post-id="${SLUG}"]`).click();
    const note = page.locator('.preview-look-note[role="status"]');
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toContain('Das Aussehen von „Kladde Testblog“ ist noch nicht geladen.');
    expect(await page.locator('.k-blog-look').count()).toBe(0);
    await note.getByRole('button', { name: 'Aussehen des Blogs laden' }).click();
    await expect.poll(() => note.textContent(), { timeout: 30_000 }).toContain('Das Aussehen des Blogs ließ sich nicht laden');
    expect(await note.textContent()).toContain('nicht erreichbar');
  });

  it('stops showing a blog’s look the moment the blog is removed', async () => {
    const note = page.locator('.preview-look-note[role="status"]');
    // The blog is still there: the note is about its look (the failed load of the test before).
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toContain('Das Aussehen des Blogs');
    await page.getByRole('button', { name: /Einstellungen/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Blogs verwalten' }).click();
    await page.locator('.blog-item').first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Blog entfernen' }).click();
    await page.getByRole('dialog').locator('button.danger-solid', { hasText: 'Blog entfernen' }).click();
    await expect.poll(() => page.locator('.blog-item').count()).toBe(0);
    // Without a reload or closing anything: the preview read the blogs again.
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain('Für „Wie im Blog“ zuerst einen Blog einrichten.');
    expect(await page.locator('.k-blog-look').count()).toBe(0);
  });
});
