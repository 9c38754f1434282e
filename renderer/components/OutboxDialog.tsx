import { useEffect, useState } from 'react';
import type { OutboxJob, PublishedPost } from '../../electron/common/model/blog';
import { useI18n } from '../i18n/i18n';
import { api, onEvent, openExternal } from '../lib/api';
import { publishedWording } from '../lib/publish-wording';
import { publishErrorWords } from '../lib/error-texts';
import { formatScheduled } from '../lib/scheduled-date';
import { Dialog } from './Dialog';

/** The outbox: every publish job with its state, progress and reason, to cancel or try again. */
export function OutboxDialog(props: { onClose: () => void }) {
  const { t, language } = useI18n();
  const [jobs, setJobs] = useState<OutboxJob[]>([]);
  const [blogNames, setBlogNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    void api.listOutbox().then((r) => r.ok && setJobs(r.value));
    // Jobs name their blog by id (`127-0-0-1-44803`); the list shows the blog's name.
    void api.listBlogs().then((r) => r.ok && setBlogNames(new Map(r.value.map((b) => [b.id, b.name || b.url]))));
    return onEvent('outboxChanged', ({ jobs }) => setJobs(jobs));
  }, []);
  return (
    <Dialog title={t('outbox.title')} onClose={props.onClose} wide>
      {jobs.length === 0 && <p className="muted">{t('outbox.empty')}</p>}
      <ul className="outbox" data-testid="outbox">
        {jobs.map((j) => (
          <li key={j.id} className={`outbox-job job-${j.state}`}>
            <div>
              <strong>{j.title}</strong> <span className="muted" data-testid="outbox-blog">→ {blogNames.get(j.blogId) ?? j.blogId}</span>
            </div>
            <div className="job-state">
              {t(`outbox.state.${j.state}`)}
              {j.state === 'done' && j.result?.remoteStatus === 'future' && j.result.date && (
                <span data-testid="outbox-scheduled"> · {t('outbox.scheduled', { date: formatScheduled(j.result.date, language) })}</span>
              )}
              {j.state === 'sending' && j.progress && j.progress.phase === 'images' && ` · ${t('publish.progressImages', { done: j.progress.done, total: j.progress.total })}`}
              {j.error && ` · ${publishErrorWords(t, language, j.error).text}`}
              {j.state === 'waiting' && j.nextAttemptAt && ` · ${t('outbox.next', { when: new Date(j.nextAttemptAt).toLocaleTimeString() })}`}
            </div>
            <div className="row-buttons">
              {j.result && <PublishedLink result={j.result} />}
              {(j.state === 'waiting' || j.state === 'failed') && (
                <button type="button" onClick={() => void api.retryJob(j.id, j.options)}>
                  {t('outbox.retry')}
                </button>
              )}
              <button type="button" onClick={() => void api.cancelJob(j.id)}>
                {j.state === 'done' || j.state === 'cancelled' ? t('outbox.remove') : t('outbox.cancel')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={props.onClose}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** A done job's one working link: the public address, or the blog's editor for a draft or scheduled post. */
function PublishedLink({ result }: { result: PublishedPost }) {
  const { t, language } = useI18n();
  const w = publishedWording(result, language);
  if (w.link === 'none') return <span className="muted">{t(w.key, w.params)}</span>;
  return (
    <a href={w.url} title={t(w.key, w.params)} onClick={(e) => { e.preventDefault(); openExternal(w.url); }}>
      {w.link === 'public' ? t('outbox.open') : t('publish.result.edit')}
    </a>
  );
}
