import { useEffect, useState } from 'react';
import type { BlogTerms, BlogView } from '../../electron/common/model/blog';
import { errorText, useI18n } from '../i18n/i18n';
import { api } from '../lib/api';
import { blogsChanged } from '../preview/preview-look';
import { BlogImageSettings } from './BlogImageSettings';
import { BlogSignIn } from './BlogSignIn';
import { BlogThemeSettings } from './BlogThemeSettings';

/** One blog's sign-in, publishing defaults and removal. */
export function BlogSettings({ blog, onChanged, onImport }: { blog: BlogView; onChanged: () => void; onImport: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [terms, setTerms] = useState<BlogTerms | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  // Just connected: the natural next step is bringing the blog's posts home.
  const [justConnected, setJustConnected] = useState(false);

  useEffect(() => {
    void api.listBlogTerms(blog.id).then((r) => r.ok && setTerms(r.value));
  }, [blog.id]);

  const signedIn = async (verified: boolean) => {
    onChanged();
    if (!verified) return;
    setJustConnected(true);
    const r = await api.refreshBlogTerms(blog.id);
    if (r.ok) setTerms(r.value);
  };

  const patch = async (p: Parameters<typeof api.updateBlog>[1]) => {
    const r = await api.updateBlog(blog.id, p);
    if (!r.ok) setStatus({ kind: 'error', text: errorText(t, r.error) });
    onChanged();
  };

  return (
    <section className="blog-settings" aria-label={blog.name || blog.url}>
      <div className="blog-settings-head">
        <h3>{blog.name || blog.url}</h3>
        {blog.hasCredentials && !justConnected && (
          <button type="button" onClick={onImport}>
            {t('import.open')}
          </button>
        )}
      </div>
      <p className="muted">{t('blogs.apiOf', { kind: t(`blogs.kind.${blog.kind}`), api: blog.apiRoot })}</p>
      <BlogSignIn blog={blog} onSignedIn={(verified) => void signedIn(verified)} />
      {justConnected && (
        <p className="import-invite row-buttons">
          <span>{t('import.nowQuestion')}</span>
          <button type="button" className="primary" onClick={onImport}>
            {t('import.open')}
          </button>
        </p>
      )}
      {status && (
        <p className="field-error" role="status">
          {status.text}
        </p>
      )}
      <div className="settings-grid">
        <label htmlFor="blog-status">{t('blogs.defaultStatus')}</label>
        <select id="blog-status" value={blog.defaultStatus} onChange={(e) => void patch({ defaultStatus: e.target.value as BlogView['defaultStatus'] })}>
          <option value="draft">{t('blogs.statusDraft')}</option>
          <option value="publish">{t('blogs.statusPublish')}</option>
        </select>
        <label htmlFor="blog-category">{t('blogs.defaultCategory')}</label>
        <select id="blog-category" value={blog.defaultCategory} onChange={(e) => void patch({ defaultCategory: e.target.value })}>
          <option value="">{t('blogs.blogDefault')}</option>
          {terms?.categories.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <label htmlFor="blog-output">{t('blogs.output')}</label>
        <select id="blog-output" value={blog.output} onChange={(e) => void patch({ output: e.target.value as BlogView['output'] })}>
          <option value="blocks">{t('blogs.outputBlocks')}</option>
          <option value="classic">{t('blogs.outputClassic')}</option>
        </select>
        <BlogImageSettings blog={blog} onChange={(images) => void patch({ images })} />
        <span>{t('blogs.terms')}</span>
        <div className="row-buttons">
          <span className="muted">
            {terms?.fetchedAt ? t('blogs.termsCount', { categories: terms.categories.length, tags: terms.tags.length }) : t('blogs.termsNever')}
          </span>
          <button
            type="button"
            onClick={async () => {
              const r = await api.refreshBlogTerms(blog.id);
              if (r.ok) setTerms(r.value);
              else setStatus({ kind: 'error', text: errorText(t, r.error) });
            }}
          >
            {t('blogs.refreshTerms')}
          </button>
        </div>
        <BlogThemeSettings blog={blog} onPatch={patch} />
      </div>
      <div className="row-buttons">
        {confirmRemove ? (
          <>
            <span>{t('blogs.removeConfirm')}</span>
            <button type="button" onClick={() => setConfirmRemove(false)}>
              {t('dialog.cancel')}
            </button>
            <button type="button" className="danger-solid" onClick={() =>
                void api.removeBlog(blog.id).then(() => {
                  onChanged();
                  // An open „Wie im Blog“ preview may be showing this blog's look: it reads the blogs again.
                  blogsChanged();
                })
              }>
              {t('blogs.remove')}
            </button>
          </>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirmRemove(true)}>
            {t('blogs.remove')} …
          </button>
        )}
      </div>
    </section>
  );
}
