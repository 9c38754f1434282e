import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { parseCreditCaption } from '../../../../electron/common/markdown/credit-parse.js';
import { hasBlocks, parseBlocks, type ParsedBlock } from '../../../../electron/common/markdown/wp-block-parse.js';
import { shortcodeUnautop, wpautop } from '../../../../electron/common/markdown/wpautop.js';

/**
 * The comparison form of a post's HTML for the round trip original → import → Kladde's render → block markup.
 * What it deliberately ignores, and why:
 * - block delimiters (`<!-- wp:… -->`): the block names are compared separately ({@link topLevelBlockNames});
 * - white space between and inside text runs (HTML collapses it), a trailing newline inside `<pre>`;
 * - `alignnone` (no alignment) and classes that only restate the element (`wp-block-*`, `wp-element-caption`, `size-*`, `wp-image-N`, `k-figure`,
 *   `has-alpha-channel-opacity`, `wp-caption*`) and what WordPress regenerates for an uploaded image (`width`,
 *   `height`, `id`, `srcset`, `sizes`, the `-300x200` size in the file name, the folder of the address);
 * - `rel` on links (Kladde writes `rel="noopener"` on credit links);
 * - a link around a figure's image that points to that same image file („link to media file“), which the import
 *   drops because a Markdown image alone in its paragraph is what becomes a figure;
 * - how a figure caption spells its credit: captions compare by the fields {@link parseCreditCaption} reads;
 * - `<b>`/`<i>` against `<strong>`/`<em>`: Markdown has one bold and one italic, the import writes those;
 * - white space after `<br>`;
 * - an image alone in its paragraph against a figure without caption: Kladde's renderer makes every image that
 *   stands alone a figure (an image block in WordPress);
 * - `[caption]` shortcodes on either side are expanded as WordPress shows them.
 * On the original's side, what WordPress does before a visitor sees classic text: a URL alone on its line is an
 * embed (autoembed runs before wpautop, so it is never in a paragraph), `<!--more-->` is cut out by
 * get_the_content(), and a plugin's shortcode alone in its paragraph is unwrapped (the plugin registers it).
 */
export function comparable(html: string): string {
  const tree = fromHtml(expandCaptions(html), { fragment: true });
  return serialize(tree.children).replace(/\s+/g, ' ').replace(/<br> /g, '<br>').replace(/ ?(<\/?(?:p|h\d|ul|ol|li|blockquote|figure|figcaption|table|thead|tbody|tr|th|td|div|hr|pre)\b[^>]*>) ?/g, '$1').trim();
}

const NEUTRAL = /^(?:alignnone|wp-block-(?:heading|list|quote|code|table|separator|image|paragraph)|wp-element-caption|size-[\w-]+|wp-image-\d+|k-figure|has-alpha-channel-opacity|wp-caption(?:-text)?)$/;
const DROPPED = new Set(['width', 'height', 'id', 'srcSet', 'sizes', 'rel', 'loading', 'decoding', 'ariaDescribedBy']);

function fileOf(src: string): string {
  return (src.split('/').pop() ?? '').replace(/-(?:\d+x\d+|scaled)(?=\.[a-z0-9]+$)/i, '');
}

function attrs(el: Element): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(el.properties).sort(([a], [b]) => a.localeCompare(b))) {
    if (DROPPED.has(key)) continue;
    if (key === 'className') {
      const classes = (Array.isArray(value) ? value.map(String) : []).filter((c) => !NEUTRAL.test(c));
      if (classes.length > 0) out.push(`class="${classes.join(' ')}"`);
      continue;
    }
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    out.push(`${key}="${key === 'src' ? fileOf(text) : text}"`);
  }
  return out.length > 0 ? ' ' + out.join(' ') : '';
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map(textOf).join('');
  return '';
}

