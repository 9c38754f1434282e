import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { germanPost } from './corpus.js';
import { median } from './stats.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Listing a library of n posts in a fresh Node process: the first-ever listing without any cache (no
 * `.kladde/liste.json`; removed before each of 3 runs, median), which the target is about, and the listing at a
 * later start with the summary cache (median of 3). The files were just written, so the operating system's page
 * cache holds them (dropping it would slow every other process on the machine).
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
      const listOnce = async () => Number((await run(process.execPath, ['--import', 'tsx', path.join(here, 'list-once.ts'), root])).stdout.trim());
      const firsts: number[] = [];
      for (let r = 0; r < 3; r++) {
        await rm(path.join(root, '.kladde', 'liste.json'), { force: true });
        firsts.push(await listOnce());
      }
      const cached: number[] = [];
      for (let r = 0; r < 3; r++) cached.push(await listOnce());
      const first = median(firsts);
      const target = n >= 10_000 ? ` (Ziel ≤ 1000 ms: ${first <= 1000 ? 'erfüllt' : 'verfehlt'})` : '';
      lines.push(
        `Bibliothek mit ${n.toLocaleString('de-DE')} Beiträgen: allererste Auflistung ohne jeden Zwischenspeicher Median ${first.toFixed(0)} ms` +
          ` [${firsts.map((x) => x.toFixed(0)).join(', ')}]${target}; später mit Listen-Zwischenspeicher Median ${median(cached).toFixed(0)} ms`,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return lines;
}
