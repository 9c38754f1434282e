import { useCallback, useState } from 'react';
import { slugSchema, type PostSummary, type TrashEntry } from '../../electron/common/model/post';
import type { AppError } from '../../electron/common/result';
import type { PostDocumentStore, SwitchOutcome } from '../document/post-document-store';
import type { Translate } from '../i18n/i18n';
import { api } from '../lib/api';

type Attempt = (options: { leaveUnsaved?: boolean }) => Promise<SwitchOutcome>;

/** Why the user was kept on the post: the attempt to repeat when they leave anyway (none for a rename). */
export interface LeaveBlocked {
  retry: Attempt | null;
}

export interface PostActionDeps {
  store: PostDocumentStore;
  t: Translate;
  showError: (e: AppError) => void;
  refreshList: () => Promise<void>;
}

/**
 * Everything that leaves or renames the open post. Each goes through the store, which saves first; when the
 * text cannot be saved the action does not happen and `blocked` says so, for the leave dialog.
 */
export function usePostActions({ store, t, showError, refreshList }: PostActionDeps) {
  const [blocked, setBlocked] = useState<LeaveBlocked | null>(null);

  const attempt = useCallback(
    async (run: Attempt): Promise<SwitchOutcome> => {
      const outcome = await run({});
      if (outcome === 'blocked') setBlocked({ retry: run });
      if (outcome === 'switched') void refreshList();
      return outcome;
    },
    [refreshList],
  );

  const openPost = useCallback((id: string) => attempt((o) => store.open(id, o)), [attempt, store]);
  const createPost = useCallback(
    () => attempt((o) => store.switchTo(() => api.createPost({ title: t('library.newTitle') }), o)),
    [attempt, store, t],
  );
  const duplicatePost = useCallback((p: PostSummary) => attempt((o) => store.switchTo(() => api.duplicatePost(p.id), o)), [attempt, store]);
  const restorePost = useCallback((e: TrashEntry) => attempt((o) => store.switchTo(() => api.restorePost(e.trashId), o)), [attempt, store]);

  const deletePost = useCallback(
    async (p: PostSummary) => {
      if (p.id !== store.getSnapshot().id) {
        const r = await api.deletePost(p.id);
        if (!r.ok) showError(r.error);
        void refreshList();
        return;
      }
      await attempt((o) =>
        store.switchTo(async () => {
          const r = await api.deletePost(p.id);
          return r.ok ? { ok: true, value: null } : r;
        }, o),
      );
    },
    [attempt, refreshList, showError, store],
  );

  /** Renames a post's folder; the open post keeps its text and cursor (the store switches only the id). */
  const renamePost = useCallback(
    async (p: PostSummary, slug: string) => {
      if (p.id !== store.getSnapshot().id) {
        const r = await api.renamePost(p.id, slug);
        if (!r.ok) showError(r.error);
        void refreshList();
        return;
      }
      if (await store.rename(slug)) void refreshList();
      else if (store.isDirty()) setBlocked({ retry: null });
    },
    [refreshList, showError, store],
  );

  /** The title or slug field was left: the folder follows a valid slug. */
  const settleSlug = useCallback(async () => {
    const { id, doc } = store.getSnapshot();
    const slug = doc.fields?.slug;
    if (!id || !slug || slug === id || !slugSchema.safeParse(slug).success) return;
    if (await store.rename(slug)) void refreshList();
  }, [refreshList, store]);

  const stay = useCallback(() => setBlocked(null), []);
  const leaveAnyway = useCallback(async () => {
    const retry = blocked?.retry;
    setBlocked(null);
    if (retry) await attempt((o) => retry({ ...o, leaveUnsaved: true }));
  }, [attempt, blocked]);

  return { blocked, stay, leaveAnyway, openPost, createPost, duplicatePost, restorePost, deletePost, renamePost, settleSlug };
}
