import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type {
  ImportFile,
  ImportItemResult,
  ImportJob,
  ImportRequest,
  RemotePostPage,
  RemotePostQuery,
} from '../../common/model/import.js';
import { htmlText } from '../../common/markdown/import-post.js';
import { KladdeError } from '../../common/result.js';
import type { EventSink } from '../events/event-sink.js';
import type { HttpClient } from '../http/http-client.js';
import type { Handlers } from '../ipc/dispatch.js';
import type { PostStore } from '../posts/post-store.js';
import type { PublishTarget } from '../publish/publisher.js';
import { ImportCancelled } from './image-download.js';
import { ImportFiles } from './import-files.js';
import { ImportIndex, importKey } from './import-index.js';
import { importFailure } from './import-messages.js';
import { ImportWriter, mediaFinder, type ImportOptions, type PostToImport } from './import-writer.js';
import { ImageFetcher } from './imported-images.js';
import { LocalPostFinder, postFolderExists } from './local-posts.js';
import type { RemoteMedia, RemotePostSource } from './remote-source.js';
import { readWxrPosts, readWxrSummary } from './wxr-reader.js';

export interface ImportServiceDeps {
  posts: PostStore;
  /** For the images (and nothing else: the blog's own requests go through its target). */
  http: HttpClient;
  /** The config folder: uploaded exports wait in `import-files/` there. */
  configDir: string;
  /** The connected blog with its secret, and how its kind hands posts out (PublishService.importSource). */
  sources: (blogId: string, signal?: AbortSignal) => Promise<{ target: PublishTarget; source: RemotePostSource }>;
  events?: EventSink;
  /** Electron's open dialog for an export; absent in the web host (the browser uploads the file instead). */
  chooseFile?: () => Promise<string | null>;
  /** Largest image taken (default: the body limit, 80 MB). */
  maxImageBytes?: number;
  /** Called with a local post's text before an import overwrites it (the version history keeps it). */
  beforeOverwrite?: (postId: string, text: string) => Promise<void>;
}

type WxrRequest = Extract<ImportRequest, { kind: 'wxr' }>;

/** A blog import; the command line may leave the images on the blog (`--no-images`), the app always fetches them. */
export type BlogImportRequest = Extract<ImportRequest, { kind: 'blog' }> & { downloadImages?: boolean };

/** An export named by its path instead of a token: the command line's way. */
export interface WxrPathRequest extends Omit<WxrRequest, 'kind' | 'fileToken'> {
  kind: 'wxr-path';
  path: string;
}

/** What {@link ImportService.run} takes: the IPC's requests, or an export by path. */
export type ImportRunRequest = ImportRequest | BlogImportRequest | WxrPathRequest;

export type ImportChannels = 'listRemotePosts' | 'chooseImportFile' | 'uploadImportFile' | 'startImport' | 'cancelImport' | 'downloadImportedImages';

interface RunningJob {
  job: ImportJob;
  controller: AbortController;
  source: string;
  finished: Promise<ImportJob>;
}

/** Blog listings come 100 posts a page when an import takes all of them. */
const LIST_PAGE = 100;
/**
 * Posts worked on at once: while one waits for the disk (every file is synced) or the network, the next is
 * converted. Results still arrive in the source's order.
 */
const PARALLEL_POSTS = 3;
/** Finished jobs kept so a late cancel gets a clear `false`. */
const KEPT_JOBS = 20;

/**
 * „Beiträge holen“: imports posts from a connected blog or a WordPress export into the library, one job at a time
 * per source, reporting the job after every post (`importProgress`) and stopping between posts when cancelled.
 * Built from explicit dependencies; no `electron` in here (Electron's open dialog comes in as `chooseFile`).
 */
export class ImportService {
  readonly files: ImportFiles;
  readonly index: ImportIndex;
  private readonly writer: ImportWriter;
  private readonly images: ImageFetcher;
  private readonly jobs = new Map<string, RunningJob>();

  constructor(private readonly deps: ImportServiceDeps) {
    this.files = new ImportFiles(path.join(deps.configDir, 'import-files'));
    this.index = ImportIndex.inLibrary(deps.posts.root);
    const shared = { posts: deps.posts, http: deps.http, index: this.index, ...(deps.events ? { events: deps.events } : {}), ...(deps.maxImageBytes ? { maxImageBytes: deps.maxImageBytes } : {}) };
    this.writer = new ImportWriter({ ...shared, ...(deps.beforeOverwrite ? { beforeOverwrite: deps.beforeOverwrite } : {}) });
    this.images = new ImageFetcher(shared);
  }

