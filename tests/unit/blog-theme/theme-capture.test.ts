import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blogThemeSchema, type ThemeNode } from '../../../electron/common/blog-theme/blog-theme.js';
import { captureBlogTheme } from '../../../electron/main/blog-theme/theme-capture.js';
import { finishStylesheets, parseCss, rewriteSelector, safeDeclaration } from '../../../electron/main/blog-theme/theme-css.js';
import { readPage } from '../../../electron/main/blog-theme/theme-page.js';
import { HttpClient, type FetchLike } from '../../../electron/main/http/http-client.js';
import { tinyPng } from '../images/tiny-images.js';

/**
 * The capture of a blog's look, on pages WordPress 6.1 with Twenty Twenty-Three really served (tests/fixtures/
 * blog-theme, addresses changed to blog.example) and on hostile stylesheets, through the real HttpClient with a
 * fetch that answers from a table (nothing leaves the machine).
 */

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/blog-theme', name), 'utf8');
const HOME = fixture('twentytwentythree-home.html');
const POST = fixture('twentytwentythree-post.html');

/** A WOFF2 file as far as the capture looks: its magic number, then `size` bytes. */
const woff2 = (size: number) => Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(size, 7)]);

type Answer = { status?: number; type: string; body: string | Uint8Array };

function site(table: Record<string, Answer>): { fetch: FetchLike; asked: string[] } {
  const asked: string[] = [];
  const fetch: FetchLike = async (input) => {
    asked.push(input);
    const key = input.replace(/\?ver=[^&]*$/, '');
    const answer = table[input] ?? table[key];
    if (!answer) return new Response('nicht da', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    return new Response(answer.body as BodyInit, { status: answer.status ?? 200, headers: { 'Content-Type': answer.type } });
  };
  return { fetch, asked };
}

const FONT = 'https://blog.example/wp-content/themes/twentytwentythree/assets/fonts';

function twentyTwentyThree(extra: Record<string, Answer> = {}): Record<string, Answer> {
  return {
    'https://blog.example/': { type: 'text/html', body: HOME },
    'https://blog.example/wp-json/wp/v2/posts?per_page=20&_fields=link%2Cfeatured_media': {
      type: 'application/json',
      body: JSON.stringify([{ link: 'https://blog.example/hallo-welt/', featured_media: 0 }, { link: 'https://blog.example/ein-test/', featured_media: 9 }]),
    },
    'https://blog.example/ein-test/': { type: 'text/html', body: POST },
    'https://blog.example/wp-includes/blocks/navigation/style.min.css': { type: 'text/css', body: '.wp-block-navigation{position:relative}' },
    [`${FONT}/dm-sans/DMSans-Regular.woff2`]: { type: 'font/woff2', body: woff2(2000) },
    [`${FONT}/dm-sans/DMSans-Bold.woff2`]: { type: 'font/woff2', body: woff2(2000) },
    ...extra,
  };
}

function find(node: ThemeNode | null, role: string): ThemeNode | null {
  if (!node) return null;
  if (node.role === role) return node;
  for (const child of node.children) {
    const hit = find(child, role);
    if (hit) return hit;
  }
  return null;
}

describe('captureBlogTheme on Twenty Twenty-Three', () => {
  it('keeps the global styles and the wrappers of title, featured image and body, and no script', async () => {
    const { fetch, asked } = site(twentyTwentyThree());
    const theme = await captureBlogTheme({ id: 'blog-example', url: 'https://blog.example/' }, { http: new HttpClient({ fetch }), now: () => new Date('2026-12-02T10:00:00Z') });
    expect(blogThemeSchema.parse(theme)).toEqual(theme);
    expect(theme.pageUrl).toBe('https://blog.example/ein-test/');
    // global-styles-inline-css: the palette, the font presets and the body's colours and font.
    expect(theme.css).toContain('--wp--preset--color--base: #ffffff');
    expect(theme.css).toMatch(/\.kb-body\{[^}]*background-color: var\(--wp--preset--color--base\)/);
    expect(theme.css).toContain('"kb-blog-example-DM Sans"');
    expect(theme.css).not.toMatch(/(^|[\s,}])body\s*\{/);
    expect(theme.css).toContain('.wp-block-navigation{position:relative}');
    // Fonts the body uses are inlined; a font that could not be fetched is left out and said so.
    expect(theme.fontCss).toMatch(/@font-face\{font-family:"kb-blog-example-DM Sans";[^}]*src:[^}]*url\("data:font\/woff2;base64,/);
    expect(theme.fontCss).not.toContain('https://');
    expect(theme.dropped.some((d) => d.includes('IBMPlexMono'))).toBe(true);
    // `url(#wp-duotone-…)` points at an SVG filter in the page: kept as it is, never fetched nor reported missing.
    expect(theme.dropped.filter((d) => d.includes('#'))).toEqual([]);
    // Nothing of a script made it: not the emoji loader, not the navigation's view script.
    for (const text of [theme.css, theme.fontCss, JSON.stringify(theme.layout)]) expect(text).not.toMatch(/<script|wp-emoji|view\.min\.js|javascript:/i);
    expect(asked.some((u) => u.endsWith('.js') || u.includes('.js?'))).toBe(false);
    expect(theme.bodyClass).toContain('single-post');
    expect(find(theme.layout, 'title')?.className).toContain('wp-block-post-title');
    expect(find(theme.layout, 'featured')?.className).toContain('wp-block-post-featured-image');
    expect(find(theme.layout, 'featured')?.imageClass).toContain('wp-post-image');
    expect(find(theme.layout, 'content')?.className).toContain('wp-block-post-content');
    expect(theme.showsFeaturedImage).toBe(true);
    // Featured image and title share their group, which comes before the body, as on the page.
    const main = theme.layout?.children[0]?.children[0];
    expect(main?.tag).toBe('main');
    expect(main?.children.map((c) => c.children.map((g) => g.role).join('+') || c.role)).toEqual(['featured+title', 'content']);
    expect(Math.abs(theme.bytes - Buffer.byteLength(JSON.stringify(theme)))).toBeLessThan(10);
  });

  it('stays within the cap: fonts beyond it are left out, the styles stay', async () => {
    const { fetch } = site(twentyTwentyThree({ [`${FONT}/dm-sans/DMSans-Regular.woff2`]: { type: 'font/woff2', body: woff2(400_000) } }));
    const theme = await captureBlogTheme({ id: 'b', url: 'https://blog.example/' }, { http: new HttpClient({ fetch }), maxBytes: 250_000 });
    expect(theme.bytes).toBeLessThanOrEqual(250_000);
    expect(theme.dropped).toContain(`Schrift ${FONT}/dm-sans/DMSans-Regular.woff2`);
    expect(theme.fontCss).toContain('data:font/woff2');
    expect(theme.css).toContain('--wp--preset--color--base');
  });

  it('says „nicht erreichbar“ when the blog cannot be reached', async () => {
    const fetch: FetchLike = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    };
    await expect(captureBlogTheme({ id: 'b', url: 'https://blog.example/' }, { http: new HttpClient({ fetch }) })).rejects.toMatchObject({ code: 'offline' });
  });
});

describe('hostile stylesheets', () => {
  const page = `<!doctype html><html><head>
    <link rel="stylesheet" href="/a.css" media="screen">
    <style>@import url("/b.css"); .x{background:url(javascript:alert(1))} .y{color:red}</style>
    <script>document.title='x'</script></head>
    <body class="single" onload="alert(1)"><article><h1 class="entry-title" onclick="x()">T</h1>
    <div class="entry-content" style="color:blue;background:url(https://tracker.example/p.gif);position:fixed"><script>alert(2)</script><p>x</p></div></article></body></html>`;
  const table: Record<string, Answer> = {
    'https://evil.example/': { type: 'text/html', body: page.replace('<body', '<a rel="bookmark" href="/p/">p</a><body') },
    'https://evil.example/p/': { type: 'text/html', body: page },
    'https://evil.example/a.css': {
      type: 'text/css',
      body: [
        '.a{color:green;background-image:url(img/dot.png)}',
        '.b{width:expression(alert(1));color:red}',
        '.c{background:u\\72l(https://tracker.example/x.gif)}',
        '.d{background-image:image-set("https://tracker.example/y.png" 1x)}',
        '.e{position:fixed;top:0;color:red}',
        '.f{behavior:url(x.htc)}',
        '.g{background:url(https://tracker.example/gone.png)}',
        'html,body{margin:0} :root{--c:#123456} body.single .h{color:var(--c)}',
        '@font-face{font-family:Evil;src:url(https://tracker.example/f.woff2)}',
      ].join('\n'),
    },
    'https://evil.example/b.css': { type: 'text/css', body: '@import "c.css"; .from-b{color:teal}' },
    'https://evil.example/c.css': { type: 'text/css', body: '.from-c{color:olive}' },
    'https://evil.example/img/dot.png': { type: 'image/png', body: tinyPng() },
    'https://tracker.example/gone.png': { type: 'text/html', body: '<script>alert(3)</script>' },
    'https://tracker.example/f.woff2': { type: 'font/woff2', body: '<svg onload=alert(1)>' },
  };

  it('drops what could run or load, inlines images, resolves @import chains', async () => {
    const { fetch, asked } = site(table);
    const theme = await captureBlogTheme({ id: 'evil', url: 'https://evil.example/' }, { http: new HttpClient({ fetch }) });
    expect(theme.css).toMatch(/@media screen\{\.a\{color:green;background-image:url\("data:image\/png;base64,/);
    expect(theme.css).toContain('.from-b{color:teal}');
    expect(theme.css).toContain('.from-c{color:olive}');
    expect(theme.css).toContain('.y{color:red}');
    expect(theme.css).toContain('.b{color:red}');
    expect(theme.css).toContain('.e{top:0;color:red}');
    expect(theme.css).toContain('.kb-html,.kb-body{margin:0}');
    expect(theme.css).toContain('.kb-html{--c:#123456}');
    expect(theme.css).toContain('.kb-body.single .h{color:var(--c)}');
    expect(theme.css).not.toMatch(/expression|javascript|\\72|image-set|behavior|tracker\.example|position:fixed|\.x\{|\.g\{/);
    // Neither the HTML answer nor the script posing as a font made it in.
    expect(theme.fontCss).toBe('');
    expect(asked).not.toContain('https://tracker.example/x.gif');
    const content = find(theme.layout, 'content');
    expect(content?.style).toBe('color:blue');
    expect(JSON.stringify(theme.layout)).not.toMatch(/onclick|onload|alert/);
    expect(theme.showsFeaturedImage).toBeNull();
  });
});

describe('CSS pieces', () => {
  it.each([
    ['body', '.kb-body'],
    [':root', '.kb-html'],
    ['html body p', '.kb-html .kb-body p'],
    [':where(body .is-layout-flow) > *', ':where(.kb-body .is-layout-flow) > *'],
    ['.wp-body, #body, [data-x=body]', '.wp-body, #body, [data-x=body]'],
    ['body.single', '.kb-body.single'],
  ])('rewrites %s', (input, expected) => {
    expect(rewriteSelector(input)).toBe(expected);
  });

  it.each([
    ['color: red', true],
    ['content: "\\f101"', true],
    ['color: r\\65 d', false],
    ['position: fixed', false],
    ['-moz-binding: url(x)', false],
    ['background: image-set("a.png" 1x)', false],
    ['width: expression(1)', false],
  ])('judges %s', (decl, ok) => {
    expect(safeDeclaration(decl)).toBe(ok);
  });

  it('renames a font family wherever the theme names it', () => {
    const sheets = [parseCss(`@font-face{font-family:'Inter';src:url(https://x/i.woff2) format("woff2")} :root{--wp--preset--font-family--inter:"Inter",sans-serif} p{font-family:Inter, serif}`)];
    const { css, fontCss } = finishStylesheets(sheets, { blogId: 'b', resolve: (u) => u, inlined: () => 'data:font/woff2;base64,AAAA' });
    expect(fontCss).toBe('@font-face{font-family:"kb-b-Inter";src:url("data:font/woff2;base64,AAAA") format("woff2")}');
    expect(css).toContain('--wp--preset--font-family--inter:"kb-b-Inter",sans-serif');
    expect(css).toContain('p{font-family:"kb-b-Inter", serif}');
  });

  it('reads the post page without running it: links, styles, body class', () => {
    const read = readPage(POST, 'https://blog.example/ein-test/');
    expect(read.styles.filter((s) => s.kind === 'link').map((s) => (s.kind === 'link' ? s.href : ''))).toEqual([
      'https://blog.example/wp-includes/blocks/navigation/style.min.css?ver=6.1.9',
    ]);
    expect(read.styles.some((s) => s.kind === 'inline' && s.css.includes('--wp--preset--color--contrast'))).toBe(true);
    expect(read.featuredShown).toBe(true);
    expect(read.apiRoot).toBe('https://blog.example/wp-json/');
  });
});
