import { useEffect, useState } from 'react';
import type { RemotePostPage } from '../../electron/common/model/import';
import type { AppError } from '../../electron/common/result';
import { api } from '../lib/api';

export const REMOTE_PAGE_SIZE = 20;
const SEARCH_PAUSE_MS = 350;

export interface RemotePosts {
  search: string;
  setSearch: (text: string) => void;
  page: number;
  setPage: (page: number) => void;
  /** The page shown; kept while the next one loads, so the list does not jump. */
  data: RemotePostPage | null;
  loading: boolean;
  error: AppError | null;
}

/**
 * One page of a connected blog's posts for the import dialog. The search waits for a pause in typing before it
 * asks the blog, and a new search starts at page 1; an answer that arrives after a newer question is dropped.
 */
export function useRemotePosts(blogId: string, includePages: boolean): RemotePosts {
  const [search, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<RemotePostPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setPage(1);
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    void api.listRemotePosts(blogId, { page, perPage: REMOTE_PAGE_SIZE, search: query, includePages }).then((r) => {
      if (!live) return;
      setLoading(false);
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [blogId, includePages, page, query]);

  return { search, setSearch: setSearchText, page, setPage, data, loading, error };
}
