import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  AddBlogRequest,
  AddedBlog,
  BlogCredentials,
  BlogPatch,
  BlogTerms,
  BlogView,
  ConflictChoice,
  CredentialCheck,
  OnlineVersion,
  PublishProblem,
  PublishedPost,
  PublishProgress,
  BlogImages,
} from '../../common/model/blog.js';
import { blogImagesOf } from '../../common/model/blog.js';
import type { OpenedPost } from '../../common/model/post.js';
import { slugSchema } from '../../common/model/post.js';
import { formatCaption, formatCredit, type CreditFormatOptions } from '../../common/markdown/credits.js';
import { leavesOutFeaturedImage } from '../../common/markdown/featured-twice.js';
import { parseFrontMatter } from '../../common/markdown/front-matter.js';
import { readImages } from '../../common/markdown/front-matter-images.js';
import { readPublishState, setPublishRecord, type PublishedMedia, type PublishRecord } from '../../common/markdown/front-matter-publish.js';
import { postProblems } from '../../common/markdown/image-problems.js';
import { htmlText, importPost } from '../../common/markdown/import-post.js';
import { withRemoteImageAddresses } from '../../common/markdown/remote-image-addresses.js';
import { findImageReferences, imageKey, isLocalImage } from '../../common/markdown/image-refs.js';
import { renderPost, type RenderOptions } from '../../common/markdown/render.js';
import { applyThirdPartyChoices, readThirdPartyChoices, thirdPartyEntries, type ThirdPartyEntry, type ThirdPartyPolicy } from '../../common/markdown/third-party.js';
import { KladdeError } from '../../common/result.js';
import { slugify } from '../../common/text/slug.js';
import type { CredentialStore } from '../credentials/credential-store.js';
import type { EventSink } from '../events/event-sink.js';
import type { HttpClient } from '../http/http-client.js';
import { MIME, sniffImage } from '../images/image-type.js';
import type { PostStore } from '../posts/post-store.js';
import type { BlogStore } from './blog-store.js';
import type { MediaIndex } from './media-index.js';
import { sameBlog } from './blog-identity.js';
import { normalizeBlogUrl } from './wordpress-api.js';
import { PublishFailure } from './publish-errors.js';
import { uploadHash, type LocalImage, type PublishTarget } from './publisher.js';
import { processForUpload, uploadRecipe } from '../images/upload-processing.js';
import type { ImageType } from '../../common/model/images.js';
import type { PublisherRegistry } from './registry.js';
import type { RemotePostSource } from '../import/remote-source.js';

export interface PublishServiceDeps {
  posts: PostStore;
  blogs: BlogStore;
  credentials: CredentialStore;
  registry: PublisherRegistry;
  http: HttpClient;
  events?: EventSink;
  /** What each blog already has by content hash (`.kladde/media/`); without it only the post's own record counts. */
  media?: MediaIndex;
  /** Credit templates and featured-credit mode from the settings, so the blog gets what the preview shows. */
  renderOptions?: () => Promise<Pick<RenderOptions, 'creditTexts' | 'featuredCredit'> & { privateEmbeds?: boolean }>;
}

/** What one attempt of a job may carry over from earlier attempts (kept in the outbox job file). */
export interface AttemptMemory {
  /** Images uploaded by earlier attempts whose post was not saved yet. */
  media: Record<string, PublishedMedia>;
  /** Whether a create request went out without an answer. */
  createAttempted: boolean;
}

export interface AttemptHooks {
  signal?: AbortSignal;
  progress(progress: PublishProgress): void;
  /** Persists what the attempt did so far (uploads, create sent). */
  remember(memory: AttemptMemory): Promise<void>;
}

export type AttemptResult =
  | ({ kind: 'done' } & PublishedPost)
  | { kind: 'conflict'; online: OnlineVersion }
  | { kind: 'problems'; problems: PublishProblem[] };

/**
 * Blogs, credentials and the publishing of one post: reads the latest saved post, checks it, hands it to the
 * blog's publisher and writes what the blog answered into the post's front matter. Nothing is written to the post
 * unless the blog confirmed the publish; what an unfinished attempt did is remembered by the outbox job instead.
 */
export class PublishService {
  constructor(private readonly deps: PublishServiceDeps) {}

