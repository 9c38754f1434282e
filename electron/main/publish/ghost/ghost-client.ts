import { HttpError, safeAddress, type HttpRequest } from '../../http/http-client.js';
import { PublishFailure, type RequestPurpose } from '../publish-errors.js';
import type { PublishTarget } from '../publisher.js';
import { ACCEPT_VERSION, adminUrl, type GhostPost } from './ghost-api.js';
import { ghostFailure, ghostStatusError, malformedKeyFailure } from './ghost-errors.js';
import { adminToken, parseAdminKey } from './ghost-jwt.js';

/** A post or a page of Ghost, as both are read and updated the same way under their own route. */
export type GhostType = 'post' | 'page';
export const ROUTE: Readonly<Record<GhostType, string>> = { post: 'posts', page: 'pages' };

/**
 * Authenticated requests to Ghost's Admin API, shared by the publisher and the importer: a fresh token per request,
 * the API version header, Ghost's error bodies read. `raw` hands HTTP failures back as they are (to recognise
 * `UPDATE_COLLISION`); `call` turns every failure into a German {@link PublishFailure}.
 */
export class GhostClient {
  async raw<T>(target: PublishTarget, request: HttpRequest): Promise<T> {
    const key = parseAdminKey(target.secret);
    if (!key) throw malformedKeyFailure();
    const response = await target.http.send({
      ...request,
      headers: { ...request.headers, Authorization: `Ghost ${adminToken(key)}`, 'Accept-Version': ACCEPT_VERSION },
      ...(target.signal ? { signal: target.signal } : {}),
    });
    const where = `${request.method ?? 'GET'} ${safeAddress(request.url)}`;
    if (response.status >= 400) throw ghostStatusError(response, where);
    if (response.status === 204 || response.text === '') return undefined as T;
    try {
      return JSON.parse(response.text) as T;
    } catch {
      throw new HttpError('invalid-response', `${where}: Antwort ist kein JSON (Status ${response.status})`, { status: response.status });
    }
  }

  async call<T>(target: PublishTarget, purpose: RequestPurpose, request: HttpRequest): Promise<T> {
    try {
      return await this.raw<T>(target, request);
    } catch (error) {
      throw ghostFailure(error, purpose);
    }
  }

  /** One post or page with its HTML and tags; a 404 becomes `deleted-online` (purpose `read`). */
  async read(target: PublishTarget, type: GhostType, id: string): Promise<GhostPost> {
    const answer = await this.call<Record<string, GhostPost[] | undefined>>(target, 'read', {
      url: adminUrl(target.blog, `${ROUTE[type]}/${encodeURIComponent(id)}/`, { formats: 'html', include: 'tags' }),
    });
    const post = answer[ROUTE[type]]?.[0];
    if (!post) throw new PublishFailure('invalid-response', 'Ghost hat den Beitrag ohne Inhalt geliefert.', false);
    return post;
  }

  /** The post of this id, else the page of this id (an imported page is updated as a page). */
  async readPostOrPage(target: PublishTarget, id: string): Promise<{ post: GhostPost; type: GhostType }> {
    try {
      return { post: await this.read(target, 'post', id), type: 'post' };
    } catch (error) {
      if (!(error instanceof PublishFailure) || error.code !== 'deleted-online') throw error;
      return { post: await this.read(target, 'page', id), type: 'page' };
    }
  }
}
