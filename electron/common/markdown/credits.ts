import { z } from 'zod';
import { LICENSE_PRESETS, LICENSES, type ImageCredit, type License } from '../model/attribution.js';
import { escapeHtml, linkHtml } from './html.js';

/**
 * Credit lines from per-licence templates.
 *
 * A template is text with placeholders and optional parts:
 * - `{author}`, `{title}` — the credit's fields;
 * - `{source}` — the agency or site (`source`, else the preset's, else the host of `sourceUrl`), linked to
 *   `sourceUrl` or the preset's site in HTML;
 * - `{license}` — the licence's name (`CC BY 4.0`), linked to `licenseUrl` or the preset's licence URL;
 * - `{modified}` — the word for „bearbeitet“ when the image was changed, else empty;
 * - `[…]` — an optional part: shown only when every placeholder directly inside it has a value and it shows at
 *   least one value (its own or a nested part's). Parts nest.
 * - `\[`, `\]`, `\{`, `\}`, `\\` — the characters themselves.
 */

export const CREDIT_PLACEHOLDERS = ['author', 'title', 'source', 'license', 'modified'] as const;
export type CreditPlaceholder = (typeof CREDIT_PLACEHOLDERS)[number];

export const CREDIT_LANGUAGES = ['de', 'en'] as const;
export type CreditLanguage = (typeof CREDIT_LANGUAGES)[number];

/** Everything language-dependent about credits; the settings may override any part of it. */
export interface CreditTexts {
  templates: Record<License, string>;
  /** The word `{modified}` stands for. */
  modified: string;
  /** Heading of the list of all credits at the end of a post. */
  heading: string;
  /** Written between an image's caption and its credit. */
  separator: string;
  /** Shown instead of a local image whose file is missing. */
  missingImage: string;
  /** The licence name `{license}` shows for `other` when a licence URL is given. */
  otherLicense: string;
}

const CC_DE = 'Bild: [„{title}“ ][von {author}, ]Lizenz: {license}[, Quelle: {source}][, {modified}]';
const CC_EN = 'Image: [“{title}” ][by {author}, ]licensed under {license}[, source: {source}][, {modified}]';

export const DEFAULT_CREDIT_TEXTS: Readonly<Record<CreditLanguage, CreditTexts>> = {
  de: {
    templates: {
      pixelio: 'Bild: {author} / {source}',
      pixabay: 'Bild[ von {author}] auf {source}',
      unsplash: 'Foto[ von {author}] auf {source}',
      cc0: 'Bild: [„{title}“ ][von {author}, ]{license}[, Quelle: {source}][, {modified}]',
      'cc-by-4.0': CC_DE,
      'cc-by-sa-4.0': CC_DE,
      'cc-by-nd-4.0': CC_DE,
      'cc-by-nc-4.0': CC_DE,
      own: '[Bild: {author}]',
      other: '[Bild: [{author}][ / {source}][ ({license})]]',
    },
    modified: 'bearbeitet',
    heading: 'Bildnachweis',
    separator: ' — ',
    missingImage: 'Bild fehlt',
    otherLicense: 'Lizenz',
  },
  en: {
    templates: {
      pixelio: 'Image: {author} / {source}',
      pixabay: 'Image[ by {author}] from {source}',
      unsplash: 'Photo[ by {author}] on {source}',
      cc0: 'Image: [“{title}” ][by {author}, ]{license}[, source: {source}][, {modified}]',
      'cc-by-4.0': CC_EN,
      'cc-by-sa-4.0': CC_EN,
      'cc-by-nd-4.0': CC_EN,
      'cc-by-nc-4.0': CC_EN,
      own: '[Image: {author}]',
      other: '[Image: [{author}][ / {source}][ ({license})]]',
    },
    modified: 'modified',
    heading: 'Image credits',
    separator: ' — ',
    missingImage: 'Image missing',
    otherLicense: 'licence',
  },
};

const MAX_TEMPLATE = 500;
const textsOverrideSchema = z
  .object({
    templates: z.partialRecord(z.enum(LICENSES), z.string().max(MAX_TEMPLATE)),
    modified: z.string().max(100),
    heading: z.string().max(200),
    separator: z.string().max(20),
    missingImage: z.string().max(200),
    otherLicense: z.string().max(100),
  })
  .partial()
  .strict();

