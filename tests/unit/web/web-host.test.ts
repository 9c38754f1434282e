import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { request, type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_BODY_MB } from '../../../electron/common/ipc/limits.js';
import { Services } from '../../../electron/main/services.js';
import { tinyPng } from '../images/tiny-images.js';
import { WebHost } from '../../../electron/web/web-host.js';
import { IDENTITY_FILE } from '../../../electron/web/web-identity.js';

const TOKEN = 'web-host-test-token-0123456789';
const SLOW = 60_000;

let tmp: string;
let library: string;
let services: Services;
let host: WebHost;
let port: number;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-web-'));
  library = path.join(tmp, 'Bibliothek');
  const staticDir = path.join(tmp, 'oberflaeche');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Kladde</title><script src="/assets/app.js"></script>');
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log("Kladde");');
  await writeFile(path.join(tmp, 'geheim.txt'), 'GEHEIMER-INHALT');
  await symlink(path.join(tmp, 'geheim.txt'), path.join(staticDir, 'assets', 'verweis.txt'));
  services = new Services({
    configDir: path.join(tmp, 'config'),
    libraryPath: library,
    transport: 'web',
    version: '0.0.0-test',
    systemLanguage: 'de-DE',
  });
  await services.start();
  host = new WebHost({ services, staticDir, token: TOKEN });
  await host.start();
  port = Number(new URL(host.origin).port);
}, SLOW);

