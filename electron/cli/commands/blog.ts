import { BLOG_KINDS, type BlogKind } from '../../common/model/blog.js';
import { asKladdeError } from '../../main/publish/publish-service.js';
import { parseCommand } from '../args.js';
import type { CliContext } from '../context.js';
import { CliError, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { line, note, table, writeJson } from '../format.js';
import { helpText } from '../help.js';
import { say } from '../messages.js';
import { findBlog, openPublishing } from '../publishing.js';

const isKind = (value: string): value is BlogKind => (BLOG_KINDS as readonly string[]).includes(value);

/**
 * The secret for a sign-in: KLADDE_PASSWORD, else stdin (a terminal asks without echo). Never an argument —
 * arguments show up in `ps` and in shell histories.
 */
async function readPassword(ctx: CliContext, user: string): Promise<string> {
  const fromEnv = ctx.io.env['KLADDE_PASSWORD'];
  const secret = fromEnv !== undefined && fromEnv !== '' ? fromEnv : await ctx.io.readSecret(say(ctx.lang, 'blog.passwordPrompt', { user }));
  if (secret.trim() === '') throw new CliError(EXIT.usage, 'blog.passwordEmpty', {}, 'usage');
  return secret.trim();
}

/** `kladde blog add|list|remove`: the command line's own blogs, in its config folder. */
export async function blogCommand(ctx: CliContext, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommand(args, { user: { type: 'string' }, kind: { type: 'string' } });
  const [sub, ...rest] = positionals;
  if (values.help || sub === 'help') {
    ctx.io.out(helpText(ctx.lang, 'blog'));
    return EXIT.ok;
  }
  // Blogs and secrets live in the config folder; no library is read or written.
  const { publishing } = openPublishing(ctx, ctx.configDir);
  const service = publishing.service;
  try {
    switch (sub) {
      case 'list': {
        if (rest.length > 0) throw usageError('usage.tooMany', { extra: rest.join(' ') });
        const blogs = await service.listBlogs();
        if (ctx.json) {
          writeJson(ctx, { ok: true, config: ctx.configDir, blogs });
        } else if (blogs.length === 0) {
          line(ctx, say(ctx.lang, 'blog.list.empty', { config: ctx.configDir }));
        } else {
          const rows = blogs.map((b) => [b.id, b.name, b.url, b.kind, b.user, say(ctx.lang, b.hasCredentials ? 'blog.list.credentials' : 'blog.list.noCredentials')]);
          for (const text of table(rows)) line(ctx, text);
        }
        return EXIT.ok;
      }
      case 'add': {
        const [url, ...extra] = rest;
        if (url === undefined) throw usageError('usage.missing', { what: 'URL' });
        if (extra.length > 0) throw usageError('usage.tooMany', { extra: extra.join(' ') });
        if (values.user === undefined) throw usageError('usage.missing', { what: '--user' });
        if (values.kind !== undefined && !isKind(values.kind)) throw usageError('usage.kind', { value: values.kind, known: BLOG_KINDS.join(', ') });
        const secret = await readPassword(ctx, values.user);
        const added = await service.addBlog({ url, ...(values.kind !== undefined ? { kind: values.kind as BlogKind } : {}) });
        let check;
        try {
          check = await service.setCredentials(added.id, { user: values.user, secret });
        } catch (error) {
          // A refused sign-in leaves nothing behind: the next try starts from the same state.
          await service.removeBlog(added.id).catch(() => undefined);
          throw error;
        }
        if (ctx.json) {
          writeJson(ctx, { ok: true, blog: { ...added, user: values.user, hasCredentials: true }, check });
          return EXIT.ok;
        }
        line(ctx, say(ctx.lang, 'blog.added', { name: added.name || added.id, id: added.id, kind: added.kind }));
        if (added.choice.detail) note(ctx, added.choice.detail);
        line(ctx, check.verified ? say(ctx.lang, 'blog.verified', { account: check.accountName ?? values.user }) : say(ctx.lang, 'blog.unverified', { reason: check.message ?? '' }));
        return EXIT.ok;
      }
      case 'remove': {
        const [name, ...extra] = rest;
        if (name === undefined) throw usageError('usage.missing', { what: 'NAME' });
        if (extra.length > 0) throw usageError('usage.tooMany', { extra: extra.join(' ') });
        const blog = await findBlog(ctx, publishing, name);
        await service.removeBlog(blog.id);
        if (ctx.json) writeJson(ctx, { ok: true, removed: blog.id });
        else line(ctx, say(ctx.lang, 'blog.removed', { name: blog.name || blog.id }));
        return EXIT.ok;
      }
      default:
        throw usageError(sub === undefined ? 'usage.blogSub' : 'usage.unknownCommand', { command: `blog ${sub ?? ''}`.trim() });
    }
  } catch (error) {
    throw error instanceof CliError ? error : asKladdeError(error);
  }
}
