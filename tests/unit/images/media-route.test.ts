import { mediaPath, mediaPathForFile } from '../../../electron/common/ipc/media-url.js';
import { parseMediaPath } from '../../../electron/main/images/media-path.js';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Services } from '../../../electron/main/services.js';
import { WebHost } from '../../../electron/web/web-host.js';
import { tinyJpeg, tinyPng } from './tiny-images.js';

const TOKEN = 'test-token-0123456789abcdef';
let root: string;
let services: Services;
let host: WebHost;
const png = tinyPng(2, 2);

interface Reply {
  status: number;
  type: string;
  csp: string;
  body: Buffer;
}

/** A raw GET, so the path reaches the server exactly as written (no URL normalisation by a client). */
function get(rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(url.port), path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          csp: String(res.headers['content-security-policy'] ?? ''),
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const withToken = (p: string) => `${p}${p.includes('?') ? '&' : '?'}token=${TOKEN}`;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kladde-media-'));
  const library = path.join(root, 'library');
  const post = path.join(library, 'beitrag');
  await mkdir(path.join(post, 'bilder'), { recursive: true });
  await writeFile(path.join(post, 'index.md'), '---\ntitle: x\n---\n');
  await writeFile(path.join(post, 'foto.png'), png);
  await writeFile(path.join(post, 'bilder', 'mit leerzeichen.jpg'), tinyJpeg());
  await writeFile(path.join(post, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await mkdir(path.join(library, 'anderer'));
  await writeFile(path.join(library, 'anderer', 'index.md'), 'geheim');
  await writeFile(path.join(library, 'anderer', 'fremd.png'), png);
  await writeFile(path.join(root, 'draussen.png'), png);
  await symlink(path.join(root, 'draussen.png'), path.join(post, 'raus.png'));
  services = new Services({ configDir: path.join(root, 'config'), libraryPath: library, transport: 'web', version: 'test', systemLanguage: 'de-DE' });
  await services.start();
  host = new WebHost({ services, staticDir: path.join(root, 'kein-renderer'), token: TOKEN });
  await host.start();
});

afterAll(async () => {
  await host?.stop();
  await services?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('GET /media/<postId>/<file>', () => {
  it('serves a post’s image with its real type and a locked-down CSP', async () => {
    const reply = await get(withToken('/media/beitrag/foto.png'));
    expect(reply.status).toBe(200);
    expect(reply.type).toBe('image/png');
    expect(reply.body).toEqual(png);
    expect(reply.csp).toContain("default-src 'none'");
    expect(reply.csp).toContain('sandbox');
  });

  it('serves files in sub-folders with encoded names, and HEAD without a body', async () => {
    expect((await get(withToken('/media/beitrag/bilder/mit%20leerzeichen.jpg'))).type).toBe('image/jpeg');
    const head = await get(withToken('/media/beitrag/foto.png'), {}, 'HEAD');
    expect([head.status, head.body.length]).toEqual([200, 0]);
  });

  it.each([
    ['an encoded space, as Markdown writes it', 'bilder/mit%20leerzeichen.jpg'],
    ['a space in angle brackets', 'bilder/mit leerzeichen.jpg'],
    ['a leading ./', './bilder/mit%20leerzeichen.jpg'],
  ])('finds an image whose source has %s: encoded exactly once', async (_label, source) => {
    const encoded = mediaPath('beitrag', source);
    expect(encoded).toBe('beitrag/bilder/mit%20leerzeichen.jpg');
    expect((await get(withToken(`/media/${encoded}`))).status).toBe(200);
    // Electron's kladde-media:// handler parses the same path with the same function.
    expect(parseMediaPath(encoded)).toEqual({ postId: 'beitrag', file: 'bilder/mit leerzeichen.jpg' });
    expect(mediaPathForFile('beitrag', 'bilder/mit leerzeichen.jpg')).toBe(encoded);
  });

  it('keeps a literal percent sign of a file name', () => {
    expect(parseMediaPath(mediaPath('beitrag', '100%.png'))).toEqual({ postId: 'beitrag', file: '100%.png' });
    expect(parseMediaPath(mediaPath('beitrag', '100%25.png'))).toEqual({ postId: 'beitrag', file: '100%.png' });
    expect(parseMediaPath(mediaPathForFile('Grüße aus Köln', 'ä ö/ü.png'))).toEqual({ postId: 'Grüße aus Köln', file: 'ä ö/ü.png' });
  });

  it('takes the token from the header as well', async () => {
    expect((await get('/media/beitrag/foto.png', { 'X-Kladde-Token': TOKEN })).status).toBe(200);
  });

  it.each([
    ['no token', '/media/beitrag/foto.png'],
    ['a wrong token', '/media/beitrag/foto.png?token=falsch'],
    ['a token of the wrong length', `/media/beitrag/foto.png?token=${TOKEN}x`],
  ])('refuses %s', async (_name, p) => {
    const reply = await get(p);
    expect(reply.status).toBe(401);
    expect(reply.body.toString()).not.toContain('PNG');
  });

  it('keeps the query token to the media route: the API still wants the header', async () => {
    const reply = await get(withToken('/api/listPosts'));
    expect(reply.status).toBe(401);
  });

  it.each([
    ['a parent folder', '/media/beitrag/../anderer/fremd.png', [400]],
    ['an encoded parent folder', '/media/beitrag/%2e%2e/anderer/fremd.png', [400]],
    ['an encoded separator', '/media/beitrag/..%2Fanderer%2Ffremd.png', [400]],
    ['a double-encoded separator', '/media/beitrag/..%252Fanderer%252Ffremd.png', [403, 404]],
    ['a parent folder after the post', '/media/beitrag/bilder/../../anderer/fremd.png', [400]],
    ['an encoded backslash', '/media/beitrag/..%5Canderer%5Cfremd.png', [400]],
    ['an absolute path', '/media/beitrag/%2Fetc%2Fpasswd', [400]],
    ['a post id that climbs out', '/media/..%2F..%2Fetc/passwd', [400]],
    ['a symlink out of the library', '/media/beitrag/raus.png', [403]],
    ['a file that is not an image', '/media/beitrag/index.md', [403]],
    ['another post’s text through its own id', '/media/anderer/index.md', [403]],
    ['a hidden file', '/media/beitrag/.kladde', [403]],
    ['a missing file', '/media/beitrag/fehlt.png', [404]],
    ['a missing post', '/media/fehlt/foto.png', [404]],
  ])('refuses %s', async (_name, p, statuses) => {
    const reply = await get(withToken(p));
    expect(statuses).toContain(reply.status);
    expect(reply.body.includes(Buffer.from('geheim'))).toBe(false);
    expect(reply.body.includes(png)).toBe(false);
    expect(reply.type).not.toMatch(/^image\//);
  });

  it('refuses requests from another origin', async () => {
    const reply = await get(withToken('/media/beitrag/foto.png'), { 'Sec-Fetch-Site': 'cross-site' });
    expect(reply.status).toBe(403);
  });

  it('serves an SVG the user put there only sandboxed, so its script cannot run', async () => {
    const reply = await get(withToken('/media/beitrag/logo.svg'));
    expect(reply.type).toBe('image/svg+xml');
    expect(reply.csp).toMatch(/sandbox/);
    expect(reply.csp).not.toMatch(/script-src/);
  });
});

describe('image channels over the web host', () => {
  /** A call as the renderer's web transport makes it: JSON, or bytes in the body and the rest in a header. */
  const call = async (
    channel: string,
    args: unknown[],
    bytes?: Buffer,
  ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> => {
    const body = bytes ?? JSON.stringify(args);
    const url = new URL(host.origin);
    const type = bytes ? { 'Content-Type': 'application/octet-stream', 'X-Kladde-Args': encodeURIComponent(JSON.stringify(args)) } : { 'Content-Type': 'application/json' };
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: Number(url.port),
          path: `/api/${channel}`,
          method: 'POST',
          headers: { ...type, 'X-Kladde-Token': TOKEN, Origin: host.origin },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };

  it('imports an upload, lists it and reports the post’s problems', async () => {
    const bytes = tinyPng(5, 5, [1, 2, 3]);
    const imported = await call('importImage', ['beitrag', { fileName: 'Bild aus der Zwischenablage.png', bytes: { $bytes: true } }], bytes);
    expect(imported).toMatchObject({ ok: true, value: { name: 'bild-aus-der-zwischenablage.png', reused: false } });
    const list = await call('listPostImages', ['beitrag']);
    expect((list.value as { name: string }[]).map((f) => f.name)).toContain('bild-aus-der-zwischenablage.png');
    const problems = await call('postProblems', ['beitrag']);
    expect(problems).toEqual({ ok: true, value: [] });
    const meta = await call('imageMetadata', ['beitrag', 'foto.png']);
    expect(meta).toEqual({ ok: true, value: { found: {}, suggestion: {} } });
  });

  it('refuses a non-image upload and malformed byte calls with messages', async () => {
    const text = await call('importImage', ['beitrag', { fileName: 'x.png', bytes: { $bytes: true } }], Buffer.from('Hallo'));
    expect(text).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(text.error?.message).toContain('kein Bild');
    // Bytes sent as JSON (not as the body), a missing marker, or two markers are refused by the contract.
    const asJson = await call('importImage', ['beitrag', { fileName: 'x.png', bytes: [137, 80, 78, 71] }]);
    expect(asJson).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const noMarker = await call('importImage', ['beitrag', { fileName: 'x.png' }], tinyPng(2, 2));
    expect(noMarker).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const twoMarkers = await call('importImage', [{ a: { $bytes: true } }, { fileName: 'x.png', bytes: { $bytes: true } }], tinyPng(2, 2));
    expect(twoMarkers).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const empty = await call('importImage', ['beitrag', { fileName: 'x.png', bytes: { $bytes: true } }], Buffer.alloc(0));
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const outside = await call('imageMetadata', ['beitrag', '../anderer/fremd.png']);
    expect(outside).toMatchObject({ ok: false, error: { code: 'outside-library' } });
  });
});
