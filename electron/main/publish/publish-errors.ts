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

/** What a request was for, in words that complete „Dieses Konto darf im Blog nicht …“. */
export const PURPOSE_WORDS: Record<RequestPurpose, string> = {
  discover: 'die Blog-Adresse zu prüfen',
  'sign-in': 'sich anzumelden',
  terms: 'Kategorien und Schlagwörter anzulegen',
  media: 'Bilder hochzuladen',
  create: 'Beiträge anzulegen',
  update: 'diesen Beitrag zu ändern',
  read: 'den Beitrag zu lesen',
};

/**
 * Turns any failure of a request into a {@link PublishFailure} by what HTTP says alone: no connection, timeout,
 * TLS, cancelled, and the status. Publishers first turn what only their blog's interface says (its error codes,
 * its words) into failures of their own (wordpress-errors.ts, xmlrpc/xmlrpc-errors.ts) and leave the rest to this.
 * The server's own message is never passed on.
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
      return new PublishFailure('invalid-response', 'Der Blog hat unerwartet geantwortet (nicht im Format seiner Schnittstelle).', false);
    case 'http':
      return statusFailure(error, purpose);
  }
}

function statusFailure(error: HttpError, purpose: RequestPurpose): PublishFailure {
  const status = error.status ?? 0;
  const code = error.code ?? '';
  if (status === 401) {
    return new PublishFailure('auth', 'Anmeldung fehlgeschlagen (401): Die Zugangsdaten stimmen nicht oder wurden widerrufen.', false);
  }
  if (status === 403) {
    return new PublishFailure('forbidden', `Keine Berechtigung (403): Dieses Konto darf im Blog nicht ${PURPOSE_WORDS[purpose]}.`, false);
  }
  if ((status === 404 || status === 410) && (purpose === 'update' || purpose === 'read')) {
    return new PublishFailure('deleted-online', 'Der Beitrag wurde im Blog gelöscht (404). Als neuen Beitrag veröffentlichen?', false);
  }
  if (status === 404) {
    return new PublishFailure('not-found', `Nicht gefunden (404): Der Blog kennt die Adresse nicht, die Kladde braucht, um ${PURPOSE_WORDS[purpose]}.`, false);
  }
  if (status === 429) return new PublishFailure('server', 'Der Blog bittet, langsamer zu senden (429). Kladde versucht es später noch einmal.', true);
  if (status >= 500) {
    return new PublishFailure('server', `Fehler auf dem Server des Blogs (Status ${status}${code ? `, ${code}` : ''}). Kladde versucht es später noch einmal.`, true);
  }
  return new PublishFailure('bad-request', `Der Blog hat die Anfrage abgelehnt (Status ${status}${code ? `, ${code}` : ''}).`, false);
}
