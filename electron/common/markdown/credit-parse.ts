import { LICENSE_PRESETS, LICENSES, licenseFromUrl, type ImageCredit, type License } from '../model/attribution.js';
import { CREDIT_LANGUAGES, creditLanguage, creditTemplateNodes, creditTexts, type CreditPlaceholder, type CreditTexts, type TemplateNode } from './credits.js';

/**
 * Reads an image caption back into credit fields — the inverse of {@link formatCaption}. First Kladde's own
 * credit templates are tried in reverse (the post's language first), so a caption Kladde rendered gives back the
 * fields it was rendered from; then the credit lines bloggers write by hand („Foto: Max / CC BY 4.0“,
 * „Quelle: Pixabay“, „Bild: Rike/ pixelio.de“). Whatever is not a credit stays the caption.
 */

/** A link inside the caption, as the figcaption's HTML had it: it tells the source's or licence's address. */
export interface CaptionLink {
  text: string;
  href: string;
}

const SPACE = '[\\s\\u00a0]';
const QUOTES = '["„“”«»‚‘’\']';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A template literal as a pattern: any white space may be more, less or none; any quote mark is a quote. */
function literalPattern(text: string): string {
  let out = '';
  for (const part of text.split(/(\s+|["„“”«»‚‘’'])/)) {
    if (part === '') continue;
    if (/^\s+$/.test(part)) out += `${SPACE}*`;
    else if (/^["„“”«»‚‘’']$/.test(part)) out += QUOTES;
    else out += escapeRegExp(part);
  }
  return out;
}

/** Every licence name a `{license}` placeholder may show, longest first so `CC BY-SA 4.0` wins over `CC BY`. */
function licenseNames(texts: CreditTexts): { name: string; license: License | 'other' }[] {
  const names: { name: string; license: License | 'other' }[] = LICENSES.filter((l) => LICENSE_PRESETS[l].name !== '').map((l) => ({
    name: LICENSE_PRESETS[l].name,
    license: l,
  }));
  names.push({ name: texts.otherLicense, license: 'other' });
  return names.sort((a, b) => b.name.length - a.name.length);
}

/** A Creative Commons licence as people write it: „CC BY-SA 4.0“, „CC-BY 2.0“, „CC0“. */
const CC = /^(?:Lizenz\s*:\s*|License\s*:\s*|licensed under\s+)?(?:CC|Creative\s+Commons)[\s-]*(0|Zero|BY(?:[\s-]+(?:SA|ND|NC)){0,2})(?:[\s-]*(\d\.\d))?$/i;

interface Compiled {
  license: License;
  regex: RegExp;
  fields: CreditPlaceholder[];
}

function compileNodes(nodes: readonly TemplateNode[], texts: CreditTexts, fields: CreditPlaceholder[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += literalPattern(node.value);
    else if (node.kind === 'group') out += `(?:${compileNodes(node.nodes, texts, fields)})?`;
    else {
      fields.push(node.name);
      if (node.name === 'license') out += `(${licenseNames(texts).map((n) => literalPattern(n.name)).join('|')})`;
      else if (node.name === 'modified') out += `(${literalPattern(texts.modified)})`;
      else out += '(.+?)';
    }
  }
  return out;
}

const compiledCache = new Map<string, Compiled[]>();

function compiledTemplates(texts: CreditTexts): Compiled[] {
  const key = JSON.stringify(texts);
  const cached = compiledCache.get(key);
  if (cached) return cached;
  // `own` last: its line („Bild: Max“) also reads as the start of the richer `other` one.
  const order = [...LICENSES.filter((l) => l !== 'own'), 'own' as const];
  const list = order.map((license) => {
    const fields: CreditPlaceholder[] = [];
    const pattern = compileNodes(creditTemplateNodes(texts.templates[license]), texts, fields);
    return { license, regex: new RegExp(`^${SPACE}*${pattern}${SPACE}*$`, 'i'), fields };
  });
  if (compiledCache.size > 20) compiledCache.clear();
  compiledCache.set(key, list);
  return list;
}

function hostOf(url: string): string {
  const m = /^https?:\/\/(?:[^@/?#]*@)?([^/?#:]+)/i.exec(url);
  return (m?.[1] ?? '').replace(/^www\./i, '');
}

function linkFor(text: string, links: readonly CaptionLink[]): string {
  const t = text.trim();
  const href = links.find((l) => l.text.trim() === t)?.href ?? '';
  // Credits link only to http(s) addresses (the front matter refuses anything else).
  return /^https?:\/\/[^\s<>"]+$/i.test(href) ? href : '';
}

/** Fields from a template match; null when the match cannot be what this licence's template rendered. */
function fromTemplate(t: Compiled, match: RegExpExecArray, texts: CreditTexts, links: readonly CaptionLink[]): ImageCredit | null {
  const preset = LICENSE_PRESETS[t.license];
  const credit: ImageCredit = {};
  let licenseShown: License | 'other' | undefined;
  t.fields.forEach((field, i) => {
    const value = (match[i + 1] ?? '').trim();
    if (!value) return;
    if (field === 'author') credit.author = value;
    else if (field === 'title') credit.title = value;
    else if (field === 'modified') credit.modified = true;
    else if (field === 'license') {
      licenseShown = licenseNames(texts).find((n) => n.name.toLowerCase() === value.replace(/\s+/g, ' ').toLowerCase())?.license;
      const href = linkFor(value, links);
      if (href && href !== preset.licenseUrl) credit.licenseUrl = href;
    } else {
      const href = linkFor(value, links);
      if (href && href !== preset.siteUrl) credit.sourceUrl = href;
      // A source shown only because it is the link's host was never typed as a source.
      if (!(credit.sourceUrl && value === hostOf(credit.sourceUrl) && !preset.source)) credit.source = value;
    }
  });
  if (preset.source && (credit.source ?? '').toLowerCase() !== preset.source.toLowerCase()) return null;
  // `own` has only the author: a slash in it means a source or licence the richer templates did not take.
  if (t.license === 'own' && (credit.author ?? '').includes('/')) return null;
  // „Bild: Tom / CC BY-SA 2.0“ names a licence where the template has the source: a hand-written line.
  if (credit.source !== undefined && CC.test(credit.source)) return null;
  const licenseMatched = t.fields.some((f, i) => f === 'license' && (match[i + 1] ?? '') !== '');
  if (licenseMatched) {
    if (licenseShown === undefined) return null;
    if (licenseShown === 'other') {
      if (t.license !== 'other' || !credit.licenseUrl) return null;
      // An unknown licence's URL may still name a known one.
      const known = licenseFromUrl(credit.licenseUrl);
      credit.license = known ?? 'other';
      return credit;
    }
    if (licenseShown !== t.license) return null;
  }
  // `own` and `other` render the same line for an author alone: the licence stays for the user to choose.
  if (t.license !== 'own' && t.license !== 'other') credit.license = t.license;
  return credit;
}

function fromTemplates(text: string, lang: string, links: readonly CaptionLink[]): ImageCredit | null {
  const first = creditLanguage(lang);
  const languages = [first, ...CREDIT_LANGUAGES.filter((l) => l !== first)];
  for (const language of languages) {
    const texts = creditTexts(language);
    for (const t of compiledTemplates(texts)) {
      const m = t.regex.exec(text);
      if (!m) continue;
      const credit = fromTemplate(t, m, texts, links);
      if (credit && Object.keys(credit).length > 0) return credit;
    }
  }
  return null;
}

// ——— hand-written credit lines ———

const PREFIX =
  /^(?:(?:Bild|Bilder|Foto|Fotos|Grafik|Illustration|Titelbild|Beitragsbild|Bildquelle|Bildnachweis|Fotonachweis|Quelle|Fotograf|Fotografin|Image|Images|Photo|Photos|Picture|Source|Credit|Credits|Photo credit|Image credit)\s*:|©|\(c\)|Copyright\b|(?:Bild|Foto|Image|Photo)\s+(?:von|by)\b)\s*/i;
const SOURCE_LABEL = /^(?:Quelle|Source|via)\s*:?\s*/i;
const AGENCIES: readonly { pattern: RegExp; license: License }[] = [
  { pattern: /^(?:www\.)?pixelio(?:\.de)?$/i, license: 'pixelio' },
  { pattern: /^(?:www\.)?pixabay(?:\.com)?(?:[\s-]+Lizenz|\s+licen[cs]e)?$/i, license: 'pixabay' },
  { pattern: /^(?:www\.)?unsplash(?:\.com)?(?:[\s-]+Lizenz|\s+licen[cs]e)?$/i, license: 'unsplash' },
];

function ccLicense(kind: string, version: string | undefined): { license: License; url: string } {
  const k = kind.toLowerCase().replace(/[\s-]+/g, '-');
  if (k === '0' || k === 'zero') return { license: 'cc0', url: '' };
  const id = `cc-${k}-4.0`;
  if ((version === undefined || version === '4.0') && (LICENSES as readonly string[]).includes(id)) return { license: id as License, url: '' };
  return { license: 'other', url: `https://creativecommons.org/licenses/${k}/${version ?? '4.0'}/` };
}

/** A credit line in one of the usual hand-written forms, or null. */
function fromHandWritten(text: string, links: readonly CaptionLink[]): ImageCredit | null {
  const prefix = PREFIX.exec(text);
  const rest = prefix ? text.slice(prefix[0].length) : text;
  const tokens = rest
    .split(/\s*[/|]\s*|\s*,\s*|\s+(?:auf|on|via|bei|from)\s+/i)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tokens.length === 0) return null;
  const credit: ImageCredit = {};
  const loose: string[] = [];
  let recognised = false;
  for (const token of tokens) {
    const cc = CC.exec(token);
    const agency = AGENCIES.find((a) => a.pattern.test(token.replace(SOURCE_LABEL, '')));
    if (cc) {
      const { license, url } = ccLicense(cc[1] ?? '', cc[2]);
      credit.license = license;
      const href = linkFor(token, links);
      if (url) credit.licenseUrl = url;
      else if (href && href !== LICENSE_PRESETS[license].licenseUrl) credit.licenseUrl = href;
      recognised = true;
    } else if (agency) {
      const preset = LICENSE_PRESETS[agency.license];
      credit.source = preset.source;
      if (!credit.license) credit.license = agency.license;
      const href = linkFor(token, links);
      if (href && href !== preset.siteUrl) credit.sourceUrl = href;
      recognised = true;
    } else if (/^https?:\/\/\S+$/i.test(token)) {
      credit.sourceUrl = token;
    } else if (SOURCE_LABEL.test(token) && token.replace(SOURCE_LABEL, '') !== '') {
      credit.source = token.replace(SOURCE_LABEL, '');
      const href = linkFor(credit.source, links);
      if (href) credit.sourceUrl = href;
    } else {
      loose.push(token);
    }
  }
  if (!prefix && !recognised) return null;
  const [author, source] = loose;
  if (author !== undefined) credit.author = author;
  if (source !== undefined && credit.source === undefined) {
    credit.source = source;
    const href = linkFor(source, links);
    if (href) credit.sourceUrl = href;
  }
  // More loose parts than author and source: not a form we understand; better keep it as caption text.
  if (loose.length > 2) return null;
  if (credit.licenseUrl && !credit.license) credit.license = licenseFromUrl(credit.licenseUrl) ?? 'other';
  return Object.keys(credit).length > 0 ? credit : null;
}

function parseCredit(text: string, lang: string, links: readonly CaptionLink[]): ImageCredit | null {
  return fromTemplates(text, lang, links) ?? fromHandWritten(text, links);
}

const MAX_CREDIT_CAPTION = 400;

/** Where a credit line may begin inside a longer caption. */
const CREDIT_START =
  /(?:^|[\s(|–—-])((?:Bild|Bilder|Foto|Fotos|Grafik|Illustration|Bildquelle|Quelle|Image|Photo|Picture|Source|Credit)\b|©|\(c\)|Copyright\b)/gi;

/**
 * The credit fields of an image caption, with whatever is not a credit kept as `caption`. `lang` is the post's
 * language (German templates unless `en*`); `links` are the caption's links, which give `sourceUrl` and
 * `licenseUrl`. A caption that holds no credit comes back as `{ caption }`; an empty one as `{}`.
 */
export function parseCreditCaption(text: string, lang = 'de', links: readonly CaptionLink[] = []): ImageCredit {
  const whole = text.replace(/[\s\u00a0]+/g, ' ').trim();
  if (!whole) return {};
  // Credit lines are short; a long text is a caption, and the patterns are never run over it.
  if (whole.length > MAX_CREDIT_CAPTION) return { caption: whole };
  const alone = fromTemplates(whole, lang, links);
  if (alone) return alone;
  // „Caption — credit“ as Kladde writes it, then a credit word anywhere after the start.
  const separator = creditTexts(lang).separator.trim();
  const cut = separator ? whole.lastIndexOf(` ${separator} `) : -1;
  if (cut > 0) {
    const credit = parseCredit(whole.slice(cut + separator.length + 2), lang, links);
    if (credit) return { caption: whole.slice(0, cut).trim(), ...credit };
  }
  for (const m of whole.matchAll(CREDIT_START)) {
    const start = m.index + m[0].length - (m[1] ?? '').length;
    if (start === 0) continue;
    let tail = whole.slice(start).trim();
    // Inside a sentence only a labelled credit counts („Foto: …“), not „das Bild von Anna“.
    if (!/^(?:[^\s:]+\s*:|©|\(c\)|Copyright\b)/i.test(tail)) continue;
    const bracketed = whole[start - 1] === '(' && tail.endsWith(')');
    if (bracketed) tail = tail.slice(0, -1);
    const credit = parseCredit(tail, lang, links);
    if (!credit) continue;
    const caption = whole.slice(0, start).replace(/[\s(|–—,;-]+$/, '').trim();
    return caption ? { caption, ...credit } : credit;
  }
  return fromHandWritten(whole, links) ?? { caption: whole };
}
