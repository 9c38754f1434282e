import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readImages } from '../../../electron/common/markdown/front-matter-images.js';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { htmlToMarkdown } from '../../../electron/common/markdown/html-to-markdown.js';
import { dateWithZone, importPost, safeImageFileName, type ImportedRemotePost } from '../../../electron/common/markdown/import-post.js';
import { renderPost } from '../../../electron/common/markdown/render.js';
import { parseBlocks } from '../../../electron/common/markdown/wp-block-parse.js';
import { toBlockMarkup } from '../../../electron/common/markdown/wp-blocks.js';
import { comparable } from './support/normalize.js';

const POSTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import/posts');
const fixture = (name: string) => readFileSync(path.join(POSTS, name), 'utf8');
const U = 'https://blog.example.de/wp-content/uploads';

const post = (content: string, extra: Partial<ImportedRemotePost> = {}): ImportedRemotePost => ({
  title: 'Titel',
  slug: 'titel',
  date: '2024-05-01 10:00:00',
  dateGmt: '2024-05-01 08:00:00',
  status: 'publish',
  categories: [],
  tags: [],
  excerpt: '',
  content,
  ...extra,
});

/** The Markdown body of an imported post. */
const bodyOf = (text: string) => text.slice(text.indexOf('\n---\n') + 5).replace(/^\n/, '');

describe('figures, [caption] and core/image become an image with its credit', () => {
  const cases: { name: string; content: string; markdown: string; file: string; credit: Record<string, unknown> }[] = [
    {
      name: '[caption] with a pixelio credit',
      content: `[caption id="attachment_12" align="alignnone" width="300"]<img class="size-medium wp-image-12" src="${U}/2019/05/hafen-300x200.jpg" alt="Hafen" width="300" height="200" /> Bild: Rike/ pixelio.de[/caption]`,
      markdown: '![Hafen](hafen.jpg)\n',
      file: 'hafen.jpg',
      credit: { alt: 'Hafen', author: 'Rike', source: 'pixelio.de', license: 'pixelio' },
    },
    {
      name: '[caption] whose caption is in the attribute, not a credit',
      content: `[caption id="a" width="300" caption="Unser Garten"]<img src="${U}/2018/07/garten.jpg" alt="Garten" />[/caption]`,
      markdown: '![Garten](garten.jpg)\n',
      file: 'garten.jpg',
      credit: { alt: 'Garten', caption: 'Unser Garten' },
    },
    {
      name: 'core/image with caption and credit',
      content: `<!-- wp:image {"id":55,"sizeSlug":"large","linkDestination":"none"} -->\n<figure class="wp-block-image size-large"><img src="${U}/2023/04/berge-1024x683.jpg" alt="Berge" class="wp-image-55"/><figcaption class="wp-element-caption">Der Gipfel — Foto: Max Muster / CC BY-SA 4.0</figcaption></figure>\n<!-- /wp:image -->`,
      markdown: '![Berge](berge.jpg)\n',
      file: 'berge.jpg',
      credit: { alt: 'Berge', caption: 'Der Gipfel', author: 'Max Muster', license: 'cc-by-sa-4.0' },
    },
    {
      name: 'plain figure with a linked credit',
      content: `<figure><img src="${U}/x/Mein Foto (1).JPG" alt=""><figcaption>Bild: Rike / <a href="https://www.pixelio.de/media/9">pixelio.de</a></figcaption></figure>`,
      markdown: '![](mein-foto-1.jpg)\n',
      file: 'mein-foto-1.jpg',
      credit: { author: 'Rike', source: 'pixelio.de', sourceUrl: 'https://www.pixelio.de/media/9', license: 'pixelio' },
    },
  ];
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { text, images } = importPost(post(c.content));
    expect(bodyOf(text)).toBe(c.markdown);
    expect(readImages(text).images[c.file]).toEqual(c.credit);
    expect(images.map((i) => i.file)).toEqual([c.file]);
  });

  it('downloads the full-size original and keeps the resized address to fall back on', () => {
    const { images } = importPost(post(fixture('c03-caption-pixelio.html')));
    expect(images).toEqual([
      { url: `${U}/2019/05/hafen.jpg`, fallbackUrl: `${U}/2019/05/hafen-300x200.jpg`, file: 'hafen.jpg', featured: false },
    ]);
  });

  it('gives two images with the same name two files', () => {
    const { text, images } = importPost(post(`<p><img src="${U}/a/foto.jpg" alt="a"> <img src="${U}/b/foto.jpg" alt="b"></p>`));
    expect(images.map((i) => i.file)).toEqual(['foto.jpg', 'foto-2.jpg']);
    expect(bodyOf(text)).toBe('![a](foto.jpg) ![b](foto-2.jpg)\n');
  });
});

