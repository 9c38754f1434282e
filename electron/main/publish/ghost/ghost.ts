import type { BlogTerms, OnlineVersion, Term } from '../../../common/model/blog.js';
import type { PublishedMedia, PublishRecord } from '../../../common/markdown/front-matter-publish.js';
import { HttpError, type HttpClient } from '../../http/http-client.js';
import { PublishFailure } from '../publish-errors.js';
import {
  categoryNames,
  sendMissingImages,
  type DiscoveredBlog,
  type LocalImage,
  type OnlinePost,
  type Publisher,
  type PublishRequest,
  type PublishResult,
  type PublishTarget,
} from '../publisher.js';
import {
  ACCEPT_VERSION,
  adminApiRoot,
  adminUrl,
  editorUrl,
  ghostDate,
  ghostStatus,
  mediaIdOf,
  MAX_EXCERPT,
  MAX_IMAGE_ALT,
  normalizeSiteUrl,
  onlineHash,
  plainGhostHtml,
  remoteStatusOf,
  tagKey,
  utcSeconds,
  type GhostPost,
  type GhostTag,
} from './ghost-api.js';
import { GhostClient, ROUTE, type GhostType } from './ghost-client.js';
import { ghostFailure } from './ghost-errors.js';
import { GhostImporter } from './ghost-import.js';

/**
 * Ghost (5 and 6) over its Admin API with an Admin API key. Ghost has tags only: a post's categories go first in its
 * tag list (Ghost's first tag is the post's primary tag), its tags after them. The body is the one renderer's HTML,
 * which Ghost turns into its own cards (`?source=html`); the featured image carries the credit as its caption.
 */
export class GhostPublisher implements Publisher {
  readonly kind = 'ghost' as const;
  private readonly client = new GhostClient();
  readonly importer = new GhostImporter(this.client);
  /** `feature_image_caption` carries the featured image's credit; themes show it under the image. */
  readonly captionsFeaturedImage = true;

  async discover(input: string, http: HttpClient): Promise<DiscoveredBlog> {
    const url = normalizeSiteUrl(input);
    if (!url) throw new PublishFailure('bad-request', 'Das ist keine Blog-Adresse (http:// oder https://).', false);
    const apiRoot = adminApiRoot(url);
    let site: { title?: unknown; url?: unknown } | undefined;
    try {
      const answer = await http.json<{ site?: { title?: unknown; url?: unknown } }>({ url: `${apiRoot}site/`, headers: { 'Accept-Version': ACCEPT_VERSION } });
      site = answer.body.site;
    } catch (error) {
      if (error instanceof HttpError && (error.kind === 'http' || error.kind === 'invalid-response')) site = undefined;
      else throw ghostFailure(error, 'discover');
    }
    if (!site || typeof site !== 'object') {
      throw new PublishFailure('not-found', 'Unter dieser Adresse wurde kein Ghost-Blog gefunden (keine Antwort unter /ghost/api/admin/site/).', false);
    }
    const name = typeof site.title === 'string' && site.title.trim() !== '' ? site.title.trim() : new URL(url).hostname;
    return { name, url, apiRoot, site: '', authorizeUrl: null };
  }

  async verify(target: PublishTarget): Promise<{ accountName: string }> {
    // The site endpoint answers anyone; reading posts needs a key Ghost accepts.
    await this.client.call(target, 'sign-in', { url: adminUrl(target.blog, 'posts/', { limit: 1, fields: 'id' }) });
    return { accountName: target.blog.name || new URL(target.blog.url).hostname };
  }

