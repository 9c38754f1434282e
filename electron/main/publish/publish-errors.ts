import type { PublishError, PublishErrorCode } from '../../common/model/blog.js';
import { HttpError } from '../http/http-client.js';

/** A publish that cannot go on, with a German message the user can act on. */
export class PublishFailure extends Error {
  constructor(
    readonly code: PublishErrorCode,
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
    this.name = 'PublishFailure';
  }

  toData(): PublishError {
    return { code: this.code, message: this.message, retriable: this.retriable };
  }
}

/** What a request was for, so a 404 or 403 can be explained in the user's terms. */
export type RequestPurpose = 'discover' | 'sign-in' | 'terms' | 'media' | 'create' | 'update' | 'read';

const WHAT: Record<RequestPurpose, string> = {
  discover: 'die Blog-Adresse zu prüfen',
  'sign-in': 'sich anzumelden',
  terms: 'Kategorien und Schlagwörter anzulegen',
  media: 'Bilder hochzuladen',
  create: 'Beiträge anzulegen',
  update: 'diesen Beitrag zu ändern',
  read: 'den Beitrag zu lesen',
};

/** Error codes of WordPress meaning the REST API is switched off (core filter or security plugins). */
const REST_DISABLED_CODES = new Set(['rest_disabled', 'rest_cannot_access', 'rest_login_required', 'rest_no_route']);

/**
 * Turns any failure of a request into a {@link PublishFailure}: the HTTP status decides (WordPress's messages are
 * half German, half English; only its `code` is used, never its message).
 */
export function publishFailure(error: unknown, purpose: RequestPurpose): PublishFailure {
  if (error instanceof PublishFailure) return error;
  if (!(error instanceof HttpError)) {
    return new PublishFailure('internal', `Unerwarteter Fehler beim Veröffentlichen (${error instanceof Error ? error.name : 'unbekannt'}).`, false);
  }
  switch (error.kind) {
    case 'offline':
      return new PublishFailure(
        'offline',
        'Keine Verbindung zum Blog. Der Beitrag wartet im Postausgang und wird gesendet, sobald der Blog wieder erreichbar ist.',
        true,
      );
    case 'timeout':
      return new PublishFailure('timeout', 'Zeitüberschreitung: Der Blog hat nicht rechtzeitig geantwortet. Kladde versucht es später noch einmal.', true);
    case 'tls':
      return new PublishFailure(
        'tls',
        'Die sichere Verbindung (TLS) zum Blog ist fehlgeschlagen: Sein Zertifikat ist abgelaufen, selbst ausgestellt oder gilt für eine andere Adresse. Bitte beim Hoster prüfen lassen.',
        false,
      );
    case 'aborted':
      return new PublishFailure('cancelled', 'Abgebrochen.', false);
    case 'invalid-response':
      return new PublishFailure(
        'invalid-response',
        'Der Blog hat unerwartet geantwortet (kein JSON). Oft leitet ein Plugin oder der Hoster die REST-API auf eine Seite um.',
        false,
      );
    case 'http':
      return statusFailure(error, purpose);
  }
}

function statusFailure(error: HttpError, purpose: RequestPurpose): PublishFailure {
  const status = error.status ?? 0;
  const code = error.code ?? '';
  if (status === 401) {
    return new PublishFailure(
      'auth',
      'Anmeldung fehlgeschlagen (401): Benutzername oder Anwendungspasswort stimmen nicht, oder das Anwendungspasswort wurde widerrufen. ' +
        'Stimmen sie, entfernt vermutlich der Server des Blogs den „Authorization“-Header (häufig bei Apache mit CGI/FastCGI); der Hoster oder eine Zeile in der .htaccess hilft dann.',
      false,
    );
  }
  if (REST_DISABLED_CODES.has(code) && purpose !== 'update' && purpose !== 'read') {
    return new PublishFailure(
      'rest-disabled',
      'Die REST-API des Blogs ist abgeschaltet oder gesperrt (etwa durch ein Sicherheits-Plugin). Kladde braucht sie zum Veröffentlichen.',
      false,
    );
  }
  if (status === 403) {
    return new PublishFailure('forbidden', `Keine Berechtigung (403): Dieses Konto darf im Blog nicht ${WHAT[purpose]}.`, false);
  }
  if ((status === 404 || status === 410) && (purpose === 'update' || purpose === 'read')) {
    return new PublishFailure('deleted-online', 'Der Beitrag wurde im Blog gelöscht (404). Als neuen Beitrag veröffentlichen?', false);
  }
  if (status === 404) {
    return new PublishFailure('not-found', `Nicht gefunden (404): Der Blog kennt die Adresse nicht, die Kladde braucht, um ${WHAT[purpose]}.`, false);
  }
  if (code === 'rest_upload_sideload_error' || code === 'rest_upload_unknown_error') {
    return new PublishFailure('bad-request', `Der Blog hat ein Bild nicht angenommen (${code}); vielleicht ist der Dateityp dort nicht erlaubt.`, false);
  }
  if (status === 429) return new PublishFailure('server', 'Der Blog bittet, langsamer zu senden (429). Kladde versucht es später noch einmal.', true);
  if (status >= 500) {
    return new PublishFailure('server', `Fehler auf dem Server des Blogs (Status ${status}${code ? `, ${code}` : ''}). Kladde versucht es später noch einmal.`, true);
  }
  return new PublishFailure('bad-request', `Der Blog hat die Anfrage abgelehnt (Status ${status}${code ? `, ${code}` : ''}).`, false);
}
