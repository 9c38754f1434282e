import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** What the authorization endpoint remembered about a code it handed out. */
interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  used: boolean;
}

/**
 * A minimal IndieAuth server: an authorization endpoint that approves at once (there is no user to ask on
 * loopback) but insists on PKCE S256, and a token endpoint that exchanges a code only with the matching
 * code_verifier, client and redirect address, and answers token verification for the Micropub server.
 * Tokens can be revoked all at once, as a user revoking an app would. Tokens live in a file, so they outlive a
 * restart of the server (the outbox test stops and starts it); codes do not need to.
 */
export class IndieAuthStub {
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens: Map<string, { clientId: string; scope: string }>;
  /** Every code exchange attempt and its outcome, for the tests. */
  readonly exchanges: { ok: boolean; error?: string }[] = [];

  constructor(
    private readonly me: string,
    private readonly tokenFile: string,
  ) {
    let saved: [string, { clientId: string; scope: string }][] = [];
    try {
      saved = JSON.parse(readFileSync(tokenFile, 'utf8')) as typeof saved;
    } catch {
      /* first start */
    }
    this.tokens = new Map(saved);
  }

  private save(): void {
    writeFileSync(this.tokenFile, JSON.stringify([...this.tokens]));
  }

  /** `GET /auth?response_type=code&…`: the redirect back to the client, or a 400 that says what is wrong. */
  authorize(query: URLSearchParams): { status: number; location?: string; error?: string } {
    const need = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method'];
    const missing = need.filter((key) => !query.get(key));
    if (missing.length > 0) return { status: 400, error: `missing ${missing.join(', ')}` };
    if (query.get('response_type') !== 'code') return { status: 400, error: 'unsupported response_type' };
    if (query.get('code_challenge_method') !== 'S256') return { status: 400, error: 'only S256 is supported' };
    const redirect = new URL(query.get('redirect_uri') ?? '');
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, {
      clientId: query.get('client_id') ?? '',
      redirectUri: redirect.toString(),
      challenge: query.get('code_challenge') ?? '',
      scope: query.get('scope') ?? 'create',
      used: false,
    });
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('state', query.get('state') ?? '');
    redirect.searchParams.set('iss', this.me);
    return { status: 302, location: redirect.toString() };
  }

  /** `POST /token` with `grant_type=authorization_code`: the token, or an OAuth error. */
  exchange(form: URLSearchParams): { status: number; body: Record<string, unknown> } {
    const fail = (error: string, description: string) => {
      this.exchanges.push({ ok: false, error: description });
      return { status: 400, body: { error, error_description: description } };
    };
    if (form.get('grant_type') !== 'authorization_code') return fail('unsupported_grant_type', 'grant_type');
    const issued = this.codes.get(form.get('code') ?? '');
    if (!issued || issued.used) return fail('invalid_grant', 'unknown or used code');
    issued.used = true;
    if (issued.clientId !== form.get('client_id')) return fail('invalid_grant', 'client_id differs');
    if (issued.redirectUri !== new URL(form.get('redirect_uri') ?? 'about:blank').toString()) return fail('invalid_grant', 'redirect_uri differs');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) return fail('invalid_grant', 'code_verifier does not match');
    const token = this.issue(issued.clientId, issued.scope);
    this.exchanges.push({ ok: true });
    return { status: 200, body: { access_token: token, token_type: 'Bearer', scope: issued.scope, me: this.me } };
  }

  /** `GET /token` with a bearer token: who it belongs to, as @benjifs/micropub asks before every request. */
  verify(authorization: string | null): { status: number; body: Record<string, unknown> } {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    const known = this.tokens.get(token);
    if (!known) return { status: 401, body: { error: 'invalid_token', error_description: 'unknown or revoked token' } };
    return { status: 200, body: { me: this.me, scope: known.scope, client_id: known.clientId } };
  }

  /** A token as an app-token page hands it out (Micro.blog: Account → App tokens). */
  issue(clientId = 'https://micro.blog/', scope = 'create update delete media'): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { clientId, scope });
    this.save();
    return token;
  }

  revokeAll(): void {
    this.tokens.clear();
    this.save();
  }
}
