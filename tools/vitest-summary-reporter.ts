import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line CI reads, `N passed, N failed[, N skipped]`,
 * and on failure the fast-check seed to replay it.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file that failed to load has no tests but is still a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    if (failed > 0) {
      const seed = process.env['FC_SEED'] ?? '20261124 (default)';
      process.stdout.write(`\nfast-check seed: ${seed}; replay with FC_SEED=<seed> and the reported path\n`);
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  }
}
