// @ts-check
/**
 * Mutation testing with StrykerJS (`npm run mutate [-- domain|exchange]`, scripts/mutate.mjs): two
 * targets, each mutating one part of the critical code and running only the test files related to
 * it. `MUTATE` picks the target (the script sets it; vitest.mutate.config.ts reads it too).
 */

/** @typedef {'domain' | 'exchange'} MutationTarget */

/**
 * @type {Record<MutationTarget, { mutate: string[]; tests: string[] }>}
 */
export const mutationTargets = {
  // Pure code: schemas, clocks, permissions, canonical JSON, Persian text.
  domain: {
    mutate: ['src/domain/**/*.ts', '!src/domain/**/*.test.ts'],
    tests: ['src/domain/**/*.test.ts'],
  },
  // The exchange's inbound path (checks, acceptance, receipt) and outbound path (outbox, delivery worker).
  exchange: {
    mutate: [
      'src/server/modules/exchange/inbound/inbound-checks.policy.ts',
      'src/server/modules/exchange/inbound/accept-message.usecase.ts',
      'src/server/modules/exchange/inbound/receive-message.usecase.ts',
      'src/server/modules/exchange/outbound/enqueue-message.usecase.ts',
      'src/server/modules/exchange/outbound/delivery.worker.ts',
    ],
    tests: [
      'src/server/modules/exchange/inbound/inbound-checks.policy.test.ts',
      'src/server/modules/exchange/outbound/delivery-timing.test.ts',
    ],
  },
};

/* eslint-disable no-restricted-properties -- tooling, not the app: what scripts/mutate.mjs sets */
const target = /** @type {MutationTarget} */ (process.env.MUTATE ?? 'domain');
const withStatic = process.env.MUTATE_STATIC === '1';
/* eslint-enable no-restricted-properties */
if (!(target in mutationTargets)) throw new Error(`MUTATE must be one of ${Object.keys(mutationTargets)}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: mutationTargets[target].mutate,
  testFiles: mutationTargets[target].tests,
  coverageAnalysis: 'perTest',
  // Re-runs test only the mutants whose code or tests changed; the file is kept out of git (reports/).
  incremental: true,
  incrementalFile: `reports/mutation/${target}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${target}.html` },
  jsonReporter: { fileName: `reports/mutation/${target}.json` },
  tempDirName: '.stryker-tmp',
  // What the tests never load: not copied into each sandbox.
  ignorePatterns: ['bench', 'docs', 'src/web', 'test/e2e', 'test-artifacts', 'data', 'dist', 'coverage'],
  // Static mutants (a module-level constant or schema, 15 % of the domain's) each need every test file
  // reloaded: 72 % of a domain run for them. They are skipped (reported as ignored) unless asked for
  // (`npm run mutate -- --with-static`); the legal constants among them have tests of their own values.
  ignoreStatic: !withStatic,
  concurrency: 1,
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 80, break: null },
};
