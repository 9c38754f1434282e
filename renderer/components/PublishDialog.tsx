import { useEffect, useState } from 'react';
import type { ThirdPartyChoice, ThirdPartyEntry } from '../../electron/common/markdown/third-party';
import type { BlogView, OutboxJob, PublishOutcome as Outcome, PublishProblem, PublishProgress } from '../../electron/common/model/blog';
import { errorText, useI18n } from '../i18n/i18n';
import { api, onEvent } from '../lib/api';
import { Dialog } from './Dialog';
import { PublishBytes } from './PublishBytes';
import { PublishOutcome } from './PublishOutcome';
import { ThirdPartyCheck } from './ThirdPartyCheck';

export interface PublishDialogProps {
  postId: string;
  title: string;
  /** Saves the editor's text first: a job publishes the saved version. */
  save: () => Promise<boolean>;
  /** Remembers a Datenschutz choice in the open post's front matter; false when it cannot take it. */
  chooseThirdParty: (key: string, choice: ThirdPartyChoice) => boolean;
  onManageBlogs: () => void;
  onOpenPost: (id: string) => void;
  onClose: () => void;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'problems'; problems: PublishProblem[] }
  | { kind: 'sending'; jobId: string | null }
  | { kind: 'outcome'; outcome: Outcome }
  | { kind: 'error'; text: string };

/** Checks, then publishes the post to a chosen blog, showing progress, the link, or what to do next. */
export function PublishDialog(props: PublishDialogProps) {
  const { t } = useI18n();
  const [blogs, setBlogs] = useState<BlogView[] | null>(null);
  const [blogId, setBlogId] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [job, setJob] = useState<OutboxJob | null>(null);
  const [thirdParty, setThirdParty] = useState<ThirdPartyEntry[] | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  // The images' weight before and after shrinking, kept after the job's progress is gone (done).
  const [bytes, setBytes] = useState<PublishProgress['bytes'] | null>(null);
  const { postId } = props;

  useEffect(() => {
    void api.listBlogs().then((r) => {
      if (!r.ok) return setPhase({ kind: 'error', text: errorText(t, r.error) });
      setBlogs(r.value);
      setBlogId((current) => current || r.value[0]?.id || '');
    });
  }, [t]);

  // Problems are listed as soon as a blog is chosen, so the writer can fix them before pressing the button.
  useEffect(() => {
    if (!blogId) return;
    let live = true;
    setPhase({ kind: 'checking' });
    setThirdParty(null);
    void props.save().then(async () => {
      const [r, third] = await Promise.all([api.checkPublish(postId, blogId), api.listThirdParty(postId, blogId)]);
      if (!live) return;
      // The Datenschutz list is advice, not a problem: when it cannot be read, publishing still works.
      setThirdParty(third.ok ? third.value : []);
      if (!r.ok) setPhase({ kind: 'error', text: errorText(t, r.error) });
      else setPhase(r.value.length > 0 ? { kind: 'problems', problems: r.value } : { kind: 'idle' });
    });
    return () => {
      live = false;
    };
    // props.save is stable for the dialog's life.
  }, [blogId, postId, t]);

  useEffect(
    () =>
      onEvent('outboxChanged', ({ jobs }) => {
        const mine = jobs.filter((j) => j.postId === postId && j.blogId === blogId).at(-1);
        if (mine) setJob(mine);
        if (mine?.progress?.bytes) setBytes(mine.progress.bytes);
      }),
    [blogId, postId],
  );

  const publish = async (onConflict: 'ask' | 'overwrite' | 'publish-anew', retryJobId?: string) => {
    setPhase({ kind: 'sending', jobId: retryJobId ?? null });
    setBytes(null);
    if (!(await props.save())) return setPhase({ kind: 'error', text: t('publish.saveFirst') });
    const r = retryJobId ? await api.retryJob(retryJobId, { onConflict }) : await api.publishPost(postId, blogId, { onConflict });
    if (!r.ok) return setPhase({ kind: 'error', text: errorText(t, r.error) });
    setPhase(r.value.status === 'problems' ? { kind: 'problems', problems: r.value.problems } : { kind: 'outcome', outcome: r.value });
  };

  // The choice goes into the post (saved before publishing), so the next publish remembers it.
  const chooseThirdParty = (key: string, choice: ThirdPartyChoice) => {
    if (!props.chooseThirdParty(key, choice)) return setChoiceError(t('privacy.cannotSave'));
    setChoiceError(null);
    setThirdParty((list) => list?.map((e) => (e.key === key ? { ...e, choice } : e)) ?? null);
  };

  const blog = blogs?.find((b) => b.id === blogId) ?? null;
  const progress = phase.kind === 'sending' && job?.state === 'sending' ? job.progress : null;
  const busy = phase.kind === 'sending' || phase.kind === 'checking';

  return (
    <Dialog title={t('publish.title', { title: props.title })} onClose={props.onClose}>
      {blogs !== null && blogs.length === 0 ? (
        <p>
          {t('publish.noBlogs')}{' '}
          <button type="button" onClick={props.onManageBlogs}>
            {t('blogs.title')}
          </button>
        </p>
      ) : (
        <div className="settings-grid">
          <label htmlFor="publish-blog">{t('publish.blog')}</label>
          <select id="publish-blog" value={blogId} disabled={busy} onChange={(e) => setBlogId(e.target.value)}>
            {blogs?.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name || b.url}
              </option>
            ))}
          </select>
        </div>
      )}
      {blog && !blog.hasCredentials && (
        <p className="field-error">
          {t('publish.noCredentials')}{' '}
          <button type="button" onClick={props.onManageBlogs}>
            {t('blogs.signIn')}
          </button>
        </p>
      )}
      {blog?.kind === 'micropub' && <p className="muted" data-testid="publish-no-online-check">{t('publish.noOnlineCheck')}</p>}
      {blog && phase.kind !== 'outcome' && <ThirdPartyCheck entries={thirdParty} disabled={busy} onChoose={chooseThirdParty} error={choiceError} />}
      <div className="publish-state" role="status" data-testid="publish-state">
        {phase.kind === 'checking' && <p className="muted">{t('publish.checking')}</p>}
        {phase.kind === 'problems' && (
          <>
            <p>{t('publish.problems')}</p>
            <ul className="credit-problems">
              {phase.problems.map((p, i) => (
                <li key={i}>
                  {p.line ? t('publish.line', { line: p.line }) + ' ' : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          </>
        )}
        {phase.kind === 'sending' && (
          <p>
            {progress
              ? progress.phase === 'images'
                ? t('publish.progressImages', { done: progress.done, total: progress.total })
                : t(`publish.phase.${progress.phase}`)
              : t('publish.sending')}
          </p>
        )}
        {bytes && (phase.kind === 'sending' || phase.kind === 'outcome') && <PublishBytes bytes={bytes} />}
        {phase.kind === 'error' && <p className="field-error">{phase.text}</p>}
        {phase.kind === 'outcome' && blog && (
          <PublishOutcome outcome={phase.outcome} onRetry={publish} onOpenPost={props.onOpenPost} onClose={props.onClose} postId={postId} blog={blog} />
        )}
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          {phase.kind === 'outcome' ? t('settings.close') : t('dialog.cancel')}
        </button>
        {phase.kind !== 'outcome' && blogs !== null && blogs.length > 0 && (
          <button type="button" className="primary" disabled={busy || !blog || !blog.hasCredentials || phase.kind === 'problems'} onClick={() => void publish('ask')}>
            {t('publish.go')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
