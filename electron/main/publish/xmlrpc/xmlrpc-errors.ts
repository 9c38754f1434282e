import { HttpError } from '../../http/http-client.js';
import { PURPOSE_WORDS, PublishFailure, publishFailure, type RequestPurpose } from '../publish-errors.js';
import { XmlRpcFault } from './xmlrpc-codec.js';


/** Refused sign-in over XML-RPC: WordPress answers `<fault>` 403 with HTTP 200, for a wrong or revoked password alike. */
export const XMLRPC_AUTH_MESSAGE = 'Anmeldung fehlgeschlagen: Benutzername oder Passwort stimmen nicht, oder das Anwendungspasswort wurde widerrufen.';
/** What to do after {@link XMLRPC_AUTH_MESSAGE}. */
export const XMLRPC_AUTH_NEXT =
  'Mit „Neu anmelden“ das richtige Passwort eintragen. Ist beim Konto die Zwei-Faktor-Anmeldung eingeschaltet (bei WordPress.com häufig), braucht Kladde ein Anwendungspasswort statt des Kontopassworts.';

/** Turns any failure of an XML-RPC call into a {@link PublishFailure} in German (never the server's own words). */
export function xmlRpcFailure(error: unknown, purpose: RequestPurpose): PublishFailure {
  if (error instanceof PublishFailure) return error;
  if (error instanceof XmlRpcFault) return faultFailure(error, purpose);
  if (error instanceof HttpError && error.kind === 'invalid-response') {
    return new PublishFailure(
      'invalid-response',
      'Der Blog hat auf XML-RPC unerwartet geantwortet (kein gültiges XML-RPC). Oft leitet ein Plugin oder der Hoster xmlrpc.php auf eine Seite um oder sperrt es.',
      false,
    );
  }
  if (error instanceof HttpError && error.kind === 'http') {
    const status = error.status ?? 0;
    if (status === 401 || status === 403 || status === 405) {
      return new PublishFailure(
        'api-disabled',
        `Der Blog sperrt XML-RPC (Status ${status}), etwa durch ein Sicherheits-Plugin oder den Hoster.`,
        false,
      );
    }
    if (status === 404) return new PublishFailure('not-found', 'Nicht gefunden (404): Unter dieser Adresse gibt es keine XML-RPC-Schnittstelle.', false);
  }
  return publishFailure(error, purpose);
}

function faultFailure(fault: XmlRpcFault, purpose: RequestPurpose): PublishFailure {
  switch (fault.faultCode) {
    case 403:
      return new PublishFailure('auth', XMLRPC_AUTH_MESSAGE, false, XMLRPC_AUTH_NEXT);
    case 401:
      return new PublishFailure('forbidden', `Keine Berechtigung: Dieses Konto hat im Blog nicht das Recht, ${PURPOSE_WORDS[purpose]}.`, false);
    case 404:
      if (purpose === 'update' || purpose === 'read') {
        return new PublishFailure('deleted-online', 'Der Beitrag wurde im Blog gelöscht.', false);
      }
      return new PublishFailure('not-found', `Nicht gefunden: Der Blog kennt nicht, was Kladde braucht, um ${PURPOSE_WORDS[purpose]}.`, false);
    case 405:
      return new PublishFailure('api-disabled', 'XML-RPC ist in diesem Blog abgeschaltet.', false);
    case -32601:
      return new PublishFailure('api-disabled', 'Der Blog kennt die nötige XML-RPC-Funktion nicht (vielleicht ist sie durch ein Plugin entfernt).', false);
    case 429:
      return new PublishFailure('server', 'Der Blog bittet, langsamer zu senden.', true);
    default:
      if (fault.faultCode >= 500 || fault.faultCode < 0) {
        return new PublishFailure('server', `Fehler auf dem Server des Blogs (XML-RPC-Fehler ${fault.faultCode}).`, fault.faultCode >= 500);
      }
      return new PublishFailure('bad-request', `Der Blog hat die Anfrage abgelehnt (XML-RPC-Fehler ${fault.faultCode}).`, false);
  }
}
