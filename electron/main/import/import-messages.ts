import { KladdeError } from '../../common/result.js';
import { HttpError } from '../http/http-client.js';
import { PublishFailure, publishFailure } from '../publish/publish-errors.js';
import { WxrError } from './wxr-reader.js';

/** Failures after which asking the blog for the next post is pointless: the whole import stops. */
const FATAL = new Set(['auth', 'forbidden', 'offline', 'timeout', 'tls', 'no-credentials', 'cancelled']);

/**
 * Why an import (or one post of it) failed, as a German sentence. A publisher's failure keeps its words where they
 * fit an import too (wrong password, no permission); those that speak of publishing (the outbox) are replaced.
 */
export function importFailure(error: unknown): { message: string; fatal: boolean; code: string } {
  if (error instanceof WxrError) return { message: wxrMessage(error), fatal: true, code: 'export' };
  if (error instanceof KladdeError) return { message: error.message, fatal: true, code: error.code };
  const failure = error instanceof PublishFailure ? error : error instanceof HttpError ? publishFailure(error, 'read') : null;
  if (!failure) return { message: `Unerwarteter Fehler beim Holen (${error instanceof Error ? error.name : 'unbekannt'}).`, fatal: true, code: 'internal' };
  const fatal = FATAL.has(failure.code);
  const code = failure.code;
  switch (failure.code) {
    case 'auth':
      return { message: 'Anmeldung beim Blog fehlgeschlagen: Benutzername oder Passwort stimmen nicht (oder das Anwendungspasswort wurde widerrufen).', fatal, code };
    case 'offline':
      return { message: 'Der Blog ist nicht erreichbar. Bitte die Verbindung prüfen und es dann noch einmal versuchen.', fatal, code };
    case 'timeout':
      return { message: 'Der Blog hat nicht rechtzeitig geantwortet. Bitte später noch einmal versuchen.', fatal, code };
    case 'deleted-online':
      return { message: 'Der Beitrag ist im Blog nicht mehr vorhanden.', fatal, code };
    default:
      return { message: failure.message, fatal, code };
  }
}

/** saxes names the place as `line:column: what`; the user reads it as a sentence. */
function wxrMessage(error: WxrError): string {
  const m = /^(.*?):\s*(\d+):(\d+):\s*(.*?)\.?$/.exec(error.message);
  if (error.code !== 'xml' || !m) return error.message;
  return `Die Exportdatei ist beschädigt und lässt sich ab Zeile ${m[2]}, Spalte ${m[3]} nicht lesen (XML-Fehler: ${m[4]}).`;
}