  // ── Blogs ───────────────────────────────────────────────────────────────────────────────────────────────

  async listBlogs(): Promise<BlogView[]> {
    const blogs = await this.deps.blogs.list();
    return Promise.all(blogs.map(async (b) => ({ ...b, hasCredentials: await this.deps.credentials.has(b.id) })));
  }

  /**
   * Finds the blog's API from its address and adds it (without credentials yet). An address that is none is
   * refused before anything is sent; a blog that is set up already (same home address or API, whatever path was
   * typed) is refused with the name of its entry. Failures speak of the blog, with `params.address` and
   * `params.cause` for the renderer to word them (see renderer/lib/blog-errors.ts).
   */
  async addBlog(request: AddBlogRequest): Promise<AddedBlog> {
    const address = normalizeBlogUrl(request.url);
    if (!address) {
      throw new KladdeError('invalid-input', `„${request.url.trim()}“ ist keine Blog-Adresse. Bitte mit http:// oder https:// eingeben, etwa https://mein-blog.de.`, {
        address: request.url.trim(),
        cause: 'address',
      });
    }
    let discovered;
    try {
      discovered = await this.deps.registry.discover(request.url, this.deps.http, request.kind);
    } catch (error) {
      throw addBlogError(error, address);
    }
    const { kind, found, choice } = discovered;
    const existing = (await this.deps.blogs.list()).find((b) => sameBlog(b, found));
    if (existing) {
      const name = existing.name || existing.url;
      throw new KladdeError('already-exists', `Dieser Blog ist schon eingerichtet als „${name}“. Ihn in der Liste auswählen, statt ihn noch einmal hinzuzufügen.`, {
        name,
        blogId: existing.id,
        cause: 'duplicate',
      });
    }
    const blog = await this.deps.blogs.add({
      kind,
      name: found.name,
      url: found.url,
      apiRoot: found.apiRoot,
      site: found.site,
      user: '',
      authorizeUrl: found.authorizeUrl,
      defaultStatus: 'draft',
      defaultCategory: '',
      output: 'blocks',
    });
    return { ...blog, hasCredentials: false, choice };
  }

  async updateBlog(blogId: string, patch: BlogPatch): Promise<BlogView> {
    const blog = await this.deps.blogs.update(blogId, patch);
    return { ...blog, hasCredentials: await this.deps.credentials.has(blogId) };
  }

  async removeBlog(blogId: string): Promise<void> {
    await this.deps.blogs.get(blogId);
    await this.deps.credentials.remove(blogId);
    await this.deps.blogs.remove(blogId);
  }

  /**
   * Stores the secret (encrypted) and checks the sign-in. Wrong credentials are refused and not stored; when the
   * blog cannot be reached they are stored unverified, so the user can publish into the outbox offline.
   */
  async setCredentials(blogId: string, credentials: BlogCredentials): Promise<CredentialCheck> {
    const blog = await this.deps.blogs.update(blogId, { user: credentials.user.trim() });
    const target: PublishTarget = { blog, secret: credentials.secret, http: this.deps.http };
    try {
      const { accountName } = await this.deps.registry.get(blog.kind).verify(target);
      await this.deps.credentials.set(blogId, credentials.secret);
      return { verified: true, accountName, message: null };
    } catch (error) {
      if (error instanceof PublishFailure && error.retriable) {
        await this.deps.credentials.set(blogId, credentials.secret);
        // Signing in, nothing waits in the outbox: the reason alone, not the publish's next step.
        return { verified: false, accountName: null, message: error.reason };
      }
      if (error instanceof PublishFailure && error.code === 'auth') {
        // The sign-in form is where the user is: the next step is this form, not „Neu anmelden“.
        const hint = error.next.replace(/^Mit „Neu anmelden“ [^.]*\.\s*/, '');
        // Without a user name the secret is a token (Micropub, WordPress.com REST).
        const check = credentials.user.trim() === '' ? 'Das Token prüfen und noch einmal anmelden.' : 'Benutzername und Passwort prüfen und noch einmal anmelden.';
        throw new KladdeError('forbidden', `${error.reason} ${check}${hint ? ` ${hint}` : ''}`);
      }
      throw asKladdeError(error);
    }
  }

  hasCredentials(blogId: string): Promise<boolean> {
    return this.deps.credentials.has(blogId);
  }

