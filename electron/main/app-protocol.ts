import { protocol } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from '../common/security/csp.js';
import { APP_HOST, APP_SCHEME } from './ipc/register.js';
import { MEDIA_SCHEME } from './window.js';
import { STATIC_TYPES } from './static-types.js';
import { parseMediaPath } from './images/media-path.js';


/** Must run before `app.ready`: our schemes behave like https (origin, fetch, CSP 'self'). */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

/** Serves the built renderer from `app://kladde/`, confined to its folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Nicht gefunden', { status: 404 });
    const root = await realpath(rendererDir);
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return new Response('Ungültiger Pfad', { status: 400 });
    }
    const file = path.resolve(root, '.' + (rel === '/' ? '/index.html' : rel));
    if (!file.startsWith(root + path.sep)) return new Response('Nicht gefunden', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': contentSecurityPolicy([`${MEDIA_SCHEME}:`]),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Nicht gefunden', { status: 404 });
    }
  });
}

/** Serves a post's local images as `kladde-media://post/<id>/<file>` through a reader confined to that post. */
export function serveMedia(read: (postId: string, file: string) => Promise<{ body: Uint8Array; type: string } | null>): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    // The raw path is parsed by the same function as the web host's media route: `new URL` would quietly
    // resolve `..`, so traversal attempts are refused rather than normalised.
    const prefix = `${MEDIA_SCHEME}://post/`;
    if (!request.url.startsWith(prefix)) return new Response('Nicht gefunden', { status: 404 });
    const parsed = parseMediaPath(request.url.slice(prefix.length).split(/[?#]/)[0] ?? '');
    if (!parsed) return new Response('Ungültiger Pfad', { status: 400 });
    try {
      const found = await read(parsed.postId, parsed.file);
      if (!found) return new Response('Nicht gefunden', { status: 404 });
      return new Response(Buffer.from(found.body), {
        // Same as the web host's media route: an SVG the user put there renders sandboxed, without script.
        headers: { 'Content-Type': found.type, 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" },
      });
    } catch {
      return new Response('Nicht gefunden', { status: 404 });
    }
  });
}
