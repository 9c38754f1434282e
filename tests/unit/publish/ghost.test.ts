import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../electron/main/http/http-client.js';
import { ghostDate, ghostStatus, isBlogImage, mediaIdOf, normalizeSiteUrl, plainGhostHtml, remoteStatusOf } from '../../../electron/main/publish/ghost/ghost-api.js';
import { ghostFailure, ghostStatusError } from '../../../electron/main/publish/ghost/ghost-errors.js';
import { adminToken, parseAdminKey } from '../../../electron/main/publish/ghost/ghost-jwt.js';

const ID = '6566f1c2a8b1d4e5f6a7b8c9';
const SECRET = 'a1'.repeat(32);

const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('Ghost Admin API token', () => {
  it('reads an Admin API key and refuses anything else', () => {
    const key = parseAdminKey(` ${ID}:${SECRET} `);
    expect(key?.id).toBe(ID);
    expect(key?.secret).toEqual(Buffer.from(SECRET, 'hex'));
    for (const bad of ['', ID, `${ID}:`, `${ID}:${SECRET.slice(2)}`, `${ID}:${'zz'.repeat(32)}`, 'abc123def456abc123def456ab', `${ID}:${SECRET}:x`]) {
      expect(parseAdminKey(bad), bad).toBeNull();
    }
  });

  it('signs an HS256 token with the hex-decoded secret, kid = id, audience /admin/, five minutes valid', () => {
    const key = parseAdminKey(`${ID}:${SECRET}`);
    if (!key) throw new Error('key not read');
    const now = Date.UTC(2026, 11, 2, 10, 0, 0, 789);
    const token = adminToken(key, now);
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) throw new Error(`not a JWT: ${token}`);
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT', kid: ID });
    const iat = Math.floor(now / 1000);
    expect(decode(payload)).toEqual({ iat, exp: iat + 300, aud: '/admin/' });
    // Checked independently: HMAC-SHA256 over "header.payload" with the secret's bytes (not its hex text).
    const expected = createHmac('sha256', Buffer.from(SECRET, 'hex')).update(`${header}.${payload}`).digest('base64url');
    expect(signature).toBe(expected);
    expect(signature).not.toBe(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'));
    // A token per request: a later one differs.
    expect(adminToken(key, now + 2000)).not.toBe(token);
  });
});

const ghostAnswer = (status: number, errors: unknown) => ({ status, headers: new Headers(), url: 'http://x/', text: JSON.stringify({ errors }) });

describe('Ghost failures in German', () => {
  it('reads the code (else the type) of Ghost’s error body', () => {
    const unknownKey = ghostStatusError(ghostAnswer(401, [{ message: 'Unknown Admin API Key', type: 'UnauthorizedError', code: 'UNKNOWN_ADMIN_API_KEY' }]), 'GET http://x/posts/');
    expect(unknownKey).toMatchObject({ kind: 'http', status: 401, code: 'UNKNOWN_ADMIN_API_KEY' });
    expect(unknownKey.message).not.toMatch(/Unknown Admin API Key/);
    expect(ghostStatusError(ghostAnswer(404, [{ message: 'Post not found.', type: 'NotFoundError', code: null }]), 'GET x').code).toBe('NotFoundError');
    expect(ghostStatusError({ status: 502, headers: new Headers(), url: 'x', text: '<html>Bad Gateway</html>' }, 'GET x')).toMatchObject({ status: 502, code: undefined });
  });

  const http = (status: number, code?: string) => new HttpError('http', `GET x: Status ${status}`, { status, ...(code ? { code } : {}) });

  it.each([
    [http(401, 'UNKNOWN_ADMIN_API_KEY'), 'sign-in', 'auth', /Ghost kennt diesen Admin-API-Schlüssel nicht \(401\).*Integration wurde gelöscht.*Einstellungen → Integrationen/, false],
    [http(401, 'INVALID_JWT'), 'create', 'auth', /Ghost hat die Anmeldung abgelehnt \(401\).*Admin-API-Schlüssel stimmt nicht.*Einstellungen → Integrationen/, false],
    [http(403, 'NoPermissionError'), 'media', 'forbidden', /Keine Berechtigung \(403\).*Bilder hochzuladen.*kein Content-API-Schlüssel/, false],
    [http(415, 'UnsupportedMediaTypeError'), 'media', 'bad-request', /Ghost hat ein Bild nicht angenommen \(Dateityp nicht erlaubt\)/, false],
    [http(422, 'ValidationError'), 'create', 'bad-request', /Ghost hat den Beitrag nicht angenommen \(422, ValidationError\)/, false],
    [http(404, 'NotFoundError'), 'update', 'deleted-online', /gelöscht/, false],
    [http(503), 'create', 'server', /Fehler auf dem Server des Blogs \(Status 503\)/, true],
    [new HttpError('offline', 'GET x: nicht erreichbar', { cause: 'ECONNREFUSED' }), 'create', 'offline', /Keine Verbindung zum Blog.*Postausgang/, true],
    [new HttpError('invalid-response', 'GET x: kein JSON', { status: 200 }), 'discover', 'invalid-response', /keine Admin-API von Ghost/, false],
  ] as const)('%s (%s) → %s', (error, purpose, code, message, retriable) => {
    const failure = ghostFailure(error, purpose);
    expect(failure.code).toBe(code);
    expect(failure.message).toMatch(message);
    expect(failure.retriable).toBe(retriable);
  });
});

