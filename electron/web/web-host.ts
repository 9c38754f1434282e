import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { eventContract, type EventName, type EventPayload } from '../common/ipc/contract.js';
import { contentSecurityPolicy } from '../common/security/csp.js';
import type { EventSink } from '../main/events/event-sink.js';
import { createDispatcher, errorResult, type Dispatch } from '../main/ipc/dispatch.js';
import { MAX_BODY_BYTES, MAX_BODY_MB } from '../common/ipc/limits.js';
import { postIdSchema } from '../common/model/post.js';
import { suggestedFileNameSchema } from '../common/model/images.js';
import { z } from 'zod';
import type { Services } from '../main/services.js';
import { STATIC_TYPES } from '../main/static-types.js';
import { ImageService } from '../main/images/image-service.js';
import { parseMediaPath } from '../main/images/media-path.js';
import { KladdeError } from '../common/result.js';
import { loadIdentity, newToken, saveIdentity } from './web-identity.js';
import { serveDownload } from './download-route.js';

export interface WebHostOptions {
  services: Services;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** A fixed port (fails when taken); otherwise the last one from `configDir` when free, else any free one. */
  port?: number;
  /** Fixed only in tests; otherwise the token kept in `configDir`, or a fresh one per start without it. */
  token?: string;
  /**
   * Where the token and last port are kept across restarts (`web-host.json`, mode 0600), so an open tab keeps
   * working after the host is started again.
   */
  configDir?: string;
  log?: (message: string) => void;
  /** The largest request body; the shared {@link MAX_BODY_BYTES} unless a test needs a small one. */
  maxBodyBytes?: number;
}

/** A body is held in memory up to this size; beyond it, it goes to a temp file on disk as it arrives. */
const IN_MEMORY_BODY = 1024 * 1024;

/** The arguments of an image upload whose bytes came as the request body (and now lie in a temp file). */
const streamedImportArgs = z.tuple([
  postIdSchema,
  z.object({ fileName: suggestedFileNameSchema, bytes: z.object({ $bytes: z.literal(true) }).strict() }).strict(),
]);

/** The arguments of an export upload whose bytes came as the request body. */
const streamedUploadArgs = z.tuple([z.object({ name: z.string().min(1).max(1000), bytes: z.object({ $bytes: z.literal(true) }).strict() }).strict()]);

class BodyTooLarge extends Error {}

/**
 * Kladde's services and renderer over HTTP on 127.0.0.1, for a browser: the same contract and validation as
 * Electron's IPC. Requests must name this host (no DNS rebinding), come from this origin, and API calls
 * must carry the per-start token.
 */
export class WebHost {
  private server: Server | null = null;
  private token: string;
  private readonly dispatch: Dispatch;
  private readonly streams = new Set<ServerResponse>();
  private port = 0;
  private detachEvents: (() => void) | null = null;
  /** Where request bodies too big for memory are spooled; made at start, removed at stop. */
  private spoolDir = '';
  private readonly maxBody: number;

  constructor(private readonly options: WebHostOptions) {
    this.token = options.token ?? newToken();
    this.dispatch = createDispatcher(options.services.handlers(), options.log);
    this.maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  }

