import { describe, expect, it } from 'vitest';
import { modelConfig } from './model/config.js';
import { runModel } from './model/run-model.js';

/**
 * Issue 8, „Nothing typed is ever lost“: seeded random sequences of typing, title and slug edits, post switches,
 * renames, duplicates, outside edits, failing saves, publish-record writes, reloads and host restarts; after
 * every step each typed word must be in the editor, on disk or in the recovery journal.
 *
 *   SEED=123 STEPS=200 npx vitest run --project e2e tests/e2e/model-based.test.ts
 *   (SEEDS=1,2,3 several seeds; MODEL_SKIP=restart,reload leaves kinds of steps out; MODEL_LOG=1 prints the log)
 */
const { seeds, steps, weights } = modelConfig();

describe('model-based: nothing typed is ever lost', () => {
  for (const seed of seeds) {
    it(`seed ${seed}, ${steps} steps`, { timeout: Math.max(120_000, steps * 10_000) }, async () => {
      console.log(`Modelltest: Seed ${seed} startet, ${steps} Schritte`);
      const result = await runModel(seed, steps, weights);
      console.log(
        `Modelltest: Seed ${seed}, ${result.steps} Schritte, ${result.markers} Marker geprüft ` +
          `(${result.checks} Prüfungen, ${result.skipped} Schritte übersprungen, ${(result.ms / 1000).toFixed(1)} s)`,
      );
      if (process.env['MODEL_LOG']) console.log(result.log.join('\n'));
      expect(result.markers).toBeGreaterThan(0);
    });
  }
});
