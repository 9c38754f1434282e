/**
 * WordPress's automatic paragraphs for „classic“ content, ported from the behaviour of `wpautop()`,
 * `wp_replace_in_html_tags()` / `get_html_split_regex()` and `shortcode_unautop()` in wp-includes/formatting.php.
 * Classic posts are stored without `<p>`: WordPress adds them on output, so an import must add them the same way
 * before the HTML means what the blog shows. Step order and the element lists follow WordPress exactly; only
 * PHP's regex idioms are written as JavaScript ones.
 */

/** Block-level elements as wpautop knows them (its `$allblocks`). */
const ALL_BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

/**
 * Splits HTML into text and tags the way `wp_html_split()` does: odd indexes are tags (comments and CDATA
 * included, each up to its own end), even indexes the text between.
 */
export function splitHtmlTags(html: string): string[] {
  const parts: string[] = [];
  let last = 0;
  let i = html.indexOf('<');
  while (i !== -1) {
    let end: number;
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      end = close === -1 ? html.length : close + 3;
    } else if (html.startsWith('<![CDATA[', i)) {
      const close = html.indexOf(']]>', i + 9);
      end = close === -1 ? html.length : close + 3;
    } else {
      const close = html.indexOf('>', i + 1);
      end = close === -1 ? html.length : close + 1;
    }
    parts.push(html.slice(last, i), html.slice(i, end));
    last = end;
    i = html.indexOf('<', end);
  }
  parts.push(html.slice(last));
  return parts;
}

/** Replaces a string inside tags only (never in text), as `wp_replace_in_html_tags()` with one pair. */
function replaceInTags(html: string, needle: string, replacement: string): string {
  const parts = splitHtmlTags(html);
  for (let i = 1; i < parts.length; i += 2) {
    const part = parts[i] ?? '';
    if (part.includes(needle)) parts[i] = part.split(needle).join(replacement);
  }
  return parts.join('');
}

/** PHP's `trim($s, "\n")`. */
function trimNewlines(s: string): string {
  return s.replace(/^\n+|\n+$/g, '');
}

/**
 * Turns double line breaks into paragraphs and (with `br`) single ones into `<br />`, leaving `<pre>` contents,
 * block elements and newlines inside tags alone — WordPress's `wpautop($text, $br)`.
 */
