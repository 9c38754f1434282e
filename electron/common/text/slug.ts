/**
 * Post slugs exactly as WordPress 6.1 makes them from a title for a German site (de_DE, de_AT, de_CH and their
 * formal variants): `sanitize_title()` runs `remove_accents()` with the German rules (ä → ae, ß → ss, …) and then
 * `sanitize_title_with_dashes()` in the 'save' context. Mirrored step by step from wp-includes/formatting.php and
 * proven against the real WordPress in tests/integration/wordpress-slugs.test.ts.
 *
 * Like WordPress, the result may keep characters it cannot transliterate (emoji, ½, Greek, Cyrillic, …) as
 * lower-case percent-encoded UTF-8 octets (`%f0%9f%98%80`), and it keeps underscores.
 */

/**
 * remove_accents() of WordPress 6.1 with the German overrides, as (replacement, characters) groups. Only these
 * characters change; everything else non-ASCII stays (and is percent-encoded later).
 */
const ACCENT_GROUPS: readonly (readonly [string, string])[] = [
  ['', '£'],
  ['A', 'ÀÁÂÃÅĀĂĄǍẠẢẤẦẨẪẬẮẰẲẴẶ'],
  ['AE', 'Æ'],
  ['Ae', 'Ä'],
  ['C', 'ÇĆĈĊČ'],
  ['D', 'ÐĎĐ'],
  ['E', 'ÈÉÊËĒĔĖĘĚẸẺẼẾỀỂỄỆ€'],
  ['G', 'ĜĞĠĢ'],
  ['H', 'ĤĦ'],
  ['I', 'ÌÍÎÏĨĪĬĮİǏỈỊ'],
  ['IJ', 'Ĳ'],
  ['J', 'Ĵ'],
  ['K', 'Ķ'],
  ['L', 'ĹĻĽĿŁ'],
  ['N', 'ÑŃŅŇŊ'],
  ['O', 'ÒÓÔÕØŌŎŐƠǑỌỎỐỒỔỖỘỚỜỞỠỢ'],
  ['OE', 'Œ'],
  ['Oe', 'Ö'],
  ['R', 'ŔŖŘ'],
  ['S', 'ŚŜŞŠȘ'],
  ['T', 'ŢŤŦȚ'],
  ['TH', 'Þ'],
  ['U', 'ÙÚÛŨŪŬŮŰŲƯǓǕǗǙǛỤỦỨỪỬỮỰ'],
  ['Ue', 'Ü'],
  ['W', 'Ŵ'],
  ['Y', 'ÝŶŸỲỴỶỸ'],
  ['Z', 'ŹŻŽ'],
  ['a', 'ªàáâãåāăąǎɑạảấầẩẫậắằẳẵặ'],
  ['ae', 'äæ'],
  ['c', 'çćĉċč'],
  ['d', 'ðďđ'],
  ['e', 'èéêëēĕėęěẹẻẽếềểễệ'],
  ['g', 'ĝğġģ'],
  ['h', 'ĥħ'],
  ['i', 'ìíîïĩīĭįıǐỉị'],
  ['ij', 'ĳ'],
  ['j', 'ĵ'],
  ['k', 'ķĸ'],
  ['l', 'ĺļľŀł'],
  ['n', 'ñńņňŉŋ'],
  ['o', 'ºòóôõøōŏőơǒọỏốồổỗộớờởỡợ'],
  ['oe', 'öœ'],
  ['r', 'ŕŗř'],
  ['s', 'śŝşšſș'],
  ['ss', 'ß'],
  ['t', 'ţťŧț'],
  ['th', 'þ'],
  ['u', 'ùúûũūŭůűųưǔǖǘǚǜụủứừửữự'],
  ['ue', 'ü'],
  ['w', 'ŵ'],
  ['y', 'ýÿŷỳỵỷỹ'],
  ['z', 'źżž'],
];

const ACCENTS: ReadonlyMap<string, string> = new Map(
  ACCENT_GROUPS.flatMap(([replacement, characters]) => [...characters].map((c) => [c, replacement] as const)),
);

/**
 * WordPress's remove_accents() for a German locale: composes the text (NFC, as WordPress does with the intl
 * extension) and replaces each listed accented letter; ä ö ü ß become ae oe ue ss. Also what WordPress applies
 * to uploaded file names.
 */
export function removeAccents(text: string): string {
  if (!/[^\0-\x7f]/.test(text)) return text;
  let result = '';
  for (const c of text.normalize('NFC')) result += ACCENTS.get(c) ?? c;
  return result;
}

/** The C library's isspace() in the "C" locale, which PHP's strip_tags() uses to decide whether `<` opens a tag. */
function isCSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/**
 * PHP's strip_tags() without allowed tags, reproduced as a state machine because its quirks decide slugs: `<`
 * followed by whitespace is text, an unclosed tag swallows the rest, quotes inside a tag hide `>`, `<?…?>`,
 * `<!…>` and `<!--…-->` are dropped, NUL bytes vanish and a stray `>` outside a tag stays.
 */
