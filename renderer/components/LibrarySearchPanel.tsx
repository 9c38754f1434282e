import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_SEARCH_QUERY, type SearchHit } from '../../electron/common/model/search';
import { useLibrarySearch } from '../hooks/useLibrarySearch';
import { errorText, useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { SearchSnippet } from './SearchSnippet';

export interface LibrarySearchPanelProps {
  query: string;
  onQuery: (query: string) => void;
  onPick: (hit: SearchHit) => void;
  onClose: () => void;
}

/** The search field and its results: ↑/↓ move through them, Enter opens one, Escape closes. */
export function LibrarySearchPanel({ query, onQuery, onPick, onClose }: LibrarySearchPanelProps) {
  const { t } = useI18n();
  const { hits, forQuery, searching, error } = useLibrarySearch(query);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => setActive(0), [hits]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + hits.length) % hits.length);
    } else if (event.key === 'Escape') {
      // A search field would only clear itself on Escape; here Escape closes the panel (the query stays).
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active];
      if (hit) onPick(hit);
    }
  };

  const status = error
    ? errorText(t, error)
    : query.trim() === ''
      ? t('search.hint')
      : searching && forQuery !== query.trim()
        ? t('search.searching')
        : hits.length === 0
          ? t('search.noResults', { query: query.trim() })
          : t('search.results', { count: hits.length });

  return (
    <Dialog title={t('search.title')} onClose={onClose}>
      <div className="library-search">
        <input
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="library-search-results"
          aria-activedescendant={hits[active] ? `library-search-hit-${active}` : undefined}
          aria-label={t('search.title')}
          placeholder={t('search.placeholder')}
          maxLength={MAX_SEARCH_QUERY}
          autoFocus
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p className="search-status" role="status">
          {status}
        </p>
        <ul className="search-results" id="library-search-results" role="listbox" aria-label={t('search.resultsLabel')} ref={list}>
          {hits.map((hit, i) => (
            <li
              key={hit.id}
              id={`library-search-hit-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-hit active' : 'search-hit'}
              onMouseMove={() => setActive(i)}
              onClick={() => onPick(hit)}
            >
              <span className="search-hit-title">{hit.title}</span>
              <span className="search-hit-fields">{hit.fields.map((f) => t(`search.field.${f}`)).join(' · ')}</span>
              <SearchSnippet text={hit.snippet} highlights={hit.highlights} />
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