describe('raw sections keep what Markdown cannot hold byte for byte', () => {
  const rawBlocks = ['g08-image-aligned.html', 'g09-gallery.html', 'g10-embed.html', 'g12-table-fixed.html', 'g15-columns.html', 'g16-buttons.html', 'g17-custom-block.html', 'g18-paragraph-styled.html', 'g20-html-block.html', 'g05-quote-cite.html'];
  it.each(rawBlocks)('%s: every block that is not Markdown is published back exactly', (file) => {
    const content = fixture(file);
    const { text } = importPost(post(content));
    const markup = toBlockMarkup(renderPost(text, { featuredCredit: 'none' }));
    const kept = parseBlocks(content).filter((b) => b.name !== null && (b.name !== 'core/paragraph' || Object.keys(b.attrs).length > 0));
    expect(kept.length).toBeGreaterThan(0);
    for (const block of kept) expect(markup).toContain(block.source);
  });

  it('a raw section is a fence the renderer passes through unchanged', () => {
    const html = '<div class="box" data-x="1">\n\n```\ncode\n```\n</div>';
    const { markdown } = htmlToMarkdown(html);
    expect(markdown).toBe('````{=html}\n' + html + '\n````\n');
    expect(renderPost(markdown)).toBe(html + '\n');
  });

  it('classic shortcodes, embed URLs and the more tag alone in their paragraph stay raw', () => {
    const { text } = importPost(post('Text\n\n[gallery ids="1,2"]\n\nhttps://www.youtube.com/watch?v=x\n\n<!--more-->\n\n[foo]a\n\nb[/foo]'));
    expect(bodyOf(text)).toBe(
      'Text\n\n```{=html}\n[gallery ids="1,2"]\n```\n\n```{=html}\nhttps://www.youtube.com/watch?v=x\n```\n\n```{=html}\n<!--more-->\n```\n\n```{=html}\n[foo]a\n\nb[/foo]\n```\n',
    );
    const markup = toBlockMarkup(renderPost(text));
    expect(markup).toContain('<!-- wp:shortcode -->\n[gallery ids="1,2"]\n<!-- /wp:shortcode -->');
    expect(markup).toContain('<!-- wp:shortcode -->\n[foo]a\n\nb[/foo]\n<!-- /wp:shortcode -->');
  });
});

describe('importPost writes the front matter', () => {
  it('title, slug, date with zone, status, categories, tags, excerpt, featured image and its credit', () => {
    const { text, images } = importPost(
      post('<!-- wp:paragraph -->\n<p>Hallo</p>\n<!-- /wp:paragraph -->', {
        title: 'Kaffee &amp; Kuchen',
        slug: 'kaffee-kuchen',
        status: 'future',
        categories: ['Essen &amp; Trinken'],
        tags: ['kaffee', 'kuchen'],
        excerpt: '<p>Ein <em>kurzer</em> Text.</p>',
        featuredImage: { url: `${U}/2024/05/titel-1200x800.jpg`, alt: 'Kuchen', caption: 'Bild von Anna auf Pixabay' },
      }),
    );
    const parsed = parseFrontMatter(text);
    expect(parsed.ok && parsed.fields).toEqual({
      title: 'Kaffee & Kuchen',
      slug: 'kaffee-kuchen',
      date: '2024-05-01T10:00:00+02:00',
      status: 'scheduled',
      categories: ['Essen & Trinken'],
      tags: ['kaffee', 'kuchen'],
      excerpt: 'Ein kurzer Text.',
      image: 'titel.jpg',
      lang: 'de',
      sticky: false,
      comments: '',
    });
    expect(readImages(text).images['titel.jpg']).toEqual({ alt: 'Kuchen', author: 'Anna', source: 'Pixabay', license: 'pixabay' });
    expect(images).toEqual([{ url: `${U}/2024/05/titel.jpg`, fallbackUrl: `${U}/2024/05/titel-1200x800.jpg`, file: 'titel.jpg', featured: true }]);
    expect(bodyOf(text)).toBe('Hallo\n');
    // Credited images: the post keeps the blog's ending, whatever the setting for the featured image's credit says.
    expect(text).toMatch(/^featured_credit: none$/m);
  });

  it('a post without any credit gets no featured_credit key', () => {
    expect(importPost(post('<p>x</p>')).text).not.toContain('featured_credit');
  });

  it('sticky and closed comments, written only when they differ from the usual', () => {
    const pinned = importPost(post('<p>x</p>', { sticky: true, commentStatus: 'closed' })).text;
    expect(pinned).toMatch(/^sticky: true$/m);
    expect(pinned).toMatch(/^comments: closed$/m);
    const parsed = parseFrontMatter(pinned);
    expect(parsed.ok && [parsed.fields.sticky, parsed.fields.comments]).toEqual([true, 'closed']);
    const usual = importPost(post('<p>x</p>', { sticky: false, commentStatus: 'open' })).text;
    expect(usual).not.toMatch(/^(?:sticky|comments):/m);
  });

  it.each([
    ['2024-05-01 10:00:00', '2024-05-01 08:00:00', '2024-05-01T10:00:00+02:00'],
    ['2024-01-01 10:00:00', '2024-01-01 09:00:00', '2024-01-01T10:00:00+01:00'],
    ['2024-01-01 10:00:00', '2024-01-01 10:00:00', '2024-01-01T10:00:00Z'],
    ['2024-01-01 00:30:00', '2024-01-01 05:00:00', '2024-01-01T00:30:00-04:30'],
    ['2024-01-01 10:00:00', '0000-00-00 00:00:00', '2024-01-01T10:00:00'],
    ['2024-01-01T10:00:00', undefined, '2024-01-01T10:00:00'],
  ] as const)('dateWithZone(%s, %s) = %s', (local, gmt, expected) => {
    expect(dateWithZone(local, gmt)).toBe(expected);
  });

  it.each([
    [`${U}/2020/01/foto-300x200.jpg`, 'foto.jpg'],
    [`${U}/2020/01/Größe%20über.PNG`, 'groesse-ueber.png'],
    [`${U}/2020/01/bild-scaled.jpeg?ver=2`, 'bild.jpeg'],
    ['https://cdn.example.org/', 'bild.jpg'],
    ['https://cdn.example.org/../../etc/passwd', 'passwd.jpg'],
  ])('safeImageFileName(%s) = %s', (url, name) => {
    expect(safeImageFileName(url)).toBe(name);
  });
});

