import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, HttpError, platformFetch } from '../../../electron/main/http/http-client.js';

/** A real HTTP server on loopback whose answers the tests choose by path. */
let server: http.Server;
let base = '';
const seen: { auth: string | undefined; contentType: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const route = (req.url ?? '').split('?')[0];
      seen.push({ auth: req.headers.authorization, contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      if (route === '/ok') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
      if (route === '/denied') return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"rest_not_logged_in","message":"Sie sind nicht angemeldet.","data":{"status":401}}');
      if (route === '/exists') return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"term_exists","message":"x","data":{"status":400,"term_id":7}}');
      if (route === '/html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Wartung</html>');
      if (route === '/slow') return void setTimeout(() => res.writeHead(200).end('{}'), 2_000);
      if (route === '/reset') return void req.socket.destroy();
      if (route === '/huge') return void sendHuge(res, req.url?.includes('length') === true);
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

/** A malicious blog's endless answer: up to 256 MB of JSON-looking bytes, stopping early when the client hangs up. */
const HUGE_CHUNK = Buffer.alloc(1024 * 1024, 0x20);
const HUGE_MAX_CHUNKS = 256;
let hugeSent = 0;
function sendHuge(res: http.ServerResponse, withLength: boolean): void {
  hugeSent = 0;
  res.writeHead(200, { 'content-type': 'application/json', ...(withLength ? { 'content-length': String(HUGE_MAX_CHUNKS * HUGE_CHUNK.length) } : {}) });
  const more = (): void => {
    while (hugeSent < HUGE_MAX_CHUNKS && !res.destroyed) {
      hugeSent++;
      if (!res.write(HUGE_CHUNK)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end();
  };
  more();
}

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(log: string[] = [], timeoutMs = 5_000): HttpClient {
  return new HttpClient({ fetch: platformFetch, timeoutMs, log: (l) => log.push(l) });
}

async function failure(run: () => Promise<unknown>): Promise<HttpError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('did not fail');
}

describe('HttpClient against a real server on loopback', () => {
  it('parses JSON and sends JSON bodies', async () => {
    const answer = await client().json<{ a: number }>({ method: 'POST', url: `${base}/ok`, json: { name: 'Größe' } });
    expect(answer.body).toEqual({ a: 1 });
    expect(seen.at(-1)?.contentType).toBe('application/json; charset=utf-8');
    expect(seen.at(-1)?.body).toBe('{"name":"Größe"}');
  });

  it('sends multipart with UTF-8 file names and fields', async () => {
    await client().send({
      method: 'POST',
      url: `${base}/ok`,
      multipart: { fields: { caption: 'Bild: <a href="x">Rike</a>' }, files: [{ name: 'file', fileName: 'Größe.png', contentType: 'image/png', bytes: new Uint8Array([1, 2, 3]) }] },
    });
    const last = seen.at(-1);
    expect(last?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(last?.body).toContain('name="caption"\r\n\r\nBild: <a href="x">Rike</a>');
    expect(last?.body).toContain('filename="Größe.png"');
  });

  it('classifies an error status with the body’s code and data', async () => {
    const error = await failure(() => client().json({ url: `${base}/denied` }));
    expect([error.kind, error.status, error.code]).toEqual(['http', 401, 'rest_not_logged_in']);
    const exists = await failure(() => client().json({ method: 'POST', url: `${base}/exists`, json: {} }));
    expect(exists.details.data).toEqual({ status: 400, term_id: 7 });
  });

  it('refuses a 2xx answer that is not JSON', async () => {
    expect((await failure(() => client().json({ url: `${base}/html` }))).kind).toBe('invalid-response');
  });

  it('times out', async () => {
    expect((await failure(() => client([], 200).send({ url: `${base}/slow` }))).kind).toBe('timeout');
  });

  it('calls a refused connection, a reset and an unknown name offline', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure(() => client().send({ url: `http://127.0.0.1:${port}/` }));
    expect([refused.kind, refused.details.cause]).toEqual(['offline', 'ECONNREFUSED']);
    expect((await failure(() => client().send({ url: `${base}/reset` }))).kind).toBe('offline');
    expect((await failure(() => client().send({ url: 'http://kladde-gibt-es-nicht.invalid/' }))).kind).toBe('offline');
  });

  it('reports a cancelled request as aborted', async () => {
    const controller = new AbortController();
    const pending = failure(() => client().send({ url: `${base}/slow`, signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect((await pending).kind).toBe('aborted');
  });

  it('calls a refused certificate a TLS error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-tls-'));
    try {
      await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem')]);
      const tls = https.createServer({ key: await readFile(path.join(dir, 'k.pem')), cert: await readFile(path.join(dir, 'c.pem')) }, (_, res) => res.end('{}'));
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      try {
        const error = await failure(() => client().send({ url: `https://127.0.0.1:${(tls.address() as AddressInfo).port}/` }));
        expect(error.kind).toBe('tls');
      } finally {
        tls.closeAllConnections();
        await new Promise((resolve) => tls.close(resolve));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['streamed without a length', '/huge'],
    ['announced with a Content-Length', '/huge?length'],
  ])('refuses an answer of hundreds of MB (%s) without reading it all into memory', async (_name, route) => {
    const error = await failure(() => client([], 30_000).json({ url: `${base}${route}` }));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/zu groß/);
    // The client hung up early: the server could not hand over all of it.
    expect(hugeSent).toBeLessThan(HUGE_MAX_CHUNKS);
  }, 60_000);

  it('logs method, address and status, never the Authorization header, the query or a body', async () => {
    const log: string[] = [];
    await client(log).send({ method: 'POST', url: `${base}/ok?search=geheim`, headers: { Authorization: 'Basic c2VjcmV0LXBhc3N3b3Jk' }, json: { password: 'geheim-im-body' } });
    await failure(() => client(log).json({ url: `${base}/denied`, headers: { Authorization: 'Basic c2VjcmV0LXBhc3N3b3Jk' } }));
    expect(seen.at(-1)?.auth).toBe('Basic c2VjcmV0LXBhc3N3b3Jk');
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(new RegExp(`^POST ${base}/ok → 200 \\(\\d+ ms\\)$`));
    const all = log.join('\n');
    for (const secret of ['c2VjcmV0', 'geheim', 'password', 'Basic']) expect(all).not.toContain(secret);
  });
});
