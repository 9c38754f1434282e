import { createHash } from 'node:crypto';
import type { Blog, BlogKind, BlogTerms, OnlineVersion, PublishedPost, PublishProgress } from '../../common/model/blog.js';
import type { ImageCredit } from '../../common/model/attribution.js';
import type { PostFields } from '../../common/model/post.js';
import type { PublishedMedia, PublishRecord } from '../../common/markdown/front-matter-publish.js';
import type { HttpClient } from '../http/http-client.js';
import type { RemotePostSource } from '../import/remote-source.js';

/**
 * One interface for every kind of blog (WordPress now; Ghost, Micropub, XML-RPC later). The publish service
 * prepares the post (checks, files, hashes, what the front matter remembers) and writes the result back; a
 * publisher only talks to its blog. Publishers are found through the registry — nothing else switches on a
 * blog's kind.
 */
export interface Publisher {
  readonly kind: BlogKind;
  /** Finds the blog's API from the address the user typed. No credentials needed. */
  discover(url: string, http: HttpClient): Promise<DiscoveredBlog>;
  /** Checks the credentials; resolves with the account's display name. Throws PublishFailure. */
  verify(target: PublishTarget): Promise<{ accountName: string }>;
  /** All categories and tags of the blog. */
  fetchTerms(target: PublishTarget): Promise<BlogTerms>;
  /** Sends the post: images, terms, the post itself. Throws PublishFailure. */
  publish(request: PublishRequest): Promise<PublishResult>;
  /** The post as it is online, to keep a copy before overwriting it. */
  fetchOnline(target: PublishTarget, remoteId: string): Promise<OnlinePost>;
  /** Lists and fetches the blog's posts for „Beiträge holen“; absent when the kind cannot be imported from. */
  readonly importer?: RemotePostSource;
  /** Sign-in in the system browser with a redirect back to Kladde (IndieAuth); absent when the kind has none. */
  readonly browserSignIn?: BrowserSignIn;
  /** The blog shows the featured image's credit as its caption (Ghost): the body gets no credit line for it. */
  readonly captionsFeaturedImage?: boolean;
}

/**
 * Sign-in in the browser (OAuth-style, with PKCE): main opens a loopback address for the redirect, the publisher
 * builds the address the browser opens, then turns the redirect's query into the secret kept for the blog.
 */
export interface BrowserSignIn {
  begin(blog: Blog, http: HttpClient, redirectUri: string): Promise<BrowserSignInSession>;
}

export interface BrowserSignInSession {
  /** The address to open in the system browser. */
  url: string;
  /** Checks the redirect's query and fetches the secret; throws PublishFailure. */
  complete(query: URLSearchParams): Promise<{ secret: string; accountName: string }>;
}

/** What discovery found out about a blog. */
export interface DiscoveredBlog {
  name: string;
  url: string;
  apiRoot: string;
  site: string;
  authorizeUrl: string | null;
}

/** A blog with its secret and the HTTP client, as every request needs them. */
export interface PublishTarget {
  blog: Blog;
  /** Application password or token; only ever put into an Authorization header. */
  secret: string;
  http: HttpClient;
  signal?: AbortSignal;
}

/** A local image of the post, read from disk. */
export interface LocalImage {
  /** Its key under `images:` (path relative to the post folder). */
  key: string;
  fileName: string;
  contentType: string;
  /** What goes to the blog: the library file, or what the blog's image settings made of it. */
  bytes: Uint8Array;
  /**
   * Content hash (hex) — decides whether it must be sent again: of the library file plus the processing recipe
   * ({@link uploadHash}), so the same photo with the same settings is never sent twice.
   */
  hash: string;
  /** Size of the library file in bytes, when `bytes` were processed from it (absent: `bytes` are the file). */
  originalSize?: number;
  credit: ImageCredit;
  /** Alt text: the credit's, else the Markdown's. */
  alt: string;
  /** Credit line as HTML and as text (for the media library's caption and description). */
  captionHtml: string;
  creditText: string;
}

