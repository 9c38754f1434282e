import { findLinkDefinitions, scanBlocks, type RawLinkDefinition, type ScannedBlock } from '../../electron/common/markdown/blocks';
import { splitFrontMatter } from '../../electron/common/markdown/front-matter';
import { linkDefinitionsFrom, renderBlock, renderEndCredits, type LinkDefinitions, type RenderOptions } from '../../electron/common/markdown/render';
import { MAX_PREVIEW_CHARS, previewCutNote } from '../../electron/common/markdown/render-limits';
import { sanitizeToFragment, type SanitizeOptions } from './sanitize';
import { commonPrefix, commonSuffix } from './text-diff';
import type { EditSpan, LazyText } from '../../electron/common/markdown/post-document';

interface ShownBlock {
  src: string;
  /** Offset of the block in the shown body. */
  start: number;
  /** 0-based line in the body (the front matter's lines come on top, see `bodyLine`). */
  line: number;
  /** The block's link definitions, so the document's set need not be collected from the whole text. */
  defs: RawLinkDefinition[];
  el: HTMLElement;
  /** Not rendered yet: an idle moment renders it. */
  pending: boolean;
  removed: boolean;
}

/** The body a patch reads: parts of it, or (rarely) all of it. */
interface BodySource {
  length: number;
  read(from: number, to: number): string;
  whole(): string;
}

/** Render options of the whole post (credits, language, files) and a key that changes when they do. */
export interface RenderContext {
  options: RenderOptions;
  key: string;
}

export interface PreviewUpdate {
  rendered: number;
  total: number;
}

/**
 * An edit of the post as the editor reports it: where it happened and the new text, which is made a string
 * only if the preview needs all of it (a change in the front matter, a changed link definition).
 */
export interface PreviewEdit {
  text: LazyText;
  /** Where the body starts in the new text, and on which 0-based line (from the post document). */
  bodyOffset: number;
  bodyLine: number;
  /** The edit in offsets of the whole text. */
  span: EditSpan;
}

/** Blocks per chunk element (see insertBlocks). */
const CHUNK_BLOCKS = 48;
/** From this many blocks on, chunks out of sight are not laid out (see `.k-long` in app.css). */
const LONG_BLOCKS = 400;
/** How much of the body after an edit is read at first to find where the blocks split as before. */
const RESYNC_WINDOW = 4096;

const END_CREDITS_DELAY_MS = 250;
/** Marks end credits that must be rendered at once (new post, new context). */
const STALE = '\u0000';
/** Blocks beyond this much synchronous work wait for an idle moment (a paste, a full re-render). */
const SYNC_BUDGET_MS = 8;
/** A post being opened may take longer at once, so an ordinary post appears whole. */
const FIRST_BUDGET_MS = 60;
const IDLE_SLICE_MIN_MS = 6;
const IDLE_SLICE_MAX_MS = 12;
const IDLE_SLICE_LONG_MS = 40;

/** Whether a key or click waits (Chromium's navigator.scheduling.isInputPending); unknown counts as yes. */
function inputPending(): boolean {
  const scheduling = (navigator as Navigator & { scheduling?: { isInputPending?: () => boolean } }).scheduling;
  return scheduling?.isInputPending ? scheduling.isInputPending() : true;
}
/** Block counts up to which shifted line numbers are written at once rather than when idle. */
const EAGER_LINES = 1000;

type IdleHandle = { cancel: () => void };
function whenIdle(run: (timeLeft: () => number) => void): IdleHandle {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback((deadline) => run(() => deadline.timeRemaining()), { timeout: 100 });
    return { cancel: () => cancelIdleCallback(id) };
  }
  const id = setTimeout(() => {
    const until = performance.now() + 10;
    run(() => until - performance.now());
  }, 1);
  return { cancel: () => clearTimeout(id) };
}

