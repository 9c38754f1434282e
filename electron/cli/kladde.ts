import { readFileSync } from 'node:fs';
import { serviceImportRunner } from './import-runner.js';
import { processIo } from './io.js';
import { runCli } from './run.js';

/** The version in package.json, found beside the bundle (dist/cli → the package root) or the source. */
function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** `kladde`: Kladde's services from the command line (see help.ts; started by scripts/kladde.mjs). */
const code = await runCli(process.argv.slice(2), processIo(), { importRunner: serviceImportRunner, version: version() });
// Idle sockets of the HTTP client must not keep a finished command waiting; stdout is flushed first.
process.stdout.write('', () => process.exit(code));
