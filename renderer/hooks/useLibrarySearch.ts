import { useEffect, useState } from 'react';
import { MAX_SEARCH_QUERY, type SearchHit } from '../../electron/common/model/search';
import type { AppError } from '../../electron/common/result';
import { api } from '../lib/api';

const DEBOUNCE_MS = 120;

export interface LibrarySearchState {
  hits: SearchHit[];
  /** The query the hits belong to (they may lag behind the field while typing). */
  forQuery: string;
  searching: boolean;
  error: AppError | null;
}

/** Searches the library as the query changes, a short pause after the last key; older answers never overwrite newer ones. */
export function useLibrarySearch(query: string): LibrarySearchState {
  const [state, setState] = useState<LibrarySearchState>({ hits: [], forQuery: '', searching: false, error: null });
  // Opening the panel loads (or, the first time, builds) the index while the first letters are typed.
  useEffect(() => void api.searchLibrary({ query: '' }), []);
  useEffect(() => {
    const q = query.trim().slice(0, MAX_SEARCH_QUERY);
    if (!q) {
      setState({ hits: [], forQuery: '', searching: false, error: null });
      return;
    }
    let current = true;
    setState((s) => ({ ...s, searching: true }));
    const timer = setTimeout(() => {
      void api.searchLibrary({ query: q, limit: 50 }).then((r) => {
        if (!current) return;
        setState(r.ok ? { hits: r.value, forQuery: q, searching: false, error: null } : { hits: [], forQuery: q, searching: false, error: r.error });
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);
  return state;
}
