import type { CredentialCheck } from '../../common/model/blog.js';
import { KladdeError } from '../../common/result.js';
import type { CredentialStore } from '../credentials/credential-store.js';
import type { HttpClient } from '../http/http-client.js';
import type { BlogStore } from './blog-store.js';
import { openLoopbackRedirect, type LoopbackRedirect } from './loopback-redirect.js';
import { asKladdeError } from './publish-service.js';
import type { BrowserSignInSession } from './publisher.js';
import type { PublisherRegistry } from './registry.js';

export interface BrowserSignInDeps {
  blogs: BlogStore;
  credentials: CredentialStore;
  registry: PublisherRegistry;
  http: HttpClient;
  /** How long the loopback address waits for the browser; 10 minutes by default. */
  timeoutMs?: number;
}

/**
 * Sign-in in the system browser for blogs whose publisher offers it (IndieAuth for Micropub). `begin` opens a
 * loopback address for the redirect and returns the address for the browser — the renderer opens it (Electron
 * hands it to the system browser); `finish` waits for the redirect, lets the publisher trade the code for a
 * token and stores the token encrypted. The token never leaves main.
 */
export class BrowserSignInService {
  private readonly pending = new Map<string, { redirect: LoopbackRedirect; session: BrowserSignInSession }>();

  constructor(private readonly deps: BrowserSignInDeps) {}

  async begin(blogId: string): Promise<{ url: string }> {
    const blog = await this.deps.blogs.get(blogId);
    const signIn = this.deps.registry.get(blog.kind).browserSignIn;
    if (!signIn) throw new KladdeError('invalid-input', `Der Blog „${blog.name}“ bietet keine Anmeldung im Browser an.`);
    this.cancel(blogId);
    const redirect = await openLoopbackRedirect(this.deps.timeoutMs);
    let session: BrowserSignInSession;
    try {
      session = await signIn.begin(blog, this.deps.http, redirect.redirectUri);
    } catch (error) {
      redirect.close();
      throw asKladdeError(error);
    }
    this.pending.set(blogId, { redirect, session });
    return { url: session.url };
  }

  /** Waits for the browser's redirect (after `begin`) and stores the token; the blog confirmed it by issuing it. */
  async finish(blogId: string): Promise<CredentialCheck> {
    const pending = this.pending.get(blogId);
    if (!pending) throw new KladdeError('not-found', 'Es läuft keine Anmeldung im Browser für diesen Blog. „Anmelden im Browser“ noch einmal wählen.');
    let query: URLSearchParams;
    try {
      query = await pending.redirect.received;
    } catch {
      throw new KladdeError('remote', 'Die Anmeldung im Browser wurde abgebrochen oder hat zu lange gedauert. „Anmelden im Browser“ noch einmal wählen.');
    } finally {
      if (this.pending.get(blogId) === pending) this.pending.delete(blogId);
    }
    try {
      const { secret, accountName } = await pending.session.complete(query);
      await this.deps.credentials.set(blogId, secret);
      return { verified: true, accountName, message: null };
    } catch (error) {
      throw asKladdeError(error);
    }
  }

  /** Stops waiting for the browser; true when a sign-in was waiting. */
  cancel(blogId: string): boolean {
    const pending = this.pending.get(blogId);
    if (!pending) return false;
    this.pending.delete(blogId);
    pending.redirect.close();
    return true;
  }

  closeAll(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
  }
}