/** Index of the last block starting at or before `offset`, or -1. */
function lastStartingAtOrBefore(blocks: readonly ShownBlock[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((blocks[mid] as ShownBlock).start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function sameDefs(a: readonly ShownBlock[], b: readonly ShownBlock[]): boolean {
  const flat = (list: readonly ShownBlock[]) => list.flatMap((x) => x.defs);
  const x = flat(a);
  const y = flat(b);
  return x.length === y.length && (x.length === 0 || JSON.stringify(x) === JSON.stringify(y));
}

/**
 * Keeps a preview element in step with a post's text. Per keystroke the work is proportional to the edit:
 * the texts are compared to find the changed range, blocks are re-split only from the block before it until
 * the splitting meets the old one again, only blocks whose source changed are rendered, sanitized and
 * patched, and link definitions are kept per block. Big changes render what fits in a frame at once and the
 * rest when idle. Each block element carries its first source line in `data-line` for scroll sync.
 */
export class IncrementalPreview {
  /** The shown body (made a string when first asked for) and its length. */
  private body: () => string = () => '';
  private bodyLength = 0;
  private bodyOffset = 0;
  private bodyLine = 0;
  private blocks: ShownBlock[] = [];
  private links: LinkDefinitions = {};
  private linksKey = '{}';
  private contextKey: string | null = null;
  private queue: ShownBlock[] = [];
  private idle: IdleHandle | null = null;
  private linesDirty = false;
  private linesScheduled = false;
  private readonly cutNote: HTMLElement;
  private readonly endCredits: HTMLElement;
  private endCreditsHtml = STALE;
  private endTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly render: () => RenderContext,
    private readonly sanitize: () => SanitizeOptions,
  ) {
    this.cutNote = document.createElement('p');
    this.cutNote.className = 'k-preview-cut';
    this.cutNote.hidden = true;
    this.endCredits = document.createElement('div');
    this.endCredits.className = 'k-block k-end-credits';
    container.append(this.cutNote, this.endCredits);
  }

  update(text: string): PreviewUpdate {
    const began = performance.now();
    const split = splitFrontMatter(text);
    let body = split.body;
    const cut = body.length > MAX_PREVIEW_CHARS;
    if (cut) {
      const at = body.lastIndexOf('\n', MAX_PREVIEW_CHARS);
      body = body.slice(0, at > 0 ? at : MAX_PREVIEW_CHARS);
    }
    const context = this.render();
    if (context.key !== this.contextKey) {
      // Credits, language or files changed: any block may look different.
      this.contextKey = context.key;
      this.clear();
    }
    if (split.bodyLine !== this.bodyLine) {
      this.bodyLine = split.bodyLine;
      this.linesDirty = true;
    }
    this.cutNote.hidden = !cut;
    if (cut) this.cutNote.textContent = previewCutNote(context.options.lang);

    let rendered = 0;
    if (this.blocks.length === 0 || body.length !== this.bodyLength || body !== this.body()) rendered = this.patch(body, began);
    this.body = () => body;
    this.bodyLength = body.length;
    this.bodyOffset = split.bodyOffset;
    this.flushLines();
    this.scheduleEndCredits(() => text, context.options);
    return { rendered, total: this.blocks.length };
  }

  /**
   * The preview after an edit in the editor: the work is proportional to the edit, not to the post, and the
   * text is not made a string. Falls back to {@link update} for what needs the whole text (a change in the front
   * matter, a new render context, a post longer than the preview shows).
   */
  updateEdit(edit: PreviewEdit): PreviewUpdate {
    const began = performance.now();
    const bodyLength = edit.text.length - edit.bodyOffset;
    const context = this.render();
    if (
      this.blocks.length === 0 ||
      context.key !== this.contextKey ||
      edit.span.from < edit.bodyOffset ||
      edit.bodyOffset !== this.bodyOffset ||
      edit.bodyLine !== this.bodyLine ||
      bodyLength > MAX_PREVIEW_CHARS ||
      this.bodyLength > MAX_PREVIEW_CHARS ||
      this.bodyLength + (edit.span.toB - edit.span.toA) !== bodyLength
    ) {
      return this.update(edit.text.value());
    }
    const offset = edit.bodyOffset;
    let whole: string | null = null;
    const source: BodySource = {
      length: bodyLength,
      read: (from, to) => (whole !== null ? whole.slice(from, to) : edit.text.slice(offset + from, offset + to)),
      whole: () => (whole ??= edit.text.value().slice(offset)),
    };
    const rendered = this.patchRange(source, edit.span.from - offset, edit.span.toB - offset, edit.span.toB - edit.span.toA, began);
    this.body = source.whole;
    this.bodyLength = bodyLength;
    this.flushLines();
    this.scheduleEndCredits(() => edit.text.value(), context.options);
    return { rendered, total: this.blocks.length };
  }

  /** Re-splits around the change from the shown body to `body` and patches the blocks that differ. */
  private patch(body: string, began: number): number {
    const source: BodySource = { length: body.length, read: (from, to) => body.slice(from, to), whole: () => body };
    if (this.blocks.length === 0) return this.patchRange(source, 0, body.length, body.length, began);
    const shown = this.body();
    const p = commonPrefix(shown, body);
    const s = commonSuffix(shown, body, Math.min(shown.length, body.length) - p);
    return this.patchRange(source, p, body.length - s, body.length - shown.length, began);
  }

  /**
   * Patches the blocks for a change that starts at `p` of the body and ends at `changeEndNew` of the new body,
   * which is `delta` characters longer than the shown one. Reads only the body around the change.
   */
  private patchRange(body: BodySource, p: number, changeEndNew: number, delta: number, began: number): number {
    const old = this.blocks;
    let k0 = 0;
    let from = 0;
    let fromLine = 0;
    if (old.length > 0) {
      // From the block before the changed one: an edit can merge a block into the list before it.
      const k = lastStartingAtOrBefore(old, p);
      if (k >= 1) {
        k0 = k - 1;
        const first = old[k0] as ShownBlock;
        from = first.start;
        fromLine = first.line;
      }
    }

    // Every block starts in the same clean state, so once a block starts behind the change where an old one
    // started, the rest splits as before. The body is read in a window behind the change, widened until such a
    // block lies wholly inside it (the last block of a window may be cut off, so it never counts).
    let scanned: ScannedBlock[] = [];
    let resync = old.length;
    let lineDelta = 0;
    let windowEnd = old.length === 0 ? body.length : Math.min(body.length, changeEndNew + RESYNC_WINDOW);
    for (;;) {
      const chunk = body.read(from, windowEnd);
      const atEnd = windowEnd >= body.length;
      scanned = [];
      let found = false;
      for (const local of scanBlocks(chunk, 0, fromLine)) {
        const b: ScannedBlock = { ...local, start: local.start + from, end: local.end + from };
        if (old.length > 0 && b.start >= changeEndNew) {
          const j = lastStartingAtOrBefore(old, b.start - delta);
          const match = old[j];
          if (j >= k0 && match && match.start === b.start - delta && (atEnd || b.end < windowEnd)) {
            resync = j;
            lineDelta = b.line - match.line;
            found = true;
            break;
          }
        }
        scanned.push(b);
      }
      if (found || atEnd) break;
      windowEnd = Math.min(body.length, changeEndNew + 4 * (windowEnd - changeEndNew));
    }

    const window = old.slice(k0, resync);
    let same = 0;
    while (same < window.length && same < scanned.length && window[same]?.src === scanned[same]?.src) same++;
    let sameEnd = 0;
    while (
      sameEnd < window.length - same &&
      sameEnd < scanned.length - same &&
      window[window.length - 1 - sameEnd]?.src === scanned[scanned.length - 1 - sameEnd]?.src
    ) {
      sameEnd++;
    }
    const replaced = window.slice(same, window.length - sameEnd);
    const fresh = scanned.slice(same, scanned.length - sameEnd).map((b) => this.create(b));

    if (old.length === 0) {
      this.links = linkDefinitionsFrom(fresh.flatMap((b) => b.defs));
      this.linksKey = JSON.stringify(this.links);
    } else if (!sameDefs(replaced, fresh)) {
      const all = [...old.slice(0, k0 + same), ...fresh, ...old.slice(k0 + window.length - sameEnd)];
      const links = linkDefinitionsFrom(all.flatMap((b) => b.defs));
      const key = JSON.stringify(links);
      if (key !== this.linksKey) {
        // A changed link definition can change any block: render everything again.
        this.links = links;
        this.linksKey = key;
        const whole = body.whole();
        this.clear();
        return this.patch(whole, began);
      }
    }

    // Blocks kept around the change get their new place.
    for (let i = 0; i < same; i++) this.move(window[i] as ShownBlock, scanned[i] as ScannedBlock);
    for (let i = 0; i < sameEnd; i++) {
      this.move(window[window.length - 1 - i] as ShownBlock, scanned[scanned.length - 1 - i] as ScannedBlock);
    }
    if (delta !== 0 || lineDelta !== 0) {
      for (let i = resync; i < old.length; i++) {
        const b = old[i] as ShownBlock;
        b.start += delta;
        b.line += lineDelta;
      }
      if (lineDelta !== 0) this.linesDirty = true;
    }

    const anchor = window[window.length - sameEnd]?.el ?? old[resync]?.el ?? this.cutNote;
    for (const b of replaced) this.removeBlock(b);
    let rendered = 0;
    const options = this.render().options;
    const sanitize = this.sanitize();
    const budget = old.length === 0 ? FIRST_BUDGET_MS : SYNC_BUDGET_MS;
    for (const b of fresh) {
      if (rendered === 0 || performance.now() - began < budget) {
        this.renderInto(b, options, sanitize);
        rendered++;
      } else {
        b.el.classList.add('k-pending');
        this.queue.push(b);
      }
    }
    this.insertBlocks(fresh, anchor);
    old.splice(k0 + same, replaced.length, ...fresh);
    this.blocks = old;
    this.container.classList.toggle('k-long', old.length > LONG_BLOCKS);
    if (this.queue.length > 0) this.scheduleQueue();
    return rendered;
  }

  /**
   * Blocks sit in chunks of about {@link CHUNK_BLOCKS}: in a long post a chunk out of sight is neither laid out
   * nor painted (`content-visibility` in app.css), and Chromium watches a hundred chunks rather than thousands
   * of blocks. New blocks go into the chunk of the block they stand before, or at the end into new chunks.
   */
  private insertBlocks(fresh: ShownBlock[], anchor: HTMLElement): void {
    if (fresh.length === 0) return;
    const parent = anchor.parentElement;
    if (anchor !== this.cutNote && parent && parent !== this.container) {
      const fragment = document.createDocumentFragment();
      for (const b of fresh) fragment.append(b.el);
      parent.insertBefore(fragment, anchor);
      return;
    }
    let i = 0;
    const last = this.cutNote.previousElementSibling;
    if (last instanceof HTMLElement && last.classList.contains('k-chunk')) {
      while (i < fresh.length && last.childElementCount < CHUNK_BLOCKS) last.append((fresh[i++] as ShownBlock).el);
    }
    while (i < fresh.length) {
      const chunk = document.createElement('div');
      chunk.className = 'k-chunk';
      for (const end = Math.min(fresh.length, i + CHUNK_BLOCKS); i < end; i++) chunk.append((fresh[i] as ShownBlock).el);
      this.container.insertBefore(chunk, this.cutNote);
    }
  }

  private removeBlock(b: ShownBlock): void {
    b.removed = true;
    const chunk = b.el.parentElement;
    b.el.remove();
    if (chunk && chunk !== this.container && chunk.childElementCount === 0) chunk.remove();
  }

  private create(b: ScannedBlock): ShownBlock {
    const el = document.createElement('div');
    el.className = 'k-block';
    el.dataset['line'] = String(this.bodyLine + b.line);
    return { src: b.src, start: b.start, line: b.line, defs: findLinkDefinitions(b.src), el, pending: true, removed: false };
  }

  private move(shown: ShownBlock, b: ScannedBlock): void {
    shown.start = b.start;
    if (shown.line !== b.line) {
      shown.line = b.line;
      shown.el.dataset['line'] = String(this.bodyLine + b.line);
    }
  }

  private renderInto(b: ShownBlock, options: RenderOptions, sanitize: SanitizeOptions): void {
    try {
      b.el.replaceChildren(sanitizeToFragment(renderBlock(b.src, this.links, options), sanitize));
    } catch (error) {
      // The floor under the floor: a block that cannot be shown is shown as its text.
      console.error('Kladde: preview block failed', error);
      b.el.textContent = b.src;
      b.el.classList.add('k-block-failed');
    }
    b.pending = false;
    b.el.classList.remove('k-pending');
  }

  /** Renders waiting blocks in document order whenever the renderer is idle. */
  private scheduleQueue(): void {
    if (this.idle) return;
    this.idle = whenIdle((timeLeft) => {
      this.idle = null;
      const options = this.render().options;
      const sanitize = this.sanitize();
      // At least a few milliseconds per turn: on a busy machine the callback often comes by its timeout with no
      // idle time left, and one block per turn would take minutes for a long post.
      // Longer turns while nobody types (Chromium tells through isInputPending): a long post appears sooner.
      const until = performance.now() + Math.min(Math.max(timeLeft(), IDLE_SLICE_MIN_MS), IDLE_SLICE_MAX_MS);
      const longUntil = performance.now() + IDLE_SLICE_LONG_MS;
      let done = 0;
      while (this.queue.length > 0 && (done === 0 || performance.now() < until || (performance.now() < longUntil && !inputPending()))) {
        const b = this.queue.shift() as ShownBlock;
        if (b.removed || !b.pending) continue;
        this.renderInto(b, options, sanitize);
        done++;
      }
      if (this.queue.length > 0) this.scheduleQueue();
      else performance.mark('kladde-preview-complete');
    });
  }

  /** Writes shifted line numbers into `data-line`; many blocks are done when idle. */
  private flushLines(): void {
    if (!this.linesDirty) return;
    const write = () => {
      this.linesDirty = false;
      for (const b of this.blocks) {
        const line = String(this.bodyLine + b.line);
        if (b.el.dataset['line'] !== line) b.el.dataset['line'] = line;
      }
    };
    if (this.blocks.length <= EAGER_LINES) write();
    else if (!this.linesScheduled) {
      this.linesScheduled = true;
      whenIdle(() => {
        this.linesScheduled = false;
        write();
      });
    }
  }

  /** The credit line or „Bildnachweis“ list at the end needs the whole text: it follows after a pause. */
  private scheduleEndCredits(text: () => string, options: RenderOptions): void {
    if (this.endTimer) clearTimeout(this.endTimer);
    const run = () => {
      const html = renderEndCredits(text(), options);
      if (html === this.endCreditsHtml) return;
      this.endCreditsHtml = html;
      this.endCredits.replaceChildren(sanitizeToFragment(html, this.sanitize()));
    };
    if (this.endCreditsHtml === STALE) run();
    else this.endTimer = setTimeout(run, END_CREDITS_DELAY_MS);
  }

  /** Forces a full re-render, e.g. when image URLs or the language changed. */
  clear(): void {
    for (const b of this.blocks) this.removeBlock(b);
    this.blocks = [];
    this.body = () => '';
    this.bodyLength = 0;
    this.queue = [];
    this.idle?.cancel();
    this.idle = null;
    if (this.endTimer) clearTimeout(this.endTimer);
    this.endTimer = null;
    this.links = {};
    this.linksKey = '{}';
    this.endCreditsHtml = STALE;
  }

  /** The block element shown for a 0-based source line (the last block starting at or before it). */
  elementForLine(line: number): HTMLElement | null {
    const rel = line - this.bodyLine;
    let lo = 0;
    let hi = this.blocks.length - 1;
    let found: ShownBlock | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid] as ShownBlock;
      if (b.line <= rel) {
        found = b;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found?.el ?? null;
  }

  /** The source line of the first block for which `reachesBelow` holds (blocks are in layout order). */
  lineAt(reachesBelow: (el: HTMLElement) => boolean): number | null {
    let lo = 0;
    let hi = this.blocks.length - 1;
    let found: ShownBlock | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid] as ShownBlock;
      if (reachesBelow(b.el)) {
        found = b;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return found ? this.bodyLine + found.line : null;
  }
}
