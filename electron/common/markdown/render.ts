import { Lexer, Marked, type Token, type Tokens } from 'marked';
import { splitFrontMatter } from './front-matter.js';
import { splitBlocks, type SourceBlock } from './blocks.js';

/** How image sources are written in the HTML: local files in the preview, uploaded URLs when publishing. */
export interface RenderOptions {
  resolveImage?: (src: string) => string;
}

export interface LinkDefinition {
  href: string;
  title: string;
}
export type LinkDefinitions = Record<string, LinkDefinition>;

export interface RenderedBlock extends SourceBlock {
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The one configured Markdown renderer. Options of a call are held here for the synchronous duration of
// that call only, because marked's renderer hooks receive tokens, not per-call context.
let current: RenderOptions = {};

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    image(token: Tokens.Image): string {
      return imageTag(token);
    },
    paragraph(token: Tokens.Paragraph): string | false {
      const inner = token.tokens.filter((t) => !(t.type === 'text' && t.raw.trim() === ''));
      const only = inner.length === 1 ? inner[0] : undefined;
      if (only?.type !== 'image') return false;
      return `<figure class="k-figure">${imageTag(only as Tokens.Image)}</figure>\n`;
    },
  },
});

function imageTag(token: Tokens.Image): string {
  const src = current.resolveImage ? current.resolveImage(token.href) : token.href;
  const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}"${title}>`;
}

function withOptions<T>(options: RenderOptions, run: () => T): T {
  const previous = current;
  current = options;
  try {
    return run();
  } finally {
    current = previous;
  }
}

const DEFINITION = /^ {0,3}\[((?:[^\]\\]|\\.){1,999})\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\)))?[ \t]*$/gm;

/** Link reference definitions of the whole document, so a block rendered alone still resolves `[text][ref]`. */
export function collectLinkDefinitions(markdown: string): LinkDefinitions {
  const links: LinkDefinitions = {};
  for (const m of markdown.matchAll(DEFINITION)) {
    const label = (m[1] ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
    if (!label || label in links) continue;
    links[label] = { href: m[2] ?? '', title: m[3] ?? m[4] ?? m[5] ?? '' };
  }
  return links;
}

/** Renders the body of a post (Markdown without front matter) to HTML. Preview and publish both use this. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  return withOptions(options, () => marked.parse(markdown) as string);
}

/** Renders one top-level block with the document's link definitions. */
export function renderBlock(src: string, links: LinkDefinitions, options: RenderOptions = {}): string {
  return withOptions(options, () => {
    const lexer = new Lexer(marked.defaults);
    Object.assign(lexer.tokens.links, links);
    const tokens: Token[] = lexer.lex(src) as Token[];
    return marked.parser(tokens);
  });
}

/** A whole post's text (with front matter) rendered block by block, each block with its source line. */
export function renderPostBlocks(text: string, options: RenderOptions = {}): RenderedBlock[] {
  const { body, bodyLine } = splitFrontMatter(text);
  const links = collectLinkDefinitions(body);
  return splitBlocks(body, bodyLine).map((b) => ({ ...b, html: renderBlock(b.src, links, options) }));
}

/** The HTML of a whole post's body, as it will be published. */
export function renderPost(text: string, options: RenderOptions = {}): string {
  return renderMarkdown(splitFrontMatter(text).body, options);
}
