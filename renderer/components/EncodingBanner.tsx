import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

export interface EncodingBannerProps {
  /** The encoding the file was read in (OpenedPost.readOnly.encoding). */
  encoding: string;
  /** The post's text as it will be after the conversion (OpenedPost.text: already decoded from `encoding`). */
  preview: string;
  /** Calls `convertPostToUtf8` and opens the converted post; rejects (or resolves false) when it failed. */
  onConvert: () => Promise<unknown>;
}

/**
 * Shown above a post that opened read-only because its file is not UTF-8. Nothing is saved until the user asks
 * for the conversion here, so no byte of the file changes by accident; the preview shows what will be written.
 */
export function EncodingBanner(props: EncodingBannerProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [showPreview, setShowPreview] = useState(false);
  const convert = () => {
    setBusy(true);
    void props.onConvert().finally(() => setBusy(false));
  };
  return (
    <div className="banner banner-warning" role="alert" data-testid="encoding-banner">
      <span>
        <strong>{t('encoding.title')}</strong> {t('encoding.explain', { encoding: props.encoding === 'windows-1252' ? 'Windows-1252 (Latin-1)' : props.encoding })}
      </span>
      <span className="banner-actions">
        <button type="button" onClick={() => setShowPreview(!showPreview)} aria-expanded={showPreview}>
          {t('encoding.previewLabel')}
        </button>
        <button type="button" onClick={convert} disabled={busy}>
          {busy ? t('encoding.converting') : t('encoding.convert')}
        </button>
      </span>
      {showPreview && (
        <pre className="encoding-preview" aria-label={t('encoding.previewLabel')}>
          {props.preview.length > 4000 ? props.preview.slice(0, 4000) + '\n…' : props.preview}
        </pre>
      )}
    </div>
  );
}
