import { benchSpell } from './spell-bench.js';

/** Benchmarks of further features: spell checking (publishing adds its own here). */
export async function benchExtra(): Promise<string[]> {
  return [...(await benchSpell())];
}
