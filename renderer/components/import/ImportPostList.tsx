import { useState } from 'react';
import type { BlogView } from '../../../electron/common/model/blog';
import { REMOTE_PAGE_SIZE, useRemotePosts } from '../../hooks/useRemotePosts';
import { errorText, uiDateLocale, useI18n } from '../../i18n/i18n';
import { ImportPostRow } from './ImportPostRow';

export interface ImportPostListProps {
  blog: BlogView;
  includePages: boolean;
  onBack: () => void;
  /** The chosen posts' remote ids, or null for all of the blog's posts. */
  onStart: (remoteIds: string[] | null) => void;
}

/** Step 2 for a blog: its posts page by page, searchable, to fetch all or the chosen ones. */
export function ImportPostList(props: ImportPostListProps) {
  const { t, language } = useI18n();
  const list = useRemotePosts(props.blog.id, props.includePages);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const posts = list.data?.posts ?? [];
  const total = list.data?.total ?? null;
  const pages = total === null ? null : Math.max(1, Math.ceil(total / REMOTE_PAGE_SIZE));
  const allOnPage = posts.length > 0 && posts.every((p) => chosen.has(p.remoteId));

  const toggle = (ids: string[], on: boolean) =>
    setChosen((old) => {
      const next = new Set(old);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  return (
    <div className="import-list">
      <h3 className="import-step-title">{t('import.listTitle', { name: props.blog.name || props.blog.url })}</h3>
      <div className="import-list-head">
        <input
          type="search"
          autoFocus
          placeholder={t('import.search')}
          aria-label={t('import.search')}
          value={list.search}
          onChange={(e) => list.setSearch(e.target.value)}
        />
        <span className="muted" aria-live="polite">
          {list.loading ? t('import.loading') : total !== null ? t('import.total', { count: total }) : ''}
        </span>
      </div>
      {list.error && (
        <p className="field-error" role="alert">
          {errorText(t, list.error)}
        </p>
      )}
      <label className="check import-select-page">
        <input type="checkbox" checked={allOnPage} disabled={posts.length === 0} onChange={(e) => toggle(posts.map((p) => p.remoteId), e.target.checked)} />
        {t('import.selectPage')}
      </label>
      <ul className="import-posts" aria-label={t('import.listTitle', { name: props.blog.name || props.blog.url })} aria-busy={list.loading}>
        {posts.map((p) => (
          <ImportPostRow key={p.remoteId} post={p} chosen={chosen.has(p.remoteId)} onToggle={(on) => toggle([p.remoteId], on)} dateLocale={uiDateLocale(language)} t={t} />
        ))}
        {!list.loading && posts.length === 0 && !list.error && <li className="muted import-empty">{t('import.empty')}</li>}
      </ul>
      <nav className="import-pager" aria-label={pages ? t('import.pageOf', { page: list.page, pages }) : t('import.page', { page: list.page })}>
        <button type="button" className="ghost" disabled={list.page <= 1 || list.loading} onClick={() => list.setPage(list.page - 1)}>
          {t('import.prevPage')}
        </button>
        <span className="muted">{pages ? t('import.pageOf', { page: list.page, pages }) : t('import.page', { page: list.page })}</span>
        <button type="button" className="ghost" disabled={!list.data?.nextPage || list.loading} onClick={() => list.data?.nextPage && list.setPage(list.data.nextPage)}>
          {t('import.nextPage')}
        </button>
      </nav>
      <div className="dialog-buttons">
        <button type="button" className="import-back" onClick={props.onBack}>
          {t('import.back')}
        </button>
        <button type="button" className={chosen.size > 0 ? 'primary' : ''} disabled={chosen.size === 0} onClick={() => props.onStart([...chosen])}>
          {t('import.chosen', { count: chosen.size })}
        </button>
        <button type="button" className={chosen.size > 0 ? '' : 'primary'} onClick={() => props.onStart(null)}>
          {t('import.all')}
        </button>
      </div>
    </div>
  );
}
