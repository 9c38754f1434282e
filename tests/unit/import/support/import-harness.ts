import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { blogSchema, type Blog } from '../../../../electron/common/model/blog.js';
import type { ImportJob, RemotePostQuery } from '../../../../electron/common/model/import.js';
import type { EventName, EventPayload } from '../../../../electron/common/ipc/contract.js';
import { HttpClient, platformFetch } from '../../../../electron/main/http/http-client.js';
import { ImportService } from '../../../../electron/main/import/import-service.js';
import type { RemoteImportPost, RemoteListing, RemotePostSource } from '../../../../electron/main/import/remote-source.js';
import { PostStore } from '../../../../electron/main/posts/post-store.js';
import type { PublishTarget } from '../../../../electron/main/publish/publisher.js';

/** What the image server answers for a path: bytes with a type, a status, or an answer held back until released. */
export type ImageAnswer = { bytes: Uint8Array; type?: string } | { status: number } | { hold: Promise<void>; bytes: Uint8Array };

/** A real HTTP server on loopback serving image bytes by path, counting every request. */
export class ImageServer {
  readonly answers = new Map<string, ImageAnswer>();
  readonly requests: string[] = [];
  private server: http.Server | null = null;
  base = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const route = (req.url ?? '').split('?')[0] ?? '';
      this.requests.push(route);
      const answer = this.answers.get(route);
      if (!answer) return void res.writeHead(404).end('nicht da');
      if ('status' in answer) return void res.writeHead(answer.status).end();
      const send = () => res.writeHead(200, { 'content-type': 'type' in answer ? (answer.type ?? 'image/jpeg') : 'image/jpeg' }).end(Buffer.from(answer.bytes));
      if ('hold' in answer) void answer.hold.then(send, () => res.destroy());
      else send();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(route: string): string {
    return this.base + route;
  }

  count(route: string): number {
    return this.requests.filter((r) => r === route).length;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** A blog's posts as its importer would hand them out, without any network: the seam the service codes against. */
export class FakeSource implements RemotePostSource {
  readonly posts = new Map<string, RemoteImportPost>();
  fetched: string[] = [];
  failWith: Error | null = null;

  async listPosts(_target: PublishTarget, query: RemotePostQuery): Promise<RemoteListing> {
    if (this.failWith) throw this.failWith;
    const all = [...this.posts.values()].filter((p) => query.includePages || p.type === 'post');
    const from = (query.page - 1) * query.perPage;
    const page = all.slice(from, from + query.perPage);
    return {
      posts: page.map((p) => ({ remoteId: p.remoteId, title: p.title, date: p.date, status: p.status, type: p.type })),
      total: all.length,
      nextPage: from + query.perPage < all.length ? query.page + 1 : null,
    };
  }

  async fetchPost(_target: PublishTarget, remoteId: string): Promise<RemoteImportPost> {
    this.fetched.push(remoteId);
    if (this.failWith) throw this.failWith;
    const post = this.posts.get(remoteId);
    if (!post) throw new Error(`kein Beitrag ${remoteId}`);
    return structuredClone(post);
  }
}

/** A post of the fake blog, with what a REST importer would say about it. */
export function remotePost(id: string, fields: Partial<RemoteImportPost> = {}): RemoteImportPost {
  return {
    remoteId: id,
    type: 'post',
    sticky: false,
    commentStatus: 'open',
    title: `Beitrag ${id}`,
    slug: `beitrag-${id}`,
    date: '2024-05-01 10:00:00',
    dateGmt: '2024-05-01 08:00:00',
    status: 'publish',
    categories: [],
    tags: [],
    excerpt: '',
    content: `<p>Text von ${id}.</p>`,
    lang: 'de',
    record: { id, link: `https://blog.example.de/?p=${id}`, modified_gmt: '2024-05-01T08:00:00', online_hash: `h${id}` },
    media: [],
    ...fields,
  };
}

export const BLOG: Blog = blogSchema.parse({
  id: 'mein-blog',
  kind: 'wordpress',
  name: 'Mein Blog',
  url: 'https://blog.example.de/',
  apiRoot: 'https://blog.example.de/wp-json/',
  user: 'anna',
  site: '',
  authorizeUrl: null,
  defaultStatus: 'draft',
  defaultCategory: '',
  output: 'blocks',
});

export interface Harness {
  root: string;
  configDir: string;
  posts: PostStore;
  service: ImportService;
  source: FakeSource;
  images: ImageServer;
  events: { name: EventName; payload: unknown }[];
  /** Post folders of the library (not the welcome post). */
  folders(): Promise<string[]>;
  progress: ImportJob[];
  onProgress: (job: ImportJob) => void;
  close(): Promise<void>;
}

/** A temp library with a real PostStore, an ImportService with a fake blog, and a loopback image server. */
export async function harness(): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-import-'));
  const root = path.join(dir, 'Bibliothek');
  const configDir = path.join(dir, 'config');
  await mkdir(configDir, { recursive: true });
  const posts = new PostStore({ root });
  await posts.ensureLibrary();
  const images = new ImageServer();
  await images.start();
  const source = new FakeSource();
  const events: { name: EventName; payload: unknown }[] = [];
  const http = new HttpClient({ fetch: platformFetch, timeoutMs: 10_000 });
  const service = new ImportService({
    posts,
    http,
    configDir,
    sources: async (blogId) => {
      if (blogId !== BLOG.id) throw new Error('unbekannter Blog');
      return { target: { blog: BLOG, secret: 'geheim', http }, source };
    },
    events: { emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void events.push({ name, payload }) },
  });
  await service.start();
  const progress: ImportJob[] = [];
  return {
    root,
    configDir,
    posts,
    service,
    source,
    images,
    events,
    progress,
    onProgress: (job) => void progress.push(job),
    folders: async () => (await readdir(root)).filter((n) => !n.startsWith('.') && n !== 'willkommen-in-kladde').sort(),
    close: async () => {
      await service.stop();
      await images.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
