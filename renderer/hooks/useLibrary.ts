import { useCallback, useEffect, useState } from 'react';
import type { PostSummary, TrashEntry } from '../../electron/common/model/post';
import type { AppError } from '../../electron/common/result';
import { api, onEvent } from '../lib/api';

export interface Terms {
  categories: string[];
  tags: string[];
}

/** The library's post list, kept fresh as main reports changes, its trash when shown, and the blogs' category and tag names. */
export function useLibrary(onError: (e: AppError) => void) {
  const [posts, setPosts] = useState<PostSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [terms, setTerms] = useState<Terms>({ categories: [], tags: [] });

  const refresh = useCallback(async () => {
    const result = await api.listPosts();
    if (result.ok) setPosts(result.value);
    else onError(result.error);
    setLoaded(true);
  }, [onError]);

  useEffect(() => {
    void refresh();
    return onEvent('libraryChanged', () => void refresh());
  }, [refresh]);

  // Category and tag names of every blog, from main's offline cache, for the chips' suggestions.
  const loadTerms = useCallback(async () => {
    const blogs = await api.listBlogs();
    if (!blogs.ok) return;
    const categories = new Set<string>();
    const tags = new Set<string>();
    for (const b of blogs.value) {
      const r = await api.listBlogTerms(b.id);
      if (!r.ok) continue;
      for (const c of r.value.categories) categories.add(c.name);
      for (const tg of r.value.tags) tags.add(tg.name);
    }
    const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b, 'de'));
    setTerms({ categories: sorted(categories), tags: sorted(tags) });
  }, []);
  useEffect(() => void loadTerms(), [loadTerms]);

  // The trash replaces the list while shown; null while hidden.
  const [trash, setTrash] = useState<TrashEntry[] | null>(null);
  const showTrash = useCallback(async () => {
    const r = await api.listTrash();
    if (r.ok) setTrash(r.value);
    else onError(r.error);
  }, [onError]);
  const hideTrash = useCallback(() => setTrash(null), []);

  return { posts, loaded, refresh, terms, loadTerms, trash, showTrash, hideTrash };
}
