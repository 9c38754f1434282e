// Bundles the spell worker into ONE self-contained CommonJS file, Hunspell's WebAssembly included. Main reads
// it and starts it with `new Worker(code, { eval: true })`: a worker thread cannot load files from inside
// app.asar, so nothing in it may be required from node_modules at run time. Shared by build-main.mjs and the
// spell tests, so both run the same artifact.
import { build } from 'esbuild';

/** @param {string} outfile */
export async function buildSpellWorker(outfile) {
  await build({
    entryPoints: [new URL('../electron/main/spell/spell-worker.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}
