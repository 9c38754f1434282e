import { useRef, useState } from 'react';
import type { AppInfo } from '../../../electron/common/ipc/contract';
import { MAX_BODY_BYTES, MAX_BODY_MB } from '../../../electron/common/ipc/limits';
import type { ImportFile } from '../../../electron/common/model/import';
import { errorText, useI18n } from '../../i18n/i18n';
import { api } from '../../lib/api';

export interface ImportWxrPickerProps {
  transport: AppInfo['transport'];
  libraryPath: string;
  file: ImportFile | null;
  onFile: (file: ImportFile) => void;
}

type Problem = { kind: 'too-large'; name: string; mb: number } | { kind: 'text'; text: string };

/** Megabytes with one decimal, rounded up: a file just over the limit must not read as exactly the limit. */
const megabytes = (bytes: number) => Math.max(0.1, Math.ceil((bytes / (1024 * 1024)) * 10) / 10);

/**
 * Picks the WordPress export. The app asks main for its open dialog (the path stays in main); the browser has none,
 * so it reads the chosen file and sends its bytes — up to the web host's body limit. A larger export is refused
 * here, before anything is sent, with the command line that imports it as a stream.
 */
export function ImportWxrPicker(props: ImportWxrPickerProps) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const choose = async () => {
    setProblem(null);
    // In the browser chooseImportFile always answers null; the file input must open within the click itself.
    if (props.transport === 'web') return input.current?.click();
    const r = await api.chooseImportFile();
    if (!r.ok) return setProblem({ kind: 'text', text: errorText(t, r.error) });
    if (r.value) props.onFile(r.value);
  };

  const upload = async (file: File) => {
    setProblem(null);
    if (!/\.xml$/i.test(file.name)) return setProblem({ kind: 'text', text: t('import.fileNotXml') });
    if (file.size > MAX_BODY_BYTES) return setProblem({ kind: 'too-large', name: file.name, mb: megabytes(file.size) });
    setBusy(true);
    const r = await api.uploadImportFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    setBusy(false);
    if (!r.ok) return setProblem({ kind: 'text', text: errorText(t, r.error) });
    props.onFile(r.value);
  };

  return (
    <div className="import-file">
      <div className="row-buttons">
        <button type="button" disabled={busy} onClick={() => void choose()}>
          {props.file ? t('import.chooseOther') : t('import.chooseFile')}
        </button>
        {busy && <span className="muted">{t('import.reading')}</span>}
        {!busy && props.file && (
          <span className="import-file-name" data-testid="import-file">
            {props.file.name} <span className="muted">({t('import.fileSize', { size: megabytes(props.file.size) })})</span>
          </span>
        )}
      </div>
      <input
        ref={input}
        type="file"
        accept=".xml,application/xml,text/xml"
        hidden
        aria-label={t('import.sourceWxr')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void upload(file);
        }}
      />
      {problem?.kind === 'text' && (
        <p className="field-error" role="alert">
          {problem.text}
        </p>
      )}
      {problem?.kind === 'too-large' && (
        <div className="field-error" role="alert">
          <p>{t('import.fileTooLarge', { size: problem.mb, max: MAX_BODY_MB })}</p>
          <code className="import-command">{`npx kladde import "${problem.name}" --library "${props.libraryPath}"`}</code>
        </div>
      )}
    </div>
  );
}
