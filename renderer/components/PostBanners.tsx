import { useEffect } from 'react';
import type { PostDocumentStore, PostSnapshot } from '../document/post-document-store';
import { usePostSelector } from '../document/use-post-snapshot';
import { useI18n } from '../i18n/i18n';
import { ConflictBanner } from './ConflictBanner';
import { EncodingBanner } from './EncodingBanner';

export interface PostBannersProps {
  store: PostDocumentStore;
  error: string | null;
  onDismissError: () => void;
}

const selectConflict = (s: PostSnapshot) => s.conflict;
const selectNotice = (s: PostSnapshot) => s.notice;
const selectReadOnly = (s: PostSnapshot) => s.readOnly;
const NOTICE_MS = 6000;

/** Errors, the conflict over unsaved text, and the notice that the post was reloaded from disk. */
export function PostBanners({ store, error, onDismissError }: PostBannersProps) {
  const { t } = useI18n();
  const conflict = usePostSelector(store, selectConflict);
  const notice = usePostSelector(store, selectNotice);
  const readOnly = usePostSelector(store, selectReadOnly);

  // The reload notice is information, not a question: it goes away by itself.
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => store.dismissNotice(), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, store]);

  return (
    <>
      {error && (
        <div className="banner banner-error" role="alert">
          <span>{error}</span>
          <button type="button" className="ghost" aria-label={t('error.dismiss')} onClick={onDismissError}>
            ×
          </button>
        </div>
      )}
      {readOnly && (
        <EncodingBanner encoding={readOnly.encoding} preview={store.getSnapshot().savedText} onConvert={() => store.convertToUtf8()} />
      )}
      {conflict && (
        <ConflictBanner
          mine={() => store.getSnapshot().text}
          theirs={conflict.diskText}
          onKeepMine={() => void store.keepMine()}
          onTakeTheirs={() => store.takeTheirs()}
        />
      )}
      {notice === 'reloaded' && (
        <div className="banner banner-info" role="status" data-testid="reloaded-notice">
          <span>{t('conflict.reloaded')}</span>
          <button type="button" className="ghost" aria-label={t('error.dismiss')} onClick={() => store.dismissNotice()}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
