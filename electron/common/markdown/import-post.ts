import { fromHtml } from 'hast-util-from-html';
import type { Nodes } from 'hast';
import type { ImageCredit, ImagesMap } from '../model/attribution.js';
import type { PostStatus } from '../model/post.js';
import { parseCreditCaption } from './credit-parse.js';
import { editFrontMatter } from './front-matter-edit.js';
import { updateFrontMatter, type FieldPatch } from './front-matter.js';
import { FEATURED_CREDIT_KEY } from './render.js';
import { setImageCredit } from './front-matter-images.js';
import { htmlToMarkdown, rawSection, type ConvertedImage } from './html-to-markdown.js';
import { blockHtml, hasBlocks, parseBlocks, type ParsedBlock } from './wp-block-parse.js';
import { CORE_SHORTCODES, shortcodeUnautop, wpautop } from './wpautop.js';

/**
 * One post of a blog as an import reads it (from the REST API, XML-RPC or a WXR export), in WordPress's terms:
 * the stored `post_content` (classic text or block markup), not the rendered HTML.
 */
export interface ImportedRemotePost {
  title: string;
  slug: string;
  /** The blog's local time, `2024-05-01 10:00:00` or `2024-05-01T10:00:00` (WordPress's `post_date`). */
  date: string;
  /** The same moment in UTC (`post_date_gmt`); with both the time zone offset is known. */
  dateGmt?: string;
  /** WordPress's status: publish, future, draft, pending, private. */
  status: string;
  categories: readonly string[];
  tags: readonly string[];
  /** The hand-written excerpt (may hold HTML), or empty. */
  excerpt: string;
  /** `post_content` as stored. */
  content: string;
  /** The featured image: its address, alt text, caption (credits are read from it) and id on the blog when known. */
  featuredImage?: { url: string; alt?: string; caption?: string; id?: string };
  /** The post's language (`de`, `en`…); credits are read with its templates. Default German. */
  lang?: string;
  /** Pinned to the top of the blog (written as `sticky: true`). */
  sticky?: boolean;
  /** `open`, `closed`, or '' when unknown; only `closed` is written (`comments: closed`), open being the norm. */
  commentStatus?: string;
}

/** An image the imported post refers to by a local file name, to be downloaded into the post's folder. */
export interface RemoteImage {
  /** The address to fetch: the full-size original where the post used a resized copy (`-300x200`). */
  url: string;
  /** The address as the post wrote it, to try when the original is gone. */
  fallbackUrl?: string;
  /** The safe file name in the post's folder that the Markdown and `images:` use. */
  file: string;
  featured: boolean;
}

export interface ImportResult {
  /** The whole post text: front matter and Markdown body. */
  text: string;
  images: RemoteImage[];
}

const STATUS: Readonly<Record<string, PostStatus>> = {
  publish: 'published',
  future: 'scheduled',
  pending: 'ready',
  draft: 'draft',
  // Private posts are online but hidden; Kladde has no such state, so they come in as drafts.
  private: 'draft',
};

/** `2024-05-01T10:00:00+02:00` from WordPress's local and UTC times; without a usable UTC time, no zone. */
export function dateWithZone(local: string, gmt?: string): string {
  const parse = (s: string) => /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s.trim());
  const l = parse(local);
  if (!l) return local.trim();
  const iso = `${l[1]}-${l[2]}-${l[3]}T${l[4]}:${l[5]}:${l[6] ?? '00'}`;
  const g = gmt ? parse(gmt) : null;
  if (!g || g[1] === '0000') return iso;
  const ms = (m: RegExpExecArray) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const minutes = Math.round((ms(l) - ms(g)) / 60000);
  if (minutes === 0) return `${iso}Z`;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${iso}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Text of a bit of HTML, entities decoded (titles and excerpts arrive escaped). */
export function htmlText(html: string): string {
  const walk = (n: Nodes): string => {
    if (n.type === 'text') return n.value;
    if (n.type === 'element' || n.type === 'root') return n.children.map(walk).join('');
    return '';
  };
  return walk(fromHtml(html, { fragment: true })).replace(/\s+/g, ' ').trim();
}

