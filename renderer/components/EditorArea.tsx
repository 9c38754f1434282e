import type { Extension, Text } from '@codemirror/state';
import type { EditSpan, LazyText } from '../../electron/common/markdown/post-document';
import type { EditorView, ViewUpdate } from '@codemirror/view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { imageKey } from '../../electron/common/markdown/image-refs';
import type { Settings, SettingsPatch } from '../../electron/common/model/settings';
import type { PostDocumentStore, PostSnapshot } from '../document/post-document-store';
import { usePostSelector } from '../document/use-post-snapshot';
import { createScrollSync } from './scroll-sync';
import { connectViewToStore } from '../editor/view-bridge';
import { useI18n } from '../i18n/i18n';
import { mediaUrl } from '../lib/api';
import { Divider } from './Divider';
import { ErrorBoundary } from './ErrorBoundary';
import { EditorPane } from './EditorPane';
import { PreviewPane, type PreviewHandle } from './PreviewPane';
import { PreviewLookBar } from './PreviewLookBar';
import { useBlogLook } from '../hooks/useBlogLook';

export interface EditorAreaProps {
  store: PostDocumentStore;
  viewRef: React.RefObject<EditorView | null>;
  settings: Settings;
  onSettings: (patch: SettingsPatch) => void;
  configured: Extension;
  /** The selection changed: its range, or null when empty. */
  onSelection: (range: { from: number; to: number } | null) => void;
  /** The cursor stands on an image: its credit form opens. */
  onImageAtCursor: (key: string) => void;
}

const selectLoadSeq = (s: PostSnapshot) => s.loadSeq;

/** The changed span of a real editor update; null for the full replacement EditorPane reports on load. */
function editSpan(update: ViewUpdate): EditSpan | null {
  const changes = (update as Partial<ViewUpdate>).changes;
  if (!changes) return null;
  let span: EditSpan | null = null;
  changes.iterChangedRanges((fromA, toA, _fromB, toB) => {
    span = span ? { from: span.from, toA: Math.max(span.toA, toA), toB: Math.max(span.toB, toB) } : { from: fromA, toA, toB };
  });
  return span;
}

/** The editor's document as a text made a string only when needed (once). */
function lazyOf(doc: Text): LazyText {
  let text: string | null = null;
  return {
    length: doc.length,
    value: () => (text ??= doc.toString()),
    slice: (from, to) => (text !== null ? text.slice(from, to) : doc.sliceString(from, to)),
  };
}
const selectId = (s: PostSnapshot) => s.id;
const selectRenderKey = (s: PostSnapshot) => s.doc.renderKey;
const selectTitle = (s: PostSnapshot) => s.doc.fields?.title ?? '';
const selectFeaturedSrc = (s: PostSnapshot) => s.doc.fields?.image.trim() ?? '';