  /** Clears what interrupted imports left: staging folders and uploads older than a day. Never throws. */
  async start(): Promise<void> {
    await this.writer.removeStaleStaging().catch(() => undefined);
    await this.files.removeStale().catch(() => undefined);
  }

  /** Cancels running jobs and waits for them to stop. */
  async stop(): Promise<void> {
    const running = [...this.jobs.values()].filter((r) => r.job.state === 'running');
    for (const r of running) r.controller.abort();
    await Promise.all(running.map((r) => r.finished.catch(() => undefined)));
  }

  /** One page of a blog's posts, each with the local post that holds it already. */
  async listRemotePosts(blogId: string, query: RemotePostQuery): Promise<RemotePostPage> {
    let listing;
    try {
      const { target, source } = await this.deps.sources(blogId);
      listing = await source.listPosts(target, query);
    } catch (error) {
      if (error instanceof KladdeError) throw error;
      const failure = importFailure(error);
      throw new KladdeError(failure.code === 'offline' ? 'offline' : failure.code === 'auth' ? 'forbidden' : 'remote', failure.message);
    }
    const local = await new LocalPostFinder(this.deps.posts).remoteIds(blogId);
    return {
      posts: listing.posts.map((p) => ({ ...p, localPostId: local.get(p.remoteId) ?? null })),
      total: listing.total,
      nextPage: listing.nextPage,
    };
  }

  /** A post's folder was renamed: what the index remembers about it follows (an export's posts are found by it). */
  async postRenamed(from: string, to: string): Promise<void> {
    if (from === to) return;
    for (const entry of await this.index.all()) if (entry.postId === from) await this.index.put({ ...entry, postId: to });
  }

  /** Electron's open dialog; null when cancelled, or where there is none (the web host). */
  async chooseFile(): Promise<ImportFile | null> {
    const chosen = await this.deps.chooseFile?.();
    return chosen ? this.files.register(chosen) : null;
  }

  /** The web host's upload of an export. */
  uploadFile(upload: { name: string; bytes: Uint8Array }): Promise<ImportFile> {
    return this.files.upload(upload.name, upload.bytes);
  }

  /** Starts an import in the background; its progress comes as `importProgress` events. */
  async startImport(request: ImportRequest): Promise<ImportJob> {
    const running = this.begin(request, undefined, undefined);
    return { ...running.job, results: [...running.job.results] };
  }

  /** Cancels a running job; false when it is unknown or already over. */
  cancel(jobId: string): boolean {
    const running = this.jobs.get(jobId);
    if (!running || running.job.state !== 'running') return false;
    running.controller.abort();
    return true;
  }

  /** Starts downloading the images offline imports left on the blog (one post, or all with `null`). */
  async startImageDownload(postId: string | null): Promise<ImportJob> {
    const running = this.beginImages(postId, undefined, undefined);
    return { ...running.job, results: [...running.job.results] };
  }

  /**
   * Runs an import to its end without IPC (the command line, tests): `onProgress` gets the job after every post;
   * `signal` cancels between posts. Resolves with the final job (state `done`, `cancelled` or `failed` with its
   * message) — it does not throw for a failed import.
   */
  run(request: ImportRunRequest, onProgress?: (job: ImportJob) => void, signal?: AbortSignal): Promise<ImportJob> {
    return this.begin(request, onProgress, signal).finished;
  }

  /** Like {@link run}, for „Bilder herunterladen“. */
  runImageDownload(postId: string | null, onProgress?: (job: ImportJob) => void, signal?: AbortSignal): Promise<ImportJob> {
    return this.beginImages(postId, onProgress, signal).finished;
  }

  /** The IPC handlers; `get` is called per request, so they can be built before the service exists. */
  static handlers(get: () => ImportService): Pick<Handlers, ImportChannels> {
    return {
      listRemotePosts: (blogId, query) => get().listRemotePosts(blogId, query),
      chooseImportFile: () => get().chooseFile(),
      uploadImportFile: (upload) => get().uploadFile(upload),
      startImport: (request) => get().startImport(request),
      cancelImport: async (jobId) => ({ cancelled: get().cancel(jobId) }),
      downloadImportedImages: (postId) => get().startImageDownload(postId),
    };
  }

  // ── jobs ──────────────────────────────────────────────────────────────────────────────────────────────

  private begin(request: ImportRunRequest, onProgress: ((job: ImportJob) => void) | undefined, signal: AbortSignal | undefined): RunningJob {
    const source = request.kind === 'blog' ? `blog:${request.blogId}` : request.kind === 'wxr' ? `wxr:${request.fileToken}` : `wxr-path:${path.resolve(request.path)}`;
    return this.launch(source, onProgress, signal, async (job, emit, jobSignal) => {
      try {
        if (request.kind === 'blog') await this.importBlog(request, job, emit, jobSignal);
        else {
          const file = request.kind === 'wxr' ? this.files.pathOf(request.fileToken) : path.resolve(request.path);
          await this.importWxr(file, request, job, emit, jobSignal);
        }
      } finally {
        if (request.kind === 'wxr') await this.files.release(request.fileToken).catch(() => undefined);
      }
    });
  }

