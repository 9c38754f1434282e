import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Services } from '../main/services.js';
import { WebHost } from './web-host.js';

/** `npm run web`: Kladde in a browser, served on 127.0.0.1 only. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      library: { type: 'string' },
      config: { type: 'string' },
      port: { type: 'string' },
    },
  });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const configDir = values.config ?? path.join(os.homedir(), '.config', 'kladde-web');
  const services = new Services({
    configDir,
    ...(values.library ? { libraryPath: path.resolve(values.library) } : {}),
    transport: 'web',
    version: process.env['npm_package_version'] ?? '0.0.0',
    systemLanguage: Intl.DateTimeFormat().resolvedOptions().locale,
    log: (m) => console.error(m),
  });
  await services.start();
  const host = new WebHost({
    services,
    staticDir: path.resolve(here, '../../dist/renderer'),
    ...(values.port ? { port: Number(values.port) } : {}),
    // Token and port stay the same across restarts, so a tab left open keeps working.
    configDir,
    log: (m) => console.error(m),
  });
  await host.start();
  console.log(`Kladde läuft im Browser: ${host.url}`);
  console.log(`Bibliothek: ${services.posts.root}`);
  const stop = () => {
    void host.stop().then(() => services.stop()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Kladde konnte nicht starten: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
