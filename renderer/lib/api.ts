import { CHANNELS, EVENTS } from '../../electron/common/ipc/channels';
import type { EventName, EventPayload, KladdeApi, KladdeEvents } from '../../electron/common/ipc/contract';
import { mediaPath, mediaPathForFile } from '../../electron/common/ipc/media-url';
import type { Result } from '../../electron/common/result';
import { DISCONNECTED_MESSAGE } from './connection';

/**
 * The renderer's only door to main. In Electron the preload's `window.kladde` is used; in a browser the same
 * contract goes over HTTP to the web host, with the per-start token taken from the URL fragment.
 */
type Bridge = KladdeApi & KladdeEvents;

declare global {
  interface Window {
    kladde?: Bridge;
  }
}

const TOKEN_KEY = 'kladde-token';

function webToken(): string {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const fromHash = hash.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // The token must not linger in the address bar or history.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Listener = (payload: unknown) => void;

/**
 * A call as an HTTP request. Arguments are JSON; bytes (an image) cannot be, so a call carrying a Uint8Array in
 * an argument object sends those bytes as the body and the rest, URI-encoded JSON, in a header.
 */
function webRequest(args: unknown[], token: string): { headers: Record<string, string>; body: BodyInit } {
  for (const [i, arg] of args.entries()) {
    if (typeof arg !== 'object' || arg === null) continue;
    const entry = Object.entries(arg).find(([, v]) => v instanceof Uint8Array);
    if (!entry) continue;
    const [key, bytes] = entry as [string, Uint8Array<ArrayBuffer>];
    const rest = args.map((a, j) => (j === i ? { ...(a as object), [key]: { $bytes: true } } : a));
    return {
      headers: { 'Content-Type': 'application/octet-stream', 'X-Kladde-Token': token, 'X-Kladde-Args': encodeURIComponent(JSON.stringify(rest)) },
      // A Blob body is streamed by the browser; a typed array would be copied on the main thread.
      body: new Blob([bytes]),
    };
  }
  const json = JSON.stringify(args);
  // A long text (a save of a 1 MB post) goes as a Blob: Chromium hands a string body over to the network far
  // more slowly, blocking the renderer for tens of milliseconds.
  return { headers: { 'Content-Type': 'application/json', 'X-Kladde-Token': token }, body: json.length > 65_536 ? new Blob([json]) : json };
}

function createWebBridge(): Bridge {
  const token = webToken();
  const listeners = new Map<string, Set<Listener>>();

  const call = async (channel: string, args: unknown[]): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`/api/${channel}`, { method: 'POST', ...webRequest(args, token) });
      if (!response.ok) {
        return { ok: false, error: { code: response.status === 401 ? 'forbidden' : 'internal', message: await response.text() } };
      }
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'io', message: DISCONNECTED_MESSAGE } };
    }
  };

  const connectEvents = async (): Promise<void> => {
    // fetch instead of EventSource: the token goes in a header, not in a URL.
    for (;;) {
      try {
        const response = await fetch('/api/events', { headers: { 'X-Kladde-Token': token } });
        const reader = response.body?.getReader();
        if (!reader) throw new Error('no stream');
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.+)$/m.exec(chunk)?.[1];
            const data = /^data: (.+)$/m.exec(chunk)?.[1];
            if (name && data) for (const l of listeners.get(name) ?? []) l(JSON.parse(data) as unknown);
          }
        }
      } catch {
        /* reconnect below */
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  void connectEvents();

  const bridge: Record<string, unknown> = {};
  for (const channel of CHANNELS) bridge[channel] = (...args: unknown[]) => call(channel, args);
  for (const event of EVENTS) {
    bridge[`on${event[0]?.toUpperCase()}${event.slice(1)}`] = (listener: Listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    };
  }
  return bridge as Bridge;
}

export const transport: 'electron' | 'web' = window.kladde ? 'electron' : 'web';
const bridge: Bridge = window.kladde ?? createWebBridge();

export const api: KladdeApi = bridge;

/** Subscribes to a push from main; returns the unsubscribe function. */
export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  const key = `on${name[0]?.toUpperCase()}${name.slice(1)}` as keyof KladdeEvents;
  const subscribe = bridge[key] as unknown as (l: (p: EventPayload<E>) => void) => () => void;
  return subscribe(listener);
}

/** Opens an http(s) or mailto link outside Kladde: Electron hands it to the system browser. */
export function openExternal(href: string): void {
  if (!/^(https?:|mailto:)/i.test(href)) return;
  window.open(href, '_blank', 'noopener,noreferrer');
}

/**
 * URL under which the preview loads a local image of a post (confined to the post's folder by main). `source` is
 * the image source as the post writes it (`mein%20foto.jpg`, `./bilder/x.png`): see {@link mediaPath}, which
 * decodes it once and encodes it once.
 */
export function mediaUrl(postId: string, source: string): string {
  return mediaUrlOf(mediaPath(postId, source));
}

/** The same for a file named as it is on disk (an image's key in the image panel). */
export function mediaFileUrl(postId: string, file: string): string {
  return mediaUrlOf(mediaPathForFile(postId, file));
}

function mediaUrlOf(encoded: string): string {
  if (transport === 'electron') return `kladde-media://post/${encoded}`;
  return `/media/${encoded}?token=${encodeURIComponent(sessionStorage.getItem(TOKEN_KEY) ?? '')}`;
}

/**
 * The web host's address of an export waiting for its one download (`view`: open a page in the tab to print it
 * instead of saving it). The browser navigates there, so the token rides in the query string as for media.
 */
export function downloadUrl(downloadToken: string, view = false): string {
  const token = encodeURIComponent(sessionStorage.getItem(TOKEN_KEY) ?? '');
  return `/download/${encodeURIComponent(downloadToken)}?token=${token}${view ? '&view=1' : ''}`;
}