  /** The cached categories and tags (for offline use). */
  async terms(blogId: string): Promise<BlogTerms> {
    await this.deps.blogs.get(blogId);
    return this.deps.blogs.terms(blogId);
  }

  async refreshTerms(blogId: string): Promise<BlogTerms> {
    const target = await this.target(blogId);
    try {
      const terms = await this.deps.registry.get(target.blog.kind).fetchTerms(target);
      await this.deps.blogs.saveTerms(blogId, terms);
      return terms;
    } catch (error) {
      throw asKladdeError(error);
    }
  }

  // ── Publishing ──────────────────────────────────────────────────────────────────────────────────────────

  /** Everything that stands in the way of publishing the saved post to this blog, in German. */
  async checkPublish(postId: string, blogId: string): Promise<PublishProblem[]> {
    const { text } = await this.deps.posts.open(postId);
    const problems = await this.problemsOf(postId, text);
    if (!(await this.deps.credentials.has(blogId))) {
      await this.deps.blogs.get(blogId);
      problems.push({ code: 'no-credentials', message: 'Für diesen Blog ist kein Passwort hinterlegt (Blogs verwalten → Anmelden).', file: null, line: null });
    }
    return problems;
  }

  /**
   * The Datenschutz check of the saved post for this blog: everything its published HTML would load from third
   * parties, each with the choice that applies (the post's `third_party:`, else the setting's default).
   */
  async thirdParty(postId: string, blogId: string): Promise<ThirdPartyEntry[]> {
    const { text } = await this.deps.posts.open(postId);
    const blog = await this.deps.blogs.get(blogId);
    const { privateEmbeds, ...renderExtras } = (await this.deps.renderOptions?.()) ?? {};
    const parsed = parseFrontMatter(text);
    const policy: ThirdPartyPolicy = { choices: parsed.ok ? readThirdPartyChoices(parsed.data) : {}, privateEmbeds: privateEmbeds ?? true };
    // Local images become the blog's own uploads: they stay relative here and are no third party.
    return thirdPartyEntries(renderPost(text, renderExtras), policy, { ownHosts: blogHosts(blog) });
  }

  private async problemsOf(postId: string, text: string): Promise<PublishProblem[]> {
    const parsed = parseFrontMatter(text);
    const problems: PublishProblem[] = [];
    if (!parsed.ok) {
      problems.push({ code: 'front-matter-invalid', message: `Das Front Matter ist fehlerhaft: ${parsed.problem.message}`, file: null, line: parsed.problem.line });
      return problems;
    }
    if (parsed.fields.title.trim() === '') problems.push({ code: 'title-missing', message: 'Der Beitrag hat keinen Titel.', file: null, line: null });
    const slug = parsed.fields.slug || slugify(parsed.fields.title);
    if (slug !== '' && !slugSchema.safeParse(slug).success) {
      problems.push({ code: 'slug-invalid', message: `Der Slug „${slug}“ ist ungültig (nur Kleinbuchstaben, Ziffern und Bindestriche).`, file: null, line: null });
    }
    const present = await this.presentFiles(postId, text);
    for (const p of postProblems(text, present)) problems.push({ code: p.code, message: p.message.de, file: p.file, line: p.line });
    return problems;
  }

  /** The local files the post refers to that exist inside its folder. */
  private async presentFiles(postId: string, text: string): Promise<string[]> {
    const keys = new Set(findImageReferences(text).filter((r) => r.local).map((r) => r.key));
    const present: string[] = [];
    for (const key of keys) {
      try {
        const file = await this.deps.posts.paths.realInPost(postId, key);
        if ((await stat(file)).isFile()) present.push(key);
      } catch {
        /* missing or outside the folder: reported by postProblems */
      }
    }
    return present;
  }

