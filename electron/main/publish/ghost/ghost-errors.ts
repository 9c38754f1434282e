import { HttpError, type HttpResponse } from '../../http/http-client.js';
import { PublishFailure, publishFailure, type RequestPurpose } from '../publish-errors.js';

/** Where Ghost shows the Admin API key; every sign-in failure ends with it. */
export const KEY_WHERE_DE = 'Den Schlüssel zeigt Ghost Admin unter Einstellungen → Integrationen (eigene Integration anlegen, „Admin API key“ kopieren).';
const KEY_NEXT_DE = `Mit „Neu anmelden“ einen gültigen Admin-API-Schlüssel eintragen. ${KEY_WHERE_DE}`;

/**
 * The HttpError for a Ghost answer with status ≥ 400. Ghost's errors come as `{"errors":[{message,type,code}]}`;
 * the first one's `code` (`INVALID_JWT`, `UPDATE_COLLISION` …), else its `type` (`NotFoundError` …), becomes the
 * error's code. `where` is method and address without query (`safeAddress`). Ghost's own message is kept only as `serverMessage` (English), never shown.
 */
export function ghostStatusError(response: HttpResponse, where: string): HttpError {
  let code: string | undefined;
  let serverMessage: string | undefined;
  try {
    const parsed = JSON.parse(response.text) as { errors?: unknown };
    const first: unknown = Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
    if (first && typeof first === 'object') {
      const record = first as Record<string, unknown>;
      if (typeof record['code'] === 'string' && record['code'] !== '') code = record['code'];
      else if (typeof record['type'] === 'string') code = record['type'];
      if (typeof record['message'] === 'string') serverMessage = record['message'];
    }
  } catch {
    /* not JSON: the status alone */
  }
  return new HttpError('http', `${where}: Status ${response.status}${code ? ` (${code})` : ''}`, {
    status: response.status,
    ...(code !== undefined ? { code } : {}),
    ...(serverMessage !== undefined ? { serverMessage } : {}),
  });
}

/** A key that is no Admin API key at all (a Content API key, half of one, a typo). */
export function malformedKeyFailure(): PublishFailure {
  return new PublishFailure(
    'auth',
    'Das ist kein Admin-API-Schlüssel von Ghost: Er besteht aus 24 Zeichen, einem Doppelpunkt und 64 weiteren Zeichen (0–9, a–f).',
    false,
    KEY_NEXT_DE,
  );
}

/**
 * Failures of Ghost's Admin API in German, by its error codes: a wrong or unknown key, missing rights, a refused
 * image or post. Everything else is plain HTTP (publish-errors.ts). `UPDATE_COLLISION` (409) is not a failure:
 * the publisher turns it into a conflict before it gets here.
 */
export function ghostFailure(error: unknown, purpose: RequestPurpose): PublishFailure {
  if (!(error instanceof HttpError)) return publishFailure(error, purpose);
  if (error.kind === 'invalid-response') {
    return new PublishFailure(
      'invalid-response',
      'Unter dieser Adresse antwortet keine Admin-API von Ghost (die Antwort ist kein JSON). Ist es ein Ghost-Blog, und stimmt die Adresse?',
      false,
    );
  }
  if (error.kind !== 'http') return publishFailure(error, purpose);
  const status = error.status ?? 0;
  const code = error.code ?? '';
  if (status === 401 && code === 'UNKNOWN_ADMIN_API_KEY') {
    return new PublishFailure(
      'auth',
      'Ghost kennt diesen Admin-API-Schlüssel nicht (401): Die Integration wurde gelöscht oder ihr Schlüssel neu erzeugt.',
      false,
      KEY_NEXT_DE,
    );
  }
  if (status === 401 && code === 'INVALID_JWT') {
    return new PublishFailure(
      'auth',
      'Ghost hat die Anmeldung abgelehnt (401): Der Admin-API-Schlüssel stimmt nicht, oder die Uhr dieses Rechners geht um mehr als fünf Minuten falsch.',
      false,
      KEY_NEXT_DE,
    );
  }
  if (status === 401) {
    return new PublishFailure('auth', 'Anmeldung bei Ghost fehlgeschlagen (401): Der Admin-API-Schlüssel wurde nicht angenommen.', false, KEY_NEXT_DE);
  }
  if (status === 403) {
    return new PublishFailure(
      'forbidden',
      `Keine Berechtigung (403): Ghost erlaubt dieser Integration nicht, ${purposeWords(purpose)}.`,
      false,
      `Einen Admin-API-Schlüssel einer eigenen Integration verwenden (kein Content-API-Schlüssel). ${KEY_WHERE_DE}`,
    );
  }
  if (purpose === 'media' && (status === 413 || status === 415 || code === 'UnsupportedMediaTypeError' || code === 'RequestEntityTooLargeError')) {
    return new PublishFailure(
      'bad-request',
      `Ghost hat ein Bild nicht angenommen (${status === 413 || code === 'RequestEntityTooLargeError' ? 'zu groß' : 'Dateityp nicht erlaubt'}).`,
      false,
      'Das Bild als JPEG, PNG, GIF oder WebP speichern und verkleinern, dann noch einmal senden.',
    );
  }
  if (status === 422 || code === 'ValidationError') {
    return new PublishFailure(
      'bad-request',
      `Ghost hat den Beitrag nicht angenommen (422${code ? `, ${code}` : ''}): Ein Feld ist zu lang oder ungültig (Titel höchstens 255 Zeichen, Auszug höchstens 300).`,
      false,
    );
  }
  return publishFailure(error, purpose);
}

function purposeWords(purpose: RequestPurpose): string {
  switch (purpose) {
    case 'media':
      return 'Bilder hochzuladen';
    case 'create':
      return 'Beiträge anzulegen';
    case 'update':
      return 'diesen Beitrag zu ändern';
    case 'terms':
      return 'Schlagwörter zu lesen';
    case 'read':
      return 'Beiträge zu lesen';
    default:
      return 'die Admin-API zu verwenden';
  }
}