  async fetchTerms(target: PublishTarget): Promise<BlogTerms> {
    const answer = await this.client.call<{ tags?: GhostTag[] }>(target, 'terms', { url: adminUrl(target.blog, 'tags/', { limit: 'all', fields: 'id,name,slug,visibility' }) });
    // Internal tags (`#…`) are Ghost's tool for themes, not words a post is tagged with.
    const tags = (answer.tags ?? []).filter((t) => t.visibility !== 'internal');
    // Terms carry numbers (WordPress's ids); Ghost's ids are strings and Kladde sends tags by name anyway.
    return { categories: [], tags: tags.map((t, i): Term => ({ id: i + 1, name: t.name, slug: t.slug, parent: 0 })), fetchedAt: new Date().toISOString() };
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const terms: BlogTerms = { categories: [...request.terms.categories], tags: [...request.terms.tags], fetchedAt: request.terms.fetchedAt };
    request.progress({ phase: 'prepare', done: 0, total: 0 });

    // 1. The post online, before anything is sent: changed online → ask; deleted online → say so.
    let existing: { post: GhostPost; type: GhostType } | null = null;
    if (request.previous) {
      existing = await this.client.readPostOrPage(request, request.previous.id);
      const stored = request.previous.modified_gmt;
      const changed = !sameMoment(existing.post.updated_at, stored) || (request.previous.online_hash !== '' && onlineHash(existing.post) !== request.previous.online_hash);
      if (request.onConflict === 'ask' && stored !== '' && changed) return { kind: 'conflict', terms, online: onlineVersion(existing.post, stored) };
    } else if (request.createAttempted) {
      // An earlier create may have reached the blog although its answer was lost: find it instead of doubling it.
      existing = await this.findCreated(request);
    }

    // 2. Images not yet on the blog (by content hash).
    const media = await sendMissingImages(request, (image) => this.upload(request, image));

    // 3. The post itself, rendered by the one renderer with the blog's image addresses.
    request.progress({ phase: 'post', done: 0, total: 1 });
    const body = this.postBody(request, media, existing?.post ?? null);
    let saved: GhostPost;
    if (existing) {
      const stored = request.onConflict === 'ask' && request.previous?.modified_gmt ? request.previous.modified_gmt : existing.post.updated_at;
      try {
        saved = await this.save(request, 'update', existing.type, existing.post.id, { ...body, updated_at: stored });
      } catch (error) {
        if (!isCollision(error)) throw ghostFailure(error, 'update');
        // Changed online between reading and saving.
        const now = await this.client.read(request, existing.type, existing.post.id);
        if (request.onConflict === 'ask') return { kind: 'conflict', terms, online: onlineVersion(now, stored) };
        saved = await this.save(request, 'update', existing.type, now.id, { ...body, updated_at: now.updated_at }).catch((e: unknown) => {
          throw ghostFailure(e, 'update');
        });
      }
    } else {
      await request.creating();
      saved = await this.save(request, 'create', 'post', null, body).catch((e: unknown) => {
        throw ghostFailure(e, 'create');
      });
    }
    request.progress({ phase: 'post', done: 1, total: 1 });
    for (const tag of saved.tags ?? []) {
      if (!terms.tags.some((t) => tagKey(t.name) === tagKey(tag.name))) terms.tags.push({ id: terms.tags.length + 1, name: tag.name, slug: tag.slug, parent: 0 });
    }
    const record: PublishRecord = { id: saved.id, link: saved.url, modified_gmt: saved.updated_at, online_hash: onlineHash(saved), media };
    const type = existing?.type ?? 'post';
    return {
      kind: 'done',
      record,
      terms,
      remote: { remoteStatus: remoteStatusOf(saved.status), editUrl: editorUrl(request.blog.url, saved.id, type), date: utcSeconds(saved.published_at) },
    };
  }

  async fetchOnline(target: PublishTarget, remoteId: string): Promise<OnlinePost> {
    const { post } = await this.client.readPostOrPage(target, remoteId);
    return {
      title: post.title,
      content: plainGhostHtml(post.html ?? ''),
      excerpt: post.custom_excerpt ?? '',
      slug: post.slug,
      date: utcSeconds(post.published_at ?? post.updated_at),
      status: post.status,
      link: post.url,
    };
  }

