import path from 'node:path';
import { parseFrontMatter } from '../../common/markdown/front-matter.js';
import { postLanguage } from '../../common/markdown/post-document.js';
import { SPELL_LIMITS } from '../../common/model/spell.js';
import { ImageService } from '../../main/images/image-service.js';
import { PostStore } from '../../main/posts/post-store.js';
import { createSpellService } from '../../main/spell/create-spell-service.js';
import type { SpellService } from '../../main/spell/spell-service.js';
import { parseCommand } from '../args.js';
import { findPost, libraryRoot, type CliContext } from '../context.js';
import { usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { line, location, note, writeJson } from '../format.js';
import { helpText } from '../help.js';
import { say, sayCount, type CliLanguage } from '../messages.js';

/** One thing wrong with a post, where it is. */
export interface CheckProblem {
  post: string;
  /** Absolute path of the file concerned (the post's index.md). */
  file: string;
  /** 1-based line, when known. */
  line: number | null;
  /** `credit-missing`, `file-missing`, `front-matter-invalid`, `spelling`, `unreadable` … */
  code: string;
  message: string;
  /** The unknown word, for `spelling`. */
  word?: string;
}

/** Whether spell checking ran for a post, and why not. */
interface SpellNote {
  post: string;
  language: string;
  available: boolean;
  reason: string | null;
}

/** Line starts of a text, to turn offsets into 1-based line numbers. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

interface PostCheck {
  problems: CheckProblem[];
  spell: SpellNote | null;
}

async function checkPost(
  lang: CliLanguage,
  posts: PostStore,
  images: ImageService,
  spell: SpellService | null,
  defaultLanguage: string,
  id: string,
): Promise<PostCheck> {
  const file = path.join(posts.paths.postDir(id), 'index.md');
  const problems: CheckProblem[] = [];
  let text: string;
  try {
    text = (await posts.open(id)).text;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problems: [{ post: id, file, line: null, code: 'unreadable', message: say(lang, 'check.unreadable', { reason }) }], spell: null };
  }
  for (const p of await images.problems(id)) {
    problems.push({ post: id, file, line: p.line, code: p.code, message: p.message[lang] });
  }
  if (!spell) return { problems, spell: null };
  const postLang = postLanguage(parseFrontMatter(text), defaultLanguage);
  const result = await spell.check({ lang: postLang, text: text.slice(0, SPELL_LIMITS.textChars) });
  const languageName = say(lang, `lang.${result.language}`);
  if (!result.available) {
    return { problems, spell: { post: id, language: result.language, available: false, reason: result.problem?.message ?? null } };
  }
  const lineOf = lineIndex(text);
  for (const m of result.misspelled) {
    problems.push({
      post: id,
      file,
      line: lineOf(m.from),
      code: 'spelling',
      message: say(lang, 'check.spelling', { word: m.word, language: languageName }),
      word: m.word,
    });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { problems, spell: { post: id, language: result.language, available: true, reason: result.truncated ? 'truncated' : null } };
}

/** `kladde check`: credits, missing images, broken front matter and spelling of some or all posts. */
export async function checkCommand(ctx: CliContext, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommand(args, { 'no-spelling': { type: 'boolean' } });
  if (values.help) {
    ctx.io.out(helpText(ctx.lang, 'check'));
    return EXIT.ok;
  }
  let root: string;
  let ids: string[];
  if (positionals.length === 0) {
    root = await libraryRoot(ctx, values.library);
    ids = (await new PostStore({ root }).list()).map((s) => s.id);
  } else {
    const named = [];
    for (const arg of positionals) named.push(await findPost(ctx, arg, values.library));
    root = named[0]?.root ?? '';
    const other = named.find((n) => n.root !== root);
    if (other) throw usageError('usage.invalid', { detail: `${other.root} ≠ ${root}` });
    ids = [...new Set(named.map((n) => n.id))];
  }
  const posts = new PostStore({ root });
  const images = new ImageService(posts.paths);
  const spell = values['no-spelling'] ? null : createSpellService(root);
  const problems: CheckProblem[] = [];
  const spelling: SpellNote[] = [];
  try {
    for (const id of ids) {
      const checked = await checkPost(ctx.lang, posts, images, spell, ctx.settings.defaultLanguage, id);
      problems.push(...checked.problems);
      if (checked.spell) spelling.push(checked.spell);
      for (const p of checked.problems) line(ctx, `${location(ctx, p.file, p.line)}: ${p.message}`);
      if (checked.spell && !checked.spell.available) note(ctx, say(ctx.lang, 'check.spellOff', { post: id, reason: checked.spell.reason ?? '' }));
      if (checked.spell?.reason === 'truncated') note(ctx, say(ctx.lang, 'check.spellTruncated', { post: id }));
    }
  } finally {
    await spell?.stop();
  }
  const withProblems = new Set(problems.map((p) => p.post)).size;
  if (ctx.json) {
    writeJson(ctx, { ok: problems.length === 0, library: root, checked: ids, problems, spelling });
  } else if (ids.length === 0) {
    line(ctx, say(ctx.lang, 'check.none', { library: root }));
  } else if (problems.length === 0) {
    line(ctx, sayCount(ctx.lang, 'check.clean', ids.length));
  } else {
    line(ctx, '');
    line(ctx, sayCount(ctx.lang, 'check.summary', problems.length, { posts: withProblems, total: ids.length }));
  }
  return problems.length === 0 ? EXIT.ok : EXIT.problems;
}
