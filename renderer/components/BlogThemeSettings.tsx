import { useEffect, useState } from 'react';
import type { BlogTheme } from '../../electron/common/blog-theme/blog-theme';
import type { BlogView } from '../../electron/common/model/blog';
import { errorText, useI18n } from '../i18n/i18n';
import { api } from '../lib/api';
import { blogLookCaptured, blogsChanged } from '../preview/preview-look';

export interface BlogThemeSettingsProps {
  blog: BlogView;
  onPatch: (patch: Parameters<typeof api.updateBlog>[1]) => Promise<void>;
}

/** A blog's look for the preview („Aussehen des Blogs laden/aktualisieren“) and what to do with a featured image shown twice. */
export function BlogThemeSettings({ blog, onPatch }: BlogThemeSettingsProps) {
  const { t, language } = useI18n();
  const [theme, setTheme] = useState<BlogTheme | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.getBlogTheme(blog.id).then((r) => r.ok && setTheme(r.value));
  }, [blog.id]);

  const load = async () => {
    setBusy(true);
    setError(null);
    const r = await api.refreshBlogTheme(blog.id);
    setBusy(false);
    if (!r.ok) return setError(errorText(t, r.error));
    setTheme(r.value);
    blogLookCaptured(r.value);
  };

  return (
    <>
      <span>{t('blogs.theme')}</span>
      <div className="row-buttons">
        <span className="muted" role="status">
          {busy
            ? t('preview.lookLoading')
            : error
              ? error
              : theme
                ? t('blogs.themeLoaded', { date: new Date(theme.fetchedAt).toLocaleString(language), size: Math.round(theme.bytes / 1024) })
                : t('blogs.themeNever')}
        </span>
        <button type="button" disabled={busy} onClick={() => void load()}>
          {t(theme ? 'blogs.themeRefresh' : 'blogs.themeLoad')}
        </button>
      </div>
      <label htmlFor="blog-featured-twice">{t('blogs.featuredTwice')}</label>
      <select id="blog-featured-twice" value={blog.featuredTwice ?? 'ask'} onChange={(e) => void onPatch({ featuredTwice: e.target.value as NonNullable<BlogView['featuredTwice']> }).then(blogsChanged)}>
        <option value="ask">{t('blogs.featuredTwiceAsk')}</option>
        <option value="body">{t('blogs.featuredTwiceBody')}</option>
        <option value="both">{t('blogs.featuredTwiceBoth')}</option>
      </select>
    </>
  );
}
