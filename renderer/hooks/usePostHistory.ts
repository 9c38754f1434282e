import { useCallback, useEffect, useState } from 'react';
import type { HistoryVersion } from '../../electron/common/model/history';
import type { AppError } from '../../electron/common/result';
import type { PostDocumentStore } from '../document/post-document-store';
import { api } from '../lib/api';

export interface PostHistoryState {
  versions: readonly HistoryVersion[] | null;
  selected: string | null;
  /** The selected version's text, once read. */
  text: string | null;
  select: (versionId: string) => void;
  /** Puts the selected version back (through the post document store); true when it did. */
  restore: () => Promise<boolean>;
  restoring: boolean;
}

/** The versions of the open post `id`, the one selected and its text; the newest is selected at first. */
export function usePostHistory(store: PostDocumentStore, id: string, onError: (error: AppError) => void): PostHistoryState {
  const [versions, setVersions] = useState<readonly HistoryVersion[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void api.listPostVersions(id).then((result) => {
      if (!live) return;
      if (!result.ok) {
        onError(result.error);
        setVersions([]);
        return;
      }
      setVersions(result.value);
      setSelected((old) => (old && result.value.some((v) => v.versionId === old) ? old : (result.value[0]?.versionId ?? null)));
    });
    return () => {
      live = false;
    };
  }, [id, onError, reload]);

  useEffect(() => {
    setText(null);
    if (selected === null) return;
    let live = true;
    void api.readPostVersion(id, selected).then((result) => {
      if (!live) return;
      if (result.ok) setText(result.value.text);
      else onError(result.error);
    });
    return () => {
      live = false;
    };
  }, [id, onError, selected]);

  const restore = useCallback(async () => {
    if (selected === null) return false;
    setRestoring(true);
    try {
      const done = await store.restoreVersion(selected);
      // The list now starts with the text the restore replaced.
      if (done) {
        setSelected(null);
        setReload((n) => n + 1);
      }
      return done;
    } finally {
      setRestoring(false);
    }
  }, [selected, store]);

  return { versions, selected, text, select: setSelected, restore, restoring };
}
