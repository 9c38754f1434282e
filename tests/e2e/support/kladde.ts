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
  url: string;
  origin: string;
  library: string;
  services: Services;
  stop(): Promise<void>;
}

/** The real services and the built renderer behind the real web host, on a fresh temp library. */
export async function startKladde(options: { library?: string } = {}): Promise<RunningKladde> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('Die Oberfläche ist nicht gebaut (dist/renderer fehlt): erst „npm run build“ ausführen.');
  }
  const base = await mkdtemp(path.join(os.tmpdir(), 'kladde-e2e-'));
  const library = options.library ?? path.join(base, 'Bibliothek');
  const services = new Services({
    configDir: path.join(base, 'config'),
    libraryPath: library,
    transport: 'web',
    version: 'test',
    systemLanguage: 'de-DE',
  });
  await services.start();
  const host = new WebHost({ services, staticDir: RENDERER_DIR });
  await host.start();
  return {
    url: host.url,
    origin: host.origin,
    library,
    services,
    stop: async () => {
      await host.stop();
      await services.stop();
      await rm(base, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOT_DIR = path.join(repo, 'tests/e2e/screenshots');
