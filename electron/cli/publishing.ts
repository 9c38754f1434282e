import type { Blog } from '../common/model/blog.js';
import { PostStore } from '../main/posts/post-store.js';
import { Publishing } from '../main/publish/publishing.js';
import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';
import type { CliContext } from './context.js';
import { say } from './messages.js';

/**
 * The app's publishing (blogs, credentials with the key-file secret box, publish service, outbox) on the command
 * line's config folder and a library. The library's outbox is the app's: a job that cannot go out now waits there.
 */
export function openPublishing(ctx: CliContext, libraryRoot: string): { publishing: Publishing; posts: PostStore } {
  const posts = new PostStore({ root: libraryRoot });
  const publishing = new Publishing({
    configDir: ctx.configDir,
    posts,
    ...(ctx.deps.fetch ? { fetch: ctx.deps.fetch } : {}),
    // Published credits read like the preview's: the same templates and featured-credit placement.
    renderOptions: async () => ({ creditTexts: ctx.settings.creditTexts, featuredCredit: ctx.settings.featuredCredit }),
  });
  return { publishing, posts };
}

/** Host and path of a blog's address, for matching what a user types (`blog.example`, `https://blog.example/`). */
function addressKey(address: string): string {
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(address) ? address : `https://${address}`);
    return `${url.hostname.replace(/^www\./, '')}${url.port ? `:${url.port}` : ''}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return address.toLowerCase();
  }
}

/** Finds a blog by its id, its name (any case) or its address. */
export async function findBlog(ctx: CliContext, publishing: Publishing, name: string): Promise<Blog> {
  const blogs = await publishing.blogs.list();
  const exact = blogs.find((b) => b.id === name);
  if (exact) return exact;
  const wanted = name.trim().toLowerCase();
  let matches = blogs.filter((b) => b.name.trim().toLowerCase() === wanted);
  if (matches.length === 0) matches = blogs.filter((b) => addressKey(b.url) === addressKey(name));
  const [only, ...more] = matches;
  if (only && more.length === 0) return only;
  if (only) throw new CliError(EXIT.usage, 'blog.ambiguous', { blog: name, matches: matches.map((b) => b.id).join(', ') }, 'usage');
  const known = blogs.map((b) => (b.name && b.name !== b.id ? `${b.id} (${b.name})` : b.id)).join(', ') || say(ctx.lang, 'blog.noneSetUp');
  throw new CliError(EXIT.failure, 'blog.notFound', { blog: name, known }, 'blog-not-found');
}
