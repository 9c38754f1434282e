import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
      <p>{props.body}</p>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onCancel}>
          {t('dialog.cancel')}
        </button>
        <button type="button" className={props.danger ? 'danger-solid' : 'primary'} onClick={props.onConfirm} autoFocus>
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