export interface PublishRequest extends PublishTarget {
  fields: PostFields;
  /** The slug to use (the front matter's, or made from the title). */
  slug: string;
  images: LocalImage[];
  /** The key of the featured image when it is a local file, else null. */
  featuredKey: string | null;
  /** What the front matter remembers about this blog (null: never published there). */
  previous: PublishRecord | null;
  /** Media already on the blog by image key (front matter plus uploads of earlier attempts of this job). */
  knownMedia: Record<string, PublishedMedia>;
  onConflict: 'ask' | 'overwrite';
  /** Whether an earlier attempt of this job sent a create request whose answer was lost. */
  createAttempted: boolean;
  /** The cached terms; the publisher adds what it creates and returns them. */
  terms: BlogTerms;
  /** Renders the body with image addresses mapped by `resolve` (the one renderer of common/markdown). */
  render(resolve: (key: string) => string | undefined): string;
  progress(progress: PublishProgress): void;
  /** Called after each upload, so a later attempt does not send the image again. */
  mediaUploaded(key: string, media: PublishedMedia): Promise<void>;
  /** Called right before a create request goes out. */
  creating(): Promise<void>;
}

export type PublishResult =
  | { kind: 'done'; record: PublishRecord; terms: BlogTerms; remote: RemoteOutcome }
  | { kind: 'conflict'; online: OnlineVersion; terms: BlogTerms };

/** What the blog made of the post: public, scheduled, a draft …, and where its author edits it there. */
export type RemoteOutcome = Pick<PublishedPost, 'remoteStatus' | 'editUrl' | 'date'>;

export interface OnlinePost {
  title: string;
  /** The stored content (block markup or HTML). */
  content: string;
  excerpt: string;
  slug: string;
  /** Site-local time without zone. */
  date: string;
  status: string;
  link: string;
}

/**
 * Step „images“ of every target: sends only the images the blog does not have yet (same key, same content hash;
 * the publish service adds what the blog's media index knows from other posts; `lookup` asks the blog itself),
 * remembers each upload at once (so a retry after a lost connection never sends it again) and reports progress.
 * Returns the media of every image, known or new.
 */
export async function sendMissingImages(
  request: PublishRequest,
  upload: (image: LocalImage) => Promise<PublishedMedia>,
  /** Looks the image up in the blog's own media library first (same content), when the publisher can. */
  lookup?: (image: LocalImage) => Promise<PublishedMedia | null>,
): Promise<Record<string, PublishedMedia>> {
  const media: Record<string, PublishedMedia> = { ...request.knownMedia };
  const toSend = request.images.filter((img) => media[img.key]?.hash !== img.hash);
  // Bytes of library files whose content went over the wire, and of what was sent for them.
  const bytes = { files: 0, original: 0, sent: 0 };
  request.progress({ phase: 'images', done: 0, total: toSend.length, bytes: { ...bytes } });
  let done = 0;
  const byHash = new Map<string, PublishedMedia>();
  for (const image of toSend) {
    // The same file twice in one post (two names, one content) goes up once.
    let found = byHash.get(image.hash) ?? (await lookup?.(image)) ?? null;
    if (!found) {
      found = await upload(image);
      bytes.files++;
      bytes.original += image.originalSize ?? image.bytes.byteLength;
      bytes.sent += image.bytes.byteLength;
    }
    byHash.set(image.hash, found);
    media[image.key] = found;
    await request.mediaUploaded(image.key, found);
    request.progress({ phase: 'images', done: ++done, total: toSend.length, bytes: { ...bytes } });
  }
  return media;
}

/** The content hash of an image (hex, 128 bits of SHA-256): what decides whether the blog has it already. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/**
 * The hash that decides whether an image must be sent again: the library file's content plus what is done to it
 * before upload (`recipe`, see images/upload-processing.ts). Without a recipe it is {@link contentHash} of the file,
 * as for every upload before processing existed.
 */
export function uploadHash(original: Uint8Array, recipe: string | null): string {
  if (recipe === null) return contentHash(original);
  return createHash('sha256').update(original).update('\0').update(recipe).digest('hex').slice(0, 32);
}

/** The post's categories, or the blog's default category when the post names none. */
export function categoryNames(request: PublishRequest): readonly string[] {
  const own = request.fields.categories;
  return own.length > 0 ? own : request.blog.defaultCategory ? [request.blog.defaultCategory] : [];
}
