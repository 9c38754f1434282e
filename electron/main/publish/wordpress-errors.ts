import { HttpError } from '../http/http-client.js';
import { PublishFailure, publishFailure, type RequestPurpose } from './publish-errors.js';

/** Error codes of WordPress meaning the REST API is switched off (core filter or security plugins). */
const REST_DISABLED_CODES = new Set(['rest_disabled', 'rest_cannot_access', 'rest_login_required', 'rest_no_route']);

/**
 * Failures of the WordPress REST API in German: what its error `code`s and its sign-in mean (WordPress's messages
 * are half German, half English; only its `code` is used). Everything else is plain HTTP (publish-errors.ts).
 */
export function wordpressFailure(error: unknown, purpose: RequestPurpose): PublishFailure {
  if (!(error instanceof HttpError)) return publishFailure(error, purpose);
  if (error.kind === 'invalid-response') {
    return new PublishFailure(
      'invalid-response',
      'Der Blog hat unerwartet geantwortet (kein JSON). Oft leitet ein Plugin oder der Hoster die REST-API auf eine Seite um.',
      false,
    );
  }
  if (error.kind !== 'http') return publishFailure(error, purpose);
  const status = error.status ?? 0;
  const code = error.code ?? '';
  if (status === 401) {
    return new PublishFailure(
      'auth',
      'Anmeldung fehlgeschlagen (401): Benutzername oder Anwendungspasswort stimmen nicht, oder das Anwendungspasswort wurde widerrufen.',
      false,
      'Mit „Neu anmelden“ ein gültiges Anwendungspasswort eintragen. Stimmen die Zugangsdaten, entfernt vermutlich der Server des Blogs den „Authorization“-Header ' +
        '(häufig bei Apache mit CGI/FastCGI); dann hilft der Hoster oder eine Zeile in der .htaccess.',
    );
  }
  if (REST_DISABLED_CODES.has(code) && purpose !== 'update' && purpose !== 'read') {
    return new PublishFailure(
      'rest-disabled',
      'Die REST-API des Blogs ist abgeschaltet oder gesperrt (etwa durch ein Sicherheits-Plugin); Kladde braucht sie zum Veröffentlichen.',
      false,
    );
  }
  if (code === 'rest_upload_sideload_error' || code === 'rest_upload_unknown_error') {
    return new PublishFailure('bad-request', `Der Blog hat ein Bild nicht angenommen (${code}); vielleicht ist der Dateityp dort nicht erlaubt.`, false, 'Das Bild als JPEG oder PNG speichern oder im Blog den Dateityp erlauben lassen, dann noch einmal senden.');
  }
  return publishFailure(error, purpose);
}
