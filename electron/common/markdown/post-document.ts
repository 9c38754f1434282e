import type { ImageCredit } from '../model/attribution.js';
import type { PostFields } from '../model/post.js';
import type { CreditTextOverrides } from './credits.js';
import { readImages, type ImagesRead } from './front-matter-images.js';
import { parseFrontMatter, splitFrontMatter, type FrontMatterParse } from './front-matter.js';
import { analyzePostImages, countImagesLackingCredit, type PostProblem } from './image-problems.js';
import { imageKey, type ImageReference } from './image-refs.js';
import { ownFeaturedCredit, renderContextKey, type FeaturedCreditMode, type RenderOptions } from './render.js';

/**
 * The open post's text, parsed once per change into one immutable value that every consumer reads: the fields
 * panel, the image panel, the status bar, the preview's render context, the image lint, the spell checker's
 * language and the publish dialog's title. Nothing else parses the text of the open post.
 */

/** What a post's parse depends on besides its text. */
export interface PostDocumentContext {
  /** The settings' language for posts that name none (`lang:`). */
  defaultLanguage: string;
  /** The files in the post's folder, as image keys; local images not among them are missing. */
  existingFiles: ReadonlySet<string>;
  creditTexts?: CreditTextOverrides;
  featuredCredit?: FeaturedCreditMode;
}

/** One image of the post as the image panel lists it: each key once, in the order of first appearance. */
export interface PostImageEntry {
  key: string;
  /** Whether the image is a file in the post's folder (a remote URL has no thumbnail). */
  local: boolean;
  exists: boolean;
  credit: ImageCredit;
  markdownAlt: string;
  problems: PostProblem[];
}

/** The image references of the text and what is wrong with them. Lexes the whole body, so read on demand. */
export interface PostImages {
  refs: readonly ImageReference[];
  problems: readonly PostProblem[];
  entries: readonly PostImageEntry[];
  /** How many distinct images lack a credit or alt text. */
  lackingCredit: number;
}

export interface PostDocument {
  readonly text: string;
  readonly context: PostDocumentContext;
  /** The YAML between the fences, or null when the post has none. */
  readonly yaml: string | null;
  readonly frontMatter: FrontMatterParse;
  /** The known fields, or null while the front matter does not parse. */
  readonly fields: PostFields | null;
  readonly body: string;
  readonly bodyOffset: number;
  readonly bodyLine: number;
  /** The credits of `images:` with their positions and problems. */
  readonly credits: ImagesRead;
  /** The language the post is written in: see {@link postLanguage}. */
  readonly lang: string;
  /** The featured image's key, '' when none. */
  readonly featured: string;
  /** What the preview renders each block with, and the key that changes whenever those options do. */
  readonly renderOptions: RenderOptions;
  readonly renderKey: string;
  /** Computed on first read and kept: image references and problems of this text. */
  readonly images: PostImages;
}

/**
 * How often the module has parsed, for tests that prove a change is parsed once (and a change in the body not
 * at all for the front matter). Counts only calls made by {@link parsePostDocument}.
 */
export const parseCounts = { frontMatter: 0, credits: 0, images: 0 };

export function resetParseCounts(): void {
  parseCounts.frontMatter = 0;
  parseCounts.credits = 0;
  parseCounts.images = 0;
}

/**
 * The one place that decides a post's language: its own `lang:` when it names one (a non-empty text), else
 * the default from the settings.
 */
export function postLanguage(frontMatter: FrontMatterParse, defaultLanguage: string): string {
  if (!frontMatter.ok) return defaultLanguage;
  const own = frontMatter.data['lang'];
  return typeof own === 'string' && own.trim() !== '' ? frontMatter.fields.lang : defaultLanguage;
}

interface HeadPart {
  yaml: string | null;
  frontMatter: FrontMatterParse;
  credits: ImagesRead;
}

function sameContext(a: PostDocumentContext, b: PostDocumentContext): boolean {
  return (
    a.defaultLanguage === b.defaultLanguage &&
    a.existingFiles === b.existingFiles &&
    a.creditTexts === b.creditTexts &&
    a.featuredCredit === b.featuredCredit
  );
}

/** The image analysis of a document, made when first asked for; the document itself stays frozen. */
const analyses = new WeakMap<PostDocument, PostImages>();

/**
 * A text that is made into one string only when somebody reads it: while typing in a long post the editor's
 * document changes with every key, and joining 1 MB into a string per keystroke would cost more than a frame.
 */
export interface LazyText {
  readonly length: number;
  /** The whole text (made once, then kept). */
  value(): string;
  /** A part of it, without making the whole. */
  slice(from: number, to: number): string;
}

/** A text that already is a string. */
export function eagerText(text: string): LazyText {
  return { length: text.length, value: () => text, slice: (from, to) => text.slice(from, to) };
}

/** One edit: `[from, toA)` of the text before became `[from, toB)` of the text after. */
export interface EditSpan {
  from: number;
  toA: number;
  toB: number;
}

class ParsedPost implements PostDocument {
  readonly yaml: string | null;
  readonly frontMatter: FrontMatterParse;
  readonly fields: PostFields | null;
  readonly bodyOffset: number;
  readonly bodyLine: number;
  readonly credits: ImagesRead;
  readonly lang: string;
  readonly featured: string;
  readonly renderOptions: RenderOptions;
  readonly renderKey: string;
  /** The text, made a string when first read (a holder object, since the document itself is frozen). */
  private readonly source: { lazy: LazyText; text: string | null; body: string | null };

