import type { Settings, SettingsPatch } from '../../electron/common/model/settings';
import { useI18n } from '../i18n/i18n';

export interface ToolbarProps {
  settings: Settings;
  onSettings: (patch: SettingsPatch) => void;
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
}

export function Toolbar(props: ToolbarProps) {
  const { t } = useI18n();
  const { settings, onSettings, hasPost } = props;
  return (
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
