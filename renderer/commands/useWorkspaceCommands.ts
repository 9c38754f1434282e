import { openSearchPanel } from '@codemirror/search';
import type { StateCommand } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { RefObject } from 'react';
import type { ExportKind } from '../../electron/common/model/export';
import type { PostSummary } from '../../electron/common/model/post';
import type { Settings, SettingsPatch } from '../../electron/common/model/settings';
import type { PostDocumentStore } from '../document/post-document-store';
import { FORMAT_COMMANDS } from '../editor/format-commands';
import type { UiLanguage } from '../i18n/i18n';
import { getPreviewLook, requestBlogLookRefresh, setPreviewLook } from '../preview/preview-look';
import { searchPanel } from '../search/search-panel-state';
import type { Modal } from '../components/WorkspaceDialogs';
import { commandPalette } from './palette-state';
import { CommandRegistry, type CommandHandler, type CommandHandlers } from './registry';

export interface WorkspaceCommandDeps {
  store: PostDocumentStore;
  viewRef: RefObject<EditorView | null>;
  fileInput: RefObject<HTMLInputElement | null>;
  settings: Settings;
  onSettings: (patch: SettingsPatch) => void;
  language: UiLanguage;
  posts: readonly PostSummary[];
  setModal: (modal: Modal) => void;
  createPost: () => unknown;
  duplicatePost: (post: PostSummary) => unknown;
  showTrash: () => unknown;
  fixQuotes: () => void;
  /** Whether the preview shows now (the setting, less focus mode's hiding). */
  previewShown: boolean;
  about: () => void;
  /** Opens the open post's version history. */
  openHistory: () => void;
  /** Opens „Exportieren …“ with one kind chosen. */
  openExport: (kind: ExportKind) => void;
}

/**
 * Every user command of the workspace with what it does now. Availability is read when asked (the palette
 * opens, a key is pressed), from the store and the editor, so it is never stale.
 */
export function useWorkspaceCommands(deps: WorkspaceCommandDeps): CommandRegistry {
  const { store, viewRef, settings, onSettings, setModal } = deps;
  const hasPost = () => store.getSnapshot().id !== null;
  const editable = () => hasPost() && store.getSnapshot().readOnly === null && viewRef.current !== null;
  const openSummary = (): PostSummary | undefined => {
    const id = store.getSnapshot().id;
    return id === null ? undefined : deps.posts.find((p) => p.id === id);
  };
  const withSummary = (run: (post: PostSummary) => unknown): CommandHandler => ({
    available: () => openSummary() !== undefined,
    run: () => {
      const post = openSummary();
      if (post) run(post);
    },
  });
  const format = (command: StateCommand): CommandHandler => ({
    available: editable,
    run: () => {
      const view = viewRef.current;
      if (!view) return;
      command(view);
      view.focus();
    },
  });
  const focus = settings.focusMode;
  /** The preview comes back when a command is about what it shows (leaving focus mode if that hid it). */
  const showPreview = () => {
    if (!deps.previewShown) onSettings({ previewVisible: true, ...(focus && settings.focusHidesPreview ? { focusMode: false } : {}) });
  };

  const handlers: CommandHandlers = {
    newPost: { run: () => deps.createPost() },
    save: { available: hasPost, run: () => store.save() },
    importPosts: { run: () => setModal({ kind: 'import', blogId: null }) },
    blogs: { run: () => setModal({ kind: 'blogs', then: null }) },
    outbox: { run: () => setModal({ kind: 'outbox' }) },
    settings: { run: () => setModal({ kind: 'settings' }) },
    find: {
      available: () => hasPost() && viewRef.current !== null,
      run: () => viewRef.current && openSearchPanel(viewRef.current),
    },
    librarySearch: { run: () => searchPanel.open() },
    fixQuotes: { available: editable, run: deps.fixQuotes },
    insertImage: { available: editable, run: () => deps.fileInput.current?.click() },
    bold: format(FORMAT_COMMANDS.bold),
    italic: format(FORMAT_COMMANDS.italic),
    link: format(FORMAT_COMMANDS.link),
    heading1: format(FORMAT_COMMANDS.heading1),
    heading2: format(FORMAT_COMMANDS.heading2),
    heading3: format(FORMAT_COMMANDS.heading3),
    paragraph: format(FORMAT_COMMANDS.paragraph),
    publish: { available: hasPost, run: () => setModal({ kind: 'publish' }) },
    renamePost: withSummary((post) => setModal({ kind: 'rename', post })),
    duplicatePost: withSummary((post) => deps.duplicatePost(post)),
    deletePost: withSummary((post) => setModal({ kind: 'delete', post })),
    showTrash: {
      run: () => {
        // The trash is shown in the library: it comes back first.
        if (!settings.sidebarVisible || focus) onSettings({ sidebarVisible: true, focusMode: false });
        return deps.showTrash();
      },
    },
    wordGoal: {
      available: () => hasPost() && store.getSnapshot().doc.fields !== null && store.getSnapshot().readOnly === null,
      run: () => setModal({ kind: 'wordGoal' }),
    },
    commandPalette: { run: () => commandPalette.toggle() },
    togglePreview: { run: () => (deps.previewShown ? onSettings({ previewVisible: false }) : showPreview()) },
    toggleSidebar: {
      run: () => (focus ? onSettings({ focusMode: false, sidebarVisible: true }) : onSettings({ sidebarVisible: !settings.sidebarVisible })),
    },
    previewLook: {
      run: () => {
        setPreviewLook(getPreviewLook() === 'blog' ? 'article' : 'blog');
        showPreview();
      },
    },
    refreshBlogLook: {
      // Shows the blog's look and loads it anew; without a blog the bar above the preview says what to do.
      run: () => {
        setPreviewLook('blog');
        showPreview();
        requestBlogLookRefresh();
      },
    },
    focusMode: { run: () => onSettings({ focusMode: !focus }) },
    typewriterScrolling: { run: () => onSettings({ typewriterScrolling: !settings.typewriterScrolling }) },
    dimming: { run: () => onSettings({ dimming: !settings.dimming }) },
    toggleTheme: {
      // From what shows now, so „System“ switches to the other one too.
      run: () => onSettings({ theme: document.documentElement.dataset['theme'] === 'dark' ? 'light' : 'dark' }),
    },
    switchUiLanguage: { run: () => onSettings({ uiLanguage: deps.language === 'de' ? 'en' : 'de' }) },
    about: { run: deps.about },
    history: { available: hasPost, run: deps.openHistory },
    exportHtml: { available: hasPost, run: () => deps.openExport('html') },
    exportPdf: { available: hasPost, run: () => deps.openExport('pdf') },
    exportLibrary: { run: () => deps.openExport('zip') },
  };
  return new CommandRegistry(handlers);
}