function figureCredit(caption: Element): string {
  const links: { text: string; href: string }[] = [];
  const walk = (n: Element) => {
    if (n.tagName === 'a') links.push({ text: textOf(n), href: String(n.properties['href'] ?? '') });
    n.children.forEach((c) => c.type === 'element' && walk(c));
  };
  walk(caption);
  const credit = parseCreditCaption(textOf(caption), 'de', links);
  return `<figcaption>${JSON.stringify(credit, Object.keys(credit).sort())}</figcaption>`;
}

function serialize(nodes: readonly (RootContent | ElementContent)[], inPre = false): string {
  return nodes.map((n) => one(n, inPre)).join('');
}

function one(node: RootContent | ElementContent, inPre: boolean): string {
  if (node.type === 'text') return inPre ? node.value.replace(/\n$/, '') : node.value.replace(/\s+/g, ' ');
  if (node.type === 'comment') return /^\s*\/?wp:/.test(node.value) ? '' : `<!--${node.value}-->`;
  if (node.type !== 'element') return '';
  const el = node;
  const lone = el.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (el.tagName === 'p' && lone.length === 1 && lone[0]?.type === 'element' && lone[0].tagName === 'img') {
    return `<figure>${one(lone[0], false)}</figure>`;
  }
  if (el.tagName === 'figure') {
    const kids = el.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    const unwrapped = kids.map((k) => {
      if (k.type === 'element' && k.tagName === 'a') {
        const img = k.children.find((c): c is Element => c.type === 'element' && c.tagName === 'img');
        if (img && fileOf(String(k.properties['href'] ?? '')) === fileOf(String(img.properties['src'] ?? ''))) return img;
      }
      return k;
    });
    const inner = unwrapped
      .map((k) => (k.type === 'element' && k.tagName === 'figcaption' ? figureCredit(k) : one(k, false)))
      .join('');
    return `<figure${attrs(el)}>${inner}</figure>`;
  }
  if (el.tagName === 'br' || el.tagName === 'hr' || el.tagName === 'img') return `<${el.tagName}${attrs(el)}>`;
  const pre = inPre || el.tagName === 'pre';
  const tag = { b: 'strong', i: 'em' }[el.tagName] ?? el.tagName;
  return `<${tag}${attrs(el)}>${serialize(el.children, pre)}</${tag}>`;
}

/** `[caption]` as WordPress renders it for HTML5 themes (img_caption_shortcode): a figure with a figcaption. */
function expandCaptions(html: string): string {
  return html.replace(/\[(caption|wp_caption)([^\]]*)\]([\s\S]*?)\[\/\1\]/g, (_w, _n: string, attrs: string, inner: string) => {
    const m = /^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
    const attr = /caption="([^"]*)"/.exec(attrs)?.[1];
    const caption = (attr ?? m?.[2] ?? '').trim();
    return `<figure class="wp-caption">${m?.[1] ?? inner}${caption ? `<figcaption class="wp-caption-text">${caption}</figcaption>` : ''}</figure>`;
  });
}

/** What a visitor gets from stored content, before the comparison form: paragraphs for classic text, captions expanded. */
export function shownHtml(content: string): string {
  const classic = (text: string) => {
    const names = [...new Set([...text.matchAll(/\[([a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? ''))];
    const shown = shortcodeUnautop(wpautop(text), names)
      .replace(/<p>\s*(https?:\/\/[^\s<>"]+)\s*<\/p>/g, '$1')
      .replace(/<p>\s*(<!--more-->)\s*<\/p>/g, '$1');
    return expandCaptions(shown);
  };
  if (!hasBlocks(content)) return classic(content);
  return parseBlocks(content)
    .map((b) => (b.name === null ? classic(b.source) : b.source))
    .join('\n');
}

/** The names of the top-level blocks, freeform text left out. */
export function topLevelBlockNames(content: string): string[] {
  return parseBlocks(content)
    .filter((b: ParsedBlock) => b.name !== null)
    .map((b) => b.name ?? '');
}

export type { Root };