/** What the settings may hold: per language, any part of {@link CreditTexts}. */
export const creditTextOverridesSchema = z
  .object({ de: textsOverrideSchema, en: textsOverrideSchema })
  .partial()
  .strict();
export type CreditTextOverrides = z.infer<typeof creditTextOverridesSchema>;

/** English for `en`, `en-GB`, `en_US`…; German for everything else, German being Kladde's first language. */
export function creditLanguage(lang: string | undefined): CreditLanguage {
  return /^en(?:[-_]|$)/i.test((lang ?? '').trim()) ? 'en' : 'de';
}

/** The texts of a language with the user's overrides laid over the defaults. */
export function creditTexts(lang: string | undefined, overrides?: CreditTextOverrides): CreditTexts {
  const language = creditLanguage(lang);
  const base = DEFAULT_CREDIT_TEXTS[language];
  const own = overrides?.[language];
  if (!own) return base;
  const templates = { ...base.templates };
  for (const license of LICENSES) {
    const t = own.templates?.[license];
    if (t !== undefined) templates[license] = t;
  }
  return {
    templates,
    modified: own.modified ?? base.modified,
    heading: own.heading ?? base.heading,
    separator: own.separator ?? base.separator,
    missingImage: own.missingImage ?? base.missingImage,
    otherLicense: own.otherLicense ?? base.otherLicense,
  };
}

/** One piece of a parsed credit template (the import reads credits back by walking these). */
export type TemplateNode =
  | { kind: 'text'; value: string }
  | { kind: 'field'; name: CreditPlaceholder }
  | { kind: 'group'; nodes: TemplateNode[] };

/** A template that cannot mean what its author wanted; rendering still goes on, leniently. */
export interface TemplateProblem {
  code: 'unknown-placeholder' | 'unclosed-group' | 'unmatched-bracket' | 'unclosed-placeholder';
  /** Offset in the template. */
  at: number;
}

interface ParsedTemplate {
  nodes: TemplateNode[];
  problems: TemplateProblem[];
}

const parsedCache = new Map<string, ParsedTemplate>();

