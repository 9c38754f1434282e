import type { Settings } from '../../electron/common/model/settings';
import { useI18n } from '../i18n/i18n';

export interface ToolbarProps {
  settings: Settings;
  /** Whether a post is open: the post's buttons show only then. */
  hasPost: boolean;
  openJobs: number;
  onInsertImage: () => void;
  onFixQuotes: () => void;
  onOutbox: () => void;
  onPublish: () => void;
  /** „Exportieren …“: the post as HTML/PDF, the library as ZIP. */
  onExport: () => void;
  onOpenSettings: () => void;
  onTogglePreview: () => void;
  onToggleSidebar: () => void;
  /** Focus mode: the toolbar shows only the preview switch and the way out. */
  focus: boolean;
  onLeaveFocus: () => void;
  /** The focus mode's key as the user reads it, for the button's tooltip. */
  focusShortcut: string;
}

export function Toolbar(props: ToolbarProps) {
  const { t } = useI18n();
  const { settings, hasPost } = props;
  if (props.focus) {
    return (
      <header className="toolbar toolbar-focus">
        <span className="toolbar-spacer" />
        <PreviewToggle shown={settings.previewVisible} onToggle={props.onTogglePreview} />
        <button type="button" className="ghost" data-testid="leave-focus" title={t('focus.exitTitle', { shortcut: props.focusShortcut })} onClick={props.onLeaveFocus}>
          {t('focus.exit')}
        </button>
      </header>
    );
  }
  return (
    <header className="toolbar">
      <button
        type="button"
        className="ghost toggle"
        aria-pressed={settings.sidebarVisible}
        title={settings.sidebarVisible ? t('sidebar.hide') : t('sidebar.show')}
        onClick={props.onToggleSidebar}
      >
        {t('sidebar.toggle')}
      </button>
      <span className="toolbar-spacer" />
      {hasPost && (
        <button type="button" className="ghost" onClick={props.onInsertImage}>
          {t('images.insert')}
        </button>
      )}
      {hasPost && (
        <button type="button" className="ghost" title={t('typography.fixQuotesTitle')} onClick={props.onFixQuotes}>
          {t('typography.fixQuotes')}
        </button>
      )}
      <PreviewToggle shown={settings.previewVisible} onToggle={props.onTogglePreview} />
      <button type="button" className="ghost" data-testid="outbox-button" onClick={props.onOutbox}>
        {t('outbox.button', { count: props.openJobs })}
      </button>
      <button type="button" className="ghost" data-testid="export-button" title={t('export.openTitle')} onClick={props.onExport}>
        {t('export.open')}
      </button>
      {hasPost && (
        <button type="button" className="primary" onClick={props.onPublish}>
          {t('publish.open')}
        </button>
      )}
      <button type="button" className="ghost" onClick={props.onOpenSettings}>
        ⚙ {t('settings.open')}
      </button>
    </header>
  );
}

function PreviewToggle({ shown, onToggle }: { shown: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="ghost toggle"
      data-testid="toggle-preview"
      aria-pressed={shown}
      title={shown ? t('preview.toggleHide') : t('preview.toggleShow')}
      onClick={onToggle}
    >
      {t('preview.toggle')}
    </button>
  );
}