  /**
   * One attempt to publish the latest saved version of a post. Throws {@link PublishFailure} when the blog
   * refused or could not be reached; the post's file is only written after the blog confirmed.
   */
  async attempt(postId: string, blogId: string, onConflict: ConflictChoice, memory: AttemptMemory, hooks: AttemptHooks): Promise<AttemptResult> {
    const opened = await this.deps.posts.open(postId);
    const problems = await this.problemsOf(postId, opened.text);
    if (problems.length > 0) return { kind: 'problems', problems };
    const target = await this.target(blogId, hooks.signal);
    const text = opened.text;
    const parsed = parseFrontMatter(text);
    if (!parsed.ok) return { kind: 'problems', problems };
    const fields = parsed.fields;
    const state = readPublishState(text, blogId);
    const { privateEmbeds, ...renderExtras } = (await this.deps.renderOptions?.()) ?? {};
    const policy: ThirdPartyPolicy = { choices: readThirdPartyChoices(parsed.data), privateEmbeds: privateEmbeds ?? true };
    const ownHosts = blogHosts(target.blog);
    const settings = blogImagesOf(target.blog);
    const images = await this.localImages(postId, text, { lang: fields.lang, ...(renderExtras.creditTexts ? { overrides: renderExtras.creditTexts } : {}) }, settings);
    const featured = findImageReferences(text).find((r) => r.featured && r.local);
    const knownMedia = { ...state.media, ...memory.media };
    // The blog's media library, not just the post's: the same photo uploaded for another post is reused.
    for (const image of images) {
      if (knownMedia[image.key]?.hash === image.hash) continue;
      const found = await this.deps.media?.find(blogId, image.hash);
      if (found) knownMedia[image.key] = found;
    }
    // Only what must go up is scaled and recompressed (the hash already names the result, so nothing else needs it).
    await prepareUploads(images.filter((image) => knownMedia[image.key]?.hash !== image.hash), settings, hooks.progress);
    const current: AttemptMemory = { media: { ...memory.media }, createAttempted: memory.createAttempted };
    const publisher = this.deps.registry.get(target.blog.kind);
    const result = await publisher.publish({
      ...target,
      fields,
      slug: fields.slug || slugify(fields.title),
      images,
      // The theme would show the photo twice and the user kept the body's (with its credit): no featured image.
      featuredKey: featured && !leavesOutFeaturedImage(text, parsed.data, target.blog.featuredTwice) ? featured.key : null,
      // Publishing anew after a delete online: the old id is forgotten; the images may still be there.
      previous: onConflict === 'publish-anew' ? null : state.record,
      knownMedia,
      onConflict: onConflict === 'overwrite' ? 'overwrite' : 'ask',
      createAttempted: memory.createAttempted,
      terms: await this.deps.blogs.terms(blogId),
      // What goes out is what the Datenschutz check listed, with the writer's choices applied.
      render: (resolve) =>
        applyThirdPartyChoices(
          renderPost(text, {
            ...renderExtras,
            ...(publisher.captionsFeaturedImage ? { featuredCaptioned: true } : {}),
            resolveImage: (src) => (isLocalImage(src) ? (resolve(imageKey(src)) ?? src) : src),
          }),
          policy,
          { ownHosts },
        ),
      progress: hooks.progress,
      mediaUploaded: async (key, media) => {
        current.media[key] = media;
        await hooks.remember(current);
        await this.deps.media?.remember(blogId, media);
      },
      creating: async () => {
        current.createAttempted = true;
        await hooks.remember(current);
      },
    });
    await this.deps.blogs.saveTerms(blogId, result.terms).catch(() => undefined);
    if (result.kind === 'conflict') return { kind: 'conflict', online: result.online };
    hooks.progress({ phase: 'save', done: 0, total: 1 });
    // Media this post had before the index existed (or from another machine) belong to the blog's library too.
    for (const media of Object.values(result.record.media)) await this.deps.media?.remember(blogId, media).catch(() => undefined);
    await this.writeBack(postId, blogId, result.record);
    return { kind: 'done', remoteId: result.record.id, link: result.record.link, ...result.remote };
  }

  /**
   * Writes the blog's answer into the post's front matter — into the text on disk now, which the user may have
   * saved again meanwhile; only `publish.<blogId>` changes. The write goes through the post store (so the watcher
   * knows it is Kladde's own), and the renderer is told with `byKladde`: the text written and the change, which it
   * adopts silently — or, with unsaved typing, applies to its own text — instead of reporting an outside change.
   */
  private async writeBack(postId: string, blogId: string, record: PublishRecord): Promise<void> {
    const written = await this.deps.posts.writeOwnChange(postId, (text) => setPublishRecord(text, blogId, record));
    if (written === null) return; // front matter broken meanwhile: the blog has the post, the user's text stays
    this.deps.events?.emit('postChangedOnDisk', {
      id: postId,
      version: written.version,
      byKladde: { text: written.text, change: { kind: 'publish-record', blogId, record } },
    });
  }

