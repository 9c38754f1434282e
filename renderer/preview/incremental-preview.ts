import { splitFrontMatter } from '../../electron/common/markdown/front-matter';
import { splitBlocks, type SourceBlock } from '../../electron/common/markdown/blocks';
import { collectLinkDefinitions, renderBlock, renderEndCredits, type RenderOptions } from '../../electron/common/markdown/render';
import { sanitizeToFragment, type SanitizeOptions } from './sanitize';

interface ShownBlock extends SourceBlock {
  el: HTMLElement;
}

/** Render options of the whole post (credits, language, files) and a key that changes when they do. */
export interface RenderContext {
  options: RenderOptions;
  key: string;
}

const END_CREDITS_DELAY_MS = 250;
/** Marks end credits that must be rendered at once (new post, new context). */
const STALE = '\u0000';

export interface PreviewUpdate {
  rendered: number;
  total: number;
}

/**
 * Keeps a preview element in step with a post's text by re-rendering, re-sanitizing and patching only the
 * top-level blocks whose source changed. Each block element carries its first source line in `data-line`
 * for scroll sync.
 */
export class IncrementalPreview {
  private blocks: ShownBlock[] = [];
  private linksKey = '';
  private contextKey = '';
  private readonly endCredits: HTMLElement;
  private endCreditsHtml = STALE;
  private endTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly render: () => RenderContext,
    private readonly sanitize: () => SanitizeOptions,
  ) {
    this.endCredits = document.createElement('div');
    this.endCredits.className = 'k-block k-end-credits';
    container.append(this.endCredits);
  }

  update(text: string): PreviewUpdate {
    const { body, bodyLine } = splitFrontMatter(text);
    const links = collectLinkDefinitions(body);
    const linksKey = JSON.stringify(links);
    const context = this.render();
    if (linksKey !== this.linksKey || context.key !== this.contextKey) {
      // A changed link definition or credit can change any block.
      this.linksKey = linksKey;
      this.contextKey = context.key;
      this.clear();
    }
    const next = splitBlocks(body, bodyLine);
    const old = this.blocks;

    let start = 0;
    while (start < old.length && start < next.length && old[start]?.src === next[start]?.src) start++;
    let endOld = old.length;
    let endNew = next.length;
    while (endOld > start && endNew > start && old[endOld - 1]?.src === next[endNew - 1]?.src) {
      endOld--;
      endNew--;
    }

    const renderOptions = context.options;
    const sanitizeOptions = this.sanitize();
    const fresh: ShownBlock[] = [];
    for (let i = start; i < endNew; i++) {
      const block = next[i] as SourceBlock;
      const el = document.createElement('div');
      el.className = 'k-block';
      el.append(sanitizeToFragment(renderBlock(block.src, links, renderOptions), sanitizeOptions));
      fresh.push({ ...block, el });
    }
    const anchor = old[endOld]?.el ?? this.endCredits;
    for (let i = start; i < endOld; i++) old[i]?.el.remove();
    const fragment = document.createDocumentFragment();
    for (const b of fresh) fragment.append(b.el);
    this.container.insertBefore(fragment, anchor);

    const kept = old.slice(endOld);
    this.blocks = [...old.slice(0, start), ...fresh, ...kept];
    for (let i = 0; i < this.blocks.length; i++) {
      const shown = this.blocks[i] as ShownBlock;
      const line = (next[i] as SourceBlock).line;
      if (shown.line !== line || shown.el.dataset['line'] === undefined) {
        shown.line = line;
        shown.el.dataset['line'] = String(line);
      }
    }
    this.scheduleEndCredits(text, renderOptions, sanitizeOptions);
    return { rendered: fresh.length, total: this.blocks.length };
  }

  /** The credit line or „Bildnachweis“ list at the end needs the whole text: it follows after a pause. */
  private scheduleEndCredits(text: string, options: RenderOptions, sanitize: SanitizeOptions): void {
    if (this.endTimer) clearTimeout(this.endTimer);
    const run = () => {
      const html = renderEndCredits(text, options);
      if (html === this.endCreditsHtml) return;
      this.endCreditsHtml = html;
      this.endCredits.replaceChildren(sanitizeToFragment(html, sanitize));
    };
    if (this.endCreditsHtml === STALE) run();
    else this.endTimer = setTimeout(run, END_CREDITS_DELAY_MS);
  }

  /** Forces a full re-render, e.g. when image URLs or the language changed. */
  clear(): void {
    for (const b of this.blocks) b.el.remove();
    this.blocks = [];
    this.endCreditsHtml = STALE;
  }

  /** The block element shown for a 0-based source line (the last block starting at or before it). */
  elementForLine(line: number): HTMLElement | null {
    let lo = 0;
    let hi = this.blocks.length - 1;
    let found: ShownBlock | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid] as ShownBlock;
      if (b.line <= line) {
        found = b;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found?.el ?? null;
  }
}
