import { openSearchPanel } from '@codemirror/search';
import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo } from '../../electron/common/ipc/contract';
import type { ExportKind } from '../../electron/common/model/export';
import type { Settings, SettingsPatch } from '../../electron/common/model/settings';
import type { AppError } from '../../electron/common/result';
import { insertImages } from '../document/image-insertion';
import { setCurrentPostStore } from '../document/open-post-registry';
import { PostDocumentStore, type PostSnapshot } from '../document/post-document-store';
import { usePostSelector } from '../document/use-post-snapshot';
import { fixQuotesInDocument } from '../editor/smart-quotes';
import type { MisspellingAt } from '../editor/spellcheck';
import { useEditorExtensions, type SpellState } from '../hooks/useEditorExtensions';
import { useHistoryPanel } from '../hooks/useHistoryPanel';
import { useLibrary } from '../hooks/useLibrary';
import { useMenuRouting } from '../hooks/useMenuRouting';
import { useNote } from '../hooks/useNote';
import { useOpenNewestPost } from '../hooks/useOpenNewestPost';
import { useOutboxCount } from '../hooks/useOutboxCount';
import { usePostActions } from '../hooks/usePostActions';
import { usePostFiles } from '../hooks/usePostFiles';
import { useRecovery } from '../hooks/useRecovery';
import { useSaveOnBlur } from '../hooks/useSaveOnBlur';
import { errorText, useI18n } from '../i18n/i18n';
import { api, onEvent } from '../lib/api';
import { EditorArea } from './EditorArea';
import { EditorSpellMenu } from './EditorSpellMenu';
import { ErrorBoundary } from './ErrorBoundary';
import { HistoryPanel } from './history/HistoryPanel';
import { LeaveDialog } from './LeaveDialog';
import { LibrarySearch } from './LibrarySearch';
import { PostBanners } from './PostBanners';
import { PostPanels, type PanelTab } from './PostPanels';
import { PostStatusBar } from './PostStatusBar';
import { RecoveryDialog } from './RecoveryDialog';
import { Sidebar } from './Sidebar';
import { Toolbar } from './Toolbar';
import { WorkspaceDialogs, type Modal } from './WorkspaceDialogs';

export interface WorkspaceProps {
  info: AppInfo;
  settings: Settings;
  onSettings: (patch: SettingsPatch) => void;
}

const selectId = (s: PostSnapshot) => s.id;
const selectLang = (s: PostSnapshot) => s.doc.lang;

