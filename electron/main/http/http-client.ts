/**
 * The only place in main that talks to the network. Everything that leaves the machine goes through
 * {@link HttpClient}: it puts a timeout on every request, classifies failures into a few kinds the publishers
 * and the outbox can act on, and never writes an Authorization header or a body into a log or an error.
 */

/** The `fetch` the client uses; injected so tests can count (or cut) real requests. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * What went wrong, as the outbox needs to know it:
 * - `offline`: no connection, name not resolved, connection refused or reset — retry when the network is back;
 * - `timeout`: no answer in time — retry, but the request may have been carried out;
 * - `tls`: the certificate was refused;
 * - `http`: the server answered with a status ≥ 400 (`status`, `code` from a JSON body);
 * - `aborted`: cancelled by the caller;
 * - `invalid-response`: an answer that is not what the protocol promises (e.g. HTML instead of JSON).
 */
export type HttpErrorKind = 'offline' | 'timeout' | 'tls' | 'http' | 'aborted' | 'invalid-response';

/** A failed request. Its message names method, address and status, never credentials or body content. */
export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** `code` of a JSON error body (WordPress: `rest_not_logged_in`, `term_exists`, …). */
      code?: string;
      /** The JSON error body's `data`, e.g. WordPress's `{ term_id }` for `term_exists`. */
      data?: unknown;
      /** The error body's `message` as the server wrote it (may be in any language). */
      serverMessage?: string;
      /** The low-level cause's code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, …). */
      cause?: string;
    } = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get code(): string | undefined {
    return this.details.code;
  }
}

/** A file part of a multipart body. */
export interface MultipartFile {
  name: string;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as it is with its content type (e.g. an XML-RPC call as `text/xml`). */
  text?: { contentType: string; body: string };
  /** Sent as `multipart/form-data`: text fields plus files. */
  multipart?: { fields: Record<string, string>; files: MultipartFile[] };
  /** Overrides the client's default timeout for this request. */
  timeoutMs?: number;
  /** Cancels the request (e.g. the user cancelled the outbox job). */
  signal?: AbortSignal;
  /** Follow redirects (default) or hand 3xx answers back as they are. */
  redirect?: 'follow' | 'manual';
  /** Read the answer as bytes (a file, e.g. an image on the blog) into `bytes` instead of `text`. */
  responseType?: 'text' | 'bytes';
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The final address after redirects. */
  url: string;
  text: string;
  /** The body as it came, when the request asked for `responseType: 'bytes'` (`text` is empty then). */
  bytes?: Uint8Array;
}

/** A file's bytes as {@link HttpClient.bytes} hands them out (empty for a status ≥ 400). */
export interface HttpBytesResponse {
  status: number;
  headers: Headers;
  url: string;
  bytes: Uint8Array;
}

export interface HttpClientOptions {
  fetch: FetchLike;
  /** Default timeout per request. */
  timeoutMs?: number;
  userAgent?: string;
  /** Receives one line per request: method, address without query, status, duration. Never headers or bodies. */
  log?: (line: string) => void;
  now?: () => number;
  /** Largest answer body read; default 32 MB. A blog's JSON is far smaller; a bigger answer is refused, not buffered. */
  maxResponseBytes?: number;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const DEFAULT_MAX_RESPONSE = 32 * 1024 * 1024;

/** Sends requests with a timeout and turns every failure into an {@link HttpError}. */
export class HttpClient {
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private readonly maxResponseBytes: number;

  constructor(options: HttpClientOptions) {
    this.fetchFn = options.fetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.userAgent = options.userAgent ?? 'Kladde';
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  }

  /** Sends a request; resolves with any status (also ≥ 400). Rejects with an HttpError when no answer came. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    const where = `${method} ${safeAddress(request.url)}`;
    const timeout = AbortSignal.timeout(request.timeoutMs ?? this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, Accept: 'application/json, */*;q=0.5', ...request.headers };
    let body: RequestInit['body'];
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(request.json);
    } else if (request.text) {
      headers['Content-Type'] = request.text.contentType;
      body = request.text.body;
    } else if (request.multipart) {
      const form = new FormData();
      for (const [k, v] of Object.entries(request.multipart.fields)) form.append(k, v);
      for (const f of request.multipart.files) {
        form.append(f.name, new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.contentType }), f.fileName);
      }
      body = form;
    }
    const started = this.now();
    let response: Response;
    let raw: Uint8Array;
    try {
      response = await this.fetchFn(request.url, { method, headers, body, signal, redirect: request.redirect ?? 'follow' });
      raw = await readBody(response, this.maxResponseBytes, where);
    } catch (error) {
      const classified = error instanceof HttpError ? error : classify(error, where, request.signal, timeout);
      this.log(`${where} → ${classified.kind}${classified.details.cause ? ` (${classified.details.cause})` : ''} nach ${this.now() - started} ms`);
      throw classified;
    }
    this.log(`${where} → ${response.status} (${this.now() - started} ms)`);
    const answer = { status: response.status, headers: response.headers, url: response.url || request.url };
    return request.responseType === 'bytes' ? { ...answer, text: '', bytes: raw } : { ...answer, text: new TextDecoder().decode(raw) };
  }

  /**
   * Fetches a file's bytes (an image of a post being imported), at most `maxBytes`: a larger answer is cut off and
   * refused, never buffered. Resolves with any status; rejects with an HttpError when no answer came.
   */
  async bytes(request: Pick<HttpRequest, 'url' | 'signal' | 'timeoutMs' | 'headers'> & { maxBytes: number }): Promise<HttpBytesResponse> {
    const where = `GET ${safeAddress(request.url)}`;
    const timeout = AbortSignal.timeout(request.timeoutMs ?? this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, Accept: 'image/*, */*;q=0.5', ...request.headers };
    const started = this.now();
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await this.fetchFn(request.url, { method: 'GET', headers, signal, redirect: 'follow' });
      bytes = response.status >= 400 ? (await response.body?.cancel().catch(() => undefined), new Uint8Array(0)) : await readBytes(response, request.maxBytes, where);
    } catch (error) {
      const classified = error instanceof HttpError ? error : classify(error, where, request.signal, timeout);
      this.log(`${where} → ${classified.kind}${classified.details.cause ? ` (${classified.details.cause})` : ''} nach ${this.now() - started} ms`);
      throw classified;
    }
    this.log(`${where} → ${response.status} (${this.now() - started} ms)`);
    return { status: response.status, headers: response.headers, url: response.url || request.url, bytes };
  }

  /**
   * Sends a request and parses the JSON answer. A status ≥ 400 rejects with an `http` HttpError carrying the
   * body's `code`, `message` and `data`; a 2xx answer that is not JSON rejects with `invalid-response`.
   */
  async json<T = unknown>(request: HttpRequest): Promise<{ status: number; headers: Headers; body: T }> {
    const response = await this.send(request);
    const where = `${request.method ?? 'GET'} ${safeAddress(request.url)}`;
    if (response.status >= 400) throw httpStatusError(response, where);
    try {
      return { status: response.status, headers: response.headers, body: JSON.parse(response.text) as T };
    } catch {
      throw new HttpError('invalid-response', `${where}: Antwort ist kein JSON (Status ${response.status})`, { status: response.status });
    }
  }
}

