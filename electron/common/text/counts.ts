import { splitFrontMatter } from '../markdown/front-matter.js';

export interface TextCounts {
  words: number;
  characters: number;
  charactersNoSpaces: number;
  /** Whole minutes, at least 1 for any text, at 220 words a minute. */
  readingMinutes: number;
}

const WORDS_PER_MINUTE = 220;
const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/** Prose only: code, URLs, HTML tags and Markdown punctuation do not count as words. */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[ \t]*$|(?![\s\S]))/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>\n]+>/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/^ {0,3}(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/[*_~#|]/g, ' ');
}

export function countWords(prose: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(prose) !== null) n++;
  return n;
}

/** Counts for a whole post text (front matter excluded) or for a plain selection. */
export function countText(text: string, { hasFrontMatter = true } = {}): TextCounts {
  const body = hasFrontMatter ? splitFrontMatter(text).body : text;
  const prose = proseOf(body);
  const words = countWords(prose);
  const visible = prose.replace(/[ \t]*\n[ \t]*/g, '\n').trim();
  const characters = [...visible.replace(/\n+/g, ' ')].length;
  const charactersNoSpaces = [...visible.replace(/\s+/g, '')].length;
  return {
    words,
    characters,
    charactersNoSpaces,
    readingMinutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
  };
}
