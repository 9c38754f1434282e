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

/** Opens the import for one run of `kladde import`. */
export type ImportRunnerFactory = (setup: ImportRunnerSetup) => Promise<ImportRunner>;

/** How the Services container imports (see {@link serviceImportRunner}). */
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

/** The real import for `kladde import`: the ImportService of „Beiträge holen“, with the export named by its path. */
const IMPORT_WITH: ServicesImport = (services, request, onProgress, signal) =>
  services.imports.run(
    request.kind === 'blog'
      ? { ...request }
      : {
          kind: 'wxr-path',
          path: request.file,
          blogId: request.blogId,
          includePages: request.includePages,
          downloadImages: request.downloadImages,
          overwriteLocal: request.overwriteLocal,
        },
    onProgress,
    signal,
  );

export const serviceImportRunner: ImportRunnerFactory = (setup) => servicesImportRunner(setup, IMPORT_WITH);
