import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  outboxJobSchema,
  type OutboxJob,
  type PublishError,
  type PublishOptions,
  type PublishOutcome,
} from '../../common/model/blog.js';
import { publishedMediaSchema } from '../../common/markdown/front-matter-publish.js';
import type { EventSink } from '../events/event-sink.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { PublishFailure } from '../publish/publish-errors.js';
import type { AttemptHooks, AttemptMemory, AttemptResult } from '../publish/publish-service.js';

/** Runs one attempt of a job; the publish service in the app, anything in tests. */
export type JobRunner = (job: OutboxJob, memory: AttemptMemory, hooks: AttemptHooks) => Promise<AttemptResult>;

/** Time and timers, injected so tests can move time on. */
export interface OutboxClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: OutboxClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    // A waiting job must not keep the process (tests, the web host) alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Waits after the 1st, 2nd, … failed attempt; the last value repeats. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
/** Timeouts and server errors are retried this often; a missing connection is waited out without limit. */
const MAX_SERVER_ATTEMPTS = 8;
/** Finished jobs kept in the list at most … */
const KEEP_DONE = 20;
/** … and for this long after they finished; then they move to the outbox log. */
export const DONE_VISIBLE_MS = 24 * 60 * 60 * 1000;
/** Entries the outbox log keeps (the newest). */
export const LOG_ENTRIES = 200;

const storedJobSchema = outboxJobSchema.extend({
  memory: z.object({ media: z.record(z.string(), publishedMediaSchema), createAttempted: z.boolean() }),
  /** The installation that queued the job (see {@link OutboxOptions.origin}). */
  origin: z.string().max(100).optional(),
  /** When the job finished (ISO); a day later it leaves the list for the log. */
  finishedAt: z.string().optional(),
});

/** One finished job in the outbox log (`<library>/.kladde/outbox-log.jsonl`). */
export interface OutboxLogEntry {
  id: string;
  postId: string;
  blogId: string;
  title: string;
  createdAt: string;
  finishedAt: string;
  result: OutboxJob['result'];
}

/** Shown for a job that this installation did not queue: it only goes out when the user says so. */
export const FOREIGN_JOB_MESSAGE =
  'Dieser Auftrag wurde nicht von Kladde auf diesem Rechner angelegt (etwa über eine synchronisierte Bibliothek). Zum Senden „Jetzt versuchen“ wählen.';
const FOREIGN_JOB_NEXT = 'Zum Senden „Jetzt versuchen“ wählen.';
const CANCELLED: PublishError = new PublishFailure('cancelled', 'Abgebrochen.', false).toData();
type StoredJob = z.infer<typeof storedJobSchema>;

export interface OutboxOptions {
  /** `<library>/.kladde/outbox`: jobs belong to the library, so they survive a restart and travel with it. */
  dir: string;
  run: JobRunner;
  clock?: OutboxClock;
  events?: EventSink;
  backoffMs?: readonly number[];
  log?: (line: string) => void;
  /**
   * This installation's id. The outbox lives in the library, which may be synced or shared: a job file that some
   * other installation (or someone else) put there must not publish the user's post with the user's password by
   * itself. Such jobs wait as failed until the user starts them.
   */
  origin?: () => Promise<string>;
  /** The outbox log; `<dir>-log.jsonl` (`.kladde/outbox-log.jsonl`) when not given. */
  logFile?: string;
  /** Entries the log keeps; {@link LOG_ENTRIES} when not given. */
  logEntries?: number;
}

/**
 * Publish jobs as files, one per job. A job is tried at once; when the blog cannot be reached it waits and is
 * tried again with growing pauses, and at once when the network comes back ({@link networkRestored}). Each
 * attempt publishes the post as it is saved at that moment. Jobs that need the user (wrong password, conflict)
 * stay as failed until retried or cancelled.
 */
