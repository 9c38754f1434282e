/**
 * Plural forms in UI strings, in the ICU MessageFormat shape translators know:
 * `{count, plural, one {# Kategorie} other {# Kategorien}}` — `#` is the number, formatted for the language;
 * `=0 {…}` picks an exact number; the category comes from `Intl.PluralRules` (German and English: `one`, `other`).
 * Everything else of a string (`{name}` placeholders, literal braces in hints) is left to the caller.
 */

/** One `{name, plural, …}` block of a string: where it is and its forms. */
export interface PluralBlock {
  start: number;
  end: number;
  name: string;
  forms: Record<string, string>;
}

/** The plural blocks of a string, in order; a malformed one is not a block (it stays as text). */
export function pluralBlocks(text: string): PluralBlock[] {
  const blocks: PluralBlock[] = [];
  const head = /\{(\w+),\s*plural,/g;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const forms: Record<string, string> = {};
    let i = m.index + m[0].length;
    let closed = false;
    for (;;) {
      while (i < text.length && /\s/.test(text[i] ?? '')) i++;
      if (text[i] === '}') {
        closed = true;
        i++;
        break;
      }
      const selector = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(text.slice(i));
      if (!selector?.[1]) break;
      const bodyStart = i + selector[0].length;
      const bodyEnd = matchingBrace(text, bodyStart);
      if (bodyEnd < 0) break;
      forms[selector[1]] = text.slice(bodyStart, bodyEnd);
      i = bodyEnd + 1;
    }
    if (!closed || forms['other'] === undefined) continue;
    blocks.push({ start: m.index, end: i, name: m[1] ?? '', forms });
    head.lastIndex = i;
  }
  return blocks;
}

/** The index of the `}` closing a body that starts at `from` (nested `{x}` placeholders allowed), or -1. */
function matchingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * Replaces every plural block by the form for its number (`params[name]`); a block whose number is missing stays
 * as written. `#` in the chosen form becomes the formatted number.
 */
export function applyPlurals(
  text: string,
  params: Record<string, string | number> | undefined,
  rules: Intl.PluralRules,
  format: (n: number) => string,
): string {
  const blocks = pluralBlocks(text);
  if (blocks.length === 0) return text;
  let out = '';
  let at = 0;
  for (const block of blocks) {
    const raw = params?.[block.name];
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    out += text.slice(at, block.start);
    if (Number.isFinite(n)) {
      const form = block.forms[`=${n}`] ?? block.forms[rules.select(n)] ?? block.forms['other'] ?? '';
      out += form.replace(/#/g, format(n));
    } else {
      out += text.slice(block.start, block.end);
    }
    at = block.end;
  }
  return out + text.slice(at);
}
