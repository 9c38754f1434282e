import { useCallback, useEffect, useMemo, useState } from 'react';
import { imageKey } from '../../electron/common/markdown/image-refs';
import type { PostImageFile } from '../../electron/common/model/images';
import { api } from '../lib/api';

/** The image files in the open post's folder, and their keys for the post document's context. */
export function usePostFiles(id: string | null) {
  const [files, setFiles] = useState<PostImageFile[]>([]);
  const refresh = useCallback(async () => {
    if (!id) return setFiles([]);
    const r = await api.listPostImages(id);
    if (r.ok) setFiles(r.value);
  }, [id]);
  useEffect(() => void refresh(), [refresh]);
  const keys = useMemo(() => new Set(files.map((f) => imageKey(f.name))), [files]);
  const names = useMemo(() => files.map((f) => f.name), [files]);
  return { keys, names, refresh };
}
