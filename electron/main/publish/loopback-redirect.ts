import { createServer, type Server } from 'node:http';

/** The page the browser shows after the redirect: the user goes back to Kladde. */
const DONE_PAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kladde</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem; max-width: 36rem">
<h1>Zurück zu Kladde</h1><p>Die Anmeldung ist bei Kladde angekommen. Dieses Fenster kann geschlossen werden.</p>
<p lang="en">Sign-in received by Kladde. You can close this window.</p></body></html>`;

/** A loopback address waiting for one browser redirect (RFC 8252 §7.3). */
export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/kladde/anmeldung`: where the sign-in service sends the browser back. */
  redirectUri: string;
  /** The redirect's query; rejects when closed first or after the time limit. */
  received: Promise<URLSearchParams>;
  close(): void;
}

/**
 * Opens a one-shot HTTP listener on 127.0.0.1 (a free port) for the redirect of a browser sign-in. Only the
 * callback path is answered; the first request there resolves `received`, and the listener closes itself.
 */
export async function openLoopbackRedirect(timeoutMs = 10 * 60_000): Promise<LoopbackRedirect> {
  const path = '/kladde/anmeldung';
  let resolve: (query: URLSearchParams) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const received = new Promise<URLSearchParams>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting yet; a rejection must not count as unhandled.
  received.catch(() => undefined);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== path) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Nicht gefunden');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    resolve(url.searchParams);
    res.end(DONE_PAGE, () => close());
  });
  const timer = setTimeout(() => {
    reject(new Error('timeout'));
    close();
  }, timeoutMs);
  timer.unref();
  function close(): void {
    clearTimeout(timer);
    reject(new Error('closed'));
    server.close();
    server.closeAllConnections();
  }
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => res());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { redirectUri: `http://127.0.0.1:${port}${path}`, received, close };
}
