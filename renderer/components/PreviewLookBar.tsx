import type { BlogLookState } from '../hooks/useBlogLook';
import { errorText, useI18n } from '../i18n/i18n';

export interface PreviewLookBarProps {
  state: BlogLookState;
}

/** Above the preview: „Artikel“ / „Wie im Blog“, loading the blog's look, and the featured-image hint. */
export function PreviewLookBar({ state }: PreviewLookBarProps) {
  const { t } = useI18n();
  const blogName = state.blog ? state.blog.name || state.blog.url : '';
  const missing = state.look === 'blog' && state.blog !== null && state.theme === null;
  return (
    <div className="preview-look-bar">
      <div className="preview-look-switch" role="radiogroup" aria-label={t('preview.lookLabel')}>
        {(['article', 'blog'] as const).map((look) => (
          <button key={look} type="button" role="radio" aria-checked={state.look === look} className={state.look === look ? 'active' : ''} onClick={() => state.setLook(look)}>
            {t(look === 'article' ? 'preview.lookArticle' : 'preview.lookBlog')}
          </button>
        ))}
        {state.look === 'blog' && blogName && <span className="preview-look-blog">{blogName}</span>}
      </div>
      {state.look === 'blog' && !state.blog && (
        <p className="preview-look-note" role="status">
          {t('preview.lookNoBlog')}
        </p>
      )}
      {(missing || state.loading || state.error) && (
        <p className="preview-look-note" role="status">
          {state.loading ? t('preview.lookLoading') : state.error ? t('preview.lookFailed', { message: errorText(t, state.error) }) : t('preview.lookMissing', { blog: blogName })}{' '}
          {!state.loading && (
            <button type="button" onClick={() => void state.load()}>
              {t('preview.lookLoad')}
            </button>
          )}
        </p>
      )}
      {state.featuredTwice && (
        <div className="preview-look-note preview-featured-twice" role="note">
          <p>{t('preview.featuredTwice', { blog: blogName })}</p>
          <button type="button" onClick={() => state.choosePost('body')}>
            {t('preview.featuredTwiceBody')}
          </button>
          <button type="button" onClick={() => void state.chooseBlog('body')}>
            {t('preview.featuredTwiceBlog')}
          </button>
          <button type="button" onClick={() => state.choosePost('both')}>
            {t('preview.featuredTwiceBoth')}
          </button>
        </div>
      )}
    </div>
  );
}