export class Outbox {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly running = new Map<string, { promise: Promise<PublishOutcome>; abort: AbortController }>();
  private readonly timers = new Map<string, unknown>();
  private readonly clock: OutboxClock;
  private readonly backoff: readonly number[];
  private started = false;
  private originId: string | undefined;
  private pruning: Promise<void> = Promise.resolve();

  constructor(private readonly options: OutboxOptions) {
    this.clock = options.clock ?? systemClock;
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  }

  /** Loads the stored jobs; jobs interrupted by a quit wait again and go out soon. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.originId = await this.options.origin?.();
    await mkdir(this.options.dir, { recursive: true });
    for (const name of await readdir(this.options.dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const parsed = storedJobSchema.safeParse(JSON.parse(await readFile(path.join(this.options.dir, name), 'utf8')));
        if (!parsed.success) continue;
        const job = parsed.data;
        if (job.state === 'sending') job.state = 'waiting';
        if (this.originId !== undefined && job.origin !== this.originId && job.state === 'waiting') {
          job.state = 'failed';
          job.error = { code: 'internal', message: FOREIGN_JOB_MESSAGE, retriable: false, next: FOREIGN_JOB_NEXT };
        }
        this.jobs.set(job.id, job);
        if (job.state === 'waiting') this.schedule(job, Math.max(0, Date.parse(job.nextAttemptAt ?? '') - this.clock.now()) || 0);
      } catch {
        /* a torn or foreign file is not a job */
      }
    }
    await this.pruneDone();
    this.emit();
  }

  /** Stops timers and running attempts (the jobs stay stored). */
  async stop(): Promise<void> {
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
    for (const run of this.running.values()) run.abort.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.promise));
  }

  /** The jobs, newest first; a job finished more than a day ago is no longer listed (it is in the log). */
  list(): OutboxJob[] {
    const jobs = [...this.jobs.values()];
    const visible = jobs.filter((j) => !this.expired(j));
    if (visible.length < jobs.length) void this.pruneDone().catch(() => undefined);
    return visible.map(view).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** The finished jobs that left the list, newest last (at most {@link LOG_ENTRIES}). */
  async log(): Promise<OutboxLogEntry[]> {
    try {
      return (await readFile(this.logFile, 'utf8'))
        .split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as OutboxLogEntry];
          } catch {
            return [];
          }
        });
    } catch {
      return [];
    }
  }

  private get logFile(): string {
    return this.options.logFile ?? `${this.options.dir.replace(/[\\/]+$/, '')}-log.jsonl`;
  }

  private expired(job: StoredJob): boolean {
    if (job.state !== 'done') return false;
    const finished = Date.parse(job.finishedAt ?? job.createdAt);
    return Number.isFinite(finished) && this.clock.now() - finished >= DONE_VISIBLE_MS;
  }

  get(jobId: string): OutboxJob | undefined {
    const job = this.jobs.get(jobId);
    return job ? view(job) : undefined;
  }

  /**
   * Queues a publish of a post to a blog and tries it at once. An unfinished job for the same post and blog is
   * reused (with its uploads), so publishing twice never makes two jobs.
   */
  async submit(postId: string, blogId: string, title: string, options: PublishOptions): Promise<PublishOutcome> {
    await this.start();
    let job = [...this.jobs.values()].find((j) => j.postId === postId && j.blogId === blogId && (j.state === 'waiting' || j.state === 'failed' || j.state === 'sending'));
    if (job?.state === 'sending') return this.runJob(job.id);
    if (job) {
      job.options = options;
      job.title = title;
    } else {
      job = {
        id: `${this.clock.now().toString(36)}-${randomBytes(4).toString('hex')}`,
        postId,
        blogId,
        title,
        state: 'waiting',
        options,
        createdAt: new Date(this.clock.now()).toISOString(),
        attempts: 0,
        nextAttemptAt: null,
        error: null,
        progress: null,
        result: null,
        conflict: null,
        memory: { media: {}, createAttempted: false },
        ...(this.originId !== undefined ? { origin: this.originId } : {}),
      };
      this.jobs.set(job.id, job);
    }
    await this.save(job);
    return this.runJob(job.id);
  }

  /** Tries a waiting or failed job again now, optionally with new options (e.g. overwrite after a conflict). */
  async retry(jobId: string, options?: PublishOptions): Promise<PublishOutcome> {
    const job = this.require(jobId);
    if (options) job.options = options;
    if (job.state === 'done' || job.state === 'cancelled') throw new PublishFailure('internal', 'Dieser Auftrag ist schon abgeschlossen.', false);
    // The user asked for it: from now on the job is this installation's own.
    if (this.originId !== undefined) job.origin = this.originId;
    return this.runJob(jobId);
  }

  /** The network is back: every waiting job goes out now instead of after its pause. */
  networkRestored(): void {
    for (const job of this.jobs.values()) {
      if (job.state === 'waiting' && !this.running.has(job.id)) void this.runJob(job.id).catch(() => undefined);
    }
  }

  /** Cancels a job: a running attempt is aborted, and the job leaves the outbox. */
  async cancel(jobId: string): Promise<boolean> {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    this.unschedule(jobId);
    const run = this.running.get(jobId);
    job.state = 'cancelled';
    if (run) {
      run.abort.abort();
      await run.promise.catch(() => undefined);
    }
    this.jobs.delete(jobId);
    await rm(this.file(jobId), { force: true });
    this.emit();
    return true;
  }

  /** Runs a job now (or joins its running attempt). */
  runJob(jobId: string): Promise<PublishOutcome> {
    const existing = this.running.get(jobId);
    if (existing) return existing.promise;
    const abort = new AbortController();
    const promise = this.execute(this.require(jobId), abort.signal).finally(() => this.running.delete(jobId));
    this.running.set(jobId, { promise, abort });
    return promise;
  }

  private async execute(job: StoredJob, signal: AbortSignal): Promise<PublishOutcome> {
    this.unschedule(job.id);
    job.state = 'sending';
    job.attempts++;
    job.nextAttemptAt = null;
    job.progress = { phase: 'prepare', done: 0, total: 0 };
    await this.save(job);
    // Cancelled while the job was being saved: the attempt must not start (its runner would never hear the abort).
    if (signal.aborted) return this.failed(job, new PublishFailure('cancelled', 'Abgebrochen.', false), signal);
    let result: AttemptResult;
    try {
      result = await this.options.run(view(job), { ...job.memory, media: { ...job.memory.media } }, {
        signal,
        progress: (p) => {
          job.progress = p;
          this.emit();
        },
        remember: async (memory) => {
          job.memory = { media: { ...memory.media }, createAttempted: memory.createAttempted };
          if (job.state === 'sending') await this.save(job);
        },
      });
    } catch (error) {
      return this.failed(job, error, signal);
    }
    // cancel() may have run while the attempt was awaited.
    if ((job.state as OutboxJob['state']) === 'cancelled') return { status: 'failed', jobId: job.id, error: CANCELLED };
    job.progress = null;
    if (result.kind === 'done') {
      job.state = 'done';
      job.error = null;
      job.conflict = null;
      const { kind: _done, ...published } = result;
      job.result = published;
      job.finishedAt = new Date(this.clock.now()).toISOString();
      job.memory = { media: {}, createAttempted: false };
      await this.save(job);
      await this.pruneDone();
      return { status: 'done', jobId: job.id, ...published };
    }
    if (result.kind === 'conflict') {
      job.state = 'failed';
      job.conflict = result.online;
      job.error = new PublishFailure('conflict', 'Der Beitrag wurde im Blog geändert, seit Kladde ihn zuletzt veröffentlicht hat.', false).toData();
      await this.save(job);
      return { status: 'conflict', jobId: job.id, online: result.online };
    }
    // Problems: nothing to send; the job is not kept, the dialog lists what to fix.
    this.jobs.delete(job.id);
    await rm(this.file(job.id), { force: true });
    this.emit();
    return { status: 'problems', problems: result.problems };
  }

  private async failed(job: StoredJob, error: unknown, signal: AbortSignal): Promise<PublishOutcome> {
    job.progress = null;
    if (signal.aborted || job.state === 'cancelled') {
      return { status: 'failed', jobId: job.id, error: CANCELLED };
    }
    const failure: PublishError =
      error instanceof PublishFailure
        ? error.toData()
        : new PublishFailure('internal', `Unerwarteter Fehler: ${error instanceof Error ? error.message : String(error)}.`, false).toData();
    this.options.log?.(`Postausgang: Auftrag ${job.id} Versuch ${job.attempts}: ${failure.code}`);
    job.error = failure;
    const keepTrying = failure.retriable && (failure.code === 'offline' || job.attempts < MAX_SERVER_ATTEMPTS);
    if (keepTrying) {
      const wait = this.backoff[Math.min(job.attempts - 1, this.backoff.length - 1)] ?? 60_000;
      job.state = 'waiting';
      job.nextAttemptAt = new Date(this.clock.now() + wait).toISOString();
      await this.save(job);
      this.schedule(job, wait);
      return { status: 'queued', jobId: job.id, error: failure };
    }
    job.state = 'failed';
    await this.save(job);
    return { status: 'failed', jobId: job.id, error: failure };
  }

  private schedule(job: StoredJob, ms: number): void {
    this.unschedule(job.id);
    this.timers.set(
      job.id,
      this.clock.setTimeout(() => {
        this.timers.delete(job.id);
        if (this.jobs.get(job.id)?.state === 'waiting') void this.runJob(job.id).catch(() => undefined);
      }, ms),
    );
  }

  private unschedule(jobId: string): void {
    const handle = this.timers.get(jobId);
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this.timers.delete(jobId);
  }

  private require(jobId: string): StoredJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new PublishFailure('internal', 'Diesen Auftrag gibt es nicht (mehr).', false);
    return job;
  }

  private file(jobId: string): string {
    if (!/^[a-z0-9-]+$/.test(jobId)) throw new PublishFailure('internal', 'Ungültige Auftrags-ID', false);
    return path.join(this.options.dir, `${jobId}.json`);
  }

  private async save(job: StoredJob): Promise<void> {
    if (!this.jobs.has(job.id)) return;
    await mkdir(this.options.dir, { recursive: true });
    await writeFileAtomic(this.file(job.id), JSON.stringify(job, null, 2) + '\n');
    this.emit();
  }

  /**
   * Moves finished jobs out of the list (`prune` waits for it; `list` starts it by itself) — those finished a day ago, and any beyond the newest {@link KEEP_DONE} —
   * into the outbox log, a small JSON-lines file next to the outbox folder that keeps the newest
   * {@link LOG_ENTRIES}.
   */
  prune(): Promise<void> {
    return this.pruneDone();
  }

  private pruneDone(): Promise<void> {
    const run = this.pruning.then(async () => {
      const done = [...this.jobs.values()].filter((j) => j.state === 'done').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const leaving = done.filter((j, index) => index >= KEEP_DONE || this.expired(j));
      if (leaving.length === 0) return;
      const entries = [...(await this.log()), ...leaving.reverse().map(logEntry)].slice(-(this.options.logEntries ?? LOG_ENTRIES));
      await writeFileAtomic(this.logFile, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
      for (const old of leaving) {
        this.jobs.delete(old.id);
        await rm(this.file(old.id), { force: true });
      }
      this.emit();
    });
    this.pruning = run.catch(() => undefined);
    return run;
  }

  private emit(): void {
    this.options.events?.emit('outboxChanged', { jobs: this.list() });
  }
}

/** A job as the renderer sees it: without what attempts remember internally. */
function view(job: StoredJob): OutboxJob {
  const { memory: _memory, origin: _origin, finishedAt: _finishedAt, ...rest } = job;
  return { ...rest };
}

function logEntry(job: StoredJob): OutboxLogEntry {
  return {
    id: job.id,
    postId: job.postId,
    blogId: job.blogId,
    title: job.title,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt ?? job.createdAt,
    result: job.result,
  };
}
