import type { BlogKind } from '../../common/model/blog.js';
import type { Publisher } from './publisher.js';
import { WordPressPublisher } from './wordpress.js';
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
}

/** The publishers Kladde ships with. */
export function defaultPublishers(): PublisherRegistry {
  return new PublisherRegistry([new WordPressPublisher('wordpress'), new WordPressPublisher('wordpress-com'), new WordPressXmlRpcPublisher()]);
}
