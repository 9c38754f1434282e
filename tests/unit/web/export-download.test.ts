import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Services } from '../../../electron/main/services.js';
import { contentDisposition } from '../../../electron/web/download-route.js';
import { WebHost } from '../../../electron/web/web-host.js';
import { POST_ID, seedExportPost } from '../export/export-fixture.js';

const TOKEN = 'export-download-test-token-0123';
let tmp: string;
let services: Services;
let host: WebHost;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-web-export-'));
  const staticDir = path.join(tmp, 'oberflaeche');
  await mkdir(staticDir);
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Kladde</title>');
  services = new Services({ configDir: path.join(tmp, 'config'), libraryPath: path.join(tmp, 'Bibliothek'), transport: 'web', version: '0', systemLanguage: 'de-DE' });
  await services.start();
  await seedExportPost(path.join(tmp, 'Bibliothek'));
  host = new WebHost({ services, staticDir, token: TOKEN });
  await host.start();
}, 60_000);
afterAll(async () => {
  await host?.stop();
  await services?.stop();
  await rm(tmp, { recursive: true, force: true });
});

function http(method: string, pathname: string, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(pathname, host.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json', Origin: host.origin, 'X-Kladde-Token': TOKEN },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function exportCall(channel: string, ...args: unknown[]): Promise<{ ok: boolean; value?: { outcome: string; downloadToken: string; fileName: string; size: number }; error?: { code: string } }> {
  const reply = await http('POST', `/api/${channel}`, JSON.stringify(args));
  expect(reply.status).toBe(200);
  return JSON.parse(reply.body.toString('utf8')) as never;
}

describe('exports in the web host', () => {
  it('hands an exported page out exactly once, as an attachment with its name, and only with the token', async () => {
    const result = await exportCall('exportPost', { postId: POST_ID, format: 'html', images: 'inline' });
    expect(result.value).toMatchObject({ outcome: 'download', fileName: `${POST_ID}.html` });
    const token = result.value?.downloadToken ?? '';
    expect((await http('GET', `/download/${token}`)).status).toBe(401);
    expect((await http('GET', `/download/${token}?token=falsch`)).status).toBe(401);
    // A HEAD does not use the download up.
    expect((await http('HEAD', `/download/${token}?token=${TOKEN}`)).status).toBe(405);
    const first = await http('GET', `/download/${token}?token=${TOKEN}`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['content-disposition']).toBe(`attachment; filename="${POST_ID}.html"; filename*=UTF-8''${POST_ID}.html`);
    expect(String(first.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(first.body.byteLength).toBe(result.value?.size);
    expect(first.body.toString('utf8')).toContain('Ende des Beitrags.');
    const second = await http('GET', `/download/${token}?token=${TOKEN}`);
    expect(second.status).toBe(404);
    expect(second.body.toString('utf8')).toContain('nur einmal');
    // The temp file is gone after its download.
    await expect.poll(async () => readdir(path.join(tmp, 'config', 'export-files'))).toEqual([]);
  });

  it('opens the page to print inline with ?view=1', async () => {
    const result = await exportCall('exportPost', { postId: POST_ID, format: 'pdf', images: 'inline' });
    expect(result.value?.outcome).toBe('print');
    const reply = await http('GET', `/download/${result.value?.downloadToken ?? ''}?token=${TOKEN}&view=1`);
    expect(reply.status).toBe(200);
    expect(String(reply.headers['content-disposition'])).toMatch(/^inline;/);
  });

  it.each([
    ['a path as the post', [{ postId: '../../etc', format: 'html', images: 'inline' }]],
    ['an unknown format', [{ postId: POST_ID, format: 'docx', images: 'inline' }]],
    ['a path smuggled in', [{ postId: POST_ID, format: 'html', images: 'inline', target: '/tmp/x.html' }]],
    ['no request', []],
  ])('refuses %s', async (_name, args) => {
    const result = await exportCall('exportPost', ...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses an unknown or malformed download token', async () => {
    expect((await http('GET', `/download/${'0'.repeat(32)}?token=${TOKEN}`)).status).toBe(404);
    expect((await http('GET', `/download/..%2F..%2Fsettings.json?token=${TOKEN}`)).status).toBe(404);
  });

  it('spells a non-ASCII name for old and new clients', () => {
    expect(contentDisposition('attachment', 'Über "uns".zip')).toBe(`attachment; filename="_ber _uns_.zip"; filename*=UTF-8''%C3%9Cber%20%22uns%22.zip`);
  });
});
