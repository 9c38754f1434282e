import { useEffect, useState } from 'react';
import type { AppInfo } from '../../electron/common/ipc/contract';
import type { ExportImageMode, ExportKind, ExportOutcome, ExportProgress } from '../../electron/common/model/export';
import { errorText, useI18n } from '../i18n/i18n';
import { api, onEvent } from '../lib/api';
import { formatSize, openPrintView, startDownload } from '../lib/export-delivery';
import { Dialog } from './Dialog';

export interface ExportDialogProps {
  /** What is chosen when the dialog opens (the command palette opens it for one kind). */
  kind: ExportKind;
  /** The open post, or null: then only the library ZIP can be chosen. */
  postId: string | null;
  postTitle: string;
  transport: AppInfo['transport'];
  /** Saves the open post first, so the export is what the editor shows. */
  save: () => Promise<boolean>;
  onClose: () => void;
}

type Phase = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; text: string } | { kind: 'print-blocked'; token: string } | { kind: 'error'; text: string };

/** „Exportieren …“: the open post as HTML or PDF, or the whole library as a ZIP for backup. */
export function ExportDialog(props: ExportDialogProps) {
  const { t, language } = useI18n();
  const [kind, setKind] = useState<ExportKind>(props.postId === null ? 'zip' : props.kind);
  const [images, setImages] = useState<ExportImageMode>('inline');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const web = props.transport === 'web';
  useEffect(() => onEvent('exportProgress', setProgress), []);

  const finish = (outcome: ExportOutcome) => {
    if (outcome.outcome === 'cancelled') return setPhase({ kind: 'idle' });
    if (outcome.outcome === 'print') {
      return setPhase(openPrintView(outcome.downloadToken) ? { kind: 'done', text: t('export.printOpened') } : { kind: 'print-blocked', token: outcome.downloadToken });
    }
    const params = { name: outcome.fileName, size: formatSize(outcome.size, language) };
    if (outcome.outcome === 'download') {
      startDownload(outcome.downloadToken);
      return setPhase({ kind: 'done', text: t('export.downloaded', params) });
    }
    setPhase({ kind: 'done', text: t('export.saved', params) });
  };

  const run = async () => {
    setPhase({ kind: 'working' });
    setProgress(null);
    if (kind !== 'zip' && props.postId !== null && !(await props.save())) return setPhase({ kind: 'idle' });
    const result =
      kind === 'zip' || props.postId === null
        ? await api.exportLibrary()
        : await api.exportPost({ postId: props.postId, format: kind, images });
    if (!result.ok) return setPhase({ kind: 'error', text: errorText(t, result.error) });
    finish(result.value);
  };

  const option = (value: ExportKind, label: string, disabled = false) => (
    <label className={disabled ? 'import-option disabled' : 'import-option'}>
      <input type="radio" name="export-kind" value={value} checked={kind === value} disabled={disabled} onChange={() => setKind(value)} />
      <span className="import-option-text">
        <strong>{label}</strong>
      </span>
    </label>
  );
  const working = phase.kind === 'working';
  return (
    <Dialog title={t('export.title')} onClose={props.onClose} className="dialog-export">
      <fieldset className="import-fieldset" disabled={working}>
        <legend>{t('export.what')}</legend>
        {option('html', t('export.kindHtml'), props.postId === null)}
        {option('pdf', t('export.kindPdf'), props.postId === null)}
        {option('zip', t('export.kindZip'))}
      </fieldset>
      {kind === 'html' && props.postId !== null && (
        <fieldset className="import-fieldset export-images" disabled={working}>
          <label>
            <input type="radio" name="export-images" checked={images === 'inline'} onChange={() => setImages('inline')} /> {t('export.imagesInline')}
          </label>
          <label>
            <input type="radio" name="export-images" checked={images === 'folder'} onChange={() => setImages('folder')} />{' '}
            {web ? t('export.imagesFolderWeb') : t('export.imagesFolder')}
          </label>
        </fieldset>
      )}
      <p className="muted export-hint">
        {kind === 'zip' ? t('export.zipHint') : props.postId === null ? t('export.noPost') : t('export.postHint', { title: props.postTitle })}
        {kind === 'pdf' && web && ` ${t('export.pdfHintWeb')}`}
      </p>
      <div className="export-status" role="status" data-testid="export-status">
        {working && (progress && kind === 'zip' ? t('export.progress', { done: progress.done, total: progress.total }) : t('export.working'))}
        {phase.kind === 'done' && phase.text}
        {phase.kind === 'print-blocked' && (
          <>
            {t('export.printBlocked')}{' '}
            <button type="button" className="link-button" onClick={() => openPrintView(phase.token) && setPhase({ kind: 'done', text: t('export.printOpened') })}>
              {t('export.openPrint')}
            </button>
          </>
        )}
      </div>
      {phase.kind === 'error' && (
        <p className="field-error" role="alert">
          {phase.text}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          {t('export.close')}
        </button>
        <button type="button" className="primary" disabled={working || (kind !== 'zip' && props.postId === null)} onClick={() => void run()} autoFocus>
          {t('export.start')}
        </button>
      </div>
    </Dialog>
  );
}