  private beginImages(postId: string | null, onProgress: ((job: ImportJob) => void) | undefined, signal: AbortSignal | undefined): RunningJob {
    // One image download at a time: two of them could otherwise write the same post.
    return this.launch('images', onProgress, signal, async (job, emit, jobSignal) => {
      const entries = (await this.index.all()).filter((e) => e.pending.length > 0 && (postId === null || e.postId === postId));
      job.total = entries.length;
      emit();
      for (const entry of entries) {
        if (jobSignal.aborted) throw new ImportCancelled();
        job.current = entry.postId;
        emit();
        job.results.push(await this.images.download(entry, jobSignal));
        job.done++;
        emit();
      }
    });
  }

  /** Runs a job: one per source at a time, its state pushed after every step, cancellation and failure as states. */
  private launch(
    source: string,
    onProgress: ((job: ImportJob) => void) | undefined,
    signal: AbortSignal | undefined,
    body: (job: ImportJob, emit: () => void, signal: AbortSignal) => Promise<void>,
  ): RunningJob {
    for (const r of this.jobs.values()) {
      if (r.source === source && r.job.state === 'running') {
        throw new KladdeError('conflict', source === 'images' ? 'Die Bilder werden gerade schon heruntergeladen.' : 'Aus dieser Quelle werden gerade schon Beiträge geholt.');
      }
    }
    const controller = new AbortController();
    const jobSignal = signal ? AbortSignal.any([controller.signal, signal]) : controller.signal;
    const job: ImportJob = { jobId: `import-${randomBytes(6).toString('hex')}`, state: 'running', done: 0, total: null, current: null, results: [], message: null };
    const emit = () => {
      const snapshot: ImportJob = { ...job, results: [...job.results] };
      this.deps.events?.emit('importProgress', snapshot);
      try {
        onProgress?.(snapshot);
      } catch {
        /* a listener's failure does not stop the import */
      }
    };
    const finished = (async () => {
      // Started on a later turn, so startImport hands back the job before its first event.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await body(job, emit, jobSignal);
        job.state = jobSignal.aborted ? 'cancelled' : 'done';
      } catch (error) {
        if (error instanceof ImportCancelled || jobSignal.aborted) job.state = 'cancelled';
        else {
          job.state = 'failed';
          job.message = importFailure(error).message;
        }
      }
      job.current = null;
      emit();
      if (job.results.some((r) => r.outcome === 'created')) this.deps.events?.emit('libraryChanged', {});
      this.trim();
      return { ...job, results: [...job.results] };
    })();
    const running: RunningJob = { job, controller, source, finished };
    this.jobs.set(job.jobId, running);
    return running;
  }

  private trim(): void {
    const over = [...this.jobs.values()].filter((r) => r.job.state !== 'running');
    for (const r of over.slice(0, Math.max(0, over.length - KEPT_JOBS))) this.jobs.delete(r.job.jobId);
  }

  // ── sources ───────────────────────────────────────────────────────────────────────────────────────────

  private async importBlog(request: BlogImportRequest, job: ImportJob, emit: () => void, signal: AbortSignal): Promise<void> {
    const { target, source } = await this.deps.sources(request.blogId, signal);
    const chosen: { remoteId: string; title: string }[] = [];
    if (request.remoteIds === null) {
      for (let page: number | null = 1; page !== null; ) {
        if (signal.aborted) throw new ImportCancelled();
        const listing = await source.listPosts(target, { page, perPage: LIST_PAGE, search: '', includePages: request.includePages });
        for (const p of listing.posts) if (request.includePages || p.type === 'post') chosen.push({ remoteId: p.remoteId, title: p.title });
        page = listing.nextPage !== null && listing.nextPage > page ? listing.nextPage : null;
      }
    } else {
      for (const id of request.remoteIds) chosen.push({ remoteId: id, title: id });
    }
    job.total = chosen.length;
    emit();
    const local = await new LocalPostFinder(this.deps.posts).remoteIds(request.blogId);
    const overwrite = new Set(request.overwriteLocal);
    await pipelined(chosen, signal, (result) => {
      if (result.postId) local.set(result.remoteId, result.postId);
      job.results.push(result);
      job.done++;
      emit();
    }, async ({ remoteId, title }) => {
      job.current = title;
      emit();
      try {
        const post = await source.fetchPost(target, remoteId);
        const item: PostToImport = {
          key: importKey({ blogId: request.blogId }, remoteId),
          remoteId,
          remote: post,
          blogId: request.blogId,
          record: post.record,
          findMedia: mediaFinder(post.media),
        };
        return await this.writer.importOne(item, local.get(remoteId) ?? null, this.options(request.downloadImages ?? true, overwrite.has(remoteId), signal));
      } catch (error) {
        if (error instanceof ImportCancelled || signal.aborted) throw new ImportCancelled();
        const failure = importFailure(error);
        if (failure.fatal) throw error;
        return { remoteId, title, postId: local.get(remoteId) ?? null, outcome: 'failed', message: failure.message, imagesMissing: 0 };
      }
    });
  }

  private async importWxr(file: string, request: WxrRequest | WxrPathRequest, job: ImportJob, emit: () => void, signal: AbortSignal): Promise<void> {
    // Read in chunks: a 200 MB export is never in memory at once.
    // Cancelling stops the reading too (the first pass over a large export takes a while).
    const open = () => createReadStream(file, { highWaterMark: 256 * 1024, signal });
    const types = request.includePages ? ['post', 'page'] : ['post'];
    emit();
    const summary = await readWxrSummary(open(), types);
    job.total = summary.posts;
    emit();
    const site = summary.channel.link || path.basename(file);
    const attachments: RemoteMedia[] = [...summary.attachments.values()].filter((a) => a.url).map((a) => ({ id: a.id, url: a.url, sourceUrl: a.url }));
    const findMedia = mediaFinder(attachments);
    const local = request.blogId ? await new LocalPostFinder(this.deps.posts).remoteIds(request.blogId) : null;
    const overwrite = new Set(request.overwriteLocal);
    await pipelined(readWxrPosts(open, types, summary), signal, (result) => {
      if (result.postId) local?.set(result.remoteId, result.postId);
      job.results.push(result);
      job.done++;
      emit();
    }, async (post) => {
      job.current = htmlText(post.title) || post.id;
      emit();
      const key = request.blogId ? importKey({ blogId: request.blogId }, post.id) : importKey({ site }, post.id);
      let existing: string | null = local?.get(post.id) ?? null;
      if (existing === null && !request.blogId) {
        const entry = await this.index.get(key);
        if (entry && (await postFolderExists(this.deps.posts, entry.postId))) existing = entry.postId;
      }
      const item: PostToImport = {
        key,
        remoteId: post.id,
        remote: post,
        blogId: request.blogId,
        // The export's modification time lets the first publish notice an online edit made after the export; the
        // content hash of what the blog stores is not in an export (the publisher skips that part while it is '').
        record: request.blogId ? { id: post.id, link: post.link, modified_gmt: post.modifiedGmt, online_hash: '' } : null,
        findMedia,
      };
      return this.writer.importOne(item, existing, this.options(request.downloadImages, overwrite.has(post.id), signal));
    });
  }

  private options(downloadImages: boolean, overwrite: boolean, signal: AbortSignal): ImportOptions {
    return { downloadImages, overwrite, signal };
  }
}


