import { parseFrontMatter } from '../../common/markdown/front-matter.js';
import { PUBLISH_KEY, readPublishState } from '../../common/markdown/front-matter-publish.js';
import { formatDateTimeShort } from '../../common/text/dates.js';
import { PostStore } from '../../main/posts/post-store.js';
import { parseCommand } from '../args.js';
import { libraryRoot, type CliContext } from '../context.js';
import { usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { clip, line, table, writeJson } from '../format.js';
import { helpText } from '../help.js';
import { say, sayCount } from '../messages.js';

/** A blog a post is published to, as its front matter remembers it. */
export interface PublishedTo {
  blogId: string;
  link: string;
}

/** Every blog under `publish:` with a valid record (the post's id there); malformed entries are not listed. */
export function publishedBlogs(text: string): PublishedTo[] {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return [];
  const publish = parsed.data[PUBLISH_KEY];
  if (publish === null || typeof publish !== 'object' || Array.isArray(publish)) return [];
  const out: PublishedTo[] = [];
  for (const blogId of Object.keys(publish)) {
    const record = readPublishState(text, blogId).record;
    if (record) out.push({ blogId, link: record.link });
  }
  return out;
}

/** `kladde list`: the posts of the library with title, status, date, folder and blogs. */
export async function listCommand(ctx: CliContext, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommand(args, {});
  if (values.help) {
    ctx.io.out(helpText(ctx.lang, 'list'));
    return EXIT.ok;
  }
  if (positionals.length > 0) throw usageError('usage.tooMany', { extra: positionals.join(' ') });
  const root = await libraryRoot(ctx, values.library);
  const posts = new PostStore({ root });
  const summaries = await posts.list();
  const rows = await Promise.all(
    summaries.map(async (s) => {
      const text = s.problem === null ? await posts.peek(s.id).then((p) => p.text).catch(() => '') : '';
      return { folder: s.id, title: s.title, status: s.status, date: s.date, words: s.wordCount, problem: s.problem, blogs: publishedBlogs(text) };
    }),
  );
  if (ctx.json) {
    writeJson(ctx, { ok: true, library: root, posts: rows });
    return EXIT.ok;
  }
  if (rows.length === 0) {
    line(ctx, say(ctx.lang, 'list.empty', { library: root }));
    return EXIT.ok;
  }
  const header = ['list.title', 'list.status', 'list.date', 'list.folder', 'list.blogs'] as const;
  const cells = rows.map((r) => [
    clip(r.title || say(ctx.lang, 'list.untitled'), 48),
    say(ctx.lang, `status.${r.status}`),
    r.date ? formatDateTimeShort(r.date, ctx.lang) : '–',
    r.folder,
    r.problem !== null ? say(ctx.lang, 'list.problem', { problem: r.problem }) : r.blogs.map((b) => b.blogId).join(', ') || '–',
  ]);
  for (const text of table([header.map((key) => say(ctx.lang, key)), ...cells])) line(ctx, text);
  line(ctx, '');
  line(ctx, sayCount(ctx.lang, 'list.count', rows.length, { library: root }));
  return EXIT.ok;
}
