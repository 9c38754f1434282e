import { contract, type Channel, type ChannelArgs, type ChannelResult } from '../../common/ipc/contract.js';
import { KladdeError, type Result } from '../../common/result.js';

/** One handler per channel; a missing one is a compile error where the table is built. */
export type Handlers = {
  [C in Channel]: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
};

export type Dispatch = (channel: string, args: unknown) => Promise<Result<unknown>>;

function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * Validates a call against the contract and runs its handler. Used by Electron's IPC and by the web host,
 * so both transports check exactly the same things. Thrown errors come back as data.
 */
export function createDispatcher(handlers: Handlers, log: (message: string) => void = () => undefined): Dispatch {
  return async (channel, args) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: `Unbekannter Kanal: ${channel.slice(0, 60)}` } };
    }
    const parsed = contract[channel].args.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: { code: 'invalid-input', message: `Ungültige Eingabe (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})` },
      };
    }
    try {
      const handler = handlers[channel] as (...a: unknown[]) => Promise<unknown>;
      const value = await handler(...(parsed.data as unknown[]));
      return { ok: true, value };
    } catch (error) {
      return errorResult(channel, error, log);
    }
  };
}

/** A thrown error as the data the renderer gets; only the error's kind is logged, since messages may hold user text. */
export function errorResult(channel: string, error: unknown, log: (message: string) => void): Result<never> {
  if (error instanceof KladdeError) return { ok: false, error: { code: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) } };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  log(`Kanal ${channel} fehlgeschlagen: ${code ?? (error instanceof Error ? error.name : 'unbekannt')}`);
  if (code === 'ENOENT') return { ok: false, error: { code: 'not-found', message: 'Datei nicht gefunden' } };
  if (code === 'EEXIST') return { ok: false, error: { code: 'already-exists', message: 'Existiert bereits' } };
  if (code === 'EACCES' || code === 'EPERM' || code === 'ENOSPC' || code === 'EROFS') {
    return { ok: false, error: { code: 'io', message: `Dateisystem: ${code}` } };
  }
  return { ok: false, error: { code: 'internal', message: 'Interner Fehler' } };
}
