import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { settingsSchema, type Settings } from '../common/model/settings.js';
import { postIdSchema } from '../common/model/post.js';
import type { FetchLike } from '../main/http/http-client.js';
import { defaultLibraryPath } from '../main/services.js';
import { CliError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import type { ImportRunnerFactory } from './import-runner.js';
import type { CliIo } from './io.js';
import type { CliLanguage } from './messages.js';

/** What a command may be given from outside besides the command line (tests put stand-ins here). */
export interface CliDeps {
  /** Opens the import service for `kladde import`; see import-runner.ts. */
  importRunner?: ImportRunnerFactory;
  /** The network for publishing; the platform's fetch when not given. */
  fetch?: FetchLike;
  /** Printed by `kladde --version`. */
  version?: string;
}

/** One run of a command: where it writes, in which language and form, and the user's folders. */
export interface CliContext {
  io: CliIo;
  lang: CliLanguage;
  json: boolean;
  configDir: string;
  settings: Settings;
  deps: CliDeps;
}

/** The per-user folder the web host uses too, so blogs set up for either work in both. */
export function defaultConfigDir(): string {
  return path.join(os.homedir(), '.config', 'kladde-web');
}

/**
 * The settings as the app keeps them, read without writing: a broken file is not set aside (as the app does) —
 * the command line only reads what it can and uses the defaults for the rest.
 */
export async function readSettings(configDir: string): Promise<Settings> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(configDir, 'settings.json'), 'utf8'));
  } catch {
    return settingsSchema.parse({});
  }
  const whole = settingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const defaults = settingsSchema.parse({});
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return defaults;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = (settingsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } } | undefined>)[key];
    if (field?.safeParse(value).success) kept[key] = value;
  }
  return settingsSchema.parse({ ...defaults, ...kept });
}

/** German unless `--lang en`, or the settings' interface language is English. */
export function chooseLanguage(flag: string | null | undefined, settings: Settings): CliLanguage {
  if (flag !== null && flag !== undefined) {
    if (flag === 'de' || flag === 'en') return flag;
    throw usageError('usage.lang', { value: flag });
  }
  return settings.uiLanguage === 'en' ? 'en' : 'de';
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isDirectory() ?? false;
}

/**
 * The library folder: `--library`, else the settings', else ~/Kladde. It must exist — a command line that reads
 * or publishes never creates an empty library (with a welcome post) by accident.
 */
export async function libraryRoot(ctx: CliContext, flag: string | undefined): Promise<string> {
  const root = path.resolve(ctx.io.cwd, flag ?? (ctx.settings.libraryPath || defaultLibraryPath()));
  if (!(await isDirectory(root))) throw new CliError(EXIT.failure, 'library.missing', { path: root }, 'library-missing');
  return root;
}

/** A post named on the command line, found: its library and its id (folder name). */
export interface NamedPost {
  root: string;
  id: string;
}

/**
 * Finds a post given as a folder name of the library (`hallo`) or as a path to its folder (`~/Blog/hallo`,
 * `./hallo`). A path names its library too (the folder around it), unless `--library` is given, which it must
 * then lie in. A plain name not found in the library is tried as a folder of the working directory.
 */
export async function findPost(ctx: CliContext, arg: string, libraryFlag: string | undefined): Promise<NamedPost> {
  const looksLikePath = arg.includes('/') || arg.includes(path.sep) || arg === '.' || arg === '..';
  if (!looksLikePath) {
    const root = await libraryRoot(ctx, libraryFlag).catch((error: unknown) => {
      if (libraryFlag !== undefined) throw error;
      return null;
    });
    if (root && postIdSchema.safeParse(arg).success && (await isDirectory(path.join(root, arg)))) return { root, id: arg };
    if (libraryFlag === undefined && (await isDirectory(path.resolve(ctx.io.cwd, arg)))) return findPost(ctx, `./${arg}`, undefined);
    throw new CliError(EXIT.failure, 'post.notFound', { post: arg, library: root ?? path.resolve(ctx.io.cwd, ctx.settings.libraryPath || defaultLibraryPath()) }, 'not-found');
  }
  const folder = path.resolve(ctx.io.cwd, arg);
  if (!(await isDirectory(folder))) throw new CliError(EXIT.failure, 'post.notFound', { post: arg, library: path.dirname(folder) }, 'not-found');
  const id = path.basename(folder);
  if (!postIdSchema.safeParse(id).success) throw new CliError(EXIT.failure, 'post.invalid', { post: arg }, 'not-found');
  const root = libraryFlag !== undefined ? await libraryRoot(ctx, libraryFlag) : path.dirname(folder);
  if (path.dirname(folder) !== root) throw new CliError(EXIT.failure, 'post.outside', { path: folder, library: root }, 'outside-library');
  return { root, id };
}
