import DOMPurify from 'dompurify';
import { embedPlaceholders } from '../../electron/common/markdown/third-party';

export interface SanitizeOptions {
  /** Maps a local image (or audio/video) source to a URL the preview may load; remote sources never get here. */
  resolveLocalImage: (src: string) => string;
  /** Text shown in place of a remote image or media file, which the preview never loads. */
  remoteImageLabel: (src: string) => string;
  /**
   * Text of the placeholder that stands where a post embeds YouTube, Vimeo or any other frame (a bare video address
   * included), naming the host; without it such embeds simply vanish. The preview never loads them.
   */
  blockedEmbedLabel?: (host: string) => string;
}

const FORBID_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
  'textarea', 'select', 'option', 'meta', 'link', 'base', 'portal', 'foreignObject', 'template', 'noscript',
  // An open <dialog> is positioned absolutely by the browser itself, out of the preview and over the app.
  'dialog',
  // An image map's <area href> navigates without an <a>; the preview shows no image maps.
  'map', 'area',
];
const FORBID_ATTR = [
  'srcset', 'formaction', 'action', 'ping', 'background', 'poster', 'xlink:href', 'autofocus', 'usemap',
  // Attributes that act on other elements by id, out of the post's reach even when namespaced.
  'popovertarget', 'popovertargetaction', 'commandfor', 'command', 'interestfor', 'anchor',
];
const SAFE_LINK = /^(?:https?:|mailto:|#)/i;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const MEDIA = new Set(['VIDEO', 'AUDIO', 'SOURCE', 'TRACK']);
const SVG = 'http://www.w3.org/2000/svg';

/**
 * Ids and names in a post get this prefix in the preview, so `<label for="f-excerpt">`, `<img name="kladde">`
 * or `id="outbox"` cannot reach the app's own elements or `window` properties. In-page links follow
 * (`href="#x"` → `#post-x`). Publishing sends the HTML unchanged.
 */
export const ID_PREFIX = 'post-';
const ID_ATTRS = ['id', 'name'];
/** Attributes holding one or more ids of other elements. */
const IDREF_ATTRS = [
  'for', 'form', 'list', 'headers', 'itemref', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns',
  'aria-activedescendant', 'aria-details', 'aria-errormessage', 'aria-flowto',
];

const purifier = DOMPurify(window);
let current: SanitizeOptions | null = null;

function prefixed(value: string): string {
  return value
    .split(/\s+/)
    .filter((v) => v !== '')
    .map((v) => ID_PREFIX + v)
    .join(' ');
}

/** A remote source is never loaded: the element keeps it only as data and says so in its title. */
function blockRemote(node: Element, src: string, options: SanitizeOptions, className: string): void {
  node.removeAttribute('src');
  node.setAttribute('data-remote-src', src);
  node.classList.add(className);
  node.setAttribute('title', options.remoteImageLabel(src));
}

function sanitizeSource(node: Element, options: SanitizeOptions | null): void {
  const raw = node.getAttribute('src');
  if (raw === null) return;
  const src = raw.trim();
  const isImage = node.tagName === 'IMG';
  if (!options || (!isImage && !MEDIA.has(node.tagName))) {
    // No other element may load anything by src.
    node.removeAttribute('src');
    return;
  }
  if (REMOTE.test(src) && !(isImage && src.startsWith('data:image/'))) {
    blockRemote(node, src, options, isImage ? 'k-remote-image' : 'k-remote-media');
  } else if (src && !src.startsWith('data:')) {
    node.setAttribute('src', options.resolveLocalImage(src));
  }
  if (isImage) {
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
  } else {
    // Media never starts by itself and never fetches ahead.
    node.removeAttribute('autoplay');
    if (node.tagName === 'VIDEO' || node.tagName === 'AUDIO') node.setAttribute('preload', 'none');
  }
}

function sanitizeLinks(node: Element): void {
  if (node.hasAttribute('href')) {
    const href = (node.getAttribute('href') ?? '').trim();
    // Only an HTML <a> may link out; relative links would navigate the app itself. SVG elements load by href
    // (image, use, feImage): for them only in-document references stay.
    const allowed = node.tagName === 'A' && node.namespaceURI !== SVG ? SAFE_LINK.test(href) : href.startsWith('#');
    if (!allowed) node.removeAttribute('href');
    else if (href.startsWith('#') && href.length > 1) node.setAttribute('href', `#${ID_PREFIX}${href.slice(1)}`);
  }
  if (node.namespaceURI === SVG) node.removeAttribute('xlink:href');
}

function namespaceIds(node: Element): void {
  for (const name of ID_ATTRS) {
    const value = node.getAttribute(name);
    if (value !== null) node.setAttribute(name, ID_PREFIX + value.trim());
  }
  for (const name of IDREF_ATTRS) {
    const value = node.getAttribute(name);
    if (value !== null) node.setAttribute(name, prefixed(value));
  }
}

/**
 * Inline styles may stay, but not ones that fetch: url(), image-set(), @import. They are judged as the browser
 * parsed them, so CSS escapes (`u\72l(`, `posit\69 on`) hide nothing there. Custom properties keep their text
 * as written (escapes included) and reach any property through var(): they are dropped.
 */
function sanitizeStyle(node: Element): void {
  if (!node.hasAttribute('style')) return;
  const declared = (node as Partial<ElementCSSInlineStyle>).style;
  if (!declared) {
    node.removeAttribute('style');
    return;
  }
  for (let i = declared.length - 1; i >= 0; i--) {
    const name = declared.item(i);
    if (name.startsWith('--') || /var\s*\(|\\/i.test(declared.getPropertyValue(name))) declared.removeProperty(name);
  }
  // Taken out of the preview's flow, a post could lay itself over the whole app and catch every click.
  const position = declared.getPropertyValue('position').trim();
  if (!/^(?:|static|relative|sticky)$/i.test(position)) declared.removeProperty('position');
  if (/url\s*\(|image-set|image\s*\(|cross-fade|element\s*\(|@import|expression\s*\(|\\|--/i.test(declared.cssText)) {
    node.removeAttribute('style');
  }
}

purifier.addHook('afterSanitizeAttributes', (node) => {
  if (!(node instanceof Element)) return;
  sanitizeLinks(node);
  sanitizeSource(node, current);
  namespaceIds(node);
  sanitizeStyle(node);
});

/**
 * Makes rendered post HTML safe to show inside the app: no script, no handler, no frame, no form, no image
 * map, nothing that navigates or loads from the network, no id or name that reaches the app. The CSP is the
 * second wall behind this one.
 */
export function sanitizeToFragment(html: string, options: SanitizeOptions): DocumentFragment {
  current = options;
  try {
    const label = options.blockedEmbedLabel;
    const shown = label ? embedPlaceholders(html, (item) => label(item.host)) : html;
    return purifier.sanitize(shown, {
      RETURN_DOM_FRAGMENT: true,
      FORBID_TAGS,
      FORBID_ATTR,
      ALLOW_DATA_ATTR: false,
      ALLOW_UNKNOWN_PROTOCOLS: false,
    });
  } finally {
    current = null;
  }
}

/**
 * An inline style of a blog theme's wrapper (captured in main, see electron/main/blog-theme): as the browser
 * parses it, with nothing that fetches, no escapes and nothing taken out of the preview's flow. Unlike a post's
 * styles it may use the theme's custom properties (`var(--wp--preset--spacing--50)`): they come from the
 * theme's own checked stylesheet, not from the post. Returns '' when nothing safe is left.
 */
export function sanitizeThemeStyle(style: string): string {
  const probe = document.createElement('div');
  probe.setAttribute('style', style);
  const declared = probe.style;
  for (let i = declared.length - 1; i >= 0; i--) {
    const name = declared.item(i);
    if (name.startsWith('--') || /\\/.test(declared.getPropertyValue(name))) declared.removeProperty(name);
  }
  const position = declared.getPropertyValue('position').trim();
  if (!/^(?:|static|relative|sticky)$/i.test(position)) declared.removeProperty('position');
  const text = declared.cssText;
  return /url\s*\(|image-set|image\s*\(|cross-fade|element\s*\(|@import|expression\s*\(|\\/i.test(text) ? '' : text;
}
