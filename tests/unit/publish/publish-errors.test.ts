import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../electron/main/http/http-client.js';
import { publishFailure, type RequestPurpose } from '../../../electron/main/publish/publish-errors.js';
import { wordpressFailure } from '../../../electron/main/publish/wordpress-errors.js';
import { XmlRpcFault } from '../../../electron/main/publish/xmlrpc/xmlrpc-codec.js';
import { xmlRpcFailure } from '../../../electron/main/publish/xmlrpc/xmlrpc-errors.js';

const http = (status: number, code?: string) => new HttpError('http', `POST x: Status ${status}`, { status, ...(code ? { code } : {}) });

describe('German messages for every kind of failure of the WordPress REST API', () => {
  const table: [string, HttpError, RequestPurpose, string, boolean, RegExp][] = [
    ['401 from WordPress 6.1', http(401, 'rest_not_logged_in'), 'create', 'auth', false, /Anmeldung fehlgeschlagen \(401\).*Authorization/],
    ['401 of newer versions', http(401, 'incorrect_password'), 'sign-in', 'auth', false, /Anwendungspasswort/],
    ['403', http(403, 'rest_cannot_create'), 'create', 'forbidden', false, /Keine Berechtigung \(403\).*Beiträge anzulegen/],
    ['403 on upload', http(403, 'rest_cannot_create'), 'media', 'forbidden', false, /Bilder hochzuladen/],
    ['404 on update', http(404, 'rest_post_invalid_id'), 'update', 'deleted-online', false, /gelöscht.*neuen Beitrag/],
    ['410 on read', http(410, 'rest_already_trashed'), 'read', 'deleted-online', false, /gelöscht/],
    ['404 elsewhere', http(404, 'rest_no_route'), 'media', 'rest-disabled', false, /REST-API/],
    ['401 with a plugin’s code is still a sign-in problem', http(401, 'rest_disabled'), 'create', 'auth', false, /401/],
    ['REST login required (403)', http(403, 'rest_login_required'), 'terms', 'rest-disabled', false, /abgeschaltet oder gesperrt/],
    ['500', http(500), 'create', 'server', true, /Status 500.*von selbst noch einmal/],
    ['503', http(503), 'media', 'server', true, /Status 503/],
    ['429', http(429), 'media', 'server', true, /langsamer/],
    ['400', http(400, 'rest_invalid_param'), 'create', 'bad-request', false, /abgelehnt \(Status 400, rest_invalid_param\)/],
    ['offline', new HttpError('offline', 'x', { cause: 'ECONNREFUSED' }), 'create', 'offline', true, /Keine Verbindung.*Postausgang/],
    ['timeout', new HttpError('timeout', 'x'), 'create', 'timeout', true, /Zeitüberschreitung/],
    ['TLS', new HttpError('tls', 'x', { cause: 'CERT_HAS_EXPIRED' }), 'create', 'tls', false, /Zertifikat/],
    ['not JSON', new HttpError('invalid-response', 'x'), 'create', 'invalid-response', false, /kein JSON/],
    ['cancelled', new HttpError('aborted', 'x'), 'create', 'cancelled', false, /Abgebrochen/],
  ];
  for (const [name, error, purpose, code, retriable, message] of table) {
    it(name, () => {
      const failure = wordpressFailure(error, purpose);
      expect([failure.code, failure.retriable]).toEqual([code, retriable]);
      expect(failure.message).toMatch(message);
    });
  }

  it('never passes the server’s own message on', () => {
    const failure = wordpressFailure(new HttpError('http', 'x', { status: 400, code: 'x', serverMessage: 'Interner Pfad /var/www' }), 'create');
    expect(failure.message).not.toContain('/var/www');
  });
});

describe('shared failures name no interface', () => {
  it('says nothing about application passwords, REST or JSON', () => {
    for (const error of [http(401, 'rest_not_logged_in'), http(404, 'rest_no_route'), new HttpError('invalid-response', 'x')]) {
      expect(publishFailure(error, 'create').message).not.toMatch(/Anwendungspasswort|REST|JSON|WordPress/);
    }
  });
});

describe('German messages for XML-RPC faults (sent with HTTP 200)', () => {
  const table: [string, unknown, RequestPurpose, string, boolean, RegExp][] = [
    ['403: wrong or revoked password', new XmlRpcFault(403, 'Incorrect username or password.'), 'sign-in', 'auth', false, /^Anmeldung fehlgeschlagen.*Anwendungspasswort/],
    ['401: not allowed', new XmlRpcFault(401, 'Sorry, you are not allowed to edit this post.'), 'update', 'forbidden', false, /diesen Beitrag zu ändern/],
    ['404 on update: deleted online', new XmlRpcFault(404, 'Invalid post ID.'), 'update', 'deleted-online', false, /gelöscht/],
    ['405: XML-RPC switched off', new XmlRpcFault(405, 'XML-RPC services are disabled on this site.'), 'sign-in', 'api-disabled', false, /XML-RPC ist in diesem Blog abgeschaltet/],
    ['method missing', new XmlRpcFault(-32601, 'server error. requested method does not exist.'), 'create', 'api-disabled', false, /XML-RPC-Funktion/],
    ['500: server trouble', new XmlRpcFault(500, 'Sorry, the post could not be created.'), 'create', 'server', true, /von selbst noch einmal/],
    ['xmlrpc.php blocked with HTTP 403', http(403), 'discover', 'api-disabled', false, /sperrt XML-RPC/],
    ['not XML-RPC', new HttpError('invalid-response', 'x'), 'create', 'invalid-response', false, /kein gültiges XML-RPC/],
    ['offline', new HttpError('offline', 'x'), 'create', 'offline', true, /Postausgang/],
  ];
  for (const [name, error, purpose, code, retriable, message] of table) {
    it(name, () => {
      const failure = xmlRpcFailure(error, purpose);
      expect([failure.code, failure.retriable]).toEqual([code, retriable]);
      expect(failure.message).toMatch(message);
    });
  }

  it('never passes the server’s own message on', () => {
    expect(xmlRpcFailure(new XmlRpcFault(500, 'Interner Pfad /var/www'), 'create').message).not.toContain('/var/www');
  });
});
