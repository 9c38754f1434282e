import path from 'node:path';
import { KladdeError } from '../common/result.js';
import { preScan } from './args.js';
import { blogCommand } from './commands/blog.js';
import { checkCommand } from './commands/check.js';
import { importCommand } from './commands/import.js';
import { listCommand } from './commands/list.js';
import { publishCommand } from './commands/publish.js';
import { chooseLanguage, defaultConfigDir, readSettings, type CliContext, type CliDeps } from './context.js';
import { CliError } from './errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { COMMANDS, helpText, type CommandName } from './help.js';
import type { CliIo } from './io.js';
import { say, type CliLanguage } from './messages.js';

const RUN: Record<CommandName, (ctx: CliContext, args: string[]) => Promise<ExitCode>> = {
  list: listCommand,
  check: checkCommand,
  publish: publishCommand,
  import: importCommand,
  blog: blogCommand,
};

const isCommand = (name: string): name is CommandName => (COMMANDS as readonly string[]).includes(name);

/** Reports a failure: words on stderr (or the JSON document), and the exit code that goes with it. */
function report(io: CliIo, lang: CliLanguage, json: boolean, command: string, error: unknown): ExitCode {
  let exit: ExitCode;
  let code: string;
  let message: string;
  if (error instanceof CliError) {
    exit = error.exit;
    code = error.code;
    message = say(lang, error.key, error.params);
  } else if (error instanceof KladdeError) {
    exit = EXIT.failure;
    code = error.code;
    message = say(lang, 'error.failed', { message: error.message });
  } else {
    exit = EXIT.failure;
    code = 'failed';
    message = say(lang, 'error.failed', { message: error instanceof Error ? error.message : String(error) });
  }
  if (json) {
    io.out(JSON.stringify({ ok: false, error: { code, message } }, null, 2) + '\n');
  } else {
    io.err(message + '\n');
    if (exit === EXIT.usage) io.err(say(lang, 'usage.seeHelp', { command }).replace(/ {2,}/g, ' ') + '\n');
  }
  return exit;
}

/**
 * `kladde <command> …` in-process: the command line (without node and the script), the process's contact with
 * the outside and what tests may replace. Resolves with the exit code; never throws.
 */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<ExitCode> {
  const early = preScan(argv);
  const configDir = path.resolve(io.cwd, early.config ?? defaultConfigDir());
  const settings = await readSettings(configDir);
  let lang: CliLanguage = 'de';
  const [first, ...rest] = argv;
  const command = first !== undefined && isCommand(first) ? first : '';
  try {
    lang = chooseLanguage(early.lang, settings);
    if (first === undefined) {
      io.err(helpText(lang, 'overview'));
      return EXIT.usage;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = rest[0];
      io.out(helpText(lang, topic !== undefined && isCommand(topic) ? topic : 'overview'));
      return EXIT.ok;
    }
    if (first === '--version' || first === '-v') {
      io.out(`${deps.version ?? '0.0.0'}\n`);
      return EXIT.ok;
    }
    if (!isCommand(first)) {
      throw new CliError(EXIT.usage, first.startsWith('-') ? 'usage.noCommand' : 'usage.unknownCommand', { command: first }, 'usage');
    }
    const ctx: CliContext = { io, lang, json: early.json, configDir, settings, deps };
    return await RUN[first](ctx, rest);
  } catch (error) {
    return report(io, lang, early.json, command, error);
  }
}
