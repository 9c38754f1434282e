// Bundles the main process (ESM), the preload (one CommonJS file, as a sandboxed preload must be), the
// web host and the command line. npm dependencies stay external: electron-builder packs them from node_modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { buildSpellWorker } from './spell-worker-build.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', external };

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/main/index.js', format: 'esm' }),
  build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/preload/index.cjs', format: 'cjs' }),
  build({ ...common, entryPoints: ['electron/web/cli.ts'], outfile: 'dist/web/cli.js', format: 'esm' }),
  // `kladde …` on the command line (scripts/kladde.mjs starts it); finds the spell worker in dist/main.
  build({ ...common, entryPoints: ['electron/cli/kladde.ts'], outfile: 'dist/cli/kladde.js', format: 'esm' }),
  buildSpellWorker('dist/main/spell-worker.cjs'),
]);
