import { useMemo, useState } from 'react';
import { POST_STATUSES, type PostStatus, type PostSummary, type TrashEntry } from '../../electron/common/model/post';
import { uiDateLocale, useI18n } from '../i18n/i18n';
import { formatDate } from '../../electron/common/text/dates';
import { formatScheduled } from '../lib/scheduled-date';
import { searchPanel } from '../search/search-panel-state';

export interface SidebarProps {
  posts: PostSummary[];
  activeId: string | null;
  trash: TrashEntry[] | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  onRename: (post: PostSummary) => void;
  onDuplicate: (post: PostSummary) => void;
  onDelete: (post: PostSummary) => void;
  onShowTrash: () => void;
  onHideTrash: () => void;
  onRestore: (entry: TrashEntry) => void;
  /** „Beiträge holen …“: posts already online into the library. */
  onImport: () => void;
}

/** The library: every post with its status, filterable by status and by text. */
export function Sidebar(props: SidebarProps) {
  const { t, language } = useI18n();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<PostStatus | 'all'>('all');
  const [menuFor, setMenuFor] = useState<string | null>(null);

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('de');
    return props.posts.filter(
      (p) =>
        (status === 'all' || p.status === status) &&
        (q === '' || `${p.title} ${p.excerpt} ${p.id}`.toLocaleLowerCase('de').includes(q)),
    );
  }, [props.posts, query, status]);

  if (props.trash) {
    return (
      <nav className="sidebar" aria-label={t('library.trash')}>
        <div className="sidebar-head">
          <button type="button" className="ghost" onClick={props.onHideTrash}>
            ← {t('library.back')}
          </button>
        </div>
        <h2 className="sidebar-heading">{t('library.trash')}</h2>
        {props.trash.length === 0 && <p className="sidebar-empty">{t('library.trashEmpty')}</p>}
        <ul className="post-list">
          {props.trash.map((e) => (
            <li key={e.trashId} className="post-item">
              <div className="post-title">{e.title}</div>
              <div className="post-meta">{new Date(e.deletedMs).toLocaleString(language === 'de' ? 'de-DE' : 'en-GB')}</div>
              <button type="button" onClick={() => props.onRestore(e)}>
                {t('library.restore')}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    );
  }

  return (
    <nav className="sidebar" aria-label={t('library.title')}>
      <div className="sidebar-head">
        <h2 className="sidebar-heading">{t('library.title')}</h2>
        <button type="button" className="primary" onClick={props.onNew}>
          + {t('library.new')}
        </button>
      </div>
      <div className="sidebar-filters">
        <input type="search" placeholder={t('library.filter')} aria-label={t('library.filter')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <select aria-label={t('fields.status')} value={status} onChange={(e) => setStatus(e.target.value as PostStatus | 'all')}>
          <option value="all">{t('library.statusAll')}</option>
          {POST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="sidebar-search ghost" title={t('search.openHint')} onClick={searchPanel.open}>
        ⌕ {t('search.open')}
      </button>
      {props.posts.length === 0 && <p className="sidebar-empty">{t('library.empty')}</p>}
      {props.posts.length > 0 && shown.length === 0 && <p className="sidebar-empty">{t('library.noMatch')}</p>}
      <ul className="post-list" role="listbox" aria-label={t('library.title')}>
        {shown.map((p) => (
          <li key={p.id} className={p.id === props.activeId ? 'post-item active' : 'post-item'} role="option" aria-selected={p.id === props.activeId}>
            <button type="button" className="post-open" data-post-id={p.id} onClick={() => props.onOpen(p.id)}>
              <span className="post-title">{p.title}</span>
              <span className="post-meta">
                {p.status === 'scheduled' && p.date ? (
                  // When it goes out matters more than the day it was written: „geplant: 3. Dez., 08:00“.
                  <span className="badge badge-scheduled" data-testid="post-scheduled">
                    {t('library.scheduled', { date: formatScheduled(p.date, language) })}
                  </span>
                ) : (
                  <>
                    <span className={`badge badge-${p.status}`}>{t(`status.${p.status}`)}</span>
                    {p.date && <span>{formatDate(p.date, uiDateLocale(language))}</span>}
                  </>
                )}
                <span>{t('library.words', { count: p.wordCount })}</span>
              </span>
              {p.problem && (
                <span className="post-problem" title={p.problem}>
                  ⚠ {p.problem}
                </span>
              )}
            </button>
            <button
              type="button"
              className="post-menu-button ghost"
              aria-label={t('library.actions', { title: p.title })}
              aria-expanded={menuFor === p.id}
              onClick={() => setMenuFor(menuFor === p.id ? null : p.id)}
            >
              ⋯
            </button>
            {menuFor === p.id && (
              <div className="post-menu" role="menu" onMouseLeave={() => setMenuFor(null)}>
                <button type="button" role="menuitem" onClick={() => { setMenuFor(null); props.onRename(p); }}>
                  {t('library.rename')}
                </button>
                <button type="button" role="menuitem" onClick={() => { setMenuFor(null); props.onDuplicate(p); }}>
                  {t('library.duplicate')}
                </button>
                <button type="button" role="menuitem" className="danger" onClick={() => { setMenuFor(null); props.onDelete(p); }}>
                  {t('library.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        <button type="button" className="ghost" title={t('import.openTitle')} onClick={props.onImport}>
          {t('import.open')}
        </button>
        <button type="button" className="ghost" onClick={props.onShowTrash}>
          {t('library.trash')}
        </button>
      </div>
    </nav>
  );
}
