import { createHash, randomBytes } from 'node:crypto';
import type { HttpClient } from '../../http/http-client.js';
import { PublishFailure } from '../publish-errors.js';
import { micropubFailure } from './micropub-errors.js';

/**
 * Kladde's IndieAuth client id. IndieAuth identifies a client by a URL; a desktop app has no page of its own
 * that the server could fetch, so servers that insist on client metadata for a loopback redirect refuse it —
 * for them the app-token path stays (Micro.blog accepts both).
 */
export const KLADDE_CLIENT_ID = 'https://kladde.app/';

/** The rights Kladde asks for: create and update posts, upload images. */
export const MICROPUB_SCOPE = 'create update media';

/** A PKCE pair (RFC 7636): the verifier stays in main, the S256 challenge goes into the browser. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The address the browser opens: the authorization endpoint with the request in its query. */
export function authorizationUrl(options: { endpoint: string; redirectUri: string; state: string; challenge: string; me: string }): string {
  const url = new URL(options.endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', KLADDE_CLIENT_ID);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('state', options.state);
  url.searchParams.set('code_challenge', options.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('scope', MICROPUB_SCOPE);
  url.searchParams.set('me', options.me);
  return url.toString();
}

/**
 * Checks the redirect's query against what was sent (state, issuer) and returns the code. A user who refused
 * in the browser comes back with `error=access_denied`.
 */
export function codeFromRedirect(query: URLSearchParams, expected: { state: string; issuer: string | null }): string {
  const error = query.get('error');
  if (error) {
    const denied = error === 'access_denied';
    throw new PublishFailure(
      'auth',
      denied ? 'Die Anmeldung wurde im Browser abgelehnt.' : `Die Anmeldung im Browser ist fehlgeschlagen (${error.slice(0, 60)}).`,
      false,
      'Noch einmal „Anmelden im Browser“ wählen oder ein App-Token einfügen.',
    );
  }
  if (query.get('state') !== expected.state) {
    throw new PublishFailure('auth', 'Die Antwort aus dem Browser gehört nicht zu dieser Anmeldung (state stimmt nicht).', false, 'Noch einmal „Anmelden im Browser“ wählen.');
  }
  const iss = query.get('iss');
  if (expected.issuer && iss !== null && iss !== expected.issuer) {
    throw new PublishFailure('auth', 'Die Antwort aus dem Browser kommt von einem anderen Anmeldedienst als dem der Website (iss stimmt nicht).', false, 'Noch einmal „Anmelden im Browser“ wählen.');
  }
  const code = query.get('code');
  if (!code) throw new PublishFailure('auth', 'Der Anmeldedienst hat keinen Code zurückgegeben.', false, 'Noch einmal „Anmelden im Browser“ wählen oder ein App-Token einfügen.');
  return code;
}

/** Exchanges the code (with the PKCE verifier) for an access token at the token endpoint. */
export async function exchangeCode(
  http: HttpClient,
  options: { tokenEndpoint: string; code: string; redirectUri: string; verifier: string },
): Promise<{ accessToken: string; me: string | null; scope: string }> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: options.code,
    client_id: KLADDE_CLIENT_ID,
    redirect_uri: options.redirectUri,
    code_verifier: options.verifier,
  });
  let body: Record<string, unknown>;
  try {
    body = (await http.json<Record<string, unknown>>({ method: 'POST', url: options.tokenEndpoint, text: { contentType: 'application/x-www-form-urlencoded', body: form.toString() } })).body;
  } catch (error) {
    const failure = micropubFailure(error, 'sign-in');
    if (failure.code === 'bad-request' || failure.code === 'auth') {
      throw new PublishFailure('auth', 'Der Anmeldedienst hat den Code nicht gegen ein Token getauscht.', false, 'Noch einmal „Anmelden im Browser“ wählen oder ein App-Token einfügen.');
    }
    throw failure;
  }
  const token = body['access_token'];
  if (typeof token !== 'string' || token === '') {
    throw new PublishFailure('invalid-response', 'Der Anmeldedienst hat kein Zugriffstoken geschickt.', false, 'Noch einmal „Anmelden im Browser“ wählen oder ein App-Token einfügen.');
  }
  return { accessToken: token, me: typeof body['me'] === 'string' ? body['me'] : null, scope: typeof body['scope'] === 'string' ? body['scope'] : '' };
}
