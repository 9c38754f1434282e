import { readFileSync } from 'node:fs';
import os from 'node:os';
import { benchExtra } from './extra.js';
import { benchHistory } from './history-bench.js';
import { benchImport } from './import-bench.js';
import { benchListing } from './listing-bench.js';
import { benchPhotos } from './photo-bench.js';
import { benchPreview, previewLines } from './preview-bench.js';
import { benchSearch } from './search-bench.js';

/**
 * `npm run bench`: prints the figures; targets are stated, never asserted in tests.
 * `npm run bench -- preview` (or `listing`, `extra`, `import`, `search`, `history`, `photos`) runs only the named
 * benchmarks.
 */
/**
 * CPU time as /proc/stat counts it: all, and "steal" (time the virtual machine's host gave to others). On a shared
 * host every figure here is longer while steal is high, so the run prints it beside the load.
 */
function cpuTimes(): { total: number; steal: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    if (fields.length < 8) return null;
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/**
 * A fixed piece of arithmetic, timed: the same code takes the same time on the same machine, so this tells how fast
 * the machine was during a run (shared hosts are not always equally fast, steal or not).
 */
function referenceLoopMs(): number {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 100_000_000; i++) x = (x + i * 7) % 1_000_003;
  const ms = performance.now() - start;
  return x < 0 ? Number.NaN : ms;
}

async function main(): Promise<void> {
  const cpuAtStart = cpuTimes();
  const referenceAtStart = referenceLoopMs();
  const only = new Set(process.argv.slice(2));
  const wanted = (name: string) => only.size === 0 || only.has(name);
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  console.log(`Kladde-Benchmarks (Median und p95; Maschine: ${os.cpus().length} Kerne; Last 1/5/15 min: ${load()})`);
  if (wanted('preview')) for (const line of previewLines(await benchPreview())) console.log('  ' + line);
  if (wanted('listing')) for (const line of await benchListing([1000, 10_000])) console.log('  ' + line);
  if (wanted('extra')) for (const line of await benchExtra()) console.log('  ' + line);
  if (wanted('import')) for (const line of await benchImport()) console.log('  ' + line);
  if (wanted('search')) for (const line of await benchSearch()) console.log('  ' + line);
  if (wanted('history')) for (const line of await benchHistory()) console.log('  ' + line);
  if (wanted('photos')) for (const line of await benchPhotos()) console.log('  ' + line);
  const cpuAtEnd = cpuTimes();
  const reference = ` · Referenz-Schleife (feste Rechnung; länger = Maschine langsamer) ${referenceAtStart.toFixed(0)} ms am Anfang, ${referenceLoopMs().toFixed(0)} ms am Ende`;
  const steal =
    cpuAtStart && cpuAtEnd && cpuAtEnd.total > cpuAtStart.total
      ? ` · dem Rechner entzogene Zeit (steal) während des Laufs: ${(((cpuAtEnd.steal - cpuAtStart.steal) / (cpuAtEnd.total - cpuAtStart.total)) * 100).toFixed(0)} %`
      : '';
  console.log(`  (Last am Ende: ${load()}${steal}${reference} – auf einer belasteten oder geteilten Maschine sind alle Zeiten länger)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
