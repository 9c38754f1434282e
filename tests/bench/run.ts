import { benchExtra } from './extra.js';
import { benchListing } from './listing-bench.js';
import { benchPreview, previewLines } from './preview-bench.js';

/** `npm run bench`: prints the figures; targets are stated, never asserted in tests. */
async function main(): Promise<void> {
  console.log('Kladde-Benchmarks (Median und p95; Maschine: 2 Kerne)');
  for (const line of previewLines(await benchPreview())) console.log('  ' + line);
  for (const line of await benchListing([1000, 10_000])) console.log('  ' + line);
  for (const line of await benchExtra()) console.log('  ' + line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