export function phpStripTags(input: string): string {
  let state: 'text' | 'tag' | 'php' | 'bang' | 'comment' = 'text';
  let out = '';
  let depth = 0; // `<` nested inside a tag, each closed by its own `>`
  let quote = ''; // open quote inside a tag
  let last = ''; // PHP's "lc": the last significant character
  let brackets = 0; // parentheses inside <? … ?>
  let xml = false; // inside <?xml …>, where `->` does not close the tag
  const at = (i: number): string => input[i] ?? '';
  for (let i = 0; i < input.length; i++) {
    const c = at(i);
    const previous = i > 0 ? at(i - 1) : '';
    switch (state) {
      case 'text':
        if (c === '\0') break;
        if (c === '<') {
          if (quote) break;
          if (isCSpace(input[i + 1])) {
            out += c;
            break;
          }
          last = '<';
          state = 'tag';
          break;
        }
        if (c === '>') {
          if (depth) {
            depth--;
            break;
          }
          if (quote) break;
        }
        out += c;
        break;

      case 'tag':
        if (c === '<') {
          if (quote || isCSpace(input[i + 1])) break;
          depth++;
        } else if (c === '>') {
          if (depth) {
            depth--;
            break;
          }
          if (quote) break;
          last = '>';
          if (xml && previous === '-') break;
          quote = '';
          xml = false;
          state = 'text';
        } else if (c === '"' || c === "'") {
          if (i > 0 && (!quote || c === quote)) quote = quote ? '' : c;
        } else if (c === '!' && previous === '<') {
          state = 'bang';
          last = c;
        } else if (c === '?' && previous === '<') {
          brackets = 0;
          state = 'php';
        }
        break;

      case 'php':
        if (c === '(') {
          if (last !== '"' && last !== "'") {
            last = '(';
            brackets++;
          }
        } else if (c === ')') {
          if (last !== '"' && last !== "'") {
            last = ')';
            brackets--;
          }
        } else if (c === '>') {
          if (depth) {
            depth--;
            break;
          }
          if (quote) break;
          if (!brackets && last !== '"' && previous === '?') {
            quote = '';
            state = 'text';
          }
        } else if (c === '"' || c === "'") {
          // An escaped quote inside PHP code neither opens nor closes a string.
          if (i > 0 && previous !== '\\') {
            if (last === c) last = '';
            else if (last !== '\\') last = c;
            if (!quote || c === quote) quote = quote ? '' : c;
          }
        } else if ((c === 'l' || c === 'L') && i > 4 && /^<\?xm$/i.test(input.slice(i - 4, i))) {
          // `<?xml` is markup, not PHP: back to tag rules.
          state = 'tag';
          xml = true;
        }
        break;

      case 'bang':
        if (c === '>') {
          if (depth) {
            depth--;
            break;
          }
          if (quote) break;
          quote = '';
          state = 'text';
        } else if (c === '"' || c === "'") {
          if (i > 0 && previous !== '\\' && (!quote || c === quote)) quote = quote ? '' : c;
        } else if (c === '-' && i >= 2 && previous === '-' && at(i - 2) === '!') {
          state = 'comment';
        } else if ((c === 'e' || c === 'E') && i > 6 && /^doctyp$/i.test(input.slice(i - 6, i))) {
          state = 'tag';
        }
        break;

      case 'comment':
        if (c === '>' && !quote && i >= 2 && previous === '-' && at(i - 2) === '-') {
          quote = '';
          state = 'text';
        }
        break;
    }
  }
  return out;
}

/**
 * Characters that sanitize_title_with_dashes() in the 'save' context drops entirely, by their encoded octets:
 * soft hyphen, ¡ ¿, angle and curly quotes (« » ‹ › ‘ ’ “ ” ‚ ‛ „ ‟), bullet, © ® ° … ™, acute, grave, macron
 * and caron accents, and invisible formatting characters.
 */
const DROPPED_OCTETS: readonly string[] = [
  '%c2%ad',
  '%c2%a1', '%c2%bf',
  '%c2%ab', '%c2%bb', '%e2%80%b9', '%e2%80%ba',
  '%e2%80%98', '%e2%80%99', '%e2%80%9c', '%e2%80%9d', '%e2%80%9a', '%e2%80%9b', '%e2%80%9e', '%e2%80%9f',
  '%e2%80%a2',
  '%c2%a9', '%c2%ae', '%c2%b0', '%e2%80%a6', '%e2%84%a2',
  '%c2%b4', '%cb%8a', '%cc%81', '%cd%81',
  '%cc%80', '%cc%84', '%cc%8c',
  '%e2%80%8b', '%e2%80%8c', '%e2%80%8d', '%e2%80%8e', '%e2%80%8f',
  '%e2%80%aa', '%e2%80%ab', '%e2%80%ac', '%e2%80%ad', '%e2%80%ae',
  '%ef%bb%bf', '%ef%bf%bc',
];

