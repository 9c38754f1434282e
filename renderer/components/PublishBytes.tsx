import type { PublishProgress } from '../../electron/common/model/blog';
import { uiDateLocale, useI18n } from '../i18n/i18n';
import { formatBytes } from '../lib/byte-size';

export interface PublishBytesProps {
  bytes: NonNullable<PublishProgress['bytes']>;
}

/** How much the images weighed in the library and how much went to the blog after shrinking them. */
export function PublishBytes({ bytes }: PublishBytesProps) {
  const { t, language } = useI18n();
  if (bytes.files === 0) return null;
  const locale = uiDateLocale(language);
  return (
    <p className="muted" data-testid="publish-bytes" data-original={bytes.original} data-sent={bytes.sent}>
      {t('publish.bytes', { files: bytes.files, sent: formatBytes(bytes.sent, locale), original: formatBytes(bytes.original, locale) })}
    </p>
  );
}