  /** The address to open, with the token in the fragment so it never reaches a server log. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/#token=${this.token}`;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const configDir = this.options.configDir;
    const identity = configDir ? await loadIdentity(configDir) : null;
    if (identity && this.options.token === undefined) this.token = identity.token;
    this.spoolDir = await mkdtemp(path.join(os.tmpdir(), 'kladde-web-upload-'));
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Interner Fehler');
        else res.end();
      });
    });
    const server = this.server;
    const listen = (port: number) =>
      new Promise<void>((resolve, reject) => {
        const fail = (error: Error) => reject(error);
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', fail);
          resolve();
        });
      });
    if (this.options.port !== undefined) {
      await listen(this.options.port);
    } else if (identity?.port) {
      // The last port keeps an open tab's address valid; when another program took it, any free one will do.
      await listen(identity.port).catch(() => listen(0));
    } else {
      await listen(0);
    }
    this.port = (server.address() as AddressInfo).port;
    if (configDir && identity && identity.port !== this.port) await saveIdentity(configDir, { token: identity.token, port: this.port });
    const sink: EventSink = { emit: (name, payload) => this.broadcast(name, payload) };
    this.detachEvents = this.options.services.events.add(sink);
  }

  async stop(): Promise<void> {
    this.detachEvents?.();
    for (const s of this.streams) s.end();
    this.streams.clear();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    if (this.spoolDir) await rm(this.spoolDir, { recursive: true, force: true });
  }

  private allowedHosts(): string[] {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.allowedHosts().includes(req.headers.host ?? '')) {
      return send(res, 421, 'text/plain; charset=utf-8', 'Falscher Host');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !this.allowedHosts().some((h) => origin === `http://${h}`)) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Fremde Herkunft');
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return send(res, 403, 'text/plain; charset=utf-8', 'Fremde Herkunft');
    }
    const url = new URL(req.url ?? '/', this.origin);
    if (url.pathname.startsWith('/api/')) {
      if (!this.hasToken(req)) return send(res, 401, 'text/plain; charset=utf-8', 'Token fehlt oder ist falsch');
      if (url.pathname === '/api/events' && req.method === 'GET') return this.openStream(res);
      if (req.method !== 'POST' || origin === undefined) {
        return send(res, 405, 'text/plain; charset=utf-8', 'Nur POST vom eigenen Ursprung');
      }
      return this.call(url.pathname.slice('/api/'.length), req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Nur GET');
    if (url.pathname.startsWith('/media/')) {
      // <img> cannot send a header, so only this route also takes the token from the query string.
      if (!this.hasToken(req) && !this.sameToken(url.searchParams.get('token') ?? '')) {
        return send(res, 401, 'text/plain; charset=utf-8', 'Token fehlt oder ist falsch');
      }
      // The raw path, not the URL-normalised one: `/media/a/../b/x.png` is refused, not quietly rewritten.
      const raw = (req.url ?? '').replace(/[?#].*$/, '');
      return this.serveMedia(raw.startsWith('/media/') ? raw.slice('/media/'.length) : '', req, res);
    }
    if (url.pathname.startsWith('/download/')) {
      // A download is a navigation (a link, a print tab): like media, the token may come in the query string.
      if (!this.hasToken(req) && !this.sameToken(url.searchParams.get('token') ?? '')) {
        return send(res, 401, 'text/plain; charset=utf-8', 'Token fehlt oder ist falsch');
      }
      return serveDownload(this.options.services.exports.downloads, url.pathname.slice('/download/'.length), url.searchParams.get('view') === '1', req, res);
    }
    return this.serveStatic(url.pathname, res);
  }

  private hasToken(req: IncomingMessage): boolean {
    return this.sameToken(String(req.headers['x-kladde-token'] ?? ''));
  }

  private sameToken(candidate: string): boolean {
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** `GET /media/<postId>/<file>`: a post's local image for the preview, confined to that post's folder. */
  private async serveMedia(rawPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = parseMediaPath(rawPath);
    if (!parsed) return send(res, 400, 'text/plain; charset=utf-8', 'Ungültiger Pfad');
    let media: Awaited<ReturnType<ImageService['openMedia']>>;
    try {
      media = await this.options.services.images.openMedia(parsed.postId, parsed.file);
    } catch (error) {
      const code = error instanceof KladdeError ? error.code : 'internal';
      if (code === 'outside-library' || code === 'forbidden') return send(res, 403, 'text/plain; charset=utf-8', 'Verboten');
      return send(res, 404, 'text/plain; charset=utf-8', 'Nicht gefunden');
    }
    res.writeHead(200, {
      'Content-Type': media.mime,
      'Content-Length': String(media.size),
      'Content-Security-Policy': ImageService.mediaCsp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    const stream = media.stream();
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  private async call(channel: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = String(req.headers['content-type'] ?? '');
    const binary = type.startsWith('application/octet-stream');
    if (!type.startsWith('application/json') && !binary) {
      return send(res, 415, 'text/plain; charset=utf-8', 'JSON erwartet');
    }
    const tooLarge = () => {
      // The rest of the body is not read: the connection closes after the answer.
      res.setHeader('Connection', 'close');
      send(res, 413, 'text/plain; charset=utf-8', `Anfrage zu groß: höchstens ${MAX_BODY_MB} MB`);
      req.resume();
    };
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > this.maxBody) return tooLarge();
    let body: SpooledBody;
    try {
      body = await spoolBody(req, this.maxBody, this.spoolDir);
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge();
      throw error;
    }
    try {
      let result: unknown;
      if (binary) {
        // Bytes (an image) come as the body and the other arguments in a header, with `{ "$bytes": true }` where
        // the bytes belong. They stay on disk: the image service copies them from the spool file into the post.
        result = await this.callWithFile(channel, String(req.headers['x-kladde-args'] ?? ''), body);
      } else {
        result = await this.dispatch(channel, parseJson((await body.bytes()).toString('utf8')));
      }
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
    } finally {
      await body.dispose();
    }
  }

  /** A call whose bytes arrived as the request body; the same argument schemas as the contract, bytes on disk. */
  private async callWithFile(channel: string, header: string, body: SpooledBody): Promise<unknown> {
    if (channel === 'uploadImportFile') return this.uploadImportFile(header, body);
    if (channel !== 'importImage') {
      return { ok: false, error: { code: 'invalid-input', message: `Kanal ${channel.slice(0, 60)} nimmt keine Bytes` } };
    }
    const parsed = streamedImportArgs.safeParse(decodeArgsHeader(header));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'invalid-input', message: `Ungültige Eingabe (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})` } };
    }
    if (body.size === 0) return { ok: false, error: { code: 'invalid-input', message: 'Ungültige Eingabe (1.bytes: Die Datei ist leer)' } };
    const [postId, { fileName }] = parsed.data;
    try {
      const file = await body.file();
      return { ok: true, value: await this.options.services.images.importFromPath(postId, file, fileName) };
    } catch (error) {
      return errorResult(channel, error, this.options.log ?? (() => undefined));
    }
  }

  /** A WordPress export sent by the browser: copied from the spool file into the import's temp files. */
  private async uploadImportFile(header: string, body: SpooledBody): Promise<unknown> {
    const parsed = streamedUploadArgs.safeParse(decodeArgsHeader(header));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'invalid-input', message: `Ungültige Eingabe (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})` } };
    }
    if (body.size === 0) return { ok: false, error: { code: 'invalid-input', message: 'Ungültige Eingabe (0.bytes: Die Datei ist leer)' } };
    try {
      return { ok: true, value: await this.options.services.imports.files.adopt(await body.file(), parsed.data[0].name) };
    } catch (error) {
      return errorResult('uploadImportFile', error, this.options.log ?? (() => undefined));
    }
  }

  private openStream(res: ServerResponse): void {
    res.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    res.write(': verbunden\n\n');
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }

  private broadcast<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const data = JSON.stringify(eventContract[name].parse(payload));
    for (const s of this.streams) s.write(`event: ${name}\ndata: ${data}\n\n`);
  }

  private async serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'Ungültiger Pfad');
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    const root = await realpath(this.options.staticDir).catch(() => null);
    if (!root) return send(res, 503, 'text/plain; charset=utf-8', 'Die Oberfläche ist nicht gebaut: bitte „npm run build“ ausführen.');
    const file = path.resolve(root, '.' + rel);
    if (!file.startsWith(root + path.sep) || rel.includes('\0')) return send(res, 404, 'text/plain; charset=utf-8', 'Nicht gefunden');
    let data: Buffer;
    try {
      const real = await realpath(file);
      if (!real.startsWith(root + path.sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Nicht gefunden');
      data = await readFile(real);
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'Nicht gefunden');
    }
    send(res, 200, STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream', data);
  }
}