  /** Saves the online version of the post as a new local post (the „download a copy“ answer to a conflict). */
  async downloadOnlineCopy(postId: string, blogId: string): Promise<OpenedPost> {
    const { text } = await this.deps.posts.open(postId);
    const state = readPublishState(text, blogId);
    if (!state.record) throw new KladdeError('not-found', 'Dieser Beitrag wurde noch nicht in diesem Blog veröffentlicht.');
    const target = await this.target(blogId);
    let online;
    try {
      online = await this.deps.registry.get(target.blog.kind).fetchOnline(target, state.record.id);
    } catch (error) {
      throw asKladdeError(error);
    }
    // The same conversion as „Beiträge holen“: Markdown with fields and credits read from the captions, what
    // Markdown cannot hold kept raw. Images keep their addresses on the blog, so nothing is downloaded.
    const local = parseFrontMatter(text);
    const lang = local.ok && local.fields.lang ? local.fields.lang : 'de';
    // The blog's title may hold entities (`&amp;`): decoded once, by the conversion.
    const title = `${htmlText(online.title) === '' ? 'Beitrag' : online.title} (online)`;
    const created = await this.deps.posts.create(htmlText(title));
    const imported = importPost({
      title,
      slug: created.id,
      date: online.date,
      // A copy to compare and merge by hand, never something that goes online as it is.
      status: 'draft',
      categories: [],
      tags: [],
      excerpt: online.excerpt,
      content: online.content,
      lang,
    });
    await this.deps.posts.save(created.id, withRemoteImageAddresses(imported), created.version, true);
    return this.deps.posts.open(created.id);
  }

  /**
   * The blog with its secret and the way its kind hands posts out, for „Beiträge holen“. Throws a
   * {@link PublishFailure} without a stored password, a KladdeError for an unknown blog or a kind that offers none.
   */
  async importSource(blogId: string, signal?: AbortSignal): Promise<{ target: PublishTarget; source: RemotePostSource }> {
    const target = await this.target(blogId, signal);
    const source = this.deps.registry.get(target.blog.kind).importer;
    if (!source) throw new KladdeError('invalid-input', `Aus dem Blog „${target.blog.name}“ kann Kladde keine Beiträge holen.`);
    return { target, source };
  }

  private async target(blogId: string, signal?: AbortSignal): Promise<PublishTarget> {
    const blog = await this.deps.blogs.get(blogId);
    const secret = await this.deps.credentials.get(blogId);
    if (secret === null) throw new PublishFailure('no-credentials', 'Für diesen Blog ist kein Passwort hinterlegt.', false);
    return { blog, secret, http: this.deps.http, ...(signal ? { signal } : {}) };
  }

  /** The post's local images (body and featured), read and hashed, with what their credit says. */
  private async localImages(postId: string, text: string, format: CreditFormatOptions, settings: BlogImages): Promise<LocalImage[]> {
    const credits = readImages(text).images;
    const seen = new Map<string, LocalImage>();
    for (const ref of findImageReferences(text)) {
      if (!ref.local || seen.has(ref.key)) continue;
      const file = await this.deps.posts.paths.realInPost(postId, ref.key);
      const bytes = await readFile(file);
      const sniffed = sniffImage(bytes.subarray(0, 4096));
      const type = sniffed.kind === 'image' ? sniffed.type : null;
      const credit = credits[ref.key] ?? {};
      const caption = formatCaption(credit, format);
      const line = formatCredit(credit, format);
      seen.set(ref.key, {
        key: ref.key,
        fileName: path.basename(ref.key),
        contentType: sniffed.kind === 'image' ? MIME[sniffed.type] : 'application/octet-stream',
        bytes,
        hash: uploadHash(bytes, uploadRecipe(type, settings)),
        credit,
        alt: (credit.alt ?? '').trim() || ref.alt,
        captionHtml: caption.html,
        creditText: [line.text, credit.sourceUrl, credit.licenseUrl].filter((s) => s && s.trim() !== '').join('\n'),
      });
    }
    return [...seen.values()];
  }
}

