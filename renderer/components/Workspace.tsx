import { openSearchPanel } from '@codemirror/search';
import type { EditorView, ViewUpdate } from '@codemirror/view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseFrontMatter, updateFrontMatter, type FieldPatch, type FrontMatterParse } from '../../electron/common/markdown/front-matter';
import type { AppInfo } from '../../electron/common/ipc/contract';
import { slugSchema, type PostSummary, type TrashEntry } from '../../electron/common/model/post';
import type { Settings, SettingsPatch } from '../../electron/common/model/settings';
import type { AppError } from '../../electron/common/result';
import { countText, type TextCounts } from '../../electron/common/text/counts';
import { resolveSpellLanguage, type SpellStatus } from '../../electron/common/model/spell';
import { quoteStyleForLang } from '../../electron/common/text/typography';
import { fixQuotesInDocument, smartTypography } from '../editor/smart-quotes';
import { forgetWord, spellcheck, type MisspellingAt } from '../editor/spellcheck';
import { SpellMenu } from './SpellMenu';
import { BlogsDialog } from './BlogsDialog';
import { OutboxDialog } from './OutboxDialog';
import { PublishDialog } from './PublishDialog';
import { ImagePanel, type PanelImage } from './ImagePanel';
import { imageDrop } from '../editor/image-drop';
import { imageLint } from '../editor/image-lint';
import { postRenderOptions, renderContextKey } from '../../electron/common/markdown/render';
import { readImages, setImageCredit } from '../../electron/common/markdown/front-matter-images';
import { analyzePostImages, countImagesLackingCredit, type PostProblem } from '../../electron/common/markdown/image-problems';
import { imageKey } from '../../electron/common/markdown/image-refs';
import type { CreditPatch } from '../../electron/common/model/attribution';
import type { PostImageFile } from '../../electron/common/model/images';
import type { RenderContext } from '../preview/incremental-preview';
import { countSelection } from '../../electron/common/text/counts';
import type { EditorState } from '@codemirror/state';
import { usePostSession } from '../hooks/usePostSession';
import { useRecovery } from '../hooks/useRecovery';
import { RecoveryDialog } from './RecoveryDialog';
import { errorText, useI18n } from '../i18n/i18n';
import { api, mediaUrl, onEvent } from '../lib/api';
import { ConfirmDialog } from './ConfirmDialog';
import { ConflictBanner } from './ConflictBanner';
import { Divider } from './Divider';
import { EditorPane, scrollEditorToLine } from './EditorPane';
import { FieldsPanel } from './FieldsPanel';
import { PreviewPane, type PreviewHandle } from './PreviewPane';
import { RenameDialog } from './RenameDialog';
import { SettingsDialog } from './SettingsDialog';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';

export interface WorkspaceProps {
  info: AppInfo;
  settings: Settings;
  onSettings: (patch: SettingsPatch) => void;
}

type Modal =
  | { kind: 'delete'; post: PostSummary }
  | { kind: 'rename'; post: PostSummary }
  | { kind: 'settings' }
  | { kind: 'publish' }
  | { kind: 'blogs'; then: 'publish' | null }
  | { kind: 'outbox' }
  | null;

const FRONT_MATTER_WINDOW = 64 * 1024;
const COUNT_DELAY_MS = 250;