afterAll(async () => {
  await host?.stop();
  await services?.stop();
  await rm(tmp, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Req {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A raw request: the path reaches the server exactly as written, with exactly these headers. */
function send({ path: rawPath, method = 'GET', headers = {}, body }: Req): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const all: Record<string, string> = { Host: `127.0.0.1:${port}`, ...headers };
    // An empty Host means none at all (Node would fill in its own otherwise).
    const setHost = all['Host'] !== '';
    if (!setHost) delete all['Host'];
    const req = request({ host: '127.0.0.1', port, path: rawPath, method, headers: all, setHost }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** An API call as the renderer in the browser makes it. */
const apiHeaders = (extra: Record<string, string> = {}) => ({
  Origin: `http://127.0.0.1:${port}`,
  'Sec-Fetch-Site': 'same-origin',
  'Content-Type': 'application/json',
  'X-Kladde-Token': TOKEN,
  ...extra,
});

function api(channel: string, args: unknown[], extra: Record<string, string> = {}): Promise<Reply> {
  return send({ path: `/api/${channel}`, method: 'POST', headers: apiHeaders(extra), body: JSON.stringify(args) });
}

async function value<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply = await api(channel, args);
  expect(reply.status).toBe(200);
  const result = JSON.parse(reply.body) as { ok: boolean; value?: T; error?: { code: string } };
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const replies: Reply[] = [];
async function checked(req: Req): Promise<Reply> {
  const reply = await send(req);
  replies.push(reply);
  return reply;
}

// The it.each tables are built before the server has a port: `PORT` in them stands for it.
describe('the web host refuses what is not its own renderer', () => {
  it('serves the renderer', async () => {
    const index = await checked({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Kladde</title>');
    const js = await checked({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('a valid API call works', async () => {
    const reply = await api('listPosts', []);
    replies.push(reply);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    const result = JSON.parse(reply.body) as { ok: true; value: { id: string }[] };
    expect(result.ok).toBe(true);
    expect(result.value.map((p) => p.id)).toContain('willkommen-in-kladde');
  });

  it('also from localhost', async () => {
    const reply = await api('appInfo', [], { Host: `localhost:${port}`, Origin: `http://localhost:${port}` });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { transport: 'web' } });
  });

  it.each([
    ['another host (DNS rebinding)', 'evil.example'],
    ['another host with our port', 'evil.example:PORT'],
    ['our address without the port', '127.0.0.1'],
    ['another port', '127.0.0.1:1'],
    ['no Host at all', ''],
  ])('refuses a request for %s with 421, for pages and API', async (_name, hostHeader) => {
    const hostValue = hostHeader.replace('PORT', String(port));
    for (const req of [{ path: '/' }, { path: '/api/listPosts', method: 'POST', headers: apiHeaders(), body: '[]' }]) {
      const withHost = { ...req, headers: { ...(req.headers ?? {}), Host: hostValue } };
      if (hostValue === '') {
        // HTTP/1.1 without Host: Node's own parser answers 400 before Kladde sees the request.
        const reply = await send(withHost);
        expect(reply.status).toBe(400);
        expect(reply.body).not.toContain('willkommen');
        continue;
      }
      const reply = await checked(withHost);
      expect(reply.status, `${req.path} with Host ${hostValue}`).toBe(421);
      expect(reply.body).not.toContain('willkommen');
    }
  });

  it.each(['https://evil.example', 'null', `http://127.0.0.1:1`, `https://127.0.0.1:PORT`, `http://evil.127.0.0.1:PORT`])(
    'refuses the foreign Origin %s with 403',
    async (origin) => {
      const reply = await checked({ path: '/api/listPosts', method: 'POST', headers: apiHeaders({ Origin: origin.replace('PORT', String(port)) }), body: '[]' });
      expect(reply.status).toBe(403);
      const page = await checked({ path: '/', headers: { Origin: origin.replace('PORT', String(port)) } });
      expect(page.status).toBe(403);
    },
  );

  it.each(['cross-site', 'same-site'])('refuses Sec-Fetch-Site: %s with 403', async (site) => {
    const reply = await checked({ path: '/api/listPosts', method: 'POST', headers: apiHeaders({ 'Sec-Fetch-Site': site }), body: '[]' });
    expect(reply.status).toBe(403);
    expect((await checked({ path: '/', headers: { 'Sec-Fetch-Site': site } })).status).toBe(403);
  });

  it('accepts Sec-Fetch-Site: none (the address typed by the user)', async () => {
    expect((await checked({ path: '/', headers: { 'Sec-Fetch-Site': 'none' } })).status).toBe(200);
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { 'X-Kladde-Token': 'falsch' }],
    ['a token one character short', { 'X-Kladde-Token': TOKEN.slice(0, -1) }],
    ['the token in another case', { 'X-Kladde-Token': TOKEN.toUpperCase() }],
  ])('refuses an API call with %s with 401', async (_name, tokenHeader) => {
    const headers: Record<string, string> = { ...apiHeaders(), ...tokenHeader };
    if (!('X-Kladde-Token' in tokenHeader)) delete headers['X-Kladde-Token'];
    const reply = await checked({ path: '/api/listPosts', method: 'POST', headers, body: '[]' });
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('willkommen');
  });

  it('does not take the API token from the query string', async () => {
    const headers: Record<string, string> = apiHeaders();
    delete headers['X-Kladde-Token'];
    const reply = await checked({ path: `/api/listPosts?token=${TOKEN}`, method: 'POST', headers, body: '[]' });
    expect(reply.status).toBe(401);
  });

  it('refuses GET and other methods on the API with 405', async () => {
    const headers: Record<string, string> = { 'X-Kladde-Token': TOKEN };
    expect((await checked({ path: '/api/listPosts', headers })).status).toBe(405);
    expect((await checked({ path: '/api/listPosts', method: 'PUT', headers: apiHeaders(), body: '[]' })).status).toBe(405);
    expect((await checked({ path: '/api/listPosts', method: 'DELETE', headers: apiHeaders() })).status).toBe(405);
  });

  it('refuses an API POST without Origin (not from a page) with 405', async () => {
    const headers: Record<string, string> = apiHeaders();
    delete headers['Origin'];
    expect((await checked({ path: '/api/listPosts', method: 'POST', headers, body: '[]' })).status).toBe(405);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a %s body with 415 (what a foreign form could send)',
    async (type) => {
      const reply = await checked({ path: '/api/createPost', method: 'POST', headers: apiHeaders({ 'Content-Type': type }), body: '[{"title":"x"}]' });
      expect(reply.status).toBe(415);
    },
  );

  it('answers a malformed JSON body with invalid-input, changing nothing', async () => {
    const reply = await checked({ path: '/api/createPost', method: 'POST', headers: apiHeaders(), body: '[{"title":' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses pages with methods other than GET and HEAD', async () => {
    expect((await checked({ path: '/', method: 'POST', body: 'x' })).status).toBe(405);
    const head = await checked({ path: '/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it.each([
    '/../geheim.txt',
    '/../../../../../../etc/passwd',
    '/%2e%2e/geheim.txt',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/..%2fgeheim.txt',
    '/assets/..%2f..%2fgeheim.txt',
    '/assets/%2e%2e%2f%2e%2e%2fgeheim.txt',
    '/..%5cgeheim.txt',
    '/%00/index.html',
    '/index.html%00.js',
    '/assets/verweis.txt',
    '/%ZZ',
    `/${'..%2f'.repeat(20)}etc/passwd`,
  ])('does not serve %s from outside the renderer', async (rawPath) => {
    const reply = await checked({ path: rawPath });
    expect([400, 404]).toContain(reply.status);
    expect(reply.body).not.toContain('GEHEIMER-INHALT');
    expect(reply.body).not.toContain('root:');
  });

  it('does not serve library files as pages', async () => {
    const reply = await checked({ path: '/willkommen-in-kladde/index.md' });
    expect(reply.status).toBe(404);
  });

  it('sends the CSP and the other security headers on every response', async () => {
    expect(replies.length).toBeGreaterThan(40);
    const statuses = new Set(replies.map((r) => r.status));
    for (const s of [200, 400, 401, 403, 404, 405, 415, 421]) expect(statuses, `a ${s} was checked`).toContain(s);
    for (const reply of replies) {
      expect(reply.headers['content-security-policy'], `CSP on a ${reply.status}`).toMatch(/default-src 'none'/);
      expect(reply.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('the event stream', () => {
  interface Stream {
    events: { name: string; data: unknown }[];
    headers: IncomingHttpHeaders;
    status: number;
    close: () => void;
  }

  function openStream(headers: Record<string, string> = { 'X-Kladde-Token': TOKEN }): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
        const stream: Stream = { events: [], headers: res.headers, status: res.statusCode ?? 0, close: () => req.destroy() };
        let buffer = '';
        res.on('data', (c: Buffer) => {
          buffer += c.toString();
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.*)$/m.exec(chunk)?.[1];
            const data = /^data: (.*)$/m.exec(chunk)?.[1];
            if (name && data) stream.events.push({ name, data: JSON.parse(data) });
          }
        });
        res.on('error', () => undefined);
        resolve(stream);
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
  }

  async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('needs the token', async () => {
    const stream = await openStream({});
    expect(stream.status).toBe(401);
    stream.close();
  });

  it('is sent with the security headers too', async () => {
    const stream = await openStream();
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
    stream.close();
  });

  it('delivers postChangedOnDisk after an outside write to an opened post, not after Kladde’s own save', async () => {
    const stream = await openStream();
    try {
      const created = await value<{ id: string; text: string; version: string }>('createPost', { title: 'Beobachtet' });
      const saved = await value<{ status: string; version: string }>('savePost', created.id, {
        text: created.text + 'Von Kladde gespeichert.\n',
        baseVersion: created.version,
        force: false,
      });
      expect(saved.status).toBe('saved');
      // Kladde's own save shows up as a library change at most, never as an outside change.
      await waitFor(() => stream.events.some((e) => e.name === 'libraryChanged'), 10_000, 'libraryChanged');
      expect(stream.events.filter((e) => e.name === 'postChangedOnDisk')).toEqual([]);

      const theirs = '---\ntitle: Beobachtet\n---\n\nVon einem anderen Programm geändert: äöü.\n';
      await writeFile(path.join(library, created.id, 'index.md'), theirs);
      await waitFor(() => stream.events.some((e) => e.name === 'postChangedOnDisk'), 10_000, 'postChangedOnDisk');
      const event = stream.events.find((e) => e.name === 'postChangedOnDisk');
      expect(event?.data).toEqual({ id: created.id, version: createHash('sha256').update(theirs, 'utf8').digest('hex') });
    } finally {
      stream.close();
    }
  }, 30_000);
});

describe('the address stays the same across restarts', () => {
  /** Starts a host on the shared services, reads its token and port, stops it again. */
  async function startOnce(configDir: string): Promise<{ token: string; port: number; host: WebHost }> {
    const h = new WebHost({ services, staticDir: path.join(tmp, 'oberflaeche'), configDir });
    await h.start();
    const url = new URL(h.url);
    return { token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '', port: Number(url.port), host: h };
  }

  it('keeps token and port in the config folder (owner only) and uses them again', async () => {
    const configDir = path.join(tmp, 'web-config-a');
    const first = await startOnce(configDir);
    await first.host.stop();
    const second = await startOnce(configDir);
    try {
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
      expect(second.token).toBe(first.token);
      expect(second.port).toBe(first.port);
      const file = path.join(configDir, IDENTITY_FILE);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ token: first.token, port: first.port });
      // A tab opened before the restart still gets its calls through with the old token.
      const reply = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: second.port, path: '/api/listPosts', method: 'POST',
            headers: { Origin: `http://127.0.0.1:${second.port}`, 'Content-Type': 'application/json', 'X-Kladde-Token': first.token } },
          (res) => (res.resume(), resolve(res.statusCode ?? 0)),
        );
        req.on('error', reject);
        req.end('[]');
      });
      expect(reply).toBe(200);
    } finally {
      await second.host.stop();
    }
  });

  it('another config folder gets another token', async () => {
    const a = await startOnce(path.join(tmp, 'web-config-b'));
    await a.host.stop();
    const b = await startOnce(path.join(tmp, 'web-config-c'));
    await b.host.stop();
    expect(b.token).not.toBe(a.token);
  });

  it('takes another port when the last one is taken, and keeps the token', async () => {
    const configDir = path.join(tmp, 'web-config-d');
    const first = await startOnce(configDir);
    await first.host.stop();
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(first.port, '127.0.0.1', () => resolve()));
    try {
      const second = await startOnce(configDir);
      await second.host.stop();
      expect(second.port).not.toBe(first.port);
      expect(second.token).toBe(first.token);
      expect(JSON.parse(await readFile(path.join(configDir, IDENTITY_FILE), 'utf8'))).toEqual({ token: first.token, port: second.port });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('a broken identity file is replaced by a fresh token', async () => {
    const configDir = path.join(tmp, 'web-config-e');
    await mkdir(configDir, { recursive: true });
    await writeFile(path.join(configDir, IDENTITY_FILE), '{ kaputt');
    const h = await startOnce(configDir);
    await h.host.stop();
    expect(h.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('request bodies', () => {
  /** Sends `total` bytes as a chunked binary upload (no Content-Length), 1 MB at a time from one reused buffer. */
  function upload(total: number, declared?: number): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        ...apiHeaders({ 'Content-Type': 'application/octet-stream' }),
        Host: `127.0.0.1:${port}`,
        'X-Kladde-Args': encodeURIComponent(JSON.stringify(['gross', { fileName: 'gross.png', bytes: { $bytes: true } }])),
      };
      if (declared !== undefined) headers['Content-Length'] = String(declared);
      const req = request({ host: '127.0.0.1', port, path: '/api/importImage', method: 'POST', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
          req.destroy();
        });
      });
      // The server closes the connection after refusing, maybe while this side still writes: the answer still
      // arrives (or the test times out, never passes by accident).
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A refusal that closes the connection while this side still writes can reach it as a reset before the
        // answer could be read: that is a refusal too (status 0), never a pass for an upload that went through.
        if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: 0, headers: {}, body: '' });
        else if (!req.destroyed) reject(error);
      });
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < total && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!req.destroyed && declared === undefined) req.end();
      };
      if (declared !== undefined && total === 0) req.flushHeaders();
      else pump();
    });
  }

  it('refuses a body declared larger than the shared limit at once, with 413 and a clear message', async () => {
    const reply = await upload(0, MAX_BODY_BYTES + 1);
    expect(reply.status).toBe(413);
    expect(reply.body).toBe(`Anfrage zu groß: höchstens ${MAX_BODY_MB} MB`);
  });

  it(
    'refuses four 120 MB uploads without holding them in memory',
    async () => {
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      try {
        const replies = await Promise.all([1, 2, 3, 4].map(() => upload(120 * 1024 * 1024)));
        for (const r of replies) expect([413, 0]).toContain(r.status);
      } finally {
        clearInterval(sampler);
      }
      // Buffered, four bodies up to the limit would be 320 MB and more; spooled to disk, only socket buffers stay.
      expect(peak - before).toBeLessThan(150 * 1024 * 1024);
      // The host still answers, and no spool file is left.
      expect((await api('listPosts', [])).status).toBe(200);
    },
    SLOW * 3,
  );

  it('takes an upload larger than what it keeps in memory, through a spool file that is removed after', async () => {
    const created = await value<{ id: string }>('createPost', { title: 'Großes Bild' });
    // A real PNG followed by 3 MB of padding: more than the host keeps in memory, so it goes through disk.
    const bytes = Buffer.concat([tinyPng(4, 4), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const reply = await send({
      path: '/api/importImage',
      method: 'POST',
      headers: apiHeaders({
        'Content-Type': 'application/octet-stream',
        'X-Kladde-Args': encodeURIComponent(JSON.stringify([created.id, { fileName: 'Groß.png', bytes: { $bytes: true } }])),
      }),
      body: bytes,
    });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: 'gross.png', size: bytes.length } });
    const stored = await readFile(path.join(library, created.id, 'gross.png'));
    expect(stored.equals(bytes)).toBe(true);
  });

  it('takes a WordPress export as the body of uploadImportFile and imports it by its token', async () => {
    const xml = await readFile(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import/wxr-handwritten-1.2.xml'));
    const reply = await send({
      path: '/api/uploadImportFile',
      method: 'POST',
      headers: apiHeaders({
        'Content-Type': 'application/octet-stream',
        'X-Kladde-Args': encodeURIComponent(JSON.stringify([{ name: 'export.xml', bytes: { $bytes: true } }])),
      }),
      body: xml,
    });
    const uploaded = JSON.parse(reply.body) as { ok: true; value: { fileToken: string; name: string; size: number; site: string } };
    expect(uploaded).toMatchObject({ ok: true, value: { name: 'export.xml', size: xml.length, site: 'https://blog.example.de' } });
    const job = await value<{ jobId: string; state: string }>('startImport', { kind: 'wxr', fileToken: uploaded.value.fileToken, blogId: null, downloadImages: false, includePages: false, overwriteLocal: [] });
    expect(job.state).toBe('running');
    // The job runs on in the background; the posts appear in the library when it is done.
    for (let i = 0; i < 500 && !(await value<{ id: string }[]>('listPosts')).some((p) => p.id === 'bloecke-mehr'); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await value<{ id: string }[]>('listPosts')).map((p) => p.id)).toEqual(expect.arrayContaining(['am-see', 'bloecke-mehr']));
    expect(await value('cancelImport', job.jobId)).toEqual({ cancelled: false });
  });
});