const SIZE_SUFFIX = /-(?:\d+x\d+|scaled)(?=\.[a-z0-9]+$)/i;
const UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/** A file name that is safe in any file system and needs no escaping in Markdown: `Mein Foto (1).JPG` → `mein-foto-1.jpg`. */
export function safeImageFileName(url: string): string {
  let name = url.replace(/[?#].*$/, '').split('/').pop() ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    /* keep as written */
  }
  name = name.replace(SIZE_SUFFIX, '');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  const stem = (dot > 0 ? name.slice(0, dot) : name)
    .replace(/[äöüÄÖÜß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  return `${stem || 'bild'}.${ext || 'jpg'}`;
}

/** Hands out one file name per image address, unique within the post (`foto.jpg`, `foto-2.jpg`). */
class ImageFiles {
  private readonly byUrl = new Map<string, RemoteImage>();
  private readonly taken = new Set<string>();

  fileFor(src: string, featured = false): string {
    const known = this.byUrl.get(src);
    if (known) {
      if (featured) known.featured = true;
      return known.file;
    }
    const base = safeImageFileName(src);
    let file = base;
    for (let n = 2; this.taken.has(file); n++) file = base.replace(/(\.[a-z0-9]+)$/, `-${n}$1`);
    this.taken.add(file);
    const original = src.replace(SIZE_SUFFIX, '');
    const image: RemoteImage = original !== src ? { url: original, fallbackUrl: src, file, featured } : { url: src, file, featured };
    this.byUrl.set(src, image);
    return file;
  }

  all(): RemoteImage[] {
    return [...this.byUrl.values()];
  }
}

// ——— classic content ———

const CAPTION = /\[(caption|wp_caption)([^\]]*)\]([\s\S]*?)\[\/\1\]/g;

function shortcodeAttr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(\\S+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : null;
}

/**
 * `[caption]` as WordPress's `img_caption_shortcode()` renders it for HTML5 themes: a figure with the image and
 * its caption (the text after the image, or the `caption` attribute).
 */
function captionToFigure(attrs: string, inner: string): string | null {
  const m = /^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
  if (!m) return null;
  // A centred or floated figure is layout Markdown cannot hold: the shortcode stays as it is.
  const align = shortcodeAttr(attrs, 'align');
  if (align !== null && align !== '' && align !== 'alignnone') return null;
  const caption = (shortcodeAttr(attrs, 'caption') ?? m[2] ?? '').trim();
  return `<figure>${m[1] ?? ''}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

/** A line that is only a URL: WordPress embeds it (oEmbed), so it must stay a bare URL on its own line. */
const EMBED_URL = /^[ \t]*https?:\/\/[^\s<>"]+[ \t]*$/;
const LONE_SHORTCODE = /^[ \t]*\[([a-zA-Z][\w-]*)(?![\w-])[^\]]*\](?:[\s\S]*?\[\/\1\])?[ \t]*$/;
const ENCLOSING_SHORTCODE = /(^|\n[ \t]*\n)([ \t]*\[([a-zA-Z][\w-]*)(?![\w-])[^\]]*\][\s\S]*?\[\/\3\][ \t]*)(?=\n[ \t]*\n|\s*$)/g;
const MORE = /^[ \t]*<!--(?:more|nextpage|noteaser)(?:\s[\s\S]*?)?-->[ \t]*$/;

/**
 * Classic content as the blog shows it, with what Markdown cannot hold set aside: captions become figures,
 * shortcodes and embed URLs alone in their paragraph and the more/nextpage markers become placeholders for raw
 * sections. Then WordPress's paragraphs are added.
 */
function classicHtml(content: string): { html: string; raw: string[] } {
  const raw: string[] = [];
  const placeholder = (piece: string) => {
    raw.push(piece);
    return `<div data-kladde-raw="${raw.length - 1}"></div>`;
  };
  let text = content.replace(/\r\n?/g, '\n');
  text = text.replace(CAPTION, (whole, _name: string, attrs: string, inner: string) => {
    const figure = captionToFigure(attrs, inner);
    return figure ? `\n\n${figure}\n\n` : whole;
  });
  // An enclosing shortcode that spans paragraphs (`[box]…\n\n…[/box]`) is one raw piece.
  text = text.replace(ENCLOSING_SHORTCODE, (_whole, lead: string, code: string) => `${lead}${placeholder(code.trim())}`);
  // Paragraph by paragraph (blank-line separated, as wpautop splits), a lone shortcode or URL is kept raw.
  text = text
    .split(/(\n[ \t]*\n)/)
    .map((part) => {
      const trimmed = part.trim();
      if (trimmed === '') return part;
      if (EMBED_URL.test(part) || MORE.test(part) || LONE_SHORTCODE.test(part)) return placeholder(trimmed);
      return part;
    })
    .join('');
  return { html: shortcodeUnautop(wpautop(text), CORE_SHORTCODES), raw };
}

// ——— block content ———

/** Blocks Markdown can hold, with the attributes that may be set (anything else keeps the block raw). */
const EXPRESSIBLE_BLOCKS: Readonly<Record<string, (attrs: Record<string, unknown>) => boolean>> = {
  'core/paragraph': (a) => Object.keys(a).length === 0,
  'core/heading': (a) => Object.keys(a).every((k) => k === 'level'),
  'core/list': (a) => Object.keys(a).every((k) => k === 'ordered' || k === 'start'),
  'core/list-item': (a) => Object.keys(a).length === 0,
  'core/quote': (a) => Object.keys(a).length === 0,
  'core/code': (a) => Object.keys(a).length === 0,
  'core/separator': (a) => Object.keys(a).length === 0,
  'core/table': (a) => Object.keys(a).length === 0,
  'core/image': (a) =>
    Object.keys(a).every((k) => k === 'id' || k === 'sizeSlug' || k === 'linkDestination') &&
    (a['linkDestination'] === undefined || a['linkDestination'] === 'none' || a['linkDestination'] === 'media'),
};

function blockExpressible(block: ParsedBlock): boolean {
  if (block.name === null || block.badAttrs) return false;
  const check = EXPRESSIBLE_BLOCKS[block.name];
  if (!check?.(block.attrs)) return false;
  if (block.name === 'core/quote') return block.innerBlocks.every((b) => b.name === 'core/paragraph' && blockExpressible(b));
  return block.innerBlocks.every(blockExpressible);
}

interface Piece {
  markdown: string;
  images: ConvertedImage[];
}

/** Converts HTML and checks that all of it became Markdown; a block with anything left raw stays raw whole. */
function convertBlock(block: ParsedBlock, convert: (html: string, raw?: string[]) => Piece): Piece {
  if (blockExpressible(block)) {
    const piece = convert(blockHtml(block));
    if (!piece.markdown.includes('```{=html}')) return piece;
  }
  return { markdown: rawSection(block.source), images: [] };
}

/** The Markdown body of a post's content, classic or blocks, and the images it now names by file. */
function convertContent(content: string, convert: (html: string, raw?: string[]) => Piece): Piece {
  if (!hasBlocks(content)) {
    const { html, raw } = classicHtml(content);
    return convert(html, raw);
  }
  const pieces: Piece[] = [];
  for (const block of parseBlocks(content)) {
    if (block.name === null) {
      // Classic text between blocks, as WordPress shows it (freeform content is auto-paragraphed too).
      if (block.source.trim() === '') continue;
      const { html, raw } = classicHtml(block.source);
      pieces.push(convert(html, raw));
    } else {
      pieces.push(convertBlock(block, convert));
    }
  }
  return {
    markdown: pieces.map((p) => p.markdown.replace(/\n+$/, '')).filter((m) => m !== '').join('\n\n') + '\n',
    images: pieces.flatMap((p) => p.images),
  };
}

/**
 * The first credit found for an image stands (two captions of one image are not mixed field by field); a later
 * one only adds the alt text when the first had none.
 */
function mergeCredit(images: ImagesMap, file: string, credit: ImageCredit): void {
  const known = images[file];
  if (!known) images[file] = credit;
  else if (!known.alt && credit.alt) images[file] = { alt: credit.alt, ...known };
}

/**
 * A remote post as a Kladde post: front matter (title, slug, date with zone, status, categories, tags, excerpt,
 * featured image, image credits read from captions) and a Markdown body. Classic content gets WordPress's
 * paragraphs first; what Markdown cannot hold stays as raw sections that publish back unchanged. Images are
 * renamed to safe local file names; `images` lists what to download and where to.
 */
export function importPost(remote: ImportedRemotePost): ImportResult {
  const lang = remote.lang ?? 'de';
  const files = new ImageFiles();
  const convert = (html: string, raw?: string[]): Piece =>
    htmlToMarkdown(html, { lang, imageFile: (src) => files.fileFor(src), ...(raw ? { raw } : {}) });
  const body = convertContent(remote.content, convert);

  const credits: ImagesMap = {};
  for (const image of body.images) {
    if (Object.keys(image.credit).length > 0) mergeCredit(credits, image.file, image.credit);
  }
  let featured = '';
  if (remote.featuredImage?.url) {
    featured = files.fileFor(remote.featuredImage.url, true);
    const credit = parseCreditCaption(htmlText(remote.featuredImage.caption ?? ''), lang);
    const alt = remote.featuredImage.alt?.trim();
    mergeCredit(credits, featured, alt ? { alt, ...credit } : credit);
  }

  const fields: FieldPatch = {
    title: htmlText(remote.title),
    slug: remote.slug,
    date: dateWithZone(remote.date, remote.dateGmt),
    status: STATUS[remote.status] ?? 'draft',
    categories: remote.categories.map(htmlText).filter((c) => c !== ''),
    tags: remote.tags.map(htmlText).filter((t) => t !== ''),
    excerpt: htmlText(remote.excerpt),
    image: featured,
    ...(remote.lang ? { lang: remote.lang } : {}),
    ...(remote.sticky ? { sticky: true } : {}),
    ...(remote.commentStatus === 'closed' ? { comments: 'closed' as const } : {}),
  };
  let text = updateFrontMatter(`---\n---\n\n${body.markdown}`, fields);
  if (text === null) throw new Error('Front Matter des importierten Beitrags ließ sich nicht schreiben');
  if (Object.values(credits).some((c) => Object.keys(c).length > 0)) {
    // The blog's text ends as it ends: no credit line or list that Kladde would add on publishing.
    const own = editFrontMatter(text, [{ path: [FEATURED_CREDIT_KEY], value: 'none' }]);
    if (own.ok) text = own.text;
  }
  for (const [file, credit] of Object.entries(credits)) {
    if (Object.keys(credit).length === 0) continue;
    const edit = setImageCredit(text, file, credit);
    if (!edit.ok) throw new Error(`Bildnachweis für ${file} ließ sich nicht schreiben: ${edit.problem.detail}`);
    text = edit.text;
  }
  return { text, images: files.all() };
}