/** The HttpError for an answer with status ≥ 400, with the JSON error body's fields when there is one. */
export function httpStatusError(response: HttpResponse, where: string): HttpError {
  let code: string | undefined;
  let serverMessage: string | undefined;
  let data: unknown;
  try {
    const parsed: unknown = JSON.parse(response.text);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      if (typeof record['code'] === 'string') code = record['code'];
      else if (typeof record['error'] === 'string') code = record['error'];
      if (typeof record['message'] === 'string') serverMessage = record['message'];
      data = record['data'];
    }
  } catch {
    /* not JSON: status alone */
  }
  return new HttpError('http', `${where}: Status ${response.status}${code ? ` (${code})` : ''}`, {
    status: response.status,
    ...(code !== undefined ? { code } : {}),
    ...(serverMessage !== undefined ? { serverMessage } : {}),
    ...(data !== undefined ? { data } : {}),
  });
}

/** The address without query and fragment: queries may carry search terms, and nothing else is needed to debug. */
export function safeAddress(url: string): string {
  try {
    const u = new URL(url);
    const route = u.searchParams.get('rest_route');
    return `${u.origin}${u.pathname}${route ? `?rest_route=${route}` : ''}`;
  } catch {
    return '(ungültige Adresse)';
  }
}

/**
 * The body, read up to `max` bytes: a malicious or broken server could otherwise stream until the process runs
 * out of memory. Beyond that the connection is dropped and the answer refused with `tooLarge()`.
 */
async function readLimited(response: Response, max: number, tooLarge: () => HttpError): Promise<Uint8Array> {
  if (Number(response.headers.get('content-length') ?? 0) > max) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(value);
  }
  return Buffer.concat(parts, size);
}

/** An API answer (JSON, XML), at most `max` bytes. */
function readBody(response: Response, max: number, where: string): Promise<Uint8Array> {
  return readLimited(response, max, () => new HttpError('invalid-response', `${where}: Antwort zu groß (mehr als ${Math.round(max / (1024 * 1024))} MB)`, { status: response.status }));
}

/** A file (an image to download), at most `max` bytes; too large is its own code, so the caller can say so. */
function readBytes(response: Response, max: number, where: string): Promise<Uint8Array> {
  return readLimited(response, max, () => new HttpError('invalid-response', `${where}: Datei zu groß (mehr als ${Math.round(max / (1024 * 1024))} MB)`, { status: response.status, code: 'too-large' }));
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function classify(error: unknown, where: string, userSignal: AbortSignal | undefined, timeout: AbortSignal): HttpError {
  if (userSignal?.aborted) return new HttpError('aborted', `${where}: abgebrochen`);
  const name = error instanceof Error ? error.name : '';
  if (timeout.aborted || name === 'TimeoutError') return new HttpError('timeout', `${where}: Zeitüberschreitung`);
  const cause = causeCode(error);
  const details = cause !== undefined ? { cause } : {};
  if (cause !== undefined && (TLS_CODES.has(cause) || cause.startsWith('ERR_TLS') || cause.startsWith('ERR_SSL'))) {
    return new HttpError('tls', `${where}: TLS-Fehler`, details);
  }
  if (cause !== undefined && TIMEOUT_CODES.has(cause)) return new HttpError('timeout', `${where}: Zeitüberschreitung`, details);
  if (name === 'AbortError') return new HttpError('aborted', `${where}: abgebrochen`, details);
  // Refused, reset, unreachable, unresolvable, socket closed: the blog cannot be reached right now.
  return new HttpError('offline', `${where}: nicht erreichbar`, details);
}

/** The platform's own `fetch` (Node's undici, Electron's main-process fetch), for the composition root. */
export const platformFetch: FetchLike = (input, init) => fetch(input, init);
