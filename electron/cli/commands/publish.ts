import path from 'node:path';
import { parseFrontMatter } from '../../common/markdown/front-matter.js';
import type { ConflictChoice, PublishedPost, PublishOutcome } from '../../common/model/blog.js';
import { formatDateTimeShort } from '../../common/text/dates.js';
import { asKladdeError } from '../../main/publish/publish-service.js';
import { publishingHandlers } from '../../main/publish/publishing.js';
import { parseCommand } from '../args.js';
import { findPost, type CliContext } from '../context.js';
import { CliError, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { line, location, note, writeJson } from '../format.js';
import { helpText } from '../help.js';
import { say, type CliLanguage } from '../messages.js';
import { findBlog, openPublishing } from '../publishing.js';

/**
 * How a finished publish is reported — the words of the app's publish dialog: only a post the blog made public is
 * „Veröffentlicht“ with its address; a draft, a post for review or a private one says where it is and gives the
 * blog's editor; a scheduled one names its date.
 */
export function publishedLines(post: PublishedPost, lang: CliLanguage): string[] {
  const edit = (sentence: string) => (post.editUrl ? [sentence, say(lang, 'publish.result.edit', { url: post.editUrl })] : [sentence]);
  switch (post.remoteStatus) {
    case 'publish':
      return [say(lang, 'publish.result.publish', { url: post.link })];
    case 'future':
      return edit(say(lang, 'publish.result.future', { date: formatDateTimeShort(post.date, lang) }));
    case 'draft':
      return edit(say(lang, 'publish.result.draft'));
    case 'pending':
      return edit(say(lang, 'publish.result.pending'));
    case 'private':
      return edit(say(lang, 'publish.result.private'));
    case 'unknown':
      return post.editUrl ? edit(say(lang, 'publish.result.unknown')) : [say(lang, 'publish.result.unknown'), post.link].filter((s) => s !== '');
  }
}

function exitFor(outcome: PublishOutcome): ExitCode {
  switch (outcome.status) {
    case 'done':
      return EXIT.ok;
    case 'problems':
    case 'conflict':
      return EXIT.problems;
    default:
      return EXIT.failure;
  }
}

/** `kladde publish`: one post to one blog, through the app's checks, publish service and outbox. */
export async function publishCommand(ctx: CliContext, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommand(args, {
    blog: { type: 'string' },
    overwrite: { type: 'boolean' },
    'online-copy': { type: 'boolean' },
  });
  if (values.help) {
    ctx.io.out(helpText(ctx.lang, 'publish'));
    return EXIT.ok;
  }
  const [postArg, ...extra] = positionals;
  if (postArg === undefined) throw usageError('usage.missing', { what: 'BEITRAG/POST' });
  if (extra.length > 0) throw usageError('usage.tooMany', { extra: extra.join(' ') });
  if (values.blog === undefined) throw usageError('usage.blogMissing');
  if (values.overwrite && values['online-copy']) throw usageError('usage.conflictChoice');

  const post = await findPost(ctx, postArg, values.library);
  const { publishing, posts } = openPublishing(ctx, post.root);
  try {
    const blog = await findBlog(ctx, publishing, values.blog);
    if (!(await publishing.credentials.has(blog.id))) {
      throw new CliError(EXIT.failure, 'blog.noCredentials', { blog: blog.id, url: blog.url }, 'no-credentials');
    }
    const opened = await posts.open(post.id);
    const parsed = parseFrontMatter(opened.text);
    note(ctx, say(ctx.lang, 'publish.sending', { title: parsed.ok ? parsed.fields.title : post.id, blog: blog.name || blog.id }));
    const onConflict: ConflictChoice = values.overwrite ? 'overwrite' : 'ask';
    const handlers = publishingHandlers(() => publishing, () => posts);
    const outcome = await handlers.publishPost(post.id, blog.id, { onConflict });
    let copy: string | null = null;
    if (outcome.status === 'conflict' && values['online-copy']) {
      copy = (await publishing.service.downloadOnlineCopy(post.id, blog.id)).id;
      // The user chose the copy instead of publishing: the job is not left waiting for an answer.
      await publishing.outbox.cancel(outcome.jobId);
    }
    const code = exitFor(outcome);
    if (ctx.json) {
      writeJson(ctx, { ok: code === EXIT.ok, post: post.id, blog: blog.id, outcome, ...(copy !== null ? { copy } : {}) });
      return code;
    }
    const file = path.join(post.root, post.id, 'index.md');
    switch (outcome.status) {
      case 'done':
        for (const text of publishedLines(outcome, ctx.lang)) line(ctx, text);
        break;
      case 'problems':
        line(ctx, say(ctx.lang, 'publish.problems'));
        for (const p of outcome.problems) line(ctx, `${location(ctx, file, p.line)}: ${p.message}`);
        break;
      case 'conflict':
        line(ctx, say(ctx.lang, 'publish.conflict', { when: formatDateTimeShort(`${outcome.online.modifiedGmt.replace(/Z?$/, 'Z')}`, ctx.lang) }));
        if (copy !== null) line(ctx, say(ctx.lang, 'publish.copy', { folder: path.join(post.root, copy) }));
        else note(ctx, say(ctx.lang, 'publish.conflict.hint', { post: postArg, blog: blog.id }));
        break;
      case 'queued':
        line(ctx, say(ctx.lang, 'publish.queued', { reason: outcome.error.message }));
        break;
      case 'failed':
        line(ctx, say(ctx.lang, 'publish.failed', { reason: outcome.error.message }));
        break;
    }
    return code;
  } catch (error) {
    throw error instanceof CliError ? error : asKladdeError(error);
  } finally {
    await publishing.stop();
  }
}
