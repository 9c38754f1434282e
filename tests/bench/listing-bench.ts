import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { germanPost } from './corpus.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Listing a library of n posts in a fresh Node process, median of 3 (the library's summary cache exists then),
 * and the very first listing of a library Kladde has never seen.
 */
export async function benchListing(counts: number[]): Promise<string[]> {
  const lines: string[] = [];
  for (const n of counts) {
    const root = await mkdtemp(path.join(os.tmpdir(), `kladde-bench-${n}-`));
    try {
      const body = germanPost('Titel', 'x', 2500);
      for (let i = 0; i < n; i += 200) {
        await Promise.all(
          Array.from({ length: Math.min(200, n - i) }, async (_, j) => {
            const id = `beitrag-${i + j}`;
            await mkdir(path.join(root, id));
            await writeFile(path.join(root, id, 'index.md'), body.replace('title: Titel', `title: Beitrag ${i + j}`).replace('slug: x', `slug: ${id}`));
          }),
        );
      }
      const first = Number((await run(process.execPath, ['--import', 'tsx', path.join(here, 'list-once.ts'), root])).stdout.trim());
      const runs: number[] = [];
      for (let r = 0; r < 3; r++) {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'list-once.ts'), root]);
        runs.push(Number(stdout.trim()));
      }
      runs.sort((a, b) => a - b);
      const ms = runs[1] ?? Number.NaN;
      const target = n >= 10_000 ? ` (Ziel < 1000 ms: ${ms < 1000 ? 'erreicht' : 'VERFEHLT'})` : '';
      lines.push(
        `Bibliothek mit ${n.toLocaleString('de-DE')} Beiträgen auflisten: Kaltstart ${ms.toFixed(0)} ms${target}; allererste Auflistung ohne Listen-Zwischenspeicher ${first.toFixed(0)} ms`,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return lines;
}
