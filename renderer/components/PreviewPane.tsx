import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { openExternal } from '../lib/api';
import { IncrementalPreview, type RenderContext } from '../preview/incremental-preview';
import type { SanitizeOptions } from '../preview/sanitize';


export interface PreviewHandle {
  update(text: string): void;
  scrollToLine(line: number): void;
  reset(): void;
}

export interface PreviewPaneProps {
  lang: string;
  label: string;
  renderContext: () => RenderContext;
  sanitizeOptions: () => SanitizeOptions;
  onTopLineChange: (line: number) => void;
}

/**
 * The article preview: the same HTML that is published, sanitized, patched block by block. Links never
 * navigate the app: web links open outside, in-page anchors scroll.
 */
export const PreviewPane = forwardRef<PreviewHandle, PreviewPaneProps>(function PreviewPane(props, ref) {
  const scroller = useRef<HTMLDivElement>(null);
  const article = useRef<HTMLElement>(null);
  const preview = useRef<IncrementalPreview | null>(null);
  const options = useRef(props);
  options.current = props;
  const ignoreScrollUntil = useRef(0);

  useEffect(() => {
    if (!article.current) return;
    preview.current = new IncrementalPreview(
      article.current,
      () => options.current.renderContext(),
      () => options.current.sanitizeOptions(),
    );
  }, []);

  useImperativeHandle(ref, () => ({
    update(text: string) {
      preview.current?.update(text);
      performance.mark('kladde-preview-patched');
    },
    scrollToLine(line: number) {
      const el = preview.current?.elementForLine(line);
      const box = scroller.current;
      if (!el || !box) return;
      ignoreScrollUntil.current = performance.now() + 150;
      box.scrollTop = el.offsetTop - box.offsetTop;
    },
    reset() {
      preview.current?.clear();
    },
  }));

  const onClick = (event: React.MouseEvent) => {
    const anchor = (event.target as Element).closest('a');
    if (!anchor) return;
    event.preventDefault();
    const href = anchor.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      const target = article.current?.querySelector(`[id="${CSS.escape(decodeURIComponent(href.slice(1)))}"]`);
      target?.scrollIntoView({ block: 'start' });
    } else {
      openExternal(href);
    }
  };

  const onScroll = () => {
    if (performance.now() < ignoreScrollUntil.current || !scroller.current || !article.current) return;
    const top = scroller.current.scrollTop + scroller.current.offsetTop;
    const blocks = article.current.children;
    for (let i = 0; i < blocks.length; i++) {
      const el = blocks[i] as HTMLElement;
      if (el.offsetTop + el.offsetHeight > top) {
        props.onTopLineChange(Number(el.dataset['line'] ?? 0));
        return;
      }
    }
  };

  return (
    <div className="preview-pane" ref={scroller} onScroll={onScroll} aria-label={props.label} role="region">
      <article className="k-article" lang={props.lang} ref={article} onClick={onClick} />
    </div>
  );
});
