import { HttpError, httpStatusError, safeAddress, type HttpClient } from '../../http/http-client.js';
import { decodeResponse, encodeCall, type XmlRpcValue } from './xmlrpc-codec.js';
import { XmlRefused } from './xml-safe-parse.js';

/** Where calls go and how: the endpoint (`…/xmlrpc.php`), the one HTTP client, the job's cancel signal. */
export interface XmlRpcEndpoint {
  url: string;
  http: HttpClient;
  signal?: AbortSignal;
}

/**
 * One XML-RPC call through the app's HTTP client. Resolves with the answer's value; rejects with
 * {@link XmlRpcFault} for a `<fault>` (sent with HTTP 200), an `http` HttpError for a status ≥ 400, and an
 * `invalid-response` HttpError for an answer that is not a (safe) XML-RPC document.
 */
export async function xmlRpcCall(endpoint: XmlRpcEndpoint, method: string, params: readonly XmlRpcValue[], timeoutMs?: number): Promise<XmlRpcValue> {
  const where = `POST ${safeAddress(endpoint.url)} ${method}`;
  const response = await endpoint.http.send({
    method: 'POST',
    url: endpoint.url,
    headers: { Accept: 'text/xml, application/xml;q=0.9, */*;q=0.1' },
    text: { contentType: 'text/xml; charset=utf-8', body: encodeCall(method, params) },
    ...(endpoint.signal ? { signal: endpoint.signal } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  if (response.status >= 400) throw httpStatusError(response, where);
  try {
    return decodeResponse(response.text);
  } catch (error) {
    if (error instanceof XmlRefused) {
      throw new HttpError('invalid-response', `${where}: ${error.message}`, { status: response.status, code: 'xmlrpc-invalid' });
    }
    throw error;
  }
}