function parseTemplate(template: string): ParsedTemplate {
  const cached = parsedCache.get(template);
  if (cached) return cached;
  const problems: TemplateProblem[] = [];
  let i = 0;
  const parseSeq = (depth: number): TemplateNode[] => {
    const nodes: TemplateNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < template.length) {
      const c = template[i] ?? '';
      if (c === '\\' && i + 1 < template.length) {
        text += template[i + 1];
        i += 2;
      } else if (c === '[') {
        flush();
        const start = i;
        i++;
        const inner = parseSeq(depth + 1);
        if (template[i] === ']') i++;
        else problems.push({ code: 'unclosed-group', at: start });
        nodes.push({ kind: 'group', nodes: inner });
      } else if (c === ']') {
        if (depth > 0) break;
        problems.push({ code: 'unmatched-bracket', at: i });
        text += c;
        i++;
      } else if (c === '{') {
        const end = template.indexOf('}', i);
        if (end === -1) {
          problems.push({ code: 'unclosed-placeholder', at: i });
          text += c;
          i++;
          continue;
        }
        const name = template.slice(i + 1, end).trim();
        if ((CREDIT_PLACEHOLDERS as readonly string[]).includes(name)) {
          flush();
          nodes.push({ kind: 'field', name: name as CreditPlaceholder });
        } else {
          problems.push({ code: 'unknown-placeholder', at: i });
          text += template.slice(i, end + 1);
        }
        i = end + 1;
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return nodes;
  };
  const parsed = { nodes: parseSeq(0), problems };
  if (parsedCache.size > 200) parsedCache.clear();
  parsedCache.set(template, parsed);
  return parsed;
}

/** The parsed form of a credit template, for reading a rendered credit line back into its fields. */
export function creditTemplateNodes(template: string): readonly TemplateNode[] {
  return parseTemplate(template).nodes;
}

/** Problems of a template the user typed in the settings; empty when it is fine. */
export function checkCreditTemplate(template: string): TemplateProblem[] {
  return [...parseTemplate(template).problems];
}

/** A placeholder's value: its text, and where it links to in HTML. */
interface FieldValue {
  text: string;
  href: string;
}

/** Credit lines in both forms: plain text (alt texts, WordPress media fields) and HTML (the post). */
export interface FormattedCredit {
  text: string;
  html: string;
}

export interface CreditFormatOptions {
  /** The post's `lang`; English templates for `en*`, German otherwise. */
  lang?: string;
  /** The user's templates from the settings. */
  overrides?: CreditTextOverrides;
}

function fieldValues(credit: ImageCredit, texts: CreditTexts): Record<CreditPlaceholder, FieldValue> {
  const preset = credit.license ? LICENSE_PRESETS[credit.license] : undefined;
  const trimmed = (v: string | undefined) => (v ?? '').trim();
  const sourceUrl = trimmed(credit.sourceUrl);
  const sourceText = trimmed(credit.source) || preset?.source || hostOf(sourceUrl);
  const licenseUrl = trimmed(credit.licenseUrl) || preset?.licenseUrl || '';
  let licenseName = preset?.name ?? '';
  if (credit.license === 'other' || credit.license === undefined) licenseName = licenseUrl ? texts.otherLicense : '';
  return {
    author: { text: trimmed(credit.author), href: '' },
    title: { text: trimmed(credit.title), href: '' },
    source: { text: sourceText, href: sourceText ? sourceUrl || preset?.siteUrl || '' : '' },
    license: { text: licenseName, href: licenseName ? licenseUrl : '' },
    modified: { text: credit.modified ? texts.modified : '', href: '' },
  };
}

function hostOf(url: string): string {
  const m = /^https?:\/\/(?:[^@/?#]*@)?([^/?#:]+)/i.exec(url);
  return (m?.[1] ?? '').replace(/^www\./i, '');
}

interface Rendered {
  text: string;
  html: string;
  /** Whether any placeholder in here (or in a kept nested part) had a value. */
  shows: boolean;
  /** Whether a placeholder directly in here was empty. */
  lacks: boolean;
}

function renderNodes(nodes: readonly TemplateNode[], values: Record<CreditPlaceholder, FieldValue>): Rendered {
  const out: Rendered = { text: '', html: '', shows: false, lacks: false };
  for (const node of nodes) {
    if (node.kind === 'text') {
      out.text += node.value;
      out.html += escapeHtml(node.value);
    } else if (node.kind === 'field') {
      const v = values[node.name];
      if (!v.text) {
        out.lacks = true;
        continue;
      }
      out.shows = true;
      out.text += v.text;
      out.html += v.href ? linkHtml(escapeHtml(v.text), v.href) : escapeHtml(v.text);
    } else {
      const inner = renderNodes(node.nodes, values);
      if (inner.lacks || !inner.shows) continue;
      out.shows = true;
      out.text += inner.text;
      out.html += inner.html;
    }
  }
  return out;
}

/**
 * The credit line of one image („Bild: Rike / pixelio.de“), empty when the template yields nothing
 * (an own image without author, or no credit at all). A credit without a licence uses the `other` template.
 */
export function formatCredit(credit: ImageCredit | undefined, options: CreditFormatOptions = {}): FormattedCredit {
  if (!credit) return { text: '', html: '' };
  const texts = creditTexts(options.lang, options.overrides);
  const template = texts.templates[credit.license ?? 'other'];
  const rendered = renderNodes(parseTemplate(template).nodes, fieldValues(credit, texts));
  // A template may be plain text („Eigenes Foto“); only a line with nothing in it is no credit.
  if (rendered.text.trim() === '') return { text: '', html: '' };
  return { text: rendered.text.trim(), html: rendered.html.trim() };
}

/** What a figure's caption shows: the caption, the separator, the credit — whichever of them exist. */
export function formatCaption(credit: ImageCredit | undefined, options: CreditFormatOptions = {}): FormattedCredit {
  const line = formatCredit(credit, options);
  const caption = (credit?.caption ?? '').trim();
  if (!caption) return line;
  if (!line.text) return { text: caption, html: escapeHtml(caption) };
  const { separator } = creditTexts(options.lang, options.overrides);
  return { text: caption + separator + line.text, html: escapeHtml(caption) + escapeHtml(separator) + line.html };
}
