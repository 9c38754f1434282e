import type { ImportItemOutcome, ImportItemResult, ImportJob, RemotePostSummary } from '../../common/model/import.js';
import type { EventSink } from '../events/event-sink.js';
import type { Handlers } from './dispatch.js';
import type { PostStore } from '../posts/post-store.js';

/**
 * TEMPORARY (drop at merge): stand-in import handlers so the „Beiträge holen“ UI can be built and looked at before
 * the real ImportService (branch imp-service) lands. A fixed fake listing and a job that walks the chosen ids with
 * a small pause, giving every outcome once, so each state of the dialog can be seen.
 */
type ImportChannels = 'listRemotePosts' | 'chooseImportFile' | 'uploadImportFile' | 'startImport' | 'cancelImport' | 'downloadImportedImages';

const FAKE: RemotePostSummary[] = Array.from({ length: 27 }, (_, i) => ({
  remoteId: String(100 + i),
  title: i === 0 ? 'Social Media: Unvergleichlich' : `Beitrag Nummer ${i + 1} über das Radfahren im Winter`,
  date: `2013-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00`,
  status: i % 5 === 3 ? 'draft' : 'publish',
  type: 'post' as const,
  localPostId: null,
}));

const OUTCOMES: ImportItemOutcome[] = ['created', 'created', 'updated', 'unchanged', 'local-changes', 'failed', 'created'];
const STEP_MS = 300;

export function tempImportHandlers(events: EventSink, posts: () => PostStore): Pick<Handlers, ImportChannels> {
  const jobs = new Map<string, { cancelled: boolean }>();
  let counter = 0;
  const run = (ids: string[], overwrite: ReadonlySet<string>): ImportJob => {
    const jobId = `temp-${++counter}`;
    const control = { cancelled: false };
    jobs.set(jobId, control);
    const job: ImportJob = { jobId, state: 'running', done: 0, total: ids.length, current: null, results: [], message: null };
    const step = async (): Promise<void> => {
      const id = ids[job.done];
      if (control.cancelled || id === undefined) {
        Object.assign(job, { state: control.cancelled ? 'cancelled' : 'done', current: null });
        events.emit('importProgress', structuredClone(job));
        return;
      }
      const title = FAKE.find((p) => p.remoteId === id)?.title ?? `Beitrag ${id}`;
      job.current = title;
      events.emit('importProgress', structuredClone(job));
      await new Promise((r) => setTimeout(r, STEP_MS));
      const outcome: ImportItemOutcome = overwrite.has(id) ? 'updated' : (OUTCOMES[job.done % OUTCOMES.length] ?? 'created');
      const postId = outcome === 'failed' ? null : (await posts().create(title)).id;
      const result: ImportItemResult = {
        remoteId: id,
        title,
        postId,
        outcome,
        message: outcome === 'failed' ? 'Der Blog hat mit einem Fehler geantwortet (500).' : null,
        imagesMissing: outcome === 'created' && job.done === 0 ? 2 : 0,
      };
      job.results.push(result);
      job.done += 1;
      void step();
    };
    void step();
    return structuredClone(job);
  };
  return {
    listRemotePosts: async (_blogId, query) => {
      const q = query.search.trim().toLowerCase();
      const all = FAKE.filter((p) => q === '' || p.title.toLowerCase().includes(q));
      const start = (query.page - 1) * query.perPage;
      const end = start + query.perPage;
      return { posts: all.slice(start, end), total: all.length, nextPage: end < all.length ? query.page + 1 : null };
    },
    chooseImportFile: async () => null,
    uploadImportFile: async ({ name, bytes }) => ({ fileToken: 'a'.repeat(32), name, size: bytes.byteLength, site: null }),
    startImport: async (request) => {
      const ids = request.kind === 'blog' ? (request.remoteIds ?? FAKE.map((p) => p.remoteId)) : FAKE.slice(0, 5).map((p) => p.remoteId);
      return run(ids, new Set(request.overwriteLocal));
    },
    cancelImport: async (jobId) => {
      const control = jobs.get(jobId);
      if (control) control.cancelled = true;
      return { cancelled: control !== undefined };
    },
    downloadImportedImages: async () => run([], new Set()),
  };
}
