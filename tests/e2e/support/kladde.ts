import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Services } from '../../../electron/main/services.js';
import { WebHost } from '../../../electron/web/web-host.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = path.join(repo, 'dist/renderer');

export interface RunningKladde {
  /** The address to open; after restart() it is the restarted host's. */
  url: string;
  origin: string;
  library: string;
  configDir: string;
  /** The running services; after restart() the new ones. */
  services: Services;
  stop(): Promise<void>;
  /**
   * Stops the web host and its services and starts them again on the same library, config dir and port, as
   * when the user quits and restarts `npm run web`. Whatever the host keeps across starts (in the config dir)
   * it keeps here too.
   */
  restart(): Promise<void>;
}

/** The real services and the built renderer behind the real web host, on a fresh temp library. */
export async function startKladde(options: { library?: string; configDir?: string } = {}): Promise<RunningKladde> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('Die Oberfläche ist nicht gebaut (dist/renderer fehlt): erst „npm run build“ ausführen.');
  }
  const base = await mkdtemp(path.join(os.tmpdir(), 'kladde-e2e-'));
  const library = options.library ?? path.join(base, 'Bibliothek');
  const configDir = options.configDir ?? path.join(base, 'config');

  const launch = async (port: number | undefined): Promise<{ services: Services; host: WebHost }> => {
    const services = new Services({ configDir, libraryPath: library, transport: 'web', version: 'test', systemLanguage: 'de-DE' });
    await services.start();
    // The config dir keeps the host's token and port, so a restarted host answers the tab left open, as with npm run web.
    const host = new WebHost({ services, staticDir: RENDERER_DIR, configDir, ...(port === undefined ? {} : { port }) });
    await host.start();
    return { services, host };
  };
  const halt = async (running: { services: Services; host: WebHost }): Promise<void> => {
    await running.host.stop();
    await running.services.stop();
  };

  let running = await launch(undefined);
  const kladde: RunningKladde = {
    url: running.host.url,
    origin: running.host.origin,
    library,
    configDir,
    services: running.services,
    stop: async () => {
      await halt(running);
      await rm(base, { recursive: true, force: true });
    },
    restart: async () => {
      const port = Number(new URL(running.host.origin).port);
      await halt(running);
      running = await launch(port);
      kladde.url = running.host.url;
      kladde.origin = running.host.origin;
      kladde.services = running.services;
    },
  };
  return kladde;
}

export const SCREENSHOT_DIR = path.join(repo, 'tests/e2e/screenshots');