/**
 * Runs `work` over the items with up to {@link PARALLEL_POSTS} at once, handing results to `done` in the items'
 * order. When cancelled it takes no further item, lets the running ones end (a post either completes or leaves
 * nothing) and throws {@link ImportCancelled}; a failure thrown by `work` stops it the same way and is rethrown.
 */
async function pipelined<T>(
  items: Iterable<T> | AsyncIterable<T>,
  signal: AbortSignal,
  done: (result: ImportItemResult) => void,
  work: (item: T) => Promise<ImportItemResult>,
): Promise<void> {
  const running: Promise<{ ok: true; result: ImportItemResult } | { ok: false; error: unknown }>[] = [];
  let failure: { error: unknown } | null = null;
  const settle = async () => {
    const head = running.shift();
    if (!head) return;
    const outcome = await head;
    if (outcome.ok) done(outcome.result);
    else if (!failure || (failure.error instanceof ImportCancelled && !(outcome.error instanceof ImportCancelled))) failure = { error: outcome.error };
  };
  let broken: { error: unknown } | null = null;
  try {
    for await (const item of items) {
      if (signal.aborted || failure) break;
      running.push(work(item).then((result) => ({ ok: true as const, result }), (error: unknown) => ({ ok: false as const, error })));
      if (running.length >= PARALLEL_POSTS) await settle();
    }
  } catch (error) {
    // The source broke (an export cut off mid-file): the posts under way still finish first.
    broken = { error };
  }
  while (running.length > 0) await settle();
  if (failure) throw (failure as { error: unknown }).error;
  if (broken) throw broken.error;
  if (signal.aborted) throw new ImportCancelled();
}
