import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportJob, ImportRequest } from '../../electron/common/model/import';
import type { AppError, Result } from '../../electron/common/result';
import { api, onEvent } from '../lib/api';
import { isNewerJobState as isNewer } from '../lib/import-wording';

export interface ImportJobControl {
  /** The job as last reported, or null before the first start. */
  job: ImportJob | null;
  /** Why the last start was refused. */
  error: AppError | null;
  cancelling: boolean;
  /** Starts an import; false when main refused it (see `error`). */
  start: (request: ImportRequest) => Promise<boolean>;
  /** „Bilder herunterladen“: the images an offline import left on the blog (null: of every post). */
  downloadImages: (postId: string | null) => Promise<boolean>;
  cancel: () => Promise<void>;
}

/**
 * One import at a time, followed through main's `importProgress` events. Events may come before the call that
 * started the job returns, so every event is remembered by job id and the newest state wins.
 */
export function useImportJob(): ImportJobControl {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const seen = useRef(new Map<string, ImportJob>());
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      onEvent('importProgress', (update) => {
        const known = seen.current.get(update.jobId);
        if (known && !isNewer(update, known)) return;
        seen.current.set(update.jobId, update);
        if (update.jobId === current.current) setJob(update);
      }),
    [],
  );

  const follow = useCallback(async (begin: () => Promise<Result<ImportJob>>): Promise<boolean> => {
    setError(null);
    setCancelling(false);
    const r = await begin();
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    current.current = r.value.jobId;
    const known = seen.current.get(r.value.jobId);
    setJob(known && isNewer(known, r.value) ? known : r.value);
    return true;
  }, []);

  const start = useCallback((request: ImportRequest) => follow(() => api.startImport(request)), [follow]);
  const downloadImages = useCallback((postId: string | null) => follow(() => api.downloadImportedImages(postId)), [follow]);
  const cancel = useCallback(async () => {
    const jobId = current.current;
    if (!jobId) return;
    setCancelling(true);
    const r = await api.cancelImport(jobId);
    if (!r.ok) {
      setCancelling(false);
      setError(r.error);
    }
  }, []);

  return { job, error, cancelling, start, downloadImages, cancel };
}
