import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './errors.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  library: { type: 'string' },
  config: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

export interface CommonValues {
  library?: string | undefined;
  config?: string | undefined;
  lang?: string | undefined;
  json?: boolean | undefined;
  help?: boolean | undefined;
}

/**
 * Parses a command's arguments strictly (node:util parseArgs): an unknown option or a missing value is a usage
 * error in the user's words, never a stack trace.
 */
type CommandConfig<O extends OptionsConfig> = { args: string[]; options: typeof COMMON_OPTIONS & O; allowPositionals: true; strict: true };

export function parseCommand<const O extends OptionsConfig>(args: string[], options: O): ReturnType<typeof parseArgs<CommandConfig<O>>> {
  const config: CommandConfig<O> = { args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true };
  try {
    return parseArgs(config);
  } catch (error) {
    throw asUsageError(error);
  }
}

function asUsageError(error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return usageError('usage.unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return usageError('usage.missingValue', { option });
  return usageError('usage.invalid', { detail: message });
}

/**
 * What the command line says before any command parses it: `--lang`, `--config` and `--json`, looked up loosely,
 * so that even a usage error is reported in the right language and form.
 */
export function preScan(argv: readonly string[]): { lang: string | null; config: string | null; json: boolean } {
  const valueOf = (name: string): string | null => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? '';
      if (arg === '--') break;
      if (arg === `--${name}`) return argv[i + 1] ?? null;
      if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
    }
    return null;
  };
  const end = argv.indexOf('--');
  return { lang: valueOf('lang'), config: valueOf('config'), json: (end === -1 ? argv : argv.slice(0, end)).includes('--json') };
}
