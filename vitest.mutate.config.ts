import { defineConfig } from 'vitest/config';

/**
 * The vitest config StrykerJS runs (`npm run mutate`, stryker.config.mjs): one node project, whose
 * test files Stryker narrows to those of its target (`MUTATE=domain|exchange`). The domain's tests are
 * pure; the exchange's need the PostgreSQL of the global setup (DATABASE_URL, or an embedded one).
 */
const needsDatabase = process.env.MUTATE === 'exchange';

export default defineConfig({
  test: {
    name: `mutate-${process.env.MUTATE ?? 'domain'}`,
    environment: 'node',
    include: ['src/domain/**/*.test.ts', 'src/server/**/*.test.ts'],
    globalSetup: needsDatabase ? ['test/global-setup.ts'] : [],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
