import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Result } from '../../electron/common/result.js';
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatch.js';
import { Services, type ServiceOptions } from '../../electron/main/services.js';

/** The composed services of one test file, in a temp folder, reached through the dispatcher the renderer uses. */
export interface TestServices {
  readonly dir: string;
  readonly services: Services;
  readonly dispatch: Dispatch;
  /** Calls a channel and returns its value; an error result throws with its code and message. */
  call<T>(channel: string, ...args: unknown[]): Promise<T>;
}

/**
 * Starts real services (settings, library, spell, publishing) in a fresh temp folder before the file's tests and
 * removes everything after them. Read the fields inside tests or hooks, not at collection time.
 */
export function useTestServices(prefix: string, options: Partial<ServiceOptions> = {}): TestServices {
  let dir = '';
  let services: Services | null = null;
  let dispatch: Dispatch | null = null;
  const started = <T>(x: T | null): T => {
    if (x === null) throw new Error('Die Test-Dienste laufen noch nicht (nur in Tests und Hooks verwenden).');
    return x;
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), `kladde-${prefix}-`));
    services = new Services({
      configDir: path.join(dir, 'config'),
      libraryPath: path.join(dir, 'Bibliothek'),
      transport: 'web',
      version: '0.0.0-test',
      systemLanguage: 'de-DE',
      ...options,
    });
    await services.start();
    dispatch = createDispatcher(services.handlers());
  }, 60_000);
  afterAll(async () => {
    await services?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return started(dir || null);
    },
    get services() {
      return started(services);
    },
    get dispatch() {
      return started(dispatch);
    },
    async call<T>(channel: string, ...args: unknown[]): Promise<T> {
      const result = (await started(dispatch)(channel, args)) as Result<T>;
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value;
    },
  };
}
