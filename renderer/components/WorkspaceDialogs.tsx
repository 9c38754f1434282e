import type { AppInfo } from '../../electron/common/ipc/contract';
import type { ExportKind } from '../../electron/common/model/export';
import type { PostSummary } from '../../electron/common/model/post';
import type { Settings, SettingsPatch } from '../../electron/common/model/settings';
import type { PostDocumentStore } from '../document/post-document-store';
import { useI18n } from '../i18n/i18n';
import { BlogsDialog } from './BlogsDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './import/ImportDialog';
import { OutboxDialog } from './OutboxDialog';
import { PublishDialog } from './PublishDialog';
import { RenameDialog } from './RenameDialog';
import { SettingsDialog } from './SettingsDialog';

export type Modal =
  | { kind: 'delete'; post: PostSummary }
  | { kind: 'rename'; post: PostSummary }
  | { kind: 'settings' }
  | { kind: 'publish' }
  | { kind: 'blogs'; then: 'publish' | null }
  | { kind: 'outbox' }
  /** „Beiträge holen“, for one blog when opened from the blogs dialog. */
  | { kind: 'import'; blogId: string | null }
  /** „Exportieren …“ with one kind chosen (HTML, PDF, library ZIP). */
  | { kind: 'export'; exportKind: ExportKind }
  | null;

export interface WorkspaceDialogsProps {
  modal: Modal;
  setModal: (modal: Modal) => void;
  store: PostDocumentStore;
  info: AppInfo;
  settings: Settings;
  onSettings: (patch: SettingsPatch) => void;
  onDelete: (post: PostSummary) => Promise<void>;
  onRename: (post: PostSummary, slug: string) => Promise<void>;
  onOpenPost: (id: string) => void;
  onTermsChanged: () => void;
}

/** The one modal dialog that is open, if any. */
export function WorkspaceDialogs(props: WorkspaceDialogsProps) {
  const { t } = useI18n();
  const { modal, setModal, store } = props;
  const close = () => setModal(null);
  if (modal === null) return null;
  switch (modal.kind) {
    case 'delete':
      return (
        <ConfirmDialog
          title={t('dialog.deleteTitle')}
          body={t('dialog.deleteBody', { title: modal.post.title })}
          confirmLabel={t('dialog.delete')}
          danger
          onCancel={close}
          onConfirm={() => {
            close();
            void props.onDelete(modal.post);
          }}
        />
      );
    case 'rename':
      return (
        <RenameDialog
          title={modal.post.title}
          currentSlug={modal.post.id}
          onCancel={close}
          onRename={async (slug) => {
            close();
            await props.onRename(modal.post, slug);
          }}
        />
      );
    case 'publish': {
      const { id, doc } = store.getSnapshot();
      if (!id) return null;
      return (
        <PublishDialog
          postId={id}
          title={doc.fields ? doc.fields.title : id}
          save={() => store.flush()}
          chooseThirdParty={(key, choice) => store.patchThirdParty(key, choice)}
          onManageBlogs={() => setModal({ kind: 'blogs', then: 'publish' })}
          onOpenPost={props.onOpenPost}
          onClose={close}
        />
      );
    }
    case 'blogs':
      return (
        <BlogsDialog
          onChanged={props.onTermsChanged}
          onImport={(blogId) => setModal({ kind: 'import', blogId })}
          onClose={() => setModal(modal.then === 'publish' ? { kind: 'publish' } : null)}
        />
      );
    case 'import':
      return (
        <ImportDialog
          blogId={modal.blogId}
          transport={props.info.transport}
          libraryPath={props.info.libraryPath}
          onManageBlogs={() => setModal({ kind: 'blogs', then: null })}
          onOpenPost={props.onOpenPost}
          onClose={close}
        />
      );
    case 'outbox':
      return <OutboxDialog onClose={close} />;
    case 'export': {
      const { id, doc } = store.getSnapshot();
      return (
        <ExportDialog
          kind={modal.exportKind}
          postId={id}
          postTitle={doc.fields?.title || id || ''}
          transport={props.info.transport}
          save={() => store.flush()}
          onClose={close}
        />
      );
    }
    case 'settings':
      return (
        <SettingsDialog
          onManageBlogs={() => setModal({ kind: 'blogs', then: null })}
          settings={props.settings}
          libraryPath={props.info.libraryPath}
          onChange={props.onSettings}
          onClose={close}
        />
      );
  }
}