/** Editor and preview side by side. Every change of the editor goes into the store, then into the preview. */
export function EditorArea({ store, viewRef, settings, onSettings, configured, onSelection, onImageAtCursor }: EditorAreaProps) {
  const { t } = useI18n();
  const previewRef = useRef<PreviewHandle>(null);
  const loadSeq = usePostSelector(store, selectLoadSeq);
  const id = usePostSelector(store, selectId);
  const renderKey = usePostSelector(store, selectRenderKey);
  const [share, setShare] = useState(settings.editorShare);
  const sync = useMemo(() => createScrollSync(() => viewRef.current, () => previewRef.current), [viewRef]);
  const blogLook = useBlogLook(store);
  const title = usePostSelector(store, selectTitle);
  const featuredSrc = usePostSelector(store, selectFeaturedSrc);
  const lookTheme = blogLook.look === 'blog' ? blogLook.theme : null;
  // As published: without a featured image when the post keeps only the body's figure.
  const lookFeatured = blogLook.leavesOutFeatured ? '' : featuredSrc;
  const lookPost = useMemo(() => ({ title, featured: lookFeatured }), [title, lookFeatured]);
  const look = useMemo(() => (lookTheme ? { theme: lookTheme, post: lookPost } : null), [lookTheme, lookPost]);

  useEffect(() => connectViewToStore(store, () => viewRef.current), [store, viewRef]);

  const onUpdate = useCallback(
    (update: ViewUpdate) => {
      if (update.docChanged) {
        // The edit as one span: the text is not made a string per keystroke (1 MB would cost a frame).
        const span = editSpan(update);
        if (span) {
          const text = lazyOf(update.state.doc);
          store.editDoc(text, span);
          const doc = store.getSnapshot().doc;
          if (settings.previewVisible) previewRef.current?.updateEdit({ text, bodyOffset: doc.bodyOffset, bodyLine: doc.bodyLine, span });
        } else {
          // A whole new document (a post opened or reloaded).
          const text = update.state.doc.toString();
          store.edit(text);
          if (settings.previewVisible) previewRef.current?.update(text);
        }
      }
      if (update.selectionSet || update.docChanged) {
        const sel = update.state.selection.main;
        onSelection(sel.empty ? null : { from: sel.from, to: sel.to });
        // The cursor on an image opens its credit form.
        const line = update.state.doc.lineAt(sel.head);
        if (update.selectionSet && line.text.includes('](')) {
          for (const m of line.text.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)) {
            const start = line.from + (m.index ?? 0);
            if (sel.head >= start && sel.head <= start + m[0].length + 1 && m[1]) onImageAtCursor(imageKey(m[1]));
          }
        }
      }
    },
    [onImageAtCursor, onSelection, settings.previewVisible, store],
  );

  // New files, settings or another post change what every block renders with: the preview renders anew.
  useEffect(() => {
    if (settings.previewVisible) previewRef.current?.update(store.getSnapshot().text);
  }, [renderKey, id, settings.previewVisible, store]);

  // Showing the preview again renders it from the current text.
  useEffect(() => {
    if (!settings.previewVisible) return;
    previewRef.current?.reset();
    previewRef.current?.update(store.getSnapshot().text);
  }, [settings.previewVisible, store]);

  // Switching between „Artikel“ and „Wie im Blog“ (or a new capture) builds a new container: it gets the whole text.
  useEffect(() => {
    if (!settings.previewVisible) return;
    previewRef.current?.reset();
    previewRef.current?.update(store.getSnapshot().text);
  }, [lookTheme, settings.previewVisible, store]);

  // Read while rendering a block: a new post starts a fresh preview, since its image URLs differ.
  const renderContext = useCallback(() => {
    const s = store.getSnapshot();
    return { options: s.doc.renderOptions, key: `${s.id ?? ''}\u0000${s.doc.renderKey}` };
  }, [store]);
  const sanitizeOptions = useCallback(
    () => ({
      resolveLocalImage: (src: string) => (id ? mediaUrl(id, src) : src),
      remoteImageLabel: (src: string) => t('preview.remoteImage', { src }),
      blockedEmbedLabel: (host: string) => t('preview.blockedEmbed', { host }),
    }),
    [id, t],
  );
  const lang = usePostSelector(store, (s) => s.doc.lang);
  const columns = settings.previewVisible ? `${share}fr 6px ${1 - share}fr` : '1fr';

  return (
    <div className="split" style={{ gridTemplateColumns: columns }} hidden={!id}>
      <ErrorBoundary label={t('editor.label')}>
        <EditorPane
          viewRef={viewRef}
          loadedText={store.getSnapshot().text}
          loadSeq={loadSeq}
          onUpdate={onUpdate}
          configured={configured}
          foldFrontMatter={settings.foldFrontMatter}
          onTopLineChange={sync.editorScrolled}
        />
      </ErrorBoundary>
      {settings.previewVisible && (
        <>
          <Divider label={t('divider.label')} share={share} onChange={setShare} onCommit={(v) => onSettings({ editorShare: v })} />
          <ErrorBoundary label={t('preview.label')} resetKey={id}>
            <PreviewPane
              ref={previewRef}
              lang={lang}
              label={t('preview.label')}
              renderContext={renderContext}
              sanitizeOptions={sanitizeOptions}
              onTopLineChange={sync.previewScrolled}
              blogLook={look}
              header={<PreviewLookBar state={blogLook} />}
            />
          </ErrorBoundary>
        </>
      )}
    </div>
  );
}