/** The headers every response of the web host carries (the event stream's included). */
function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, ...securityHeaders() });
  res.end(body);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function decodeArgsHeader(header: string): unknown {
  try {
    return parseJson(decodeURIComponent(header));
  } catch {
    return undefined;
  }
}

/** A request body, in memory while small and in a spool file once it grows; disposed after the call. */
interface SpooledBody {
  size: number;
  bytes(): Promise<Buffer>;
  /** The body as a file on disk (written there now if it was still in memory). */
  file(): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Reads a request body without holding more than {@link IN_MEMORY_BODY} of it in memory: beyond that it is written
 * to a temp file as it arrives, with backpressure. Rejects with BodyTooLarge once it passes `limit`.
 */
function spoolBody(req: IncomingMessage, limit: number, dir: string): Promise<SpooledBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let spool: { path: string; stream: ReturnType<typeof createWriteStream> } | null = null;
    const newSpoolPath = () => path.join(dir, `body-${randomBytes(8).toString('hex')}.tmp`);
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      req.pause();
      if (spool) {
        const file = spool.path;
        spool.stream.destroy();
        void unlink(file).catch(() => undefined);
      }
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) return fail(new BodyTooLarge());
      if (!spool && size <= IN_MEMORY_BODY) {
        chunks.push(chunk);
        return;
      }
      if (!spool) {
        const file = newSpoolPath();
        spool = { path: file, stream: createWriteStream(file, { flags: 'wx', mode: 0o600 }) };
        spool.stream.on('error', (error) => fail(error));
        for (const c of chunks.splice(0)) spool.stream.write(c);
      }
      if (!spool.stream.write(chunk)) {
        req.pause();
        spool.stream.once('drain', () => req.resume());
      }
    });
    req.on('error', (error) => fail(error));
    req.on('end', () => {
      if (failed) return;
      const done = spool;
      if (!done) {
        const data = Buffer.concat(chunks);
        let written: string | null = null;
        resolve({
          size,
          bytes: () => Promise.resolve(data),
          file: async () => {
            if (written) return written;
            written = newSpoolPath();
            await writeFile(written, data, { flag: 'wx', mode: 0o600 });
            return written;
          },
          dispose: async () => {
            if (written) await unlink(written).catch(() => undefined);
          },
        });
        return;
      }
      done.stream.end(() =>
        resolve({
          size,
          bytes: () => readFile(done.path),
          file: () => Promise.resolve(done.path),
          dispose: () => unlink(done.path).catch(() => undefined),
        }),
      );
    });
  });
}