/** Spaces of some width (en quad … hair space, line and paragraph separators, narrow no-break space): a dash. */
const DASHED_OCTETS: readonly string[] = [
  '%e2%80%80', '%e2%80%81', '%e2%80%82', '%e2%80%83', '%e2%80%84', '%e2%80%85', '%e2%80%86',
  '%e2%80%87', '%e2%80%88', '%e2%80%89', '%e2%80%8a', '%e2%80%a8', '%e2%80%a9', '%e2%80%af',
];

/** WordPress caps the encoded title at 200 characters before anything is removed from it. */
const ENCODED_LIMIT = 200;

/** A character's UTF-8 octets as utf8_uri_encode() writes them: `%c3%a9`. A lone surrogate counts as U+FFFD. */
function octets(c: string): string {
  const wellFormed = c.length === 1 && c >= '\ud800' && c <= '\udfff' ? '\ufffd' : c;
  return encodeURIComponent(wellFormed).toLowerCase();
}

/**
 * mb_strtolower() and utf8_uri_encode($title, 200): lower-cases each character on its own (PHP 8.2 has no
 * final-sigma rule), keeps ASCII, writes every other character as its UTF-8 octets (`%c3%a9`) and stops before
 * the first character that would take the result past 200 characters.
 */
function lowerAndEncode(text: string): string {
  let result = '';
  for (const original of text) {
    for (const c of original.toLowerCase()) {
      const encoded = c <= '\x7f' ? c : octets(c);
      if (result.length + encoded.length > ENCODED_LIMIT) return result;
      result += encoded;
    }
  }
  return result;
}

/** str_replace() with several search strings: each one replaced everywhere, one after the other. */
function replaceEach(text: string, searches: readonly string[], replacement: string): string {
  return searches.reduce((current, search) => current.split(search).join(replacement), text);
}

/**
 * sanitize_title_with_dashes($title, '', 'save'): strips tags, keeps existing percent octets, lower-cases and
 * encodes, turns dashes and special spaces into `-`, drops quotes and invisible characters, kills entities and
 * keeps only `a-z0-9`, `%`, `_` and single dashes.
 */
export function sanitizeTitleWithDashes(title: string): string {
  let text = phpStripTags(title);
  // Keep percent signs that start an octet, drop all others.
  text = text.replace(/%([a-fA-F0-9][a-fA-F0-9])/g, '---$1---').split('%').join('');
  text = text.replace(/---([a-fA-F0-9][a-fA-F0-9])---/g, '%$1');
  text = lowerAndEncode(text).toLowerCase();
  text = replaceEach(text, ['%c2%a0', '%e2%80%93', '%e2%80%94'], '-'); // no-break space, en and em dash
  text = replaceEach(text, ['&nbsp;', '&#160;', '&ndash;', '&#8211;', '&mdash;', '&#8212;'], '-');
  text = text.split('/').join('-');
  text = replaceEach(text, DROPPED_OCTETS, '');
  text = replaceEach(text, DASHED_OCTETS, '-');
  text = text.split('%c3%97').join('x'); // ×
  text = text.replace(/&[^\n]+?;/g, ''); // entities; PCRE's `.` excludes only \n
  text = text.split('.').join('-');
  text = text.replace(/[^%a-z0-9 _-]/g, '');
  text = text.replace(/\s+/g, '-');
  text = text.replace(/-+/g, '-');
  return text.replace(/^-+|-+$/g, '');
}

/**
 * The slug WordPress (6.1, German locale) gives a post with this title when no slug is sent: the same as
 * `sanitize_title($title)` there. Empty when nothing usable is left (WordPress then uses the post id). Uniqueness
 * suffixes (`-2`) and the rule against purely numeric slugs are decided by WordPress per site and are not part
 * of this.
 */
export function slugify(title: string): string {
  return sanitizeTitleWithDashes(removeAccents(title));
}

/**
 * Whether a slug still follows its title, so a new title may bring a new slug: it is empty, made from the title,
 * or made from it with the suffix the library adds to keep folders apart (`neuer-beitrag-2` for a second
 * „Neuer Beitrag“). A slug the writer typed differs and stays.
 */
export function slugFollowsTitle(slug: string, title: string): boolean {
  if (slug === '') return true;
  const made = slugify(title);
  if (slug === made) return true;
  const suffixed = /^(.+)-([2-9]|[1-9]\d+)$/.exec(slug);
  return suffixed !== null && suffixed[1] === made;
}