  constructor(
    lazy: LazyText,
    readonly context: PostDocumentContext,
    head: HeadPart,
    split: { bodyOffset: number; bodyLine: number },
    previous: PostDocument | null,
  ) {
    this.source = { lazy, text: null, body: null };
    this.yaml = head.yaml;
    this.frontMatter = head.frontMatter;
    this.fields = head.frontMatter.ok ? head.frontMatter.fields : null;
    this.credits = head.credits;
    this.bodyOffset = split.bodyOffset;
    this.bodyLine = split.bodyLine;
    this.lang = postLanguage(head.frontMatter, context.defaultLanguage);
    const featuredHref = this.fields ? this.fields.image.trim() : '';
    this.featured = featuredHref ? imageKey(featuredHref) : '';
    const options: RenderOptions = {
      images: head.credits.images,
      lang: this.lang,
      featuredImage: featuredHref,
      existingFiles: context.existingFiles,
      ...(context.creditTexts !== undefined ? { creditTexts: context.creditTexts } : {}),
      ...(context.featuredCredit !== undefined ? { featuredCredit: context.featuredCredit } : {}),
    };
    // The post's own `featured_credit:` beats the setting, as in postRenderOptions.
    const own = head.frontMatter.ok ? ownFeaturedCredit(head.frontMatter.data) : null;
    if (own !== null) options.featuredCredit = own;
    const key = renderContextKey(options);
    // The preview compares options by identity: unchanged options stay the same object.
    const reuse = previous !== null && previous.renderKey === key;
    this.renderOptions = reuse ? previous.renderOptions : options;
    this.renderKey = key;
  }

  get text(): string {
    this.source.text ??= this.source.lazy.value();
    return this.source.text;
  }

  get body(): string {
    this.source.body ??= this.text.slice(this.bodyOffset);
    return this.source.body;
  }

  /** The length of the text, without making it a string. */
  get length(): number {
    return this.source.lazy.length;
  }

  get images(): PostImages {
    const known = analyses.get(this);
    if (known) return known;
    parseCounts.images++;
    const { refs, problems } = analyzePostImages(this.text, this.context.existingFiles, this.credits);
    const entries: PostImageEntry[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      if (seen.has(ref.key)) continue;
      seen.add(ref.key);
      entries.push({
        key: ref.key,
        local: ref.local,
        exists: this.context.existingFiles.has(ref.key),
        credit: this.credits.images[ref.key] ?? {},
        markdownAlt: ref.alt,
        problems: problems.filter((p) => p.file === ref.key),
      });
    }
    const analysis: PostImages = Object.freeze({ refs, problems, entries, lackingCredit: countImagesLackingCredit(problems) });
    analyses.set(this, analysis);
    return analysis;
  }
}

/**
 * Parses a post's text. Given the document of the text before the change, the front matter is parsed again only
 * when its YAML changed: typing in the body costs a split, not a YAML parse. The front matter sits at the start
 * of the text, so positions inside it stay valid while only the body changes.
 */
export function parsePostDocument(text: string, context: PostDocumentContext, previous: PostDocument | null = null): PostDocument {
  if (previous && previous.text === text && sameContext(previous.context, context)) return previous;
  const split = splitFrontMatter(text);
  let head: HeadPart;
  if (previous && previous.yaml === split.yaml) {
    head = { yaml: previous.yaml, frontMatter: previous.frontMatter, credits: previous.credits };
  } else {
    parseCounts.frontMatter++;
    parseCounts.credits++;
    head = { yaml: split.yaml, frontMatter: parseFrontMatter(text), credits: readImages(text) };
  }
  return Object.freeze(new ParsedPost(eagerText(text), context, head, split, previous));
}

/**
 * The document after an edit of `previous`'s text. An edit that lies wholly in the body leaves the front matter,
 * the body's offset and line as they were, so nothing is parsed and the text is not even made a string (that
 * happens when somebody reads `text`): a keystroke in a 1 MB post costs the same as in a short one. Any other
 * edit parses the new text as {@link parsePostDocument} does.
 */
export function parsePostDocumentEdit(previous: PostDocument, text: LazyText, edit: EditSpan, context: PostDocumentContext): PostDocument {
  if (sameContext(previous.context, context) && bodyOnly(previous, text, edit)) {
    const head: HeadPart = { yaml: previous.yaml, frontMatter: previous.frontMatter, credits: previous.credits };
    return Object.freeze(new ParsedPost(text, context, head, previous, previous));
  }
  return parsePostDocument(text.value(), context, previous);
}

/** Whether the edit cannot have changed where the front matter ends (or whether there is one). */
function bodyOnly(previous: PostDocument, text: LazyText, edit: EditSpan): boolean {
  if (previous.yaml === null) {
    // No front matter: only a text starting with `---` could grow one (its closing fence typed anywhere).
    const start = text.slice(0, 2);
    return !start.startsWith('-') && !start.startsWith('\uFEFF-');
  }
  // The closing fence ends with its line break, which the edit leaves alone.
  return previous.bodyOffset > 0 && edit.from >= previous.bodyOffset && text.slice(previous.bodyOffset - 1, previous.bodyOffset) === '\n';
}

/** The document of an empty post, for the time no post is open. */
export function emptyPostDocument(context: PostDocumentContext): PostDocument {
  return parsePostDocument('', context);
}
