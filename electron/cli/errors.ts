import { EXIT, type ExitCode } from './exit-codes.js';
import type { MessageKey } from './messages.js';

/** A failure with its words: a message key and its values, and the exit code it ends the command with. */
export class CliError extends Error {
  constructor(
    readonly exit: ExitCode,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    /** A stable code for `--json` (`usage`, `library-missing`, `not-found` …). */
    readonly code: string = exit === EXIT.usage ? 'usage' : 'failed',
  ) {
    super(key);
  }
}

/** The command line is wrong: exit code 2, with a pointer to the command's help. */
export function usageError(key: MessageKey, params: Record<string, string | number> = {}): CliError {
  return new CliError(EXIT.usage, key, params, 'usage');
}
