import type { ReactNode } from 'react';

export interface SearchSnippetProps {
  text: string;
  highlights: readonly { from: number; to: number }[];
}

/**
 * A snippet with its matches marked. Built from text nodes and <mark> elements only — the post's text is never
 * parsed as HTML, so a post containing `<img onerror=…>` shows exactly those characters.
 */
export function SearchSnippet({ text, highlights }: SearchSnippetProps) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const h of highlights) {
    if (h.from < at || h.to > text.length || h.to <= h.from) continue;
    if (h.from > at) parts.push(text.slice(at, h.from));
    parts.push(<mark key={h.from}>{text.slice(h.from, h.to)}</mark>);
    at = h.to;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <span className="search-snippet">{parts}</span>;
}