export function wpautop(input: string, br = true): string {
  // PHP's trim() and \s know ASCII white space only; a no-break space is text.
  if (input.replace(/[ \t\n\r\0\v]/g, '') === '') return '';
  let text = input + '\n';

  // <pre> contents are set aside and put back at the end.
  const preTags = new Map<string, string>();
  if (text.includes('<pre')) {
    const parts = text.split('</pre>');
    const lastPart = parts.pop() ?? '';
    text = '';
    let n = 0;
    for (const part of parts) {
      const start = part.indexOf('<pre');
      if (start === -1) {
        text += part;
        continue;
      }
      const name = `<pre wp-pre-tag-${n}></pre>`;
      preTags.set(name, part.slice(start) + '</pre>');
      text += part.slice(0, start) + name;
      n++;
    }
    text += lastPart;
  }

  text = text.replace(/<br[\t\n\v\f\r ]*\/?>[\t\n\v\f\r ]*<br[\t\n\v\f\r ]*\/?>/g, '\n\n');
  text = text.replace(new RegExp(`(<${ALL_BLOCKS}[\\t\\n\\v\\f\\r />])`, 'g'), '\n\n$1');
  text = text.replace(new RegExp(`(</${ALL_BLOCKS}>)`, 'g'), '$1\n\n');
  text = text.replace(/(<hr[\t\n\v\f\r ]*?\/?>)/g, '$1\n\n');
  text = text.replace(/\r\n|\r/g, '\n');
  text = replaceInTags(text, '\n', ' <!-- wpnl --> ');

  if (text.includes('<option')) {
    text = text.replace(/[\t\n\v\f\r ]*<option/g, '<option').replace(/<\/option>[\t\n\v\f\r ]*/g, '</option>');
  }
  if (text.includes('</object>')) {
    text = text.replace(/(<object[^>]*>)[\t\n\v\f\r ]*/g, '$1').replace(/[\t\n\v\f\r ]*<\/object>/g, '</object>');
    text = text.replace(/[\t\n\v\f\r ]*(<\/?(?:param|embed)[^>]*>)[\t\n\v\f\r ]*/g, '$1');
  }
  if (text.includes('<source') || text.includes('<track')) {
    text = text.replace(/([<[](?:audio|video)[^>\]]*[>\]])[\t\n\v\f\r ]*/g, '$1');
    text = text.replace(/[\t\n\v\f\r ]*([<[]\/(?:audio|video)[>\]])/g, '$1');
    text = text.replace(/[\t\n\v\f\r ]*(<(?:source|track)[^>]*>)[\t\n\v\f\r ]*/g, '$1');
  }
  if (text.includes('<figcaption')) {
    text = text.replace(/[\t\n\v\f\r ]*(<figcaption[^>]*>)/g, '$1').replace(/<\/figcaption>[\t\n\v\f\r ]*/g, '</figcaption>');
  }

  text = text.replace(/\n\n+/g, '\n\n');
  const paragraphs = text.split(/\n[\t\n\v\f\r ]*\n/).filter((p) => p !== '');
  text = paragraphs.map((p) => `<p>${trimNewlines(p)}</p>\n`).join('');

  text = text.replace(/<p>[\t\n\v\f\r ]*<\/p>/g, '');
  text = text.replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>');
  text = text.replace(new RegExp(`<p>[\\t\\n\\v\\f\\r ]*(</?${ALL_BLOCKS}[^>]*>)[\\t\\n\\v\\f\\r ]*</p>`, 'g'), '$1');
  text = text.replace(/<p>(<li.+?)<\/p>/g, '$1');
  text = text.replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>');
  text = text.split('</blockquote></p>').join('</p></blockquote>');
  text = text.replace(new RegExp(`<p>[\\t\\n\\v\\f\\r ]*(</?${ALL_BLOCKS}[^>]*>)`, 'g'), '$1');
  text = text.replace(new RegExp(`(</?${ALL_BLOCKS}[^>]*>)[\\t\\n\\v\\f\\r ]*</p>`, 'g'), '$1');

  if (br) {
    // Newlines inside script, style and svg stay newlines.
    text = text.replace(/<(script|style|svg)[\s\S]*?<\/\1>/g, (m) => m.replace(/\n/g, '<WPPreserveNewline />'));
    text = text.split('<br>').join('<br />').split('<br/>').join('<br />');
    text = text.replace(/(?<!<br \/>)[\t\n\v\f\r ]*\n/g, '<br />\n');
    text = text.split('<WPPreserveNewline />').join('\n');
  }

  text = text.replace(new RegExp(`(</?${ALL_BLOCKS}[^>]*>)[\\t\\n\\v\\f\\r ]*<br />`, 'g'), '$1');
  text = text.replace(/<br \/>([\t\n\v\f\r ]*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/g, '$1');
  text = text.replace(/\n<\/p>$/, '</p>');

  for (const [name, pre] of preTags) text = text.split(name).join(pre);
  if (text.includes('<!-- wpnl -->')) text = text.split(' <!-- wpnl --> ').join('\n').split('<!-- wpnl -->').join('\n');
  return text;
}

/** The shortcodes a stock WordPress registers; `shortcode_unautop` only unwraps registered ones. */
export const CORE_SHORTCODES = ['wp_caption', 'caption', 'gallery', 'playlist', 'audio', 'video', 'embed'] as const;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Removes the `<p>` wpautop put around a shortcode that stands alone in its paragraph — WordPress's
 * `shortcode_unautop()` for the given registered shortcode names.
 */
export function shortcodeUnautop(text: string, tags: readonly string[] = CORE_SHORTCODES): string {
  if (tags.length === 0) return text;
  const names = tags.map(escapeRegExp).join('|');
  const spaces = '(?:[\\r\\n\\t ]|\\u00a0|&nbsp;)';
  const pattern = new RegExp(
    `<p>${spaces}*(\\[(${names})(?![\\w-])[^\\]/]*(?:/(?!\\])[^\\]/]*)*?(?:/\\]|\\](?:[^\\[]*(?:\\[(?!/\\2\\])[^\\[]*)*\\[/\\2\\])?))${spaces}*</p>`,
    'g',
  );
  return text.replace(pattern, '$1');
}
