import { useState } from 'react';
import type { BlogView, PublishOutcome as Outcome } from '../../electron/common/model/blog';
import { formatDateTimeShort } from '../../electron/common/text/dates';
import { useI18n } from '../i18n/i18n';
import { api, openExternal } from '../lib/api';
import { publishErrorWords, queuedText } from '../lib/error-texts';
import { publishedWording } from '../lib/publish-wording';
import { BlogSignIn } from './BlogSignIn';

export interface PublishOutcomeProps {
  outcome: Outcome;
  postId: string;
  blog: BlogView;
  onRetry: (onConflict: 'ask' | 'overwrite' | 'publish-anew', jobId?: string) => Promise<void>;
  onOpenPost: (id: string) => void;
  onClose: () => void;
}

/** What came of a publish: the link, the outbox, a conflict to decide, or a failure with its way out. */
export function PublishOutcome(props: PublishOutcomeProps) {
  const { t, language } = useI18n();
  const o = props.outcome;
  if (o.status === 'done') {
    const w = publishedWording(o, language);
    return (
      <p className="ok-text" data-testid="publish-done" data-remote-status={o.remoteStatus}>
        {t(w.key, w.params)}{' '}
        {w.link !== 'none' && (
          <a href={w.url} onClick={(e) => { e.preventDefault(); openExternal(w.url); }}>
            {w.link === 'public' ? w.url : t('publish.result.edit')}
          </a>
        )}
      </p>
    );
  }
  if (o.status === 'queued') return <p data-testid="publish-queued">{queuedText(t, language, o.error)}</p>;
  if (o.status === 'failed') {
    return (
      <div data-testid="publish-failed">
        <p className="field-error">{publishErrorWords(t, language, o.error).text}</p>
        {o.error.code === 'deleted-online' && (
          <button type="button" className="primary" onClick={() => void props.onRetry('publish-anew', o.jobId)}>
            {t('publish.anew')}
          </button>
        )}
        {(o.error.code === 'auth' || o.error.code === 'forbidden' || o.error.code === 'no-credentials') && (
          <SignInAgain blog={props.blog} onSend={() => void props.onRetry('ask', o.jobId)} />
        )}
      </div>
    );
  }
  if (o.status === 'conflict') {
    return (
      <div data-testid="publish-conflict">
        <p>{t('publish.conflict', { when: formatDateTimeShort(`${o.online.modifiedGmt}Z`, language) })}</p>
        <div className="row-buttons">
          <button type="button" className="danger-solid" onClick={() => void props.onRetry('overwrite', o.jobId)}>
            {t('publish.overwrite')}
          </button>
          <button
            type="button"
            onClick={async () => {
              const r = await api.downloadOnlineCopy(props.postId, props.blog.id);
              await api.cancelJob(o.jobId);
              if (r.ok) {
                props.onOpenPost(r.value.id);
                props.onClose();
              }
            }}
          >
            {t('publish.downloadCopy')}
          </button>
          <button type="button" onClick={() => void api.cancelJob(o.jobId).then(props.onClose)}>
            {t('dialog.cancel')}
          </button>
        </div>
      </div>
    );
  }
  return null;
}

/**
 * After a refused sign-in (a revoked application password): „Neu anmelden“ opens the blog's sign-in right here,
 * and once the blog took the new password „Noch einmal senden“ tries the same job again.
 */
function SignInAgain(props: { blog: BlogView; onSend: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [signedIn, setSignedIn] = useState(false);
  if (!open) {
    return (
      <button type="button" className="primary" data-testid="publish-sign-in-again" onClick={() => setOpen(true)}>
        {t('publish.signInAgain')}
      </button>
    );
  }
  return (
    <div className="publish-sign-in" data-testid="publish-sign-in">
      <BlogSignIn blog={props.blog} onSignedIn={(verified) => setSignedIn(verified)} />
      {signedIn && (
        <button type="button" className="primary" onClick={props.onSend}>
          {t('publish.sendAgain')}
        </button>
      )}
    </div>
  );
}
