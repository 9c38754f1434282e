import type { Result } from '../../electron/common/result.js';
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatch.js';
import { Services } from '../../electron/main/services.js';

/**
 * Kladde's main-process services, driven through the same IPC dispatcher the app and the web host use, with the
 * real fetch wrapped so tests and benchmarks can count (and, in tests, interfere with) every request to a blog.
 */

/** One request Kladde sent, as the wrapped fetch saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  /** The answer's status; absent when no answer came. */
  status?: number;
  /** Size of the request body as sent (a multipart body encoded), 0 without a body. */
  bodyBytes: number;
  /** Bytes of the files in a multipart body (image uploads), 0 for any other request. */
  fileBytes: number;
  /** The method of an XML-RPC call (`wp.newPost` …), read from the body Kladde built. */
  xmlRpcMethod?: string;
}

/** Lets a test act on a request: after it was answered (stop the server), or by losing its answer. */
export type Intercept = (request: SeenRequest, send: () => Promise<Response>) => Promise<Response>;

/** A started Kladde: its services, an IPC caller, and what it sent over the network. */
export interface Kladde {
  services: Services;
  /** Calls an IPC channel; throws with code and message when the answer is an error. */
  call<T>(channel: string, ...args: unknown[]): Promise<T>;
  requests: SeenRequest[];
  intercept: Intercept | null;
}

export interface StartKladdeOptions {
  configDir: string;
  libraryDir: string;
  /** Receives every log line. */
  log?: (line: string) => void;
  /** Receives every IPC answer as JSON (to search it for secrets, say). */
  onAnswer?: (json: string) => void;
  /** A Kladde stopped before: its request list continues, as after quitting and starting the app again. */
  previous?: Kladde;
}

/** Measures a body the way fetch will send it; FormData is encoded once more only to learn its size. */
async function bodySizes(body: RequestInit['body']): Promise<{ bodyBytes: number; fileBytes: number }> {
  if (body === undefined || body === null) return { bodyBytes: 0, fileBytes: 0 };
  if (typeof body === 'string') return { bodyBytes: Buffer.byteLength(body), fileBytes: 0 };
  if (body instanceof FormData) {
    let fileBytes = 0;
    for (const value of body.values()) if (typeof value !== 'string') fileBytes += value.size;
    return { bodyBytes: (await new Response(body).arrayBuffer()).byteLength, fileBytes };
  }
  if (body instanceof Blob) return { bodyBytes: body.size, fileBytes: 0 };
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { bodyBytes: body.byteLength, fileBytes: 0 };
  return { bodyBytes: 0, fileBytes: 0 };
}

/** Starts Kladde's services on the given folders with a counting fetch. Stop them with `kladde.services.stop()`. */
export async function startKladde(options: StartKladdeOptions): Promise<Kladde> {
  const state: Kladde = {
    services: null as unknown as Services,
    requests: options.previous?.requests ?? [],
    intercept: null,
    call: async () => undefined as never,
  };
  const countingFetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const seen: SeenRequest = { method: init?.method ?? 'GET', url: input, ...(await bodySizes(init?.body)) };
    const xmlRpcMethod = typeof init?.body === 'string' ? methodNameOf(init.body) : null;
    if (xmlRpcMethod) seen.xmlRpcMethod = xmlRpcMethod;
    state.requests.push(seen);
    const send = () =>
      fetch(input, init).then((response) => {
        seen.status = response.status;
        return response;
      });
    return state.intercept ? state.intercept(seen, send) : send();
  };
  const log = options.log ?? (() => undefined);
  const services = new Services({
    configDir: options.configDir,
    libraryPath: options.libraryDir,
    transport: 'web',
    version: 'test',
    systemLanguage: 'de',
    log,
    fetch: countingFetch,
  });
  await services.start();
  const dispatch: Dispatch = createDispatcher(services.handlers(), log);
  state.services = services;
  state.call = async <T,>(channel: string, ...args: unknown[]): Promise<T> => {
    const result = (await dispatch(channel, args)) as Result<T>;
    options.onAnswer?.(JSON.stringify(result));
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  return state;
}

/** The `<methodName>` of an XML-RPC call body, or null for any other body. */
function methodNameOf(body: string): string | null {
  const start = body.indexOf('<methodName>');
  const end = body.indexOf('</methodName>');
  return body.startsWith('<?xml') && start !== -1 && end > start ? body.slice(start + '<methodName>'.length, end) : null;
}

/** XML-RPC calls of one method (`wp.uploadFile`, `wp.newPost` …) that got an answer. */
export const xmlRpcCalls = (requests: SeenRequest[], method: string): SeenRequest[] =>
  requests.filter((r) => r.xmlRpcMethod === method && r.status !== undefined);

/** Images that reached the blog (uploads answered with 201). */
export const mediaPosts = (requests: SeenRequest[]): SeenRequest[] =>
  requests.filter((r) => r.method === 'POST' && /wp\/v2\/media/.test(r.url) && r.status === 201);
