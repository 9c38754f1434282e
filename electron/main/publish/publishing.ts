import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Handlers } from '../ipc/dispatch.js';
import { CredentialStore } from '../credentials/credential-store.js';
import { FileKeySecretBox } from '../credentials/file-key-secret-box.js';
import type { SecretBox } from '../credentials/secret-box.js';
import type { EventSink } from '../events/event-sink.js';
import { HttpClient, platformFetch, type FetchLike } from '../http/http-client.js';
import { Outbox, type OutboxClock } from '../outbox/outbox.js';
import type { PostStore } from '../posts/post-store.js';
import { parseFrontMatter } from '../../common/markdown/front-matter.js';
import { BlogStore } from './blog-store.js';
import { BrowserSignInService } from './browser-sign-in.js';
import { MediaIndex } from './media-index.js';
import { asKladdeError, PublishService, type PublishServiceDeps } from './publish-service.js';
import { defaultPublishers, type PublisherRegistry } from './registry.js';

export interface PublishingOptions {
  /** The config folder: blogs, cached terms and encrypted secrets live here, never in the library. */
  configDir: string;
  posts: PostStore;
  events?: EventSink;
  /** Electron's safeStorage in the app; a key file in the config folder when not given (web host, tests). */
  secretBox?: SecretBox;
  fetch?: FetchLike;
  clock?: OutboxClock;
  registry?: PublisherRegistry;
  /** Per-request timeout. */
  timeoutMs?: number;
  backoffMs?: readonly number[];
  renderOptions?: PublishServiceDeps['renderOptions'];
  log?: (line: string) => void;
}

type PublishChannels =
  | 'listBlogs'
  | 'addBlog'
  | 'updateBlog'
  | 'removeBlog'
  | 'setBlogCredentials'
  | 'hasBlogCredentials'
  | 'beginBlogSignIn'
  | 'finishBlogSignIn'
  | 'cancelBlogSignIn'
  | 'listBlogTerms'
  | 'refreshBlogTerms'
  | 'checkPublish'
  | 'listThirdParty'
  | 'publishPost'
  | 'downloadOnlineCopy'
  | 'listOutbox'
  | 'cancelJob'
  | 'retryJob'
  | 'networkRestored';

/** Blogs, credentials, publishing and the outbox, wired together for the Services container. */
export class Publishing {
  readonly http: HttpClient;
  readonly blogs: BlogStore;
  readonly credentials: CredentialStore;
  readonly service: PublishService;
  readonly outbox: Outbox;
  readonly browserSignIn: BrowserSignInService;

  constructor(options: PublishingOptions) {
    this.http = new HttpClient({ fetch: options.fetch ?? platformFetch, timeoutMs: options.timeoutMs ?? 30_000, ...(options.log ? { log: options.log } : {}) });
    this.blogs = new BlogStore(options.configDir);
    const box = options.secretBox ?? new FileKeySecretBox(path.join(options.configDir, 'secret.key'));
    this.credentials = new CredentialStore(path.join(options.configDir, 'credentials.json'), box);
    const registry = options.registry ?? defaultPublishers();
    this.browserSignIn = new BrowserSignInService({ blogs: this.blogs, credentials: this.credentials, registry, http: this.http });
    this.service = new PublishService({
      posts: options.posts,
      blogs: this.blogs,
      credentials: this.credentials,
      registry,
      http: this.http,
      media: new MediaIndex(path.join(options.posts.root, '.kladde', 'media')),
      ...(options.events ? { events: options.events } : {}),
      ...(options.renderOptions ? { renderOptions: options.renderOptions } : {}),
    });
    this.outbox = new Outbox({
      dir: path.join(options.posts.root, '.kladde', 'outbox'),
      run: (job, memory, hooks) => this.service.attempt(job.postId, job.blogId, job.options.onConflict, memory, hooks),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.events ? { events: options.events } : {}),
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
      ...(options.log ? { log: options.log } : {}),
      origin: () => installationId(options.configDir),
    });
  }

  start(): Promise<void> {
    return this.outbox.start();
  }

  stop(): Promise<void> {
    this.browserSignIn.closeAll();
    return this.outbox.stop();
  }
}

/** The IPC handlers of publishing; `get` is called per request, so they can be built before `start`. */
export function publishingHandlers(get: () => Publishing, posts: () => PostStore): Pick<Handlers, PublishChannels> {
  const service = () => get().service;
  const wrap = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw asKladdeError(error);
    }
  };
  return {
    listBlogs: () => service().listBlogs(),
    addBlog: (request) => service().addBlog(request),
    updateBlog: (id, patch) => service().updateBlog(id, patch),
    removeBlog: async (id) => {
      await service().removeBlog(id);
      return { removed: true as const };
    },
    setBlogCredentials: (id, credentials) => service().setCredentials(id, credentials),
    hasBlogCredentials: (id) => service().hasCredentials(id),
    beginBlogSignIn: (id) => get().browserSignIn.begin(id),
    finishBlogSignIn: (id) => get().browserSignIn.finish(id),
    cancelBlogSignIn: async (id) => ({ cancelled: get().browserSignIn.cancel(id) }),
    listBlogTerms: (id) => service().terms(id),
    refreshBlogTerms: (id) => service().refreshTerms(id),
    checkPublish: (postId, blogId) => service().checkPublish(postId, blogId),
    listThirdParty: (postId, blogId) => service().thirdParty(postId, blogId),
    publishPost: async (postId, blogId, options) => {
      const problems = await service().checkPublish(postId, blogId);
      if (problems.length > 0) return { status: 'problems' as const, problems };
      const opened = await posts().open(postId);
      const parsed = parseFrontMatter(opened.text);
      const title = parsed.ok ? parsed.fields.title : postId;
      return wrap(() => get().outbox.submit(postId, blogId, title, options));
    },
    downloadOnlineCopy: (postId, blogId) => service().downloadOnlineCopy(postId, blogId),
    listOutbox: async () => {
      await get().outbox.start();
      return get().outbox.list();
    },
    cancelJob: async (jobId) => ({ cancelled: await get().outbox.cancel(jobId) }),
    retryJob: (jobId, options) => wrap(() => get().outbox.retry(jobId, options)),
    networkRestored: async () => {
      get().outbox.networkRestored();
      return null;
    },
  };
}

/** A random id of this installation, kept in the config folder (never in the library, which may be shared). */
async function installationId(configDir: string): Promise<string> {
  const file = path.join(configDir, 'installation-id');
  try {
    const id = (await readFile(file, 'utf8')).trim();
    if (/^[a-f0-9]{32}$/.test(id)) return id;
  } catch {
    /* first start */
  }
  const id = randomBytes(16).toString('hex');
  await mkdir(configDir, { recursive: true });
  await writeFile(file, id + '\n', { mode: 0o600 });
  return id;
}
