import type { BlogChoice, BlogKind } from '../../common/model/blog.js';
import type { HttpClient } from '../http/http-client.js';
import { GhostPublisher } from './ghost/ghost.js';
import { PublishFailure } from './publish-errors.js';
import type { DiscoveredBlog, Publisher } from './publisher.js';
import { normalizeBlogUrl } from './wordpress-api.js';
import { MicropubPublisher } from './micropub/micropub.js';
import { WordPressPublisher } from './wordpress.js';
import { MetaWeblogPublisher } from './xmlrpc/metaweblog.js';
import { WordPressXmlRpcPublisher } from './xmlrpc/wordpress-xmlrpc.js';

/** The one place that knows which publisher serves which kind of blog. */
export class PublisherRegistry {
  private readonly publishers = new Map<BlogKind, Publisher>();

  constructor(publishers: readonly Publisher[]) {
    for (const p of publishers) this.publishers.set(p.kind, p);
  }

  get(kind: BlogKind): Publisher {
    const publisher = this.publishers.get(kind);
    if (!publisher) throw new Error(`Kein Publisher für ${kind}`);
    return publisher;
  }

  /**
   * Finds the blog behind an address with the kind the user chose, or else with the first kind that works:
   * WordPress.com goes over XML-RPC (account or application password, as MarsEdit does; its REST API needs an
   * OAuth token); any other blog over the REST API, over XML-RPC when its REST API is blocked, and over MetaWeblog
   * when it is no WordPress, then Ghost's Admin API (a Ghost site chosen without picking „Ghost“), and — when none of
   * those — over Micropub (an IndieWeb site). A failure that
   * says nothing about the interface (offline, timeout, TLS) ends the search at once.
   */
  async discover(input: string, http: HttpClient, kind?: BlogKind): Promise<{ kind: BlogKind; found: DiscoveredBlog; choice: BlogChoice }> {
    if (kind) return { kind, found: await this.get(kind).discover(input, http), choice: { reason: 'chosen', insteadOf: null, detail: null } };
    const url = normalizeBlogUrl(input);
    const host = url ? new URL(url).hostname : '';
    const hosted = host === 'wordpress.com' || host.endsWith('.wordpress.com');
    const wanted: BlogKind[] = hosted ? ['wordpress-xmlrpc'] : ['wordpress', 'wordpress-xmlrpc', 'metaweblog', 'ghost', 'micropub'];
    const order = wanted.filter((k) => this.publishers.has(k));
    let first: PublishFailure | null = null;
    for (const [index, candidate] of order.entries()) {
      try {
        const found = await this.get(candidate).discover(input, http);
        if (index === 0) return { kind: candidate, found, choice: { reason: hosted ? 'hosted' : 'preferred', insteadOf: null, detail: null } };
        return { kind: candidate, found, choice: { reason: 'fallback', insteadOf: order[0] ?? null, detail: first?.reason ?? null } };
      } catch (error) {
        if (!(error instanceof PublishFailure) || ['offline', 'timeout', 'tls', 'cancelled', 'bad-request'].includes(error.code)) throw error;
        first ??= error;
      }
    }
    throw first ?? new PublishFailure('not-found', 'Unter dieser Adresse wurde kein Blog gefunden.', false);
  }
}

/** The publishers Kladde ships with. */
export function defaultPublishers(): PublisherRegistry {
  return new PublisherRegistry([
    new WordPressPublisher('wordpress'),
    new WordPressPublisher('wordpress-com'),
    new WordPressXmlRpcPublisher(),
    new MetaWeblogPublisher(),
    new GhostPublisher(),
    new MicropubPublisher(),
  ]);
}