/** The main screen: library, fields, editor and preview, status bar. The open post lives in its store. */
export function Workspace({ info, settings, onSettings }: WorkspaceProps) {
  const { t, language } = useI18n();
  const viewRef = useRef<EditorView | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const showError = useCallback((e: AppError) => setError(errorText(t, e)), [t]);
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [store] = useState(
    () =>
      new PostDocumentStore({
        api,
        context: { defaultLanguage: settings.defaultLanguage, existingFiles: new Set() },
        onError: (e) => showErrorRef.current(e),
        keepRecoveryCopy: (postId, text, baseVersion) => api.writeRecovery(postId, { text, baseVersion }),
      }),
  );
  useEffect(() => {
    setCurrentPostStore(store);
    return () => setCurrentPostStore(null);
  }, [store]);
  useSaveOnBlur(store);
  const recoverySession = useMemo(
    () => ({
      source: store,
      isDirty: () => store.isDirty(),
      flush: () => store.flush(),
      openWithText: async (postId: string, text: string) => void (await store.openWithText(postId, text)),
    }),
    [store],
  );
  const recovery = useRecovery(recoverySession, showError, (text) => setNote(text));
  const id = usePostSelector(store, selectId);
  const lang = usePostSelector(store, selectLang);
  const files = usePostFiles(id);
  const library = useLibrary(showError);
  const openJobs = useOutboxCount();
  const actions = usePostActions({ store, t, showError, refreshList: library.refresh });

  const [modal, setModal] = useState<Modal>(null);
  /** Opens „Exportieren …“ with one kind chosen; the command palette's entry for export. */
  const openExport = useCallback((kind: ExportKind) => setModal({ kind: 'export', exportKind: kind }), []);
  const [tab, setTab] = useState<PanelTab>('fields');
  const [selectedImage, setSelectedImage] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ from: number; to: number } | null>(null);
  const [spellStatus, setSpellStatus] = useState<SpellState | null>(null);
  const [spellMenu, setSpellMenu] = useState<MisspellingAt | null>(null);
  const [note, setNote] = useNote();
  const history = useHistoryPanel(); // history.openHistory(): the version history (command palette, menu)

  // Settings and the files in the post's folder are part of what the post document is parsed with.
  useEffect(() => {
    store.setContext({
      defaultLanguage: settings.defaultLanguage,
      existingFiles: files.keys,
      creditTexts: settings.creditTexts,
      featuredCredit: settings.featuredCredit,
    });
  }, [files.keys, settings.creditTexts, settings.defaultLanguage, settings.featuredCredit, store]);

  useEffect(() => onEvent('postChangedOnDisk', ({ id: changed, version }) => void store.diskChanged(changed, version)), [store]);
  useEffect(() => setSelectedImage(null), [id]);

  useOpenNewestPost(id, library.posts, actions.openPost);

  const showImage = useCallback((key: string) => {
    setSelectedImage(key);
    setTab('images');
  }, []);
  const importImages = useCallback(
    async (list: File[], pos: number) => {
      const view = viewRef.current;
      if (!view) return;
      const deps = { store, view, t, onNote: setNote, onError: showError, onInserted: showImage };
      if (await insertImages(deps, list, pos)) await files.refresh();
      view.focus();
    },
    [files, showError, showImage, store, t],
  );
  const configured = useEditorExtensions({
    store, settings, lang, uiLanguage: language,
    onImages: (list, pos) => void importImages(list, pos),
    onSpellStatus: (s) => setSpellStatus((old) => (old && old.fellBack === s.fellBack && old.available === s.available && old.problem?.code === s.problem?.code ? old : s)),
    onSpellMenu: setSpellMenu,
  });

  const fixQuotes = useCallback(() => {
    const view = viewRef.current;
    if (!view) return;
    if (!fixQuotesInDocument()(view)) setNote(t('typography.nothingToFix'));
    view.focus();
  }, [t]);

  useMenuRouting({
    newPost: () => void actions.createPost(),
    save: () => void store.save(),
    togglePreview: () => onSettings({ previewVisible: !settings.previewVisible }),
    toggleSidebar: () => onSettings({ sidebarVisible: !settings.sidebarVisible }),
    settings: () => setModal({ kind: 'settings' }),
    find: () => viewRef.current && openSearchPanel(viewRef.current),
    fixQuotes,
    about: () => {},
  });

  return (
    <div className={settings.sidebarVisible ? 'app' : 'app app-no-sidebar'}>
      {settings.sidebarVisible && (
        <ErrorBoundary label={t('sidebar.toggle')}>
          <Sidebar
            posts={library.posts}
            activeId={id}
            trash={library.trash}
            onOpen={(postId) => void actions.openPost(postId)}
            onNew={() => void actions.createPost()}
            onRename={(p) => setModal({ kind: 'rename', post: p })}
            onDuplicate={(p) => void actions.duplicatePost(p)}
            onDelete={(p) => setModal({ kind: 'delete', post: p })}
            onShowTrash={library.showTrash}
            onHideTrash={library.hideTrash}
            onImport={() => setModal({ kind: 'import', blogId: null })}
            onRestore={async (e) => {
              if ((await actions.restorePost(e)) === 'switched') library.hideTrash();
            }}
          />
        </ErrorBoundary>
      )}
      <main className="main">
        <Toolbar
          settings={settings}
          onSettings={onSettings}
          hasPost={id !== null}
          openJobs={openJobs}
          onInsertImage={() => fileInput.current?.click()}
          onFixQuotes={fixQuotes}
          onOutbox={() => setModal({ kind: 'outbox' })}
          onPublish={() => setModal({ kind: 'publish' })}
          onExport={() => openExport(id === null ? 'zip' : 'html')}
          onOpenSettings={() => setModal({ kind: 'settings' })}
        />
        <PostBanners store={store} error={error} onDismissError={() => setError(null)} />
        <div className={id ? 'post-area' : 'post-area post-area-empty'}>
          {id ? (
            <ErrorBoundary label={t('images.tabFields')} resetKey={id}>
              <PostPanels
                store={store}
                settings={settings}
                tab={tab}
                onTab={setTab}
                selectedImage={selectedImage}
                onSelectImage={setSelectedImage}
                files={files.names}
                terms={library.terms}
                onSlugSettled={() => void actions.settleSlug()}
                onPickImages={(list) => viewRef.current && void importImages(list, viewRef.current.state.selection.main.head)}
                onNote={setNote}
                fileInput={fileInput}
              />
            </ErrorBoundary>
          ) : (
            <div className="empty-state">
              <h2>{t('empty.title')}</h2>
              <p>{t('empty.body')}</p>
            </div>
          )}
          <EditorArea
            store={store}
            viewRef={viewRef}
            settings={settings}
            onSettings={onSettings}
            configured={configured}
            onSelection={setSelection}
            onImageAtCursor={showImage}
          />
        </div>
        <PostStatusBar store={store} selection={selection} note={note} spellcheck={settings.spellcheck} spellStatus={spellStatus} onHistory={history.openHistory} />
        {history.open && id && <HistoryPanel store={store} postId={id} onClose={history.closeHistory} onError={showError} onRestored={() => setNote(t('history.restored'))} />}
        {spellMenu && <EditorSpellMenu at={spellMenu} lang={lang} view={() => viewRef.current} onClose={() => setSpellMenu(null)} onError={showError} />}
      </main>
      <WorkspaceDialogs
        modal={modal}
        setModal={setModal}
        store={store}
        info={info}
        settings={settings}
        onSettings={onSettings}
        onDelete={actions.deletePost}
        onRename={actions.renamePost}
        onOpenPost={(postId) => void actions.openPost(postId)}
        onTermsChanged={() => void library.loadTerms()}
      />
      {recovery.entries.length > 0 && (
        <RecoveryDialog
          entries={recovery.entries}
          onRestore={(entry) => void recovery.restore(entry).then(library.refresh)}
          onDiscard={(entry) => void recovery.discard(entry)}
          onClose={recovery.later}
        />
      )}
      <LibrarySearch store={store} viewRef={viewRef} openPost={actions.openPost} />
      {actions.blocked && (
        <LeaveDialog store={store} onStay={actions.stay} onLeaveAnyway={actions.blocked.retry ? () => void actions.leaveAnyway() : null} />
      )}
    </div>
  );
}
