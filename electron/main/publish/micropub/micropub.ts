import { randomBytes } from 'node:crypto';
import type { Blog, BlogTerms, Term } from '../../../common/model/blog.js';
import type { PublishedMedia, PublishRecord } from '../../../common/markdown/front-matter-publish.js';
import { httpStatusError, safeAddress, type HttpClient, type HttpRequest, type HttpResponse } from '../../http/http-client.js';
import { PublishFailure, type RequestPurpose } from '../publish-errors.js';
import {
  categoryNames,
  sendMissingImages,
  type BrowserSignIn,
  type BrowserSignInSession,
  type DiscoveredBlog,
  type LocalImage,
  type OnlinePost,
  type Publisher,
  type PublishRequest,
  type PublishResult,
  type PublishTarget,
} from '../publisher.js';
import { discoverEndpoints } from './discovery.js';
import { createBody, entryProperties, firstText, micropubStatus, updateBodies, uploadName, type Mf2Properties } from './entry.js';
import { authorizationUrl, codeFromRedirect, exchangeCode, pkcePair } from './indieauth.js';
import { micropubFailure } from './micropub-errors.js';

interface Mf2Source {
  type?: unknown;
  properties?: Record<string, unknown>;
}

/**
 * Micropub sites (Micro.blog, IndieWeb): the post goes out as an h-entry (JSON) with the HTML of the one
 * renderer, images go to the site's media endpoint once, sign-in is IndieAuth in the browser (PKCE) or a pasted
 * app token; both end as a bearer token. The blog's `apiRoot` is the Micropub endpoint, `site` the site's
 * address (IndieAuth's `me`), `authorizeUrl` the authorization endpoint when the site offers browser sign-in.
 *
 * Micropub has no modification time and no revision: Kladde cannot tell whether a post was changed online, so
 * publishing again replaces what it sent (the publish dialog says so). A post's remote id is its address.
 */
export class MicropubPublisher implements Publisher {
  readonly kind = 'micropub' as const;

  readonly browserSignIn: BrowserSignIn = {
    begin: (blog, http, redirectUri) => this.beginSignIn(blog, http, redirectUri),
  };

  async discover(input: string, http: HttpClient): Promise<DiscoveredBlog> {
    const found = await discoverEndpoints(input, http);
    return { name: found.name, url: found.me, apiRoot: found.micropub, site: found.me, authorizeUrl: found.authorization && found.token ? found.authorization : null };
  }

  /** A token is good when the server answers `q=config` with it. */
  async verify(target: PublishTarget): Promise<{ accountName: string }> {
    await this.config(target, 'sign-in');
    return { accountName: target.blog.user || hostOf(target.blog.site || target.blog.url) };
  }

  /** Micropub's `q=category` (an extension Micro.blog and others offer); a server without it has none to offer. */
  async fetchTerms(target: PublishTarget): Promise<BlogTerms> {
    let names: string[] = [];
    try {
      const body = await this.call<{ categories?: unknown }>(target, 'terms', { url: queryUrl(target.blog, { q: 'category' }) });
      if (Array.isArray(body.categories)) names = body.categories.filter((c): c is string => typeof c === 'string');
    } catch (error) {
      if (!(error instanceof PublishFailure) || error.code !== 'bad-request') throw error;
    }
    const categories: Term[] = names.map((name, index) => ({ id: index + 1, name, slug: name, parent: 0 }));
    return { categories, tags: [], fetchedAt: new Date().toISOString() };
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const terms: BlogTerms = { categories: [...request.terms.categories], tags: [...request.terms.tags], fetchedAt: request.terms.fetchedAt };
    request.progress({ phase: 'prepare', done: 0, total: 0 });

    // 1. The post online, when there is one: deleted there → say so. Which of Kladde's properties it holds
    //    decides what an update removes. Nothing tells whether it was changed online (see the class comment).
    let existing: { url: string; properties: ReadonlySet<string> } | null = null;
    if (request.previous) {
      const source = await this.source(request, request.previous.id);
      existing = { url: request.previous.id, properties: new Set(Object.keys(source.properties ?? {})) };
    }

    // 2. Images the site does not have yet, to its media endpoint (asked with q=config).
    const needsUpload = request.images.some((img) => request.knownMedia[img.key]?.hash !== img.hash);
    const mediaEndpoint = needsUpload ? await this.mediaEndpoint(request) : '';
    const media = await sendMissingImages(request, (image) => this.upload(request, mediaEndpoint, image));

    // 3. The entry: the one renderer's HTML with the site's image addresses.
    request.progress({ phase: 'post', done: 0, total: 1 });
    const featured = request.featuredKey ? media[request.featuredKey] : undefined;
    const featuredImage = request.images.find((img) => img.key === request.featuredKey);
    const status = micropubStatus(request.fields.status, request.blog.defaultStatus);
    const props = entryProperties({
      fields: request.fields,
      slug: request.slug,
      html: request.render((key) => media[key]?.url),
      categories: categoryNames(request),
      photo: featured ? { url: featured.url, alt: featuredImage?.alt ?? '' } : null,
      status,
    });
    let url: string;
    if (existing) {
      for (const body of updateBodies(existing.url, props, existing.properties)) {
        await this.send(request, 'update', { method: 'POST', url: request.blog.apiRoot, json: body });
      }
      url = existing.url;
    } else {
      await request.creating();
      url = await this.create(request, props);
    }
    request.progress({ phase: 'post', done: 1, total: 1 });
    const record: PublishRecord = { id: url, link: url, modified_gmt: '', online_hash: '', media };
    return { kind: 'done', record, terms, remote: { remoteStatus: status === 'published' ? 'publish' : 'draft', editUrl: '', date: request.fields.date } };
  }