describe('Ghost fields', () => {
  it('finds the site address in what the user types or copies from Ghost Admin', () => {
    expect(normalizeSiteUrl('mein-blog.ghost.io')).toBe('https://mein-blog.ghost.io/');
    expect(normalizeSiteUrl('https://example.org/blog/ghost/#/dashboard')).toBe('https://example.org/blog/');
    expect(normalizeSiteUrl('http://127.0.0.1:2368')).toBe('http://127.0.0.1:2368/');
    expect(normalizeSiteUrl('ftp://example.org')).toBeNull();
  });

  it('sends published_at in UTC and the status Ghost accepts', () => {
    expect(ghostDate('2024-05-01T10:00:00+02:00')).toBe('2024-05-01T08:00:00.000Z');
    expect(ghostDate('2024-05-01T10:00:00Z')).toBe('2024-05-01T10:00:00.000Z');
    expect(ghostDate('2024-05-01T10:00')).toBe(new Date(2024, 4, 1, 10, 0, 0).toISOString());
    expect(ghostDate('')).toBeUndefined();
    expect(ghostDate('gestern')).toBeUndefined();
    const now = new Date('2026-01-01T00:00:00Z');
    expect(ghostStatus('published', '2025-01-01T00:00:00.000Z', now, 'draft')).toBe('published');
    expect(ghostStatus('published', '2027-01-01T00:00:00.000Z', now, 'draft')).toBe('scheduled');
    expect(ghostStatus('scheduled', '2027-01-01T00:00:00.000Z', now, 'draft')).toBe('scheduled');
    expect(ghostStatus('draft', undefined, now, 'publish')).toBe('draft');
    expect(ghostStatus('ready', undefined, now, 'publish')).toBe('published');
    expect(ghostStatus('ready', undefined, now, 'draft')).toBe('draft');
    expect(remoteStatusOf('published')).toBe('publish');
    expect(remoteStatusOf('scheduled')).toBe('future');
  });

  it('drops the heading ids and plain image-card classes Ghost adds, and keeps a wide card as Ghost has it', () => {
    const stored =
      '<h2 id="warum-%C3%BCberhaupt">Warum überhaupt?</h2><figure class="kg-card kg-image-card kg-card-hascaption"><img src="/a.png" class="kg-image" alt="A" loading="lazy"><figcaption>Bild: Rike</figcaption></figure>' +
      '<figure class="kg-card kg-image-card kg-width-wide"><img src="/b.png" class="kg-image" alt="B"></figure><h3 id="x" class="y">Z</h3>';
    expect(plainGhostHtml(stored)).toBe(
      '<h2>Warum überhaupt?</h2><figure><img src="/a.png" alt="A" loading="lazy"><figcaption>Bild: Rike</figcaption></figure>' +
        '<figure class="kg-card kg-image-card kg-width-wide"><img src="/b.png" alt="B"></figure><h3 id="x" class="y">Z</h3>',
    );
  });

  it('remembers an uploaded image by its path below content/images and knows the blog’s own images', () => {
    expect(mediaIdOf('http://127.0.0.1:2368/content/images/2026/12/kopf.png')).toBe('2026/12/kopf.png');
    expect(isBlogImage('https://example.org/blog/', 'https://example.org/blog/content/images/size/w600/2026/12/a.jpg')).toBe(true);
    expect(isBlogImage('https://example.org/blog/', 'https://images.unsplash.com/photo.jpg')).toBe(false);
  });
});