/**
 * Scales, recompresses and cleans the images that go up, in place, per the blog's settings (the library files stay
 * as they are). A file sharp cannot read is not sent as it is when its position was to be removed: that fails the
 * attempt with the file's name instead of sending what the user asked to keep private.
 */
async function prepareUploads(images: LocalImage[], settings: BlogImages, progress: (p: PublishProgress) => void): Promise<void> {
  let done = 0;
  for (const image of images) {
    const type = imageTypeOf(image.contentType);
    if (uploadRecipe(type, settings) === null) continue;
    progress({ phase: 'prepare', done, total: images.length });
    let processed;
    try {
      processed = await processForUpload(image.bytes, type, settings);
    } catch (error) {
      throw new PublishFailure(
        'internal',
        `Das Bild „${image.key}“ ließ sich nicht für den Blog verkleinern (${error instanceof Error ? error.message : String(error)}).`,
        false,
        'Das Bild in einem Bildprogramm neu speichern oder in den Blog-Einstellungen „Bilder vor dem Hochladen verkleinern“ und „Standortdaten entfernen“ ausschalten.',
      );
    }
    if (processed.changed) {
      image.originalSize = image.bytes.byteLength;
      image.bytes = processed.bytes;
    }
    done++;
  }
}

function imageTypeOf(contentType: string): ImageType | null {
  const entry = Object.entries(MIME).find(([, mime]) => mime === contentType);
  return entry ? (entry[0] as ImageType) : null;
}

/**
 * A failure while adding a blog, in words about the blog (nothing waits in the outbox then): unreachable, too
 * slow, its certificate, no blog interface found, its server. `params.cause` names which for the renderer.
 */
export function addBlogError(error: unknown, address: string): Error {
  if (!(error instanceof PublishFailure)) return asKladdeError(error);
  const params = (cause: string) => ({ address, cause });
  switch (error.code) {
    case 'offline':
      return new KladdeError('offline', `Der Blog unter ${address} ist nicht erreichbar. Adresse prüfen oder später noch einmal versuchen.`, params('unreachable'));
    case 'timeout':
      return new KladdeError('offline', `Der Blog unter ${address} antwortet nicht rechtzeitig. Später noch einmal versuchen.`, params('timeout'));
    case 'tls':
      return new KladdeError('remote', `Die sichere Verbindung zum Blog unter ${address} ist fehlgeschlagen (Zertifikat). Das Zertifikat beim Hoster prüfen lassen oder die Adresse prüfen.`, params('tls'));
    case 'server':
      return new KladdeError('remote', `Der Server des Blogs unter ${address} meldet einen Fehler. Später noch einmal versuchen.`, params('server'));
    case 'auth':
    case 'forbidden':
      return new KladdeError('forbidden', `Der Blog unter ${address} lässt Kladde seine Schnittstelle nicht lesen. Unter „Erweitert“ eine andere Schnittstelle wählen oder beim Hoster nachfragen.`, params('forbidden'));
    case 'cancelled':
      return new KladdeError('remote', 'Abgebrochen. Zum Hinzufügen noch einmal „Blog hinzufügen“ wählen.', params('cancelled'));
    default:
      // not-found, rest-disabled, api-disabled, invalid-response, bad-request: no blog interface there.
      return new KladdeError('remote', `Unter ${address} hat Kladde keine Blog-Schnittstelle gefunden, die es nutzen kann. Adresse prüfen oder die Schnittstelle im Blog einschalten (REST-API oder XML-RPC).`, params('no-api'));
  }
}

/** Blog management calls report failures as IPC errors; publish failures keep their German message. */
export function asKladdeError(error: unknown): Error {
  if (error instanceof KladdeError) return error;
  if (error instanceof PublishFailure) {
    const code = error.code === 'offline' || error.code === 'timeout' ? 'offline' : error.code === 'auth' || error.code === 'forbidden' ? 'forbidden' : 'remote';
    return new KladdeError(code, error.message);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The hosts that are the blog itself (its address and its API's), whose content is no third party. */
function blogHosts(blog: { url: string; apiRoot: string }): string[] {
  const hosts: string[] = [];
  for (const address of [blog.url, blog.apiRoot]) {
    const m = /^https?:\/\/([^/?#:]+)/i.exec(address);
    if (m?.[1]) hosts.push(m[1].toLowerCase());
  }
  return hosts;
}
