import { createHmac } from 'node:crypto';

/**
 * Ghost's Admin API key is `<id>:<secret>`, the secret 64 hex digits. Requests carry a short-lived JSON Web Token
 * signed with it (HS256, `kid` = id, audience `/admin/`, at most five minutes valid), never the key itself.
 */

/** The two halves of an Admin API key, or null when the text is not one (a Content API key, a typo). */
export function parseAdminKey(key: string): { id: string; secret: Buffer } | null {
  const match = /^([0-9a-f]{24}):([0-9a-f]{64})$/i.exec(key.trim());
  if (!match?.[1] || !match[2]) return null;
  return { id: match[1], secret: Buffer.from(match[2], 'hex') };
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** How long a token is valid; Ghost refuses more than five minutes. */
export const TOKEN_LIFETIME_S = 300;

/**
 * A fresh token for one request (made per request, so a long upload or an outbox retry never sends an expired one).
 * `now` in milliseconds, for tests.
 */
export function adminToken(key: { id: string; secret: Buffer }, now: number = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: key.id }));
  const payload = base64url(JSON.stringify({ iat, exp: iat + TOKEN_LIFETIME_S, aud: '/admin/' }));
  const signature = createHmac('sha256', key.secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
