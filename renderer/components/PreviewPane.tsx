import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import type { BlogTheme } from '../../electron/common/blog-theme/blog-theme';
import { openExternal } from '../lib/api';
import { mountBlogLook, type BlogLookPost, type MountedBlogLook } from '../preview/blog-look';
import { IncrementalPreview, type PreviewEdit, type RenderContext } from '../preview/incremental-preview';
import type { SanitizeOptions } from '../preview/sanitize';

export interface PreviewHandle {
  update(text: string): void;
  /** An edit in the editor: only the changed part of the text is read. */
  updateEdit(edit: PreviewEdit): void;
  scrollToLine(line: number): void;
  reset(): void;
}

export interface PreviewPaneProps {
  lang: string;
  label: string;
  renderContext: () => RenderContext;
  sanitizeOptions: () => SanitizeOptions;
  onTopLineChange: (line: number) => void;
  /** „Wie im Blog“: the blog's captured look and the post's title and featured image; null for the article style. */
  blogLook?: { theme: BlogTheme; post: BlogLookPost } | null;
  /** Above the preview (the look switch), outside the scrolled article. */
  header?: React.ReactNode;
}

/** Elements whose default click action could take the app somewhere (the sanitizer keeps only `a`). */
const NAVIGATING = 'a, area, [href], [action], [formaction]';

/**
 * The article preview: the same HTML that is published, sanitized, patched block by block. Nothing in it
 * navigates the app: web links open outside, in-page anchors scroll, anything else that could navigate is
 * stopped here (a second wall behind the sanitizer).
 */
export const PreviewPane = forwardRef<PreviewHandle, PreviewPaneProps>(function PreviewPane(props, ref) {
  const scroller = useRef<HTMLDivElement>(null);
  const article = useRef<HTMLElement>(null);
  const host = useRef<HTMLDivElement>(null);
  /** Where the blocks are: the article, or the body wrapper inside the blog look's shadow root. */
  const container = useRef<HTMLElement | null>(null);
  const preview = useRef<IncrementalPreview | null>(null);
  const mounted = useRef<MountedBlogLook | null>(null);
  const options = useRef(props);
  options.current = props;
  const ignoreScrollUntil = useRef(0);
  const theme = props.blogLook?.theme ?? null;

  // A new look builds a new container; the editor area then feeds it the whole text (see EditorArea).
  useLayoutEffect(() => {
    preview.current?.clear();
    let target: HTMLElement | null = article.current;
    let detach = () => undefined as void;
    if (theme && host.current) {
      mounted.current = mountBlogLook(host.current, theme, () => options.current.sanitizeOptions(), options.current.lang);
      target = mounted.current.content;
      const click = (event: MouseEvent) => onClick(event);
      const aux = (event: MouseEvent) => onAuxClick(event);
      target.addEventListener('click', click);
      target.addEventListener('auxclick', aux);
      detach = () => {
        target?.removeEventListener('click', click);
        target?.removeEventListener('auxclick', aux);
      };
    } else {
      mounted.current = null;
    }
    if (!target) return;
    container.current = target;
    preview.current = new IncrementalPreview(
      target,
      () => options.current.renderContext(),
      () => options.current.sanitizeOptions(),
    );
    return detach;
    // onClick/onAuxClick read only refs.
  }, [theme]);

  const post = props.blogLook?.post;
  useEffect(() => {
    if (post) mounted.current?.setPost(post);
  }, [theme, post?.title, post?.featured, post]);

  const measured = (run: () => void) => {
    const began = performance.now();
    try {
      run();
      performance.measure('kladde-preview-update', { start: began });
    } catch (error) {
      // Called from the editor's update listener, outside React: a failure here must not stop typing.
      console.error('Kladde: preview update failed', error);
      preview.current?.clear();
    }
    performance.mark('kladde-preview-patched');
  };

  useImperativeHandle(ref, () => ({
    update(text: string) {
      measured(() => preview.current?.update(text));
    },
    updateEdit(edit: PreviewEdit) {
      measured(() => preview.current?.updateEdit(edit));
    },
    scrollToLine(line: number) {
      const el = preview.current?.elementForLine(line);
      const box = scroller.current;
      if (!el || !box) return;
      ignoreScrollUntil.current = performance.now() + 150;
      box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top;
    },
    reset() {
      preview.current?.clear();
    },
  }));

  function onClick(event: MouseEvent | React.MouseEvent) {
    const target = event.target instanceof Element ? event.target.closest(NAVIGATING) : null;
    if (!target) return;
    event.preventDefault();
    const anchor = target.closest('a');
    const href = target === anchor && anchor.namespaceURI === 'http://www.w3.org/1999/xhtml' ? (anchor.getAttribute('href') ?? '') : '';
    if (href.startsWith('#')) {
      const id = decodeURIComponent(href.slice(1));
      const found = id ? container.current?.querySelector(`[id="${CSS.escape(id)}"]`) : null;
      found?.scrollIntoView({ block: 'start' });
    } else if (/^(?:https?:|mailto:)/i.test(href)) {
      openExternal(href);
    }
  }

  // A middle click would open a link in a new window, past the click handler.
  function onAuxClick(event: MouseEvent | React.MouseEvent) {
    if (event.target instanceof Element && event.target.closest(NAVIGATING)) event.preventDefault();
  }

  const onScroll = () => {
    if (performance.now() < ignoreScrollUntil.current || !scroller.current || !container.current) return;
    const top = scroller.current.getBoundingClientRect().top;
    const line = preview.current?.lineAt((el) => el.getBoundingClientRect().bottom > top);
    if (line !== null && line !== undefined) props.onTopLineChange(line);
  };

  return (
    <div className="preview-pane" ref={scroller} onScroll={onScroll} aria-label={props.label} role="region">
      {props.header}
      {/* `contain: layout` makes the article the box for fixed/absolute content: a post cannot cover the app. */}
      {theme ? (
        <div className="k-blog-look" ref={host} key={`${theme.blogId}\u0000${theme.fetchedAt}`} />
      ) : (
        <article className="k-article" lang={props.lang} ref={article} onClick={onClick} onAuxClick={onAuxClick} style={{ contain: 'layout' }} />
      )}
    </div>
  );
});
