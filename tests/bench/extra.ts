import { benchImageImport } from './image-bench.js';
import { benchPublish } from './publish-bench.js';
import { benchSpell } from './spell-bench.js';

/** Benchmarks of further features: spell checking, a 50 MB image, and publishing to a real WordPress on loopback. */
export async function benchExtra(): Promise<string[]> {
  return [...(await benchSpell()), ...(await benchImageImport()), ...(await benchPublish())];
}
