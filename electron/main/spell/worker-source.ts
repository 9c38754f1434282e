import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Starts a fresh spell worker thread; SpellService calls it lazily and again after a crash. */
export type SpellWorkerFactory = () => Worker;

/**
 * Where the spell worker lives, seen from the module that asks (its import.meta.url): beside main's bundle
 * (dist/main/spell-worker.cjs), from the web host's bundle one folder over (dist/web → dist/main), or as
 * TypeScript source next to this file when running from source (tsx, vitest). Null if none exists.
 */
export function locateSpellWorker(from: string = import.meta.url): string | null {
  const candidates = ['./spell-worker.cjs', '../main/spell-worker.cjs', './spell-worker.ts'];
  for (const candidate of candidates) {
    const file = fileURLToPath(new URL(candidate, from));
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * A factory for workers from `file`. The bundled worker (one self-contained CommonJS file, Hunspell included)
 * is read by main and started from its text, because a worker thread cannot load a file from inside app.asar
 * while main's fs can read it. TypeScript source is started through tsx's loader, for development and tests.
 */
export function spellWorkerFactory(file: string): SpellWorkerFactory {
  if (file.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const source = pathToFileURL(file).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
    return () => new Worker(bootstrap, { eval: true, name: 'kladde-spell' });
  }
  return () => new Worker(readFileSync(file, 'utf8'), { eval: true, name: 'kladde-spell' });
}
