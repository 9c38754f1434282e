import { HttpError } from '../../http/http-client.js';
import { PURPOSE_WORDS, PublishFailure, publishFailure, type RequestPurpose } from '../publish-errors.js';

/** The next step after a refused token: sign in again in the browser, or paste a new app token. */
export const MICROPUB_SIGN_IN_AGAIN =
  'Mit „Neu anmelden“ wieder im Browser anmelden oder ein neues App-Token einfügen, dann noch einmal senden.';

/**
 * Failures of a Micropub server in German. Micropub answers errors as `{"error", "message"}` with the codes
 * `unauthorized` (401), `forbidden` (403), `insufficient_scope` and `invalid_request` (400). Servers differ in
 * which status a revoked token gets (401, or 403 after asking the token endpoint), so any refused token — 401,
 * or 403 without `insufficient_scope` — leads to signing in again. The server's own message is never shown.
 */
export function micropubFailure(error: unknown, purpose: RequestPurpose): PublishFailure {
  if (!(error instanceof HttpError) || error.kind !== 'http') return publishFailure(error, purpose);
  const status = error.status ?? 0;
  const code = error.code ?? '';
  if (code === 'insufficient_scope') {
    return new PublishFailure(
      'forbidden',
      `Das Token erlaubt Kladde nicht, ${PURPOSE_WORDS[purpose]} (insufficient_scope).`,
      false,
      'Mit „Neu anmelden“ im Browser neu anmelden und dabei die Rechte „create“, „update“ und „media“ erlauben (oder ein App-Token mit diesen Rechten einfügen).',
    );
  }
  if (status === 401 || code === 'invalid_token' || code === 'unauthorized') {
    return new PublishFailure('auth', `Anmeldung fehlgeschlagen (${status}): Der Blog kennt das Token nicht – es ist abgelaufen oder wurde widerrufen.`, false, MICROPUB_SIGN_IN_AGAIN);
  }
  if (status === 403) {
    return new PublishFailure(
      'auth',
      'Der Blog hat das Token abgelehnt (403): Es ist abgelaufen, wurde widerrufen oder gehört zu einer anderen Website.',
      false,
      MICROPUB_SIGN_IN_AGAIN,
    );
  }
  if (status === 400 && (purpose === 'create' || purpose === 'update' || purpose === 'media')) {
    return new PublishFailure(
      'bad-request',
      `Der Micropub-Server hat die Anfrage abgelehnt (400${code ? `, ${code}` : ''}), als Kladde versuchte, ${PURPOSE_WORDS[purpose]}.`,
      false,
    );
  }
  return publishFailure(error, purpose);
}
