import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExportDownloads } from '../main/export/export-downloads.js';

/** An exported page opened to print: no script, images only from itself, styles only its own. */
const PAGE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `filename` for old clients (ASCII only) and `filename*` with the real name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `GET /download/<token>`: an export waiting for the browser, handed out exactly once and removed after it.
 * `?view=1` opens an exported page in the tab (to print it) instead of saving it; everything else is an attachment.
 */
export function serveDownload(downloads: ExportDownloads, token: string, view: boolean, req: IncomingMessage, res: ServerResponse): void {
  const plain = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  // Only GET takes the download: a HEAD must not use it up.
  if (req.method !== 'GET') {
    res.writeHead(405, plain);
    return void res.end('Nur GET');
  }
  const download = downloads.take(token);
  if (!download) {
    res.writeHead(404, plain);
    return void res.end('Dieser Export ist nicht mehr da (er lässt sich nur einmal herunterladen). Bitte noch einmal exportieren.');
  }
  const page = download.mime.startsWith('text/html');
  res.writeHead(200, {
    'Content-Type': download.mime,
    'Content-Length': String(download.size),
    'Content-Disposition': contentDisposition(view && page ? 'inline' : 'attachment', download.name),
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  const stream = download.stream();
  stream.on('error', () => res.destroy());
  // A download broken off by the browser still closes (and so removes) its file.
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
