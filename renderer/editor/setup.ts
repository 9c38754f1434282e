import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, foldKeymap, HighlightStyle, Language, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import type { Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { ChunkedMarkdownParser } from './chunked-markdown';
import { directTyping } from './direct-typing';
import { formatKeymap } from './format-commands';
import { frontMatterFolding } from './front-matter-fold';
import { kladdeEditorTheme } from './theme';

const proseHighlight = HighlightStyle.define([
  { tag: tags.heading1, fontWeight: '700', fontSize: '1.3em' },
  { tag: tags.heading2, fontWeight: '700', fontSize: '1.15em' },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], fontWeight: '700' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: tags.link, color: 'var(--accent)' },
  { tag: tags.url, color: 'var(--muted)' },
  { tag: tags.monospace, fontFamily: 'var(--mono)', color: 'var(--code)' },
  { tag: tags.quote, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.processingInstruction, tags.meta], color: 'var(--faint)' },
]);

/** Markdown whose parse after a keystroke costs the same in a long post as in a short one (see chunked-markdown). */
export function chunkedMarkdown(support: LanguageSupport): LanguageSupport {
  const { language } = support;
  return new LanguageSupport(new Language(language.data, new ChunkedMarkdownParser(language.parser), [], language.name), support.support);
}

export interface EditorSetupOptions {
  placeholderText: string;
  ariaLabel: string;
  /** Further extensions (spell checking, smart quotes …) added by their owners. */
  extra?: Extension[];
}

/** The editor as Kladde configures it: Markdown with YAML front matter, wrapping, search, undo, formatting keys. */
export function kladdeEditorSetup(options: EditorSetupOptions): Extension {
  return [
    history(),
    directTyping(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    highlightSelectionMatches(),
    search({ top: true }),
    EditorView.lineWrapping,
    frontMatterFolding(),
    kladdeEditorTheme(),
    yamlFrontmatter({ content: chunkedMarkdown(markdown({ base: markdownLanguage, addKeymap: true })) }),
    syntaxHighlighting(proseHighlight),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    placeholder(options.placeholderText),
    EditorView.contentAttributes.of({ 'aria-label': options.ariaLabel, spellcheck: 'false', lang: 'de' }),
    keymap.of([...formatKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...defaultKeymap, indentWithTab]),
    ...(options.extra ?? []),
  ];
}