/** The main screen: library, fields, editor and preview, status bar. */
export function Workspace({ info, settings, onSettings }: WorkspaceProps) {
  const { t, language } = useI18n();
  const viewRef = useRef<EditorView | null>(null);
  const previewRef = useRef<PreviewHandle>(null);
  const [error, setError] = useState<string | null>(null);
  const showError = useCallback((e: AppError) => setError(errorText(t, e)), [t]);
  const post = usePostSession(viewRef, showError);
  const { session } = post;
  const recovery = useRecovery(post, showError);

  const [posts, setPosts] = useState<PostSummary[]>([]);
  const [trash, setTrash] = useState<TrashEntry[] | null>(null);
  const [modal, setModal] = useState<Modal>(null);
  const [fields, setFields] = useState<FrontMatterParse>(() => parseFrontMatter(''));
  const [counts, setCounts] = useState<TextCounts | null>(null);
  const [selectionCounts, setSelectionCounts] = useState<TextCounts | null>(null);
  const [share, setShare] = useState(settings.editorShare);
  const fieldsYaml = useRef<string | null>(null);
  const countTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const selectionTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const syncUntil = useRef({ editor: 0, preview: 0 });
  const lang = postLanguage(fields, settings.defaultLanguage);
  const [spellStatus, setSpellStatus] = useState<Omit<SpellStatus, 'language'> | null>(null);
  const [spellMenu, setSpellMenu] = useState<MisspellingAt | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [openJobs, setOpenJobs] = useState(0);
  const [terms, setTerms] = useState<{ categories: string[]; tags: string[] }>({ categories: [], tags: [] });
  // Category and tag names of every blog, from main's offline cache, for the chips' suggestions.
  const loadTerms = useCallback(async () => {
    const blogs = await api.listBlogs();
    if (!blogs.ok) return;
    const categories = new Set<string>();
    const tags = new Set<string>();
    for (const b of blogs.value) {
      const r = await api.listBlogTerms(b.id);
      if (!r.ok) continue;
      for (const c of r.value.categories) categories.add(c.name);
      for (const tg of r.value.tags) tags.add(tg.name);
    }
    const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b, 'de'));
    setTerms({ categories: sorted(categories), tags: sorted(tags) });
  }, []);
  useEffect(() => void loadTerms(), [loadTerms]);
  useEffect(() => {
    const count = (jobs: { state: string }[]) => jobs.filter((j) => j.state === 'waiting' || j.state === 'sending' || j.state === 'failed').length;
    void api.listOutbox().then((r) => r.ok && setOpenJobs(count(r.value)));
    const stop = onEvent('outboxChanged', ({ jobs }) => setOpenJobs(count(jobs)));
    // Back online: waiting jobs go out now instead of at their next backoff time.
    const online = () =>
      void api.listOutbox().then((r) => {
        if (r.ok) for (const j of r.value) if (j.state === 'waiting') void api.retryJob(j.id, j.options);
      });
    window.addEventListener('online', online);
    return () => {
      stop();
      window.removeEventListener('online', online);
    };
  }, []);
  const [tab, setTab] = useState<'fields' | 'images'>('fields');
  const [postFiles, setPostFiles] = useState<PostImageFile[]>([]);
  const [imageState, setImageState] = useState<{ problems: PostProblem[]; panel: PanelImage[] }>({ problems: [], panel: [] });
  const [selectedImage, setSelectedImage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const existingFiles = useMemo(() => new Set(postFiles.map((f) => imageKey(f.name))), [postFiles]);
  const existingRef = useRef(existingFiles);
  existingRef.current = existingFiles;
  const renderCtx = useRef<RenderContext>({ options: {}, key: '' });
  const headRef = useRef<{ head: string; parsed: FrontMatterParse }>({ head: '', parsed: parseFrontMatter('') });
  // Read while rendering: a new post starts a fresh preview, since its image URLs differ.
  const postIdRef = useRef(session.id);
  postIdRef.current = session.id;

  const refreshFiles = useCallback(async (id: string | null) => {
    if (!id) return setPostFiles([]);
    const r = await api.listPostImages(id);
    if (r.ok) setPostFiles(r.value);
  }, []);

  /** Credits, language and files that shape the preview; recomputed when the front matter or files change. */
  const updateRenderContext = useCallback(
    (head: string, parsed: FrontMatterParse) => {
      headRef.current = { head, parsed };
      const options = postRenderOptions(head, {
        lang: postLanguage(parsed, settings.defaultLanguage),
        creditTexts: settings.creditTexts,
        featuredCredit: settings.featuredCredit,
        existingFiles: existingRef.current,
      });
      renderCtx.current = { options, key: `${postIdRef.current ?? ''}\u0000${renderContextKey(options)}` };
    },
    [settings.creditTexts, settings.defaultLanguage, settings.featuredCredit],
  );

  /** Image problems and the panel's list, from the whole text (runs after a pause, via the linter). */
  const diagnoseImages = useCallback(
    (state: EditorState) => {
      const { read: credits, refs, problems } = analyzePostImages(state.doc.toString(), existingRef.current);
      const seen = new Set<string>();
      const panel: PanelImage[] = [];
      for (const ref of refs) {
        if (seen.has(ref.key)) continue;
        seen.add(ref.key);
        panel.push({
          key: ref.key,
          local: ref.local,
          exists: existingRef.current.has(ref.key),
          credit: credits.images[ref.key] ?? {},
          markdownAlt: ref.alt,
          problems: problems.filter((p) => p.file === ref.key),
        });
      }
      setImageState({ problems, panel });
      return problems.map((p) => ({
        from: Math.min(p.from, state.doc.length),
        to: Math.min(Math.max(p.to, p.from), state.doc.length),
        severity: 'warning' as const,
        message: p.message[language],
      }));
    },
    [language],
  );

  /** Replaces the whole text with `next` through a minimal change, so undo and the cursor behave. */
  const replaceText = useCallback((next: string, userEvent: string) => {
    const view = viewRef.current;
    if (!view) return;
    const text = view.state.doc.toString();
    if (next === text) return;
    let start = 0;
    while (start < text.length && start < next.length && text[start] === next[start]) start++;
    let endOld = text.length;
    let endNew = next.length;
    while (endOld > start && endNew > start && text[endOld - 1] === next[endNew - 1]) {
      endOld--;
      endNew--;
    }
    view.dispatch({ changes: { from: start, to: endOld, insert: next.slice(start, endNew) }, userEvent });
  }, []);

  const patchImage = useCallback(
    (key: string, patch: CreditPatch) => {
      const view = viewRef.current;
      if (!view) return;
      const edit = setImageCredit(view.state.doc.toString(), key, patch);
      if (edit.ok) replaceText(edit.text, 'input.credit');
      else setNote(`${edit.problem.code}: ${edit.problem.detail}`);
    },
    [replaceText],
  );

  /** Copies dropped, pasted or chosen images into the post's folder and inserts them at `pos`. */
  const importImages = useCallback(
    async (files: File[], pos: number) => {
      const id = session.id;
      const view = viewRef.current;
      if (!id || !view) return;
      let at = pos;
      for (const file of files) {
        setNote(t('images.importing'));
        // arrayBuffer() reads off the main thread; the bytes go to main as they are.
        const bytes = new Uint8Array(await file.arrayBuffer());
        const r = await api.importImage(id, { fileName: file.name || 'bild', bytes });
        setNote(null);
        if (!r.ok) {
          showError({ code: r.error.code, message: t('images.importFailed', { name: file.name, message: r.error.message }) });
          continue;
        }
        // An image alone in its paragraph becomes a figure with its credit as caption.
        const state = view.state;
        const line = state.doc.lineAt(Math.min(at, state.doc.length));
        const before = line.text.slice(0, at - line.from).trim() === '' ? (line.number > 1 && state.doc.line(line.number - 1).text.trim() !== '' ? '\n' : '') : '\n\n';
        const after = line.text.slice(at - line.from).trim() === '' ? '\n' : '\n\n';
        const insert = `${before}${r.value.markdown}${after}`;
        view.dispatch({ changes: { from: at, insert }, selection: { anchor: at + insert.length }, userEvent: 'input.image' });
        at += insert.length;
        const key = imageKey(r.value.name);
        const current = readImages(view.state.doc.toString()).images[key];
        if (!current || Object.keys(current).length === 0) {
          const edit = setImageCredit(view.state.doc.toString(), key, r.value.metadata.suggestion);
          if (edit.ok) replaceText(edit.text, 'input.credit');
        }
        setSelectedImage(key);
        setTab('images');
      }
      await refreshFiles(id);
      view.focus();
    },
    [refreshFiles, replaceText, session.id, showError, t],
  );
  const importRef = useRef(importImages);
  importRef.current = importImages;

  // Settings and the post's language configure typing help and spell checking; swapped without a reload.
  const configured = useMemo(
    () => [
      smartTypography({
        enabled: true,
        quotes: settings.smartQuotes,
        style: quoteStyleForLang(resolveSpellLanguage(lang).fellBack ? 'de' : lang, settings.germanGuillemets),
        dashes: settings.smartDashes,
        ellipsis: settings.smartEllipsis,
      }),
      settings.spellcheck
        ? spellcheck({
            lang,
            check: async (request) => {
              const r = await api.spellCheck(request);
              return r.ok ? r.value : null;
            },
            onStatus: ({ fellBack, available, problem }) =>
              setSpellStatus((old) =>
                old && old.fellBack === fellBack && old.available === available && old.problem?.code === problem?.code ? old : { fellBack, available, problem },
              ),
            onContextMenu: setSpellMenu,
          })
        : [],
      imageDrop({ onImages: (files, pos) => void importRef.current(files, pos) }),
      imageLint({ diagnose: diagnoseImages }),
    ],
    [diagnoseImages, lang, settings.germanGuillemets, settings.smartDashes, settings.smartEllipsis, settings.smartQuotes, settings.spellcheck],
  );

  const fixQuotes = useCallback(() => {
    const view = viewRef.current;
    if (!view) return;
    if (!fixQuotesInDocument()(view)) setNote(t('typography.nothingToFix'));
    view.focus();
  }, [t]);

  const refreshList = useCallback(async () => {
    const result = await api.listPosts();
    if (result.ok) setPosts(result.value);
    else showError(result.error);
  }, [showError]);

  useEffect(() => {
    void refreshList();
    return onEvent('libraryChanged', () => void refreshList());
  }, [refreshList]);

  // Open the newest post at start so the writer sees text, not an empty screen.
  const openedFirst = useRef(false);
  useEffect(() => {
    if (openedFirst.current || posts.length === 0) return;
    openedFirst.current = true;
    if (!session.id && posts[0]) void post.open(posts[0].id);
  }, [posts, post, session.id]);

  const updateFields = useCallback((text: string) => {
    const head = text.length > FRONT_MATTER_WINDOW ? text.slice(0, FRONT_MATTER_WINDOW) : text;
    const end = head.startsWith('---') ? head.indexOf('\n---', 3) : 0;
    const yaml = end > 0 ? head.slice(0, end) : '';
    if (yaml === fieldsYaml.current) return;
    fieldsYaml.current = yaml;
    const parsed = parseFrontMatter(head);
    setFields(parsed);
    updateRenderContext(head, parsed);
  }, [updateRenderContext]);

  // A change of files or settings changes the render context: re-render the preview with it.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    updateRenderContext(headRef.current.head, headRef.current.parsed);
    if (settings.previewVisible) previewRef.current?.update(view.state.doc.toString());
  }, [existingFiles, updateRenderContext, settings.previewVisible, session.id]);

  useEffect(() => {
    void refreshFiles(session.id);
    setSelectedImage(null);
  }, [refreshFiles, session.id]);

  const onUpdate = useCallback(
    (update: ViewUpdate) => {
      if (update.docChanged) {
        const text = update.state.doc.toString();
        updateFields(text);
        if (settings.previewVisible) previewRef.current?.update(text);
        if (countTimer.current) clearTimeout(countTimer.current);
        countTimer.current = setTimeout(() => setCounts(countText(update.state.doc.toString())), COUNT_DELAY_MS);
        post.changed();
      }
      if (update.selectionSet || update.docChanged) {
        const sel = update.state.selection.main;
        if (selectionTimer.current) clearTimeout(selectionTimer.current);
        if (sel.empty) setSelectionCounts(null);
        else selectionTimer.current = setTimeout(() => setSelectionCounts(countSelection(update.state.doc.toString(), sel.from, sel.to)), 120);
        // The cursor on an image opens its credit form.
        const line = update.state.doc.lineAt(sel.head);
        if (update.selectionSet && line.text.includes('](')) {
          for (const m of line.text.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)) {
            const start = line.from + (m.index ?? 0);
            if (sel.head >= start && sel.head <= start + m[0].length + 1 && m[1]) {
              setSelectedImage(imageKey(m[1]));
              setTab('images');
            }
          }
        }
      }
    },
    [post, settings.previewVisible, updateFields],
  );

  // Showing the preview again renders it from the current text.
  useEffect(() => {
    const view = viewRef.current;
    if (settings.previewVisible && view) {
      previewRef.current?.reset();
      previewRef.current?.update(view.state.doc.toString());
    }
    // Only a change of visibility re-renders; the post id is read at that moment.
  }, [settings.previewVisible]);

  const patchFields = useCallback(
    (patch: FieldPatch) => {
      const view = viewRef.current;
      if (!view) return;
      const next = updateFrontMatter(view.state.doc.toString(), patch);
      if (next !== null) replaceText(next, 'input.fields');
    },
    [replaceText],
  );

  const settleSlug = useCallback(async () => {
    const id = session.id;
    if (!id || !fields.ok) return;
    const slug = fields.fields.slug;
    if (!slug || slug === id || !slugSchema.safeParse(slug).success) return;
    if (!(await post.save())) return;
    const result = await api.renamePost(id, slug);
    if (!result.ok) return showError(result.error);
    post.adopt(result.value);
    void refreshList();
  }, [fields, post, refreshList, session.id, showError]);

  const createPost = useCallback(async () => {
    const result = await api.createPost({ title: t('library.newTitle') });
    if (!result.ok) return showError(result.error);
    await post.open(result.value.id);
    void refreshList();
  }, [post, refreshList, showError, t]);

  useEffect(
    () =>
      onEvent('menuCommand', ({ command }) => {
        if (command === 'newPost') void createPost();
        else if (command === 'save') void post.save();
        else if (command === 'togglePreview') onSettings({ previewVisible: !settings.previewVisible });
        else if (command === 'toggleSidebar') onSettings({ sidebarVisible: !settings.sidebarVisible });
        else if (command === 'settings') setModal({ kind: 'settings' });
        else if (command === 'find' && viewRef.current) openSearchPanel(viewRef.current);
        else if (command === 'fixQuotes') fixQuotes();
      }),
    [createPost, fixQuotes, onSettings, post, settings.previewVisible, settings.sidebarVisible],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void post.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [post]);

  const renderContext = useCallback(() => renderCtx.current, []);

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), 5000);
    return () => clearTimeout(timer);
  }, [note]);

  // The reload notice is information, not a question: it goes away by itself.
  const { dismissNotice } = post;
  useEffect(() => {
    if (session.notice === null) return;
    const timer = setTimeout(dismissNotice, 6000);
    return () => clearTimeout(timer);
  }, [dismissNotice, session.notice]);
  const sanitizeOptions = useCallback(
    () => ({
      resolveLocalImage: (src: string) => (session.id ? mediaUrl(session.id, src) : src),
      remoteImageLabel: (src: string) => t('preview.remoteImage', { src }),
    }),
    [session.id, t],
  );

  const lacking = countImagesLackingCredit(imageState.problems);

  const columns = useMemo(
    () => (settings.previewVisible ? `${share}fr 6px ${1 - share}fr` : '1fr'),
    [settings.previewVisible, share],
  );

  return (
    <div className={settings.sidebarVisible ? 'app' : 'app app-no-sidebar'}>
      {settings.sidebarVisible && (
        <Sidebar
          posts={posts}
          activeId={session.id}
          trash={trash}
          onOpen={(id) => void post.open(id)}
          onNew={() => void createPost()}
          onRename={(p) => setModal({ kind: 'rename', post: p })}
          onDuplicate={async (p) => {
            await post.save();
            const r = await api.duplicatePost(p.id);
            if (!r.ok) return showError(r.error);
            await post.open(r.value.id);
            void refreshList();
          }}
          onDelete={(p) => setModal({ kind: 'delete', post: p })}
          onShowTrash={async () => {
            const r = await api.listTrash();
            if (r.ok) setTrash(r.value);
            else showError(r.error);
          }}
          onHideTrash={() => setTrash(null)}
          onRestore={async (e) => {
            const r = await api.restorePost(e.trashId);
            if (!r.ok) return showError(r.error);
            setTrash(null);
            await refreshList();
            await post.open(r.value.id);
          }}
        />
      )}
      <main className="main">
        <header className="toolbar">
          <button
            type="button"
            className="ghost toggle"
            aria-pressed={settings.sidebarVisible}
            title={settings.sidebarVisible ? t('sidebar.hide') : t('sidebar.show')}
            onClick={() => onSettings({ sidebarVisible: !settings.sidebarVisible })}
          >
            {t('sidebar.toggle')}
          </button>
          <span className="toolbar-spacer" />
          {session.id && (
            <button type="button" className="ghost" onClick={() => fileInput.current?.click()}>
              {t('images.insert')}
            </button>
          )}
          {session.id && (
            <button type="button" className="ghost" title={t('typography.fixQuotesTitle')} onClick={fixQuotes}>
              {t('typography.fixQuotes')}
            </button>
          )}
          <button
            type="button"
            className="ghost toggle"
            data-testid="toggle-preview"
            aria-pressed={settings.previewVisible}
            title={settings.previewVisible ? t('preview.toggleHide') : t('preview.toggleShow')}
            onClick={() => onSettings({ previewVisible: !settings.previewVisible })}
          >
            {t('preview.toggle')}
          </button>
          <button type="button" className="ghost" data-testid="outbox-button" onClick={() => setModal({ kind: 'outbox' })}>
            {t('outbox.button', { count: openJobs })}
          </button>
          {session.id && (
            <button type="button" className="primary" onClick={() => setModal({ kind: 'publish' })}>
              {t('publish.open')}
            </button>
          )}
          <button type="button" className="ghost" onClick={() => setModal({ kind: 'settings' })}>
            ⚙ {t('settings.open')}
          </button>
        </header>
        {error && (
          <div className="banner banner-error" role="alert">
            <span>{error}</span>
            <button type="button" className="ghost" aria-label={t('error.dismiss')} onClick={() => setError(null)}>
              ×
            </button>
          </div>
        )}
        {session.conflict && (
          <ConflictBanner mine={post.currentText} theirs={session.conflict.diskText} onKeepMine={() => void post.keepMine()} onTakeTheirs={post.takeTheirs} />
        )}
        {session.notice === 'reloaded' && (
          <div className="banner banner-info" role="status" data-testid="reloaded-notice">
            <span>{t('conflict.reloaded')}</span>
            <button type="button" className="ghost" aria-label={t('error.dismiss')} onClick={post.dismissNotice}>
              ×
            </button>
          </div>
        )}
        <div className={session.id ? 'post-area' : 'post-area post-area-empty'}>
          {session.id ? (
            <>
              <div className="panel-tabs" role="tablist">
                <button type="button" role="tab" aria-selected={tab === 'fields'} onClick={() => setTab('fields')}>
                  {t('images.tabFields')}
                </button>
                <button type="button" role="tab" aria-selected={tab === 'images'} data-testid="images-tab" onClick={() => setTab('images')}>
                  {lacking > 0
                    ? t('images.tabProblems', { count: imageState.panel.length, problems: lacking })
                    : t('images.tab', { count: imageState.panel.length })}
                </button>
              </div>
              {tab === 'fields' ? (
                <FieldsPanel parsed={fields} onPatch={patchFields} onSlugSettled={() => void settleSlug()} images={postFiles.map((f) => f.name)} terms={terms} lang={lang} />
              ) : (
                <ImagePanel
                  postId={session.id}
                  images={imageState.panel}
                  selected={selectedImage ?? imageState.panel[0]?.key ?? null}
                  featured={fields.ok ? imageKey(fields.fields.image) : ''}
                  lang={lang}
                  creditTexts={settings.creditTexts}
                  onSelect={setSelectedImage}
                  onPatch={patchImage}
                  onFeatured={(key) => patchFields({ image: key })}
                  onInsert={() => fileInput.current?.click()}
                />
              )}
              <input
                ref={fileInput}
                type="file"
                accept="image/*"
                multiple
                hidden
                data-testid="image-file-input"
                onChange={(e) => {
                  const files = [...(e.target.files ?? [])];
                  e.target.value = '';
                  const view = viewRef.current;
                  if (files.length > 0 && view) void importImages(files, view.state.selection.main.head);
                }}
              />
            </>
          ) : (
            <div className="empty-state">
              <h2>{t('empty.title')}</h2>
              <p>{t('empty.body')}</p>
            </div>
          )}
          <div className="split" style={{ gridTemplateColumns: columns }} hidden={!session.id}>
            <EditorPane
              viewRef={viewRef}
              loadedText={session.loadedText}
              loadSeq={session.loadSeq}
              onUpdate={onUpdate}
              configured={configured}
              foldFrontMatter={settings.foldFrontMatter}
              onTopLineChange={(line) => {
                if (performance.now() < syncUntil.current.editor) return;
                syncUntil.current.preview = performance.now() + 200;
                previewRef.current?.scrollToLine(line);
              }}
            />
            {settings.previewVisible && (
              <>
                <Divider label={t('divider.label')} share={share} onChange={setShare} onCommit={(v) => onSettings({ editorShare: v })} />
                <PreviewPane
                  ref={previewRef}
                  lang={lang}
                  label={t('preview.label')}
                  renderContext={renderContext}
                  sanitizeOptions={sanitizeOptions}
                  onTopLineChange={(line) => {
                    const view = viewRef.current;
                    if (!view || performance.now() < syncUntil.current.preview) return;
                    syncUntil.current.editor = performance.now() + 200;
                    scrollEditorToLine(view, line);
                  }}
                />
              </>
            )}
          </div>
        </div>
        <StatusBar
          counts={session.id ? counts : null}
          selection={selectionCounts}
          saveState={session.saveState}
          saveError={session.saveError}
          notes={[
            ...(note ? [note] : []),
            ...(session.id && lacking > 0 ? [lacking === 1 ? t('images.lackingOne') : t('images.lacking', { count: lacking })] : []),
            ...(session.id && resolveSpellLanguage(lang).fellBack ? [t('spell.fellBack', { lang })] : []),
            ...(session.id && settings.spellcheck && spellStatus && !spellStatus.available && spellStatus.problem
              ? [t('spell.off', { reason: t(`spell.problem.${spellStatus.problem.code}`) })]
              : []),
          ]}
        />
        {spellMenu && (
          <SpellMenu
            at={spellMenu}
            lang={lang}
            onClose={() => setSpellMenu(null)}
            onReplace={(text) => {
              const view = viewRef.current;
              const at = spellMenu;
              setSpellMenu(null);
              if (!view || view.state.sliceDoc(at.from, at.to).normalize('NFC').replace(/\u00ad/g, '') !== at.word) return;
              view.dispatch({ changes: { from: at.from, to: at.to, insert: text }, userEvent: 'input.spell' });
              view.focus();
            }}
            onAdd={() => {
              const word = spellMenu.word;
              setSpellMenu(null);
              viewRef.current?.dispatch({ effects: forgetWord.of(word) });
              void api.spellAddWord(word).then((r) => !r.ok && showError(r.error));
            }}
            onIgnore={() => {
              const word = spellMenu.word;
              setSpellMenu(null);
              viewRef.current?.dispatch({ effects: forgetWord.of(word) });
              void api.spellIgnoreWord(word);
            }}
          />
        )}
      </main>
      {modal?.kind === 'delete' && (
        <ConfirmDialog
          title={t('dialog.deleteTitle')}
          body={t('dialog.deleteBody', { title: modal.post.title })}
          confirmLabel={t('dialog.delete')}
          danger
          onCancel={() => setModal(null)}
          onConfirm={async () => {
            const target = modal.post;
            setModal(null);
            if (target.id === session.id) await post.open(null);
            const r = await api.deletePost(target.id);
            if (!r.ok) showError(r.error);
            void refreshList();
          }}
        />
      )}
      {modal?.kind === 'rename' && (
        <RenameDialog
          title={modal.post.title}
          currentSlug={modal.post.id}
          onCancel={() => setModal(null)}
          onRename={async (slug) => {
            const target = modal.post;
            setModal(null);
            if (target.id === session.id) await post.save();
            const r = await api.renamePost(target.id, slug);
            if (!r.ok) return showError(r.error);
            if (target.id === session.id) post.adopt(r.value);
            void refreshList();
          }}
        />
      )}
      {modal?.kind === 'publish' && session.id && (
        <PublishDialog
          postId={session.id}
          title={fields.ok ? fields.fields.title : session.id}
          save={() => post.save()}
          onManageBlogs={() => setModal({ kind: 'blogs', then: 'publish' })}
          onOpenPost={(id) => void post.open(id).then(refreshList)}
          onClose={() => setModal(null)}
        />
      )}
      {modal?.kind === 'blogs' && (
        <BlogsDialog onChanged={() => void loadTerms()} onClose={() => setModal(modal.then === 'publish' ? { kind: 'publish' } : null)} />
      )}
      {modal?.kind === 'outbox' && <OutboxDialog onClose={() => setModal(null)} />}
      {modal?.kind === 'settings' && (
        <SettingsDialog onManageBlogs={() => setModal({ kind: 'blogs', then: null })} settings={settings} libraryPath={info.libraryPath} onChange={onSettings} onClose={() => setModal(null)} />
      )}
      {recovery.entries.length > 0 && (
        <RecoveryDialog
          entries={recovery.entries}
          onRestore={(entry) => void recovery.restore(entry).then(refreshList)}
          onDiscard={(entry) => void recovery.discard(entry)}
          onClose={recovery.later}
        />
      )}
    </div>
  );
}

/** The language a post is written in: its `lang:`, or the default from the settings when it names none. */
function postLanguage(parsed: FrontMatterParse, fallback: string): string {
  const own = parsed.ok ? parsed.data['lang'] : undefined;
  return parsed.ok && typeof own === 'string' && own !== '' ? parsed.fields.lang : fallback;
}
