import type { ImportJob } from '../common/model/import.js';
import type { FetchLike } from '../main/http/http-client.js';
import { Services } from '../main/services.js';

/**
 * What `kladde import` asks for. Like the app's `ImportRequest`, except that an export file is named by its path
 * (nothing crosses IPC here) and image downloads can be switched off for a blog too.
 */
export type CliImportRequest =
  | {
      kind: 'blog';
      blogId: string;
      /** The chosen posts (ids on the blog), or null for all of them. */
      remoteIds: string[] | null;
      includePages: boolean;
      downloadImages: boolean;
      /** Posts changed locally since their last import that may be overwritten anyway. */
      overwriteLocal: string[];
    }
  | {
      kind: 'wxr';
      /** Absolute path of the WordPress export file. */
      file: string;
      /** The blog the export belongs to (publish records are written for it), or null. */
      blogId: string | null;
      includePages: boolean;
      downloadImages: boolean;
      overwriteLocal: string[];
    };

/**
 * The import as the command line needs it: one call that imports, reports the job after every post and stops
 * cleanly when `signal` aborts (resolving with state `cancelled`, not throwing).
 */
export interface ImportRunner {
  run(request: CliImportRequest, onProgress: (job: ImportJob) => void, signal: AbortSignal): Promise<ImportJob>;
  /** Ends what the runner started (services, workers). */
  close(): Promise<void>;
}

export interface ImportRunnerSetup {
  configDir: string;
  libraryPath: string;
  log: (line: string) => void;
  fetch?: FetchLike;
}

/** Opens the import for one run of `kladde import`; null when this build has none. */
export type ImportRunnerFactory = (setup: ImportRunnerSetup) => Promise<ImportRunner | null>;

/** How the Services container imports; the one line the coordinator fills in (see {@link serviceImportRunner}). */
export type ServicesImport = (services: Services, request: CliImportRequest, onProgress: (job: ImportJob) => void, signal: AbortSignal) => Promise<ImportJob>;

/**
 * A runner on the app's Services container (the same ImportService „Beiträge holen“ uses), started on the library
 * and the command line's config folder, stopped by `close`.
 */
export async function servicesImportRunner(setup: ImportRunnerSetup, importWith: ServicesImport): Promise<ImportRunner> {
  const services = new Services({
    configDir: setup.configDir,
    libraryPath: setup.libraryPath,
    transport: 'web',
    version: '0.0.0',
    systemLanguage: 'de',
    log: setup.log,
    ...(setup.fetch ? { fetch: setup.fetch } : {}),
  });
  await services.start();
  return {
    run: (request, onProgress, signal) => importWith(services, request, onProgress, signal),
    close: () => services.stop(),
  };
}

/**
 * The real import for `kladde import`.
 *
 * COORDINATOR — wiring, once branch imp-service is merged: replace `null` below with the call of the service's
 * import function, e.g. `(services, request, onProgress, signal) => services.importPosts(request, onProgress, signal)`
 * (map `CliImportRequest` onto the service's request there if its shape differs). Then replace the case „says that
 * importing is not wired up yet“ in tests/unit/cli/commands.test.ts with a real WXR import.
 */
const IMPORT_WITH: ServicesImport | null = null;

export const serviceImportRunner: ImportRunnerFactory = (setup) =>
  IMPORT_WITH === null ? Promise.resolve(null) : servicesImportRunner(setup, IMPORT_WITH);
