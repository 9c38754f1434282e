import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/** Ends the run with one plain line, "N passed, N failed, N skipped", that any CI can read. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      // A file that failed without a failed test (a beforeAll that threw, e.g. a missing test server, skips all its
      // tests) counts as one failure, so the line never reads as a clean run.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    // An error outside any test (a timer firing after its file ended) fails the run too: say so on the same line.
    const errors = unhandledErrors.length > 0 ? `, ${unhandledErrors.length} unhandled error(s)` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped${errors}\n`);
  }
}
