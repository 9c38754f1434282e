import type { PostDocumentStore } from '../document/post-document-store';
import { usePostSnapshot } from '../document/use-post-snapshot';
import { errorText, useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

export interface LeaveDialogProps {
  store: PostDocumentStore;
  /** Offered only where leaving makes sense (not for a rename, which stays on the post). */
  onLeaveAnyway: (() => void) | null;
  onStay: () => void;
}

/** Says why the post cannot be left without losing text, and keeps the user on it unless they insist. */
export function LeaveDialog({ store, onLeaveAnyway, onStay }: LeaveDialogProps) {
  const { t } = useI18n();
  const s = usePostSnapshot(store);
  const reason = s.conflict
    ? t('leave.conflict')
    : t('leave.failed', { message: s.saveError ? errorText(t, s.saveError) : t('save.unsaved') });
  return (
    <Dialog title={t('leave.title')} onClose={onStay}>
      <div data-testid="leave-dialog">
        <p role="alert">{reason}</p>
        <p>{onLeaveAnyway ? `${t('leave.stayHint')} ${t('leave.anywayHint')}` : t('leave.renameBlocked')}</p>
      </div>
      <div className="dialog-buttons">
        {onLeaveAnyway && (
          <button type="button" className="danger-solid" onClick={onLeaveAnyway}>
            {t('leave.anyway')}
          </button>
        )}
        <button type="button" className="primary" onClick={onStay} autoFocus>
          {t('leave.stay')}
        </button>
      </div>
    </Dialog>
  );
}
