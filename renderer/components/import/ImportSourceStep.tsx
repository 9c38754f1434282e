import type { AppInfo } from '../../../electron/common/ipc/contract';
import type { BlogView } from '../../../electron/common/model/blog';
import type { ImportFile } from '../../../electron/common/model/import';
import { useI18n } from '../../i18n/i18n';
import { ImportWxrPicker } from './ImportWxrPicker';

/** What the first step decides: where the posts come from, and how. */
export interface ImportChoice {
  source: { kind: 'blog'; blogId: string } | { kind: 'wxr' } | null;
  /** The chosen export (WXR only). */
  file: ImportFile | null;
  includePages: boolean;
  /** WXR only: false keeps the images' addresses on the blog („Bilder herunterladen“ later). */
  downloadImages: boolean;
  /** WXR only: the connected blog the export came from, so the next publish updates the same posts. */
  wxrBlogId: string | null;
}

export interface ImportSourceStepProps {
  blogs: BlogView[];
  choice: ImportChoice;
  onChoice: (patch: Partial<ImportChoice>) => void;
  transport: AppInfo['transport'];
  libraryPath: string;
  onManageBlogs: () => void;
  onCancel: () => void;
  onNext: () => void;
}

/** Step 1: a connected blog or a WordPress export file, and the options that go with it. */
export function ImportSourceStep(props: ImportSourceStepProps) {
  const { t } = useI18n();
  const { blogs, choice, onChoice } = props;
  const source = choice.source;
  const ready = source?.kind === 'blog' || (source?.kind === 'wxr' && choice.file !== null);

  const chooseFile = (file: ImportFile) => {
    // The export names the blog it came from; when that blog is connected, the posts belong to it.
    const site = file.site ? sameSite(file.site) : null;
    const match = site ? blogs.find((b) => sameSite(b.url) === site) : undefined;
    onChoice({ file, source: { kind: 'wxr' }, wxrBlogId: match?.id ?? choice.wxrBlogId });
  };

  return (
    <form
      className="import-source"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) props.onNext();
      }}
    >
      <fieldset className="import-fieldset">
        <legend>{t('import.source')}</legend>
        {blogs.length === 0 && (
          <p className="muted">
            {t('import.noBlogs')}{' '}
            <button type="button" className="link-button" onClick={props.onManageBlogs}>
              {t('blogs.title')}
            </button>
          </p>
        )}
        {blogs.map((b) => (
          <label key={b.id} className={b.hasCredentials ? 'import-option' : 'import-option disabled'}>
            <input
              type="radio"
              name="import-source"
              value={b.id}
              disabled={!b.hasCredentials}
              checked={source?.kind === 'blog' && source.blogId === b.id}
              autoFocus={source?.kind === 'blog' && source.blogId === b.id}
              onChange={() => onChoice({ source: { kind: 'blog', blogId: b.id } })}
            />
            <span className="import-option-text">
              <strong>{b.name || b.url}</strong>
              <span className="muted">
                {b.url}
                {!b.hasCredentials && ` · ${t('import.notSignedIn')} – ${t('import.signInFirst')}`}
              </span>
            </span>
          </label>
        ))}
        <label className="import-option">
          <input type="radio" name="import-source" value="wxr" checked={source?.kind === 'wxr'} onChange={() => onChoice({ source: { kind: 'wxr' } })} />
          <span className="import-option-text">
            <strong>{t('import.sourceWxr')}</strong>
            <span className="muted">{t('import.wxrHint')}</span>
          </span>
        </label>
        {source?.kind === 'wxr' && (
          <div className="import-wxr">
            <ImportWxrPicker transport={props.transport} libraryPath={props.libraryPath} file={choice.file} onFile={chooseFile} />
            {blogs.length > 0 && (
              <div className="import-wxr-blog">
                <label htmlFor="import-wxr-blog">{t('import.wxrBlog')}</label>
                <select id="import-wxr-blog" value={choice.wxrBlogId ?? ''} onChange={(e) => onChoice({ wxrBlogId: e.target.value || null })}>
                  <option value="">{t('import.wxrNoBlog')}</option>
                  {blogs.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name || b.url}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
        )}
      </fieldset>
      <fieldset className="import-fieldset">
        <legend>{t('import.options')}</legend>
        <label className="check">
          <input type="checkbox" checked={choice.includePages} onChange={(e) => onChoice({ includePages: e.target.checked })} />
          {t('import.includePages')}
        </label>
        {source?.kind === 'wxr' && (
          <>
            <label className="check">
              <input type="checkbox" checked={choice.downloadImages} onChange={(e) => onChoice({ downloadImages: e.target.checked })} />
              {t('import.downloadImages')}
            </label>
            {!choice.downloadImages && <p className="import-hint muted">{t('import.downloadImagesOff')}</p>}
          </>
        )}
      </fieldset>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onCancel}>
          {t('dialog.cancel')}
        </button>
        <button type="submit" className="primary" disabled={!ready}>
          {source?.kind === 'wxr' ? t('import.start') : t('import.next')}
        </button>
      </div>
    </form>
  );
}

/** A blog address reduced to host and path, so `https://x.de/` and `http://x.de` name the same blog. */
function sameSite(url: string): string {
  return url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}
