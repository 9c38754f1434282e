import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportItemResult, ImportJob } from '../../common/model/import.js';
import { defaultLibraryPath } from '../../main/services.js';
import { parseCommand } from '../args.js';
import type { CliContext } from '../context.js';
import { CliError, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { line, note, writeJson } from '../format.js';
import { helpText } from '../help.js';
import { serviceImportRunner, type CliImportRequest, type ImportRunner } from '../import-runner.js';
import { say, sayCount, type CliLanguage } from '../messages.js';
import { findBlog, openPublishing } from '../publishing.js';

/** The lines for one imported post: what happened to it, and what to do about it where there is something. */
export function itemLines(item: ImportItemResult, index: number, total: number | null, lang: CliLanguage): string[] {
  const position = total === null ? `[${index}]` : `[${index}/${total}]`;
  const folder = item.postId ? ` → ${item.postId}/` : '';
  const lines = [say(lang, 'import.item', { position, outcome: say(lang, `import.outcome.${item.outcome}`), title: item.title, folder })];
  if (item.message) lines.push(`  ${item.message}`);
  if (item.imagesMissing > 0) lines.push(sayCount(lang, 'import.imagesMissing', item.imagesMissing));
  if (item.outcome === 'local-changes') lines.push(say(lang, 'import.localChanges', { remoteId: item.remoteId }));
  return lines;
}

/** The closing line: how many posts ended how. */
export function summaryLine(job: ImportJob, lang: CliLanguage): string {
  const count = (outcome: ImportItemResult['outcome']) => job.results.filter((r) => r.outcome === outcome).length;
  return say(lang, 'import.summary', {
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    skipped: count('local-changes'),
    failed: count('failed'),
  });
}

/** 0 when every post came in, 1 when some failed or were skipped for local changes, 3 when the import stopped. */
export function importExit(job: ImportJob): ExitCode {
  if (job.state === 'failed' || job.state === 'cancelled') return EXIT.failure;
  return job.results.some((r) => r.outcome === 'failed' || r.outcome === 'local-changes') ? EXIT.problems : EXIT.ok;
}

/**
 * Runs an import and reports it: a line per post as it arrives (stdout), the summary at the end, Ctrl+C cancels
 * cleanly (the runner finishes the post at hand and stops; a second Ctrl+C quits at once).
 */
export async function runImport(ctx: CliContext, runner: ImportRunner, request: CliImportRequest): Promise<ExitCode> {
  const abort = new AbortController();
  let printed = 0;
  const show = (job: ImportJob) => {
    for (; printed < job.results.length; printed++) {
      const item = job.results[printed];
      if (item) for (const text of itemLines(item, printed + 1, job.total, ctx.lang)) line(ctx, text);
    }
  };
  const stopListening = ctx.io.onInterrupt(() => {
    if (abort.signal.aborted) ctx.io.quit(EXIT.failure);
    note(ctx, say(ctx.lang, 'import.cancelling'));
    abort.abort();
  });
  let job: ImportJob;
  try {
    job = await runner.run(request, show, abort.signal);
  } finally {
    stopListening();
  }
  show(job);
  const code = importExit(job);
  if (ctx.json) {
    writeJson(ctx, { ok: code === EXIT.ok, job });
    return code;
  }
  if (job.state === 'cancelled') line(ctx, sayCount(ctx.lang, 'import.cancelled', job.done));
  else if (job.state === 'failed') line(ctx, say(ctx.lang, 'import.failedWhole', { message: job.message ?? '' }));
  else line(ctx, summaryLine(job, ctx.lang));
  return code;
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isFile() ?? false;
}

/** `kladde import`: posts from a WordPress export file or a blog, into the library as Markdown. */
export async function importCommand(ctx: CliContext, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommand(args, {
    all: { type: 'boolean' },
    post: { type: 'string', multiple: true },
    pages: { type: 'boolean' },
    'no-images': { type: 'boolean' },
    'overwrite-local': { type: 'string', multiple: true },
    blog: { type: 'string' },
  });
  if (values.help) {
    ctx.io.out(helpText(ctx.lang, 'import'));
    return EXIT.ok;
  }
  const [source, ...extra] = positionals;
  if (source === undefined) throw usageError('usage.missing', { what: 'export.xml | BLOG' });
  if (extra.length > 0) throw usageError('usage.tooMany', { extra: extra.join(' ') });
  const root = path.resolve(ctx.io.cwd, values.library ?? (ctx.settings.libraryPath || defaultLibraryPath()));
  const common = { includePages: values.pages === true, downloadImages: values['no-images'] !== true, overwriteLocal: values['overwrite-local'] ?? [] };
  const file = path.resolve(ctx.io.cwd, source);
  const isExport = /\.xml$/i.test(source) || (await isFile(file));
  const { publishing } = openPublishing(ctx, root);
  let request: CliImportRequest;
  if (isExport) {
    if (!(await isFile(file))) throw new CliError(EXIT.failure, 'import.fileMissing', { file }, 'not-found');
    const blogId = values.blog !== undefined ? (await findBlog(ctx, publishing, values.blog)).id : null;
    request = { kind: 'wxr', file, blogId, ...common };
    note(ctx, say(ctx.lang, 'import.start.wxr', { file, library: root }));
  } else {
    const chosen = values.post ?? [];
    if (!values.all && chosen.length === 0) throw usageError('usage.importWhat');
    const blog = await findBlog(ctx, publishing, source);
    if (!(await publishing.credentials.has(blog.id))) throw new CliError(EXIT.failure, 'blog.noCredentials', { blog: blog.id, url: blog.url }, 'no-credentials');
    request = { kind: 'blog', blogId: blog.id, remoteIds: values.all ? null : chosen, ...common };
    note(ctx, say(ctx.lang, 'import.start.blog', { blog: blog.name || blog.id, library: root }));
  }
  const open = ctx.deps.importRunner ?? serviceImportRunner;
  await mkdir(root, { recursive: true });
  const runner = await open({ configDir: ctx.configDir, libraryPath: root, log: () => undefined, ...(ctx.deps.fetch ? { fetch: ctx.deps.fetch } : {}) });
  try {
    return await runImport(ctx, runner, request);
  } finally {
    await runner.close();
  }
}
