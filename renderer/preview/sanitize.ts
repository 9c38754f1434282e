import DOMPurify from 'dompurify';

export interface SanitizeOptions {
  /** Maps a local image source to a URL the preview may load; remote sources never get here. */
  resolveLocalImage: (src: string) => string;
  /** Text shown in place of a remote image, which the preview never loads. */
  remoteImageLabel: (src: string) => string;
}

const FORBID_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
  'textarea', 'select', 'option', 'meta', 'link', 'base', 'portal', 'foreignObject', 'template', 'noscript',
  // An open <dialog> is positioned absolutely by the browser itself, out of the preview and over the app.
  'dialog',
];
const FORBID_ATTR = ['srcset', 'formaction', 'action', 'ping', 'background', 'poster', 'xlink:href', 'autofocus'];
const SAFE_LINK = /^(?:https?:|mailto:|#)/i;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

const purifier = DOMPurify(window);
let current: SanitizeOptions | null = null;

purifier.addHook('afterSanitizeAttributes', (node) => {
  if (!(node instanceof Element)) return;
  if (node.hasAttribute('href')) {
    const href = node.getAttribute('href') ?? '';
    // Relative links would navigate the app itself; only web, mail and in-page links survive.
    if (!SAFE_LINK.test(href.trim())) node.removeAttribute('href');
  }
  if (node.tagName === 'IMG' && current) {
    const src = (node.getAttribute('src') ?? '').trim();
    if (REMOTE.test(src) && !src.startsWith('data:image/')) {
      node.removeAttribute('src');
      node.setAttribute('data-remote-src', src);
      node.classList.add('k-remote-image');
      node.setAttribute('title', current.remoteImageLabel(src));
    } else if (src && !src.startsWith('data:')) {
      node.setAttribute('src', current.resolveLocalImage(src));
    }
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
  }
  // SVG elements load by href (image, use, feImage); only in-document references may stay.
  if (node.namespaceURI === 'http://www.w3.org/2000/svg') {
    for (const name of ['href', 'xlink:href']) {
      const value = node.getAttribute(name);
      if (value !== null && !value.trim().startsWith('#')) node.removeAttribute(name);
    }
  }
  // Inline styles may stay, but not ones that fetch: url(), image-set(), @import. They are judged as the browser
  // parsed them, so CSS escapes (`u\72l(`, `posit\69 on`) hide nothing.
  if (node.hasAttribute('style')) {
    const declared = (node as Partial<ElementCSSInlineStyle>).style;
    // Taken out of the preview's flow (also through `var()`), a post could lay itself over the whole app and
    // catch every click.
    const position = declared?.getPropertyValue('position').trim() ?? '';
    if (!/^(?:|static|relative|sticky)$/i.test(position)) declared?.removeProperty('position');
    if (!declared || /url\s*\(|image-set|@import|expression\s*\(/i.test(declared.cssText)) node.removeAttribute('style');
  }
});

/**
 * Makes rendered post HTML safe to show inside the app: no script, no handler, no frame, no form, nothing
 * that navigates or loads from the network. The CSP is the second wall behind this one.
 */
export function sanitizeToFragment(html: string, options: SanitizeOptions): DocumentFragment {
  current = options;
  try {
    return purifier.sanitize(html, {
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
