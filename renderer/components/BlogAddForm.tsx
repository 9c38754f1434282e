import { useState } from 'react';
import { BLOG_KINDS, type AddedBlog, type BlogKind } from '../../electron/common/model/blog';
import { useI18n } from '../i18n/i18n';
import { addBlogErrorText } from '../lib/error-texts';
import { blogLookCaptured, blogsChanged } from '../preview/preview-look';
import { api } from '../lib/api';
import { BlogChoiceNote } from './BlogChoiceNote';

export interface BlogAddFormProps {
  onAdded: (blog: AddedBlog) => void;
  /** The address is a blog set up already: its entry, to show it. */
  onExisting?: (blogId: string) => void;
}

/**
 * The address of a new blog. Kladde picks the interface itself (WordPress.com → XML-RPC, else REST, XML-RPC when
 * REST is blocked) and says which and why; „Erweitert“ lets the user pick one, e.g. WordPress.com's REST API.
 * Ghost is a system of its own, chosen above the address (its sign-in is an Admin API key).
 */
export function BlogAddForm({ onAdded, onExisting }: BlogAddFormProps) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<BlogKind | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<AddedBlog | null>(null);

  const add = async () => {
    setBusy(true);
    setError(null);
    setAdded(null);
    const r = await api.addBlog(kind ? { url, kind } : { url });
    setBusy(false);
    if (!r.ok) {
      const existing = r.error.params?.['blogId'];
      if (existing) onExisting?.(existing);
      return setError(addBlogErrorText(t, r.error));
    }
    setUrl('');
    setAdded(r.value);
    // The blog's look for the preview „Wie im Blog“ is fetched in the background; adding never waits for it.
    blogsChanged();
    void api.refreshBlogTheme(r.value.id).then((captured) => captured.ok && blogLookCaptured(captured.value));
    onAdded(r.value);
  };

  return (
    <>
      <form
        className="blog-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) void add();
        }}
      >
        <fieldset className="blog-system">
          <legend>{t('blogs.system')}</legend>
          <label>
            <input type="radio" name="blog-system" checked={kind !== 'ghost'} onChange={() => setKind('')} /> {t('blogs.systemWordPress')}
          </label>
          <label>
            <input type="radio" name="blog-system" checked={kind === 'ghost'} onChange={() => setKind('ghost')} /> {t('blogs.systemGhost')}
          </label>
        </fieldset>
        {kind === 'ghost' && <p className="muted">{t('blogs.ghostHint')}</p>}
        <label htmlFor="blog-url">{t('blogs.address')}</label>
        <input id="blog-url" placeholder={t('blogs.addressPlaceholder')} value={url} onChange={(e) => setUrl(e.target.value)} />
        {kind !== 'ghost' && (
          <details className="blog-advanced">
            <summary>{t('blogs.advanced')}</summary>
            <label htmlFor="blog-kind">{t('blogs.kindLabel')}</label>
            <select id="blog-kind" value={kind} onChange={(e) => setKind(e.target.value as BlogKind | '')}>
              <option value="">{t('blogs.kindAuto')}</option>
              {BLOG_KINDS.filter((k) => k !== 'ghost').map((k) => (
                <option key={k} value={k}>
                  {t(`blogs.kind.${k}`)}
                </option>
              ))}
            </select>
          </details>
        )}
        <button type="submit" className="primary" disabled={busy || !url.trim()}>
          {busy ? t('blogs.searching') : t('blogs.add')}
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert" data-testid="blog-add-error">
          {error}
        </p>
      )}
      {added && <BlogChoiceNote blog={added} />}
    </>
  );
}
