import type { PublishError, PublishErrorCode } from '../../common/model/blog.js';
import { HttpError } from '../http/http-client.js';

/**
 * What the user can do next, by cause — the sentence every failure ends with unless it names a better one.
 * The English words for the same codes live in the renderer's i18n tables (`publishError.next.<code>`).
 */
export const NEXT_STEPS_DE: Readonly<Record<PublishErrorCode, string>> = {
  auth: 'Mit „Neu anmelden“ ein gültiges Passwort eintragen und noch einmal senden.',
  forbidden: 'Mit einem Konto mit mehr Rechten (etwa Redakteur) neu anmelden oder im Blog die Rolle ändern lassen.',
  'deleted-online': '„Als neuen Beitrag veröffentlichen“ legt ihn neu an; sonst den Auftrag im Postausgang abbrechen.',
  'not-found': 'Die Adresse des Blogs unter „Blogs verwalten“ prüfen und den Blog nötigenfalls neu hinzufügen.',
  'rest-disabled': 'Die REST-API im Blog wieder einschalten lassen oder den Blog unter „Erweitert“ mit XML-RPC hinzufügen.',
  tls: 'Das Zertifikat beim Hoster prüfen lassen; danach im Postausgang „Jetzt versuchen“ wählen.',
  timeout: 'Kladde versucht es von selbst noch einmal; „Jetzt versuchen“ im Postausgang sendet sofort.',
  server: 'Kladde versucht es von selbst noch einmal; „Jetzt versuchen“ im Postausgang sendet sofort.',
  offline: 'Kladde sendet von selbst, sobald der Blog wieder erreichbar ist; „Jetzt versuchen“ im Postausgang sendet sofort.',
  'bad-request': 'Den Beitrag prüfen und noch einmal senden; bleibt es dabei, beim Hoster oder in den Einstellungen des Blogs nachsehen.',
  'invalid-response': 'Im Blog nach einem Plugin sehen, das die Schnittstelle umleitet, oder beim Hoster nachfragen; dann noch einmal senden.',
  conflict: 'Die Online-Fassung überschreiben, sie als Kopie laden oder abbrechen.',
  problems: 'Die genannten Stellen im Beitrag beheben und dann veröffentlichen.',
  'no-credentials': 'Unter „Blogs verwalten“ beim Blog anmelden.',
  cancelled: 'Zum Senden noch einmal „Veröffentlichen“ wählen.',
  internal: 'Noch einmal versuchen; geschieht es wieder, Kladde neu starten.',
  'api-disabled': 'Die Schnittstelle im Blog einschalten lassen oder den Blog unter „Erweitert“ mit der REST-API hinzufügen.',
};

/**
 * A publish that cannot go on, with a German message the user can act on: what happened (`reason`), then what to
 * do next (`next`, by default the code's sentence from {@link NEXT_STEPS_DE}). `message` is both.
 */
export class PublishFailure extends Error {
  /** What happened, without the next step. */
  readonly reason: string;
  readonly next: string;

  constructor(
    readonly code: PublishErrorCode,
    cause: string,
    readonly retriable: boolean,
    next: string = NEXT_STEPS_DE[code],
  ) {
    super(`${cause} ${next}`);
    this.name = 'PublishFailure';
    this.reason = cause;
    this.next = next;
  }

  toData(): PublishError {
    return { code: this.code, message: this.message, retriable: this.retriable, next: this.next };
  }
}

/** What a request was for, so a 404 or 403 can be explained in the user's terms. */
export type RequestPurpose = 'discover' | 'sign-in' | 'terms' | 'media' | 'create' | 'update' | 'read';

/** What a request was for, as an infinitive with „zu“: „Dieses Konto hat im Blog nicht das Recht, …“. */
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
      return new PublishFailure('offline', 'Keine Verbindung zum Blog.', true);
    case 'timeout':
      return new PublishFailure('timeout', 'Zeitüberschreitung: Der Blog hat nicht rechtzeitig geantwortet.', true);
    case 'tls':
      return new PublishFailure(
        'tls',
        'Die sichere Verbindung (TLS) zum Blog ist fehlgeschlagen: Sein Zertifikat ist abgelaufen, selbst ausgestellt oder gilt für eine andere Adresse.',
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
    return new PublishFailure('forbidden', `Keine Berechtigung (403): Dieses Konto hat im Blog nicht das Recht, ${PURPOSE_WORDS[purpose]}.`, false);
  }
  if ((status === 404 || status === 410) && (purpose === 'update' || purpose === 'read')) {
    return new PublishFailure('deleted-online', 'Der Beitrag wurde im Blog gelöscht (404).', false);
  }
  if (status === 404) {
    return new PublishFailure('not-found', `Nicht gefunden (404): Der Blog kennt die Adresse nicht, die Kladde braucht, um ${PURPOSE_WORDS[purpose]}.`, false);
  }
  if (status === 429) return new PublishFailure('server', 'Der Blog bittet, langsamer zu senden (429).', true);
  if (status >= 500) {
    return new PublishFailure('server', `Fehler auf dem Server des Blogs (Status ${status}${code ? `, ${code}` : ''}).`, true);
  }
  return new PublishFailure('bad-request', `Der Blog hat die Anfrage abgelehnt (Status ${status}${code ? `, ${code}` : ''}).`, false);
}
