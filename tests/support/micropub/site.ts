import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import MicropubEndpoint from '@benjifs/micropub';
import { FolderStore } from './file-store.js';
import { IndieAuthStub } from './indieauth-stub.js';

/** The addresses of the test site, all under one loopback origin. */
export function siteAddresses(origin: string) {
  return {
    me: `${origin}/`,
    micropub: `${origin}/micropub`,
    media: `${origin}/media`,
    authorization: `${origin}/auth`,
    token: `${origin}/token`,
    metadata: `${origin}/.well-known/oauth-authorization-server`,
  };
}

/**
 * One personal site as IndieWeb sites are built: a home page naming its Micropub, authorization and token
 * endpoints (as `<link>` elements and as `Link` headers, plus IndieAuth server metadata), the real Micropub
 * server of @benjifs/micropub with its media endpoint over a folder store, and the IndieAuth stub. `/__test/…`
 * lets the test issue app tokens and revoke them all.
 */
export function createSite(origin: string, dataDir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const at = siteAddresses(origin);
  const auth = new IndieAuthStub(at.me, path.join(dataDir, 'tokens.json'));
  const endpoint = new MicropubEndpoint({
    store: new FolderStore(dataDir),
    me: at.me,
    tokenEndpoint: at.token,
    contentDir: 'posts',
    mediaDir: 'uploads',
    config: { 'media-endpoint': at.media, 'syndicate-to': [] },
  });

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    const body = await readBody(req);
    const route = url.pathname;
    if (route === '/' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        Link: [`<${at.micropub}>; rel="micropub"`, `<${at.authorization}>; rel="authorization_endpoint"`, `<${at.token}>; rel="token_endpoint"`].join(', '),
      });
      res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Rikes Notizen</title>
<link rel="micropub" href="/micropub">
<link rel="authorization_endpoint" href="/auth">
<link rel="token_endpoint" href="/token">
<link rel="indieauth-metadata" href="/.well-known/oauth-authorization-server">
</head><body class="h-card"><a class="u-url" href="/">Rike</a></body></html>`);
      return;
    }
    if (route === '/.well-known/oauth-authorization-server') {
      json(res, 200, {
        issuer: at.me,
        authorization_endpoint: at.authorization,
        token_endpoint: at.token,
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['create', 'update', 'delete', 'media'],
      });
      return;
    }
    if (route === '/auth' && req.method === 'GET') {
      const answer = auth.authorize(url.searchParams);
      if (answer.location) {
        res.writeHead(302, { Location: answer.location });
        res.end();
      } else json(res, answer.status, { error: 'invalid_request', error_description: answer.error });
      return;
    }
    if (route === '/token') {
      if (req.method === 'GET') {
        const answer = auth.verify(req.headers.authorization ?? null);
        json(res, answer.status, answer.body);
      } else {
        const answer = auth.exchange(new URLSearchParams(body.toString('utf8')));
        json(res, answer.status, answer.body);
      }
      return;
    }
    if (route === '/micropub' || route === '/media') {
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
      const request = new Request(url, { method: req.method ?? 'GET', headers, ...(req.method === 'POST' ? { body: new Uint8Array(body) } : {}) });
      const response = route === '/micropub' ? await endpoint.micropubHandler(request) : await endpoint.mediaHandler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    if (route.startsWith('/uploads/') && req.method === 'GET') {
      const file = path.resolve(dataDir, `.${decodeURIComponent(route)}`);
      if (!file.startsWith(path.join(dataDir, 'uploads') + path.sep)) return json(res, 404, { error: 'not found' });
      try {
        const bytes = await readFile(file);
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        res.end(bytes);
      } catch {
        json(res, 404, { error: 'not found' });
      }
      return;
    }
    if (route === '/__test/token' && req.method === 'POST') return json(res, 200, { token: auth.issue() });
    if (route === '/__test/revoke' && req.method === 'POST') {
      auth.revokeAll();
      return json(res, 200, { revoked: true });
    }
    if (route === '/__test/exchanges') return json(res, 200, auth.exchanges);
    json(res, 404, { error: 'not found' });
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: 'internal', message: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