describe('the round-trip comparison can tell a change', () => {
  it.each([
    ['<p>a</p>', '<p>b</p>'],
    ['<p>a <strong>b</strong></p>', '<p>a b</p>'],
    ['<figure><img src="a.jpg" alt=""><figcaption>Bild: Rike / pixelio.de</figcaption></figure>', '<figure><img src="a.jpg" alt=""><figcaption>Bild: Anna / pixelio.de</figcaption></figure>'],
    ['<p class="has-text-align-center">a</p>', '<p>a</p>'],
  ])('%s ≠ %s', (a, b) => {
    expect(comparable(a)).not.toBe(comparable(b));
  });
});

describe('hostile or odd input', () => {
  it('text that looks like the raw-section placeholder stays text', () => {
    const { markdown } = htmlToMarkdown('<pre><code>KLADDERAWSECTION0X</code></pre><iframe src="https://x.org"></iframe>');
    expect(markdown).toBe('```\nKLADDERAWSECTION0X\n```\n\n```{=html}\n<iframe src="https://x.org"></iframe>\n```\n');
  });

  it('a very long caption is kept as caption without trying the credit patterns', () => {
    const long = 'Bild: ' + 'a / '.repeat(500);
    const { text } = importPost(post(`<figure><img src="${U}/x.jpg" alt="x"><figcaption>${long}</figcaption></figure>`));
    expect(readImages(text).images['x.jpg']?.caption).toBe(long.trim());
  });

  it('a script in content stays inside a raw section and is not run by anything here', () => {
    const { text } = importPost(post('<script>alert(1)</script>\n\nText'));
    // wpautop puts it in a paragraph, as WordPress shows it; the paragraph with its script is kept raw.
    expect(bodyOf(text)).toBe('```{=html}\n<p><script>alert(1)</script></p>\n```\n\nText\n');
  });
});

describe('alignment is layout Markdown cannot hold', () => {
  it.each([
    ['a centred [caption] stays a shortcode', `[caption id="a" align="aligncenter" width="300"]<img src="${U}/c.jpg" alt="c" /> Bild: Rike/ pixelio.de[/caption]`, true],
    ['[caption] with alignnone becomes an image', `[caption id="a" align="alignnone" width="300"]<img src="${U}/c.jpg" alt="c" /> Bild: Rike/ pixelio.de[/caption]`, false],
    ['a right-floated image keeps its paragraph raw', `Text <img class="alignright size-full wp-image-3" src="${U}/r.jpg" alt="r" /> mehr`, true],
    ['an image with alignnone is Markdown', `Text <img class="alignnone size-full wp-image-3" src="${U}/r.jpg" alt="r" /> mehr`, false],
  ])('%s', (_name, content, raw) => {
    const { text } = importPost(post(content));
    expect(text.includes('```{=html}')).toBe(raw);
  });
});