  async fetchOnline(target: PublishTarget, remoteId: string): Promise<OnlinePost> {
    const props = (await this.source(target, remoteId)).properties ?? {};
    return {
      title: firstText(props, 'name'),
      content: firstText(props, 'content'),
      excerpt: firstText(props, 'summary'),
      slug: firstText(props, 'mp-slug'),
      date: firstText(props, 'published'),
      status: firstText(props, 'post-status') === 'draft' ? 'draft' : 'publish',
      link: firstText(props, 'url') || remoteId,
    };
  }

  private async create(request: PublishRequest, props: Mf2Properties): Promise<string> {
    const response = await this.send(request, 'create', { method: 'POST', url: request.blog.apiRoot, json: createBody(props, request.slug) });
    const location = response.headers.get('location');
    if (!location || (response.status !== 201 && response.status !== 202)) {
      throw new PublishFailure('invalid-response', `Der Micropub-Server hat den Beitrag angenommen, aber nicht gesagt, wo er steht (Status ${response.status}, kein Location-Header).`, false);
    }
    return absolute(location, request.blog.apiRoot);
  }

  private async upload(request: PublishRequest, endpoint: string, image: LocalImage): Promise<PublishedMedia> {
    const response = await this.send(request, 'media', {
      method: 'POST',
      url: endpoint,
      multipart: { fields: {}, files: [{ name: 'file', fileName: uploadName(image.fileName), contentType: image.contentType, bytes: image.bytes }] },
      timeoutMs: 120_000,
    });
    const location = response.headers.get('location');
    if (!location) throw new PublishFailure('invalid-response', 'Der Medien-Endpunkt hat das Bild angenommen, aber nicht gesagt, wo es liegt (kein Location-Header).', false);
    const url = absolute(location, endpoint);
    return { hash: image.hash, id: url, url };
  }

  private async mediaEndpoint(target: PublishTarget): Promise<string> {
    const config = await this.config(target, 'media');
    const endpoint = config['media-endpoint'];
    if (typeof endpoint !== 'string' || !/^https?:\/\//i.test(absolute(endpoint, target.blog.apiRoot))) {
      throw new PublishFailure(
        'bad-request',
        'Die Website bietet keinen Medien-Endpunkt an (media-endpoint fehlt in q=config); Kladde kann die Bilder des Beitrags nicht hochladen.',
        false,
        'Bilder im Blog selbst hochladen und im Beitrag mit ihrer Adresse einbinden, oder den Medien-Endpunkt der Website einschalten lassen.',
      );
    }
    return absolute(endpoint, target.blog.apiRoot);
  }

  private config(target: PublishTarget, purpose: RequestPurpose): Promise<Record<string, unknown>> {
    return this.call<Record<string, unknown>>(target, purpose, { url: queryUrl(target.blog, { q: 'config' }) });
  }

  private source(target: PublishTarget, url: string): Promise<Mf2Source> {
    return this.call<Mf2Source>(target, 'read', { url: queryUrl(target.blog, { q: 'source', url }) });
  }

  private async call<T>(target: PublishTarget, purpose: RequestPurpose, request: HttpRequest): Promise<T> {
    const response = await this.send(target, purpose, request);
    try {
      return JSON.parse(response.text) as T;
    } catch {
      throw new PublishFailure('invalid-response', 'Der Micropub-Server hat unerwartet geantwortet (kein JSON).', false);
    }
  }

  /** Every request: the bearer token, failures as PublishFailures, any status ≥ 400 as an error. */
  private async send(target: PublishTarget, purpose: RequestPurpose, request: HttpRequest): Promise<HttpResponse> {
    try {
      const response = await target.http.send({
        ...request,
        headers: { ...request.headers, Authorization: `Bearer ${target.secret}` },
        ...(target.signal ? { signal: target.signal } : {}),
      });
      if (response.status >= 400) throw httpStatusError(response, `${request.method ?? 'GET'} ${safeAddress(request.url)}`);
      return response;
    } catch (error) {
      throw micropubFailure(error, purpose);
    }
  }

  /** IndieAuth: endpoints found anew (they may have moved), PKCE S256, state; the code traded for a token. */
  private async beginSignIn(blog: Blog, http: HttpClient, redirectUri: string): Promise<BrowserSignInSession> {
    const found = await discoverEndpoints(blog.site || blog.url, http);
    if (!found.authorization || !found.token) {
      throw new PublishFailure(
        'not-found',
        'Die Website bietet keine Anmeldung im Browser an (kein IndieAuth-Autorisierungs- oder Token-Endpunkt).',
        false,
        'Ein App-Token einfügen (Micro.blog: Konto → App-Tokens).',
      );
    }
    const tokenEndpoint = found.token;
    const { verifier, challenge } = pkcePair();
    const state = randomBytes(16).toString('base64url');
    return {
      url: authorizationUrl({ endpoint: found.authorization, redirectUri, state, challenge, me: found.me }),
      complete: async (query) => {
        const code = codeFromRedirect(query, { state, issuer: found.issuer });
        const token = await exchangeCode(http, { tokenEndpoint, code, redirectUri, verifier });
        return { secret: token.accessToken, accountName: hostOf(token.me ?? found.me) };
      },
    };
  }
}

function queryUrl(blog: Blog, params: Record<string, string>): string {
  const url = new URL(blog.apiRoot);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/** A `Location` as an absolute address (servers may send it relative, or with unencoded spaces). */
function absolute(location: string, base: string): string {
  try {
    return new URL(location.trim(), base).toString();
  } catch {
    return location;
  }
}

function hostOf(address: string): string {
  try {
    const url = new URL(address);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')}`;
  } catch {
    return address;
  }
}
