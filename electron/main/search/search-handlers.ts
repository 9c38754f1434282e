import type { EventHub } from '../events/event-sink.js';
import type { Handlers } from '../ipc/dispatch.js';
import type { PostStore } from '../posts/post-store.js';
import { SearchService } from './search-service.js';

/** The services' search, made once per PostStore, so tests and the benchmark can reach the same instance. */
const services = new WeakMap<PostStore, SearchService>();

/** The search service of a library, created on first use and told about every change the library watcher sees. */
export function searchServiceFor(posts: PostStore, events: EventHub, log?: (message: string) => void): SearchService {
  let service = services.get(posts);
  if (!service) {
    service = new SearchService({ posts, ...(log ? { log } : {}) });
    events.add(service.sink);
    services.set(posts, service);
  }
  return service;
}

/** The search channel; added to the services' handler table with one line. */
export function searchHandlers(posts: PostStore, events: EventHub): Pick<Handlers, 'searchLibrary'> {
  const service = searchServiceFor(posts, events);
  return { searchLibrary: (request) => service.search(request) };
}
