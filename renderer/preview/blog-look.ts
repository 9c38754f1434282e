import { THEME_TAGS, type BlogTheme, type ThemeNode } from '../../electron/common/blog-theme/blog-theme';
import { paneRelative } from './pane-relative';
import { sanitizeThemeStyle, sanitizeToFragment, type SanitizeOptions } from './sanitize';

/**
 * The preview „Wie im Blog“: the post inside the blog theme's own wrappers and styles, in a shadow root, so the
 * theme's rules (`*`, `a`, `h1` …) cannot reach the app and the app's cannot reach the post. The theme's fonts
 * are the one part that must live in the document (browsers ignore `@font-face` in a shadow root); their family
 * names carry the blog's id, so no app font can be replaced. The wrappers are rebuilt from data (tag from a fixed
 * list, classes, a checked style): no HTML of the blog is ever parsed here.
 */

export interface BlogLookPost {
  title: string;
  /** The featured image's source as written in the front matter ('' when none). */
  featured: string;
}

export interface MountedBlogLook {
  /** Where the post's blocks go (the incremental preview's container). */
  content: HTMLElement;
  setPost(post: BlogLookPost): void;
}

const TAGS: ReadonlySet<string> = new Set(THEME_TAGS);
const CLASS = /^[A-Za-z_][\w-]*$/;

/**
 * Below the theme's rules (lowest specificity, first in order): a published post's figures carry the blog's block
 * classes (`wp-block-image`) that size them; the preview's plain figures get the same effect here.
 */
const UNDER_THEME_CSS = `
:where(.kb-body) img, :where(.kb-body) video { max-width: 100%; height: auto; }
:where(.kb-body) figure { margin-left: 0; margin-right: 0; }
`;

/** What the preview's own markers need inside the shadow root, where the app's stylesheet does not reach. */
const BASE_CSS = `
:host { display: block; contain: layout paint; container-type: inline-size; min-height: 100%; }
.kb-html, .kb-body { min-height: 100%; margin: 0; }
.kb-body { overflow-wrap: break-word; }
.k-remote-image, .k-remote-media { display: inline-block; min-width: 8em; min-height: 2em; outline: 1px dashed currentColor; }
.k-image-missing, .k-render-limit-note, .k-preview-cut { font-size: 0.85em; opacity: 0.8; }
.k-render-limit-text { white-space: pre-wrap; }
.k-credit-line, .k-credits { font-size: 0.85em; }
.kb-hidden { display: none !important; }
`;

function classesOf(value: string): string[] {
  return value.split(/\s+/).filter((c) => CLASS.test(c) && !c.startsWith('kb-') && !c.startsWith('k-'));
}

/** Puts the blog's fonts into the document once per capture. */
function ensureFonts(theme: BlogTheme): void {
  const id = `kladde-blog-fonts-${theme.blogId}`;
  let style = document.getElementById(id);
  if (!style) {
    style = document.createElement('style');
    style.id = id;
    document.head.append(style);
  }
  if (style.dataset['fetchedAt'] !== theme.fetchedAt) {
    style.textContent = theme.fontCss;
    style.dataset['fetchedAt'] = theme.fetchedAt;
  }
}

/** Builds (or rebuilds) the blog look inside `host`'s shadow root. */
export function mountBlogLook(host: HTMLElement, theme: BlogTheme, sanitize: () => SanitizeOptions, lang: string): MountedBlogLook {
  ensureFonts(theme);
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const style = document.createElement('style');
  style.textContent = `${UNDER_THEME_CSS}\n${paneRelative(theme.css)}\n${BASE_CSS}`;
  const html = document.createElement('div');
  html.className = 'kb-html';
  const body = document.createElement('div');
  body.className = ['kb-body', ...classesOf(theme.bodyClass)].join(' ');
  html.append(body);
  root.append(style, html);

  const found: { title?: HTMLElement; featured?: { el: HTMLElement; imageClass: string }; content?: HTMLElement } = {};
  const build = (node: ThemeNode, parent: HTMLElement) => {
    const el = document.createElement(TAGS.has(node.tag) ? node.tag : 'div');
    const names = classesOf(node.className);
    if (names.length > 0) el.className = names.join(' ');
    const css = node.style ? paneRelative(sanitizeThemeStyle(node.style)) : '';
    if (css) el.setAttribute('style', css);
    parent.append(el);
    if (node.role === 'title') found.title ??= el;
    else if (node.role === 'featured') found.featured ??= { el, imageClass: classesOf(node.imageClass ?? '').join(' ') };
    else if (node.role === 'content') found.content ??= el;
    if (node.role === null) for (const child of node.children) build(child, el);
  };
  for (const child of theme.layout?.children ?? []) build(child, body);
  // A page without a recognisable post keeps the theme's styles around a plain title and body.
  const titleEl = found.title ?? body.insertBefore(Object.assign(document.createElement('h1'), { className: 'entry-title' }), body.firstChild);
  const article = found.content ?? body.appendChild(Object.assign(document.createElement('div'), { className: 'entry-content' }));
  article.lang = lang;
  const shown = found.featured ?? null;

  return {
    content: article,
    setPost(post) {
      titleEl.textContent = post.title;
      if (!shown) return;
      const src = post.featured.trim();
      shown.el.classList.toggle('kb-hidden', !src || theme.showsFeaturedImage === false);
      if (!src) {
        shown.el.replaceChildren();
        return;
      }
      const current = shown.el.querySelector('img');
      if (current?.dataset['kbSrc'] === src) return;
      const escaped = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
      const fragment = sanitizeToFragment(`<img src="${escaped}" alt="">`, sanitize());
      const img = fragment.querySelector('img');
      if (img) {
        if (shown.imageClass) img.className = `${img.className} ${shown.imageClass}`.trim();
        img.dataset['kbSrc'] = src;
      }
      shown.el.replaceChildren(fragment);
    },
  };
}