  /** The fields Ghost stores, from the post's front matter and the rendered body. */
  private postBody(request: PublishRequest, media: Record<string, PublishedMedia>, existing: GhostPost | null): Record<string, unknown> {
    const fields = request.fields;
    const names: string[] = [];
    for (const name of [...categoryNames(request), ...fields.tags]) {
      if (tagKey(name) !== '' && !names.some((n) => tagKey(n) === tagKey(name))) names.push(name.trim());
    }
    const featured = request.featuredKey ? request.images.find((i) => i.key === request.featuredKey) : undefined;
    const featuredUrl = request.featuredKey ? media[request.featuredKey]?.url : /^https?:\/\//i.test(fields.image) ? fields.image : undefined;
    const publishedAt = ghostDate(fields.date) ?? existing?.published_at ?? undefined;
    return {
      title: fields.title,
      slug: request.slug,
      html: request.render((key) => media[key]?.url),
      status: ghostStatus(fields.status, publishedAt ?? undefined, new Date(), request.blog.defaultStatus),
      tags: names.map((name) => ({ name })),
      custom_excerpt: fields.excerpt.trim() === '' ? null : fields.excerpt.trim().slice(0, MAX_EXCERPT),
      feature_image: featuredUrl ?? null,
      feature_image_alt: featured && featured.alt !== '' ? featured.alt.slice(0, MAX_IMAGE_ALT) : null,
      feature_image_caption: featured && featured.captionHtml !== '' ? featured.captionHtml : null,
      featured: fields.sticky,
      ...(publishedAt ? { published_at: publishedAt } : {}),
    };
  }

  /** Creates (`id` null) or updates a post or page; the answer carries the stored HTML for the online hash. */
  private async save(request: PublishRequest, purpose: 'create' | 'update', type: GhostType, id: string | null, post: Record<string, unknown>): Promise<GhostPost> {
    const route = id === null ? `${ROUTE[type]}/` : `${ROUTE[type]}/${encodeURIComponent(id)}/`;
    const answer = await this.client.raw<Record<string, GhostPost[] | undefined>>(request, {
      method: id === null ? 'POST' : 'PUT',
      url: adminUrl(request.blog, route, { source: 'html', formats: 'html', include: 'tags' }),
      json: { [ROUTE[type]]: [post] },
    });
    const saved = answer[ROUTE[type]]?.[0];
    if (!saved) throw new PublishFailure('invalid-response', `Ghost hat auf das ${purpose === 'create' ? 'Anlegen' : 'Ändern'} des Beitrags ohne Beitrag geantwortet.`, false);
    return saved;
  }

  /** The post an earlier, unanswered create made: same slug, same title. */
  private async findCreated(request: PublishRequest): Promise<{ post: GhostPost; type: GhostType } | null> {
    const answer = await this.client.call<{ posts?: GhostPost[] }>(request, 'read', {
      url: adminUrl(request.blog, 'posts/', { filter: `slug:'${request.slug.replace(/'/g, "\\'")}'`, formats: 'html', include: 'tags', limit: 5 }),
    });
    const post = (answer.posts ?? []).find((p) => p.title === request.fields.title);
    return post ? { post, type: 'post' } : null;
  }

  private async upload(request: PublishRequest, image: LocalImage): Promise<PublishedMedia> {
    const answer = await this.client.call<{ images?: { url?: string }[] }>(request, 'media', {
      method: 'POST',
      url: adminUrl(request.blog, 'images/upload/'),
      multipart: { fields: { purpose: 'image', ref: image.key }, files: [{ name: 'file', fileName: image.fileName, contentType: image.contentType, bytes: image.bytes }] },
      timeoutMs: 120_000,
    });
    const url = answer.images?.[0]?.url;
    if (!url) throw new PublishFailure('invalid-response', 'Ghost hat das Bild angenommen, aber keine Adresse dafür genannt.', false);
    return { hash: image.hash, id: mediaIdOf(url), url };
  }
}

function isCollision(error: unknown): boolean {
  return error instanceof HttpError && error.kind === 'http' && (error.code === 'UPDATE_COLLISION' || error.status === 409);
}

/** Two of Ghost's times name the same moment (`…:00.000Z` and `…:00Z` alike). */
function sameMoment(a: string, b: string): boolean {
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isFinite(x) && Number.isFinite(y) ? x === y : a === b;
}

function onlineVersion(post: GhostPost, stored: string): OnlineVersion {
  return { remoteId: post.id, title: post.title, link: post.url, modifiedGmt: post.updated_at, storedModifiedGmt: stored };
}
