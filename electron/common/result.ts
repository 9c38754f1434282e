import { z } from 'zod';

/** Error codes the renderer knows how to explain in the user's language. */
export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'outside-library',
  'already-exists',
  'conflict',
  'io',
  'forbidden',
  'unknown-channel',
  'internal',
  /** The blog (or another server) cannot be reached right now. */
  'offline',
  /** A blog answered with an error; the message says what in German. */
  'remote',
  /** A post file is not valid UTF-8: it opens read-only until the user converts it. */
  'not-utf8',
  /** A post file holds binary data, not text: it is never opened or rewritten. */
  'binary',
  /** The file system refused to read a file (permissions, a loop of links, a name too long). */
  'unreadable',
  /** A request body is larger than the one limit both transports share. */
  'too-large',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Facts the renderer words the error with in the UI language (e.g. the address or blog name it is about). */
  params: z.record(z.string(), z.string()).optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

/** Errors travel between processes as data, never as thrown exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

/** Thrown inside services; the IPC wrapper turns it into `{ ok: false, error }`. */
export class KladdeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** See {@link AppError.params}. */
    readonly params?: Record<string, string>,
  ) {
    super(message);
    this.name = 'KladdeError';
  }
}
