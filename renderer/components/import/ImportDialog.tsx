import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../electron/common/ipc/contract';
import type { BlogView } from '../../../electron/common/model/blog';
import type { ImportRequest } from '../../../electron/common/model/import';
import { useImportJob } from '../../hooks/useImportJob';
import { errorText, useI18n } from '../../i18n/i18n';
import { api } from '../../lib/api';
import { Dialog } from '../Dialog';
import { ImportPostList } from './ImportPostList';
import { ImportProgress } from './ImportProgress';
import { ImportSourceStep, type ImportChoice } from './ImportSourceStep';
import { ImportSummary } from './ImportSummary';

export interface ImportDialogProps {
  /** Opened from a blog in the blogs dialog: go straight to that blog's posts. */
  blogId: string | null;
  transport: AppInfo['transport'];
  libraryPath: string;
  onManageBlogs: () => void;
  onOpenPost: (postId: string) => void;
  onClose: () => void;
}

type Step = 'source' | 'list' | 'job';

/**
 * „Beiträge holen“: choose a connected blog or a WordPress export, (for a blog) choose its posts, then follow the
 * import and see what came of each post. Escape while posts are coming cancels the import instead of hiding it.
 */
export function ImportDialog(props: ImportDialogProps) {
  const { t } = useI18n();
  const [blogs, setBlogs] = useState<BlogView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choice, setChoice] = useState<ImportChoice>({
    source: props.blogId ? { kind: 'blog', blogId: props.blogId } : null,
    file: null,
    includePages: false,
    downloadImages: true,
    wxrBlogId: null,
  });
  const [step, setStep] = useState<Step>('source');
  const [lastRequest, setLastRequest] = useState<ImportRequest | null>(null);
  const importJob = useImportJob();
  const { job } = importJob;
  const running = step === 'job' && job?.state === 'running';

  useEffect(() => {
    void api.listBlogs().then((r) => {
      if (!r.ok) return setLoadError(errorText(t, r.error));
      setBlogs(r.value);
      // Opened for one blog: its posts right away when it can be asked; else the first signed-in blog is offered.
      const wanted = r.value.find((b) => b.id === props.blogId && b.hasCredentials);
      if (wanted) return setStep('list');
      const first = r.value.find((b) => b.hasCredentials);
      setChoice((c) => (c.source?.kind === 'wxr' ? c : { ...c, source: first ? { kind: 'blog', blogId: first.id } : null }));
    });
    // Only on opening: the blogs do not change while this dialog is open.
  }, []);

  const run = async (request: ImportRequest) => {
    setLastRequest(request);
    if (await importJob.start(request)) setStep('job');
  };

  const startFromSource = () => {
    const { source, file } = choice;
    if (source?.kind === 'blog') return setStep('list');
    if (source?.kind === 'wxr' && file) {
      void run({
        kind: 'wxr',
        fileToken: file.fileToken,
        blogId: choice.wxrBlogId,
        downloadImages: choice.downloadImages,
        includePages: choice.includePages,
        overwriteLocal: [],
      });
    }
  };

  const overwrite = (remoteIds: string[]) => {
    if (!lastRequest) return;
    void run(lastRequest.kind === 'blog' ? { ...lastRequest, remoteIds, overwriteLocal: remoteIds } : { ...lastRequest, overwriteLocal: remoteIds });
  };

  const close = () => {
    if (running) void importJob.cancel();
    else props.onClose();
  };

  const { source } = choice;
  const blog = source?.kind === 'blog' ? (blogs?.find((b) => b.id === source.blogId) ?? null) : null;
  const startError = importJob.error ? errorText(t, importJob.error) : null;

  return (
    <Dialog title={t('import.title')} onClose={close} className="dialog-import">
      {loadError && (
        <p className="field-error" role="alert">
          {loadError}
        </p>
      )}
      {step === 'source' && blogs && (
        <ImportSourceStep
          blogs={blogs}
          choice={choice}
          onChoice={(patch) => setChoice((c) => ({ ...c, ...patch }))}
          transport={props.transport}
          libraryPath={props.libraryPath}
          onManageBlogs={props.onManageBlogs}
          onCancel={props.onClose}
          onNext={startFromSource}
        />
      )}
      {step === 'list' && blog && (
        <ImportPostList
          blog={blog}
          includePages={choice.includePages}
          onBack={() => setStep('source')}
          onStart={(remoteIds) => void run({ kind: 'blog', blogId: blog.id, remoteIds, includePages: choice.includePages, overwriteLocal: [] })}
        />
      )}
      {step === 'job' && job && job.state === 'running' && <ImportProgress job={job} cancelling={importJob.cancelling} onCancel={() => void importJob.cancel()} />}
      {step === 'job' && job && job.state !== 'running' && (
        <ImportSummary
          job={job}
          onOverwrite={overwrite}
          onDownloadImages={() => void importJob.downloadImages(null)}
          onOpenPost={(postId) => {
            props.onClose();
            props.onOpenPost(postId);
          }}
          onAgain={() => setStep('source')}
          onClose={props.onClose}
        />
      )}
      {startError && (
        <p className="field-error" role="alert">
          {startError}
        </p>
      )}
    </Dialog>
  );
}
