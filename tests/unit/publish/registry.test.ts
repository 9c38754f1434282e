import { describe, expect, it } from 'vitest';
import type { BlogKind } from '../../../electron/common/model/blog.js';
import { HttpClient } from '../../../electron/main/http/http-client.js';
import { PublishFailure } from '../../../electron/main/publish/publish-errors.js';
import type { Publisher } from '../../../electron/main/publish/publisher.js';
import { PublisherRegistry } from '../../../electron/main/publish/registry.js';

const http = new HttpClient({ fetch: () => Promise.reject(new Error('no network in this test')) });

/** A publisher whose discovery finds the blog, or fails the given way. */
function fake(kind: BlogKind, failure: PublishFailure | null, tried: BlogKind[]): Publisher {
  const never = () => Promise.reject(new Error('not used'));
  return {
    kind,
    discover: (url) => {
      tried.push(kind);
      return failure ? Promise.reject(failure) : Promise.resolve({ name: kind, url, apiRoot: `${url}${kind}`, site: '1', authorizeUrl: null });
    },
    verify: never,
    fetchTerms: never,
    publish: never,
    fetchOnline: never,
  };
}

const blocked = new PublishFailure('forbidden', 'Keine Berechtigung (403)', false);
const offline = new PublishFailure('offline', 'Keine Verbindung', true);

describe('choosing the interface for a new blog', () => {
  const rows: [string, string, Partial<Record<BlogKind, PublishFailure>>, BlogKind | null, string, BlogKind[]][] = [
    ['WordPress.com goes over XML-RPC', 'name.wordpress.com', {}, 'wordpress-xmlrpc', 'hosted', ['wordpress-xmlrpc']],
    ['another blog over REST when it works', 'blog.example', {}, 'wordpress', 'preferred', ['wordpress']],
    ['XML-RPC when REST is blocked', 'blog.example', { wordpress: blocked }, 'wordpress-xmlrpc', 'fallback', ['wordpress', 'wordpress-xmlrpc']],
    ['MetaWeblog when neither WordPress interface is there', 'blog.example', { wordpress: blocked, 'wordpress-xmlrpc': blocked }, 'metaweblog', 'fallback', ['wordpress', 'wordpress-xmlrpc', 'metaweblog']],
    ['offline ends the search at once', 'blog.example', { wordpress: offline }, null, 'offline', ['wordpress']],
    ['nothing works: the first failure is told', 'blog.example', { wordpress: blocked, 'wordpress-xmlrpc': blocked, metaweblog: blocked }, null, 'forbidden', ['wordpress', 'wordpress-xmlrpc', 'metaweblog']],
  ];
  for (const [name, url, failures, kind, reasonOrCode, order] of rows) {
    it(name, async () => {
      const tried: BlogKind[] = [];
      const registry = new PublisherRegistry((['wordpress', 'wordpress-com', 'wordpress-xmlrpc', 'metaweblog'] as const).map((k) => fake(k, failures[k] ?? null, tried)));
      const result = registry.discover(url, http);
      if (kind === null) {
        await expect(result).rejects.toMatchObject({ code: reasonOrCode });
      } else {
        const found = await result;
        expect([found.kind, found.choice.reason]).toEqual([kind, reasonOrCode]);
        if (reasonOrCode === 'fallback') expect(found.choice).toMatchObject({ insteadOf: 'wordpress', detail: 'Keine Berechtigung (403)' });
      }
      expect(tried).toEqual(order);
    });
  }

  it('finds a Ghost site after the WordPress interfaces and MetaWeblog, before Micropub', async () => {
    const tried: BlogKind[] = [];
    const none = new PublishFailure('not-found', 'Kein Blog', false);
    const failures: Partial<Record<BlogKind, PublishFailure>> = { wordpress: none, 'wordpress-xmlrpc': none, metaweblog: none };
    const registry = new PublisherRegistry((['wordpress', 'wordpress-xmlrpc', 'metaweblog', 'ghost', 'micropub'] as const).map((k) => fake(k, failures[k] ?? null, tried)));
    const found = await registry.discover('blog.example', http);
    expect([found.kind, found.choice.reason, tried]).toEqual(['ghost', 'fallback', ['wordpress', 'wordpress-xmlrpc', 'metaweblog', 'ghost']]);
  });

  it('takes the kind the user chose without trying others', async () => {
    const tried: BlogKind[] = [];
    const registry = new PublisherRegistry([fake('wordpress', null, tried), fake('wordpress-com', null, tried)]);
    const found = await registry.discover('name.wordpress.com', http, 'wordpress-com');
    expect([found.kind, found.choice.reason, tried]).toEqual(['wordpress-com', 'chosen', ['wordpress-com']]);
  });
});
