import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          environment: 'node',
          include: [
            'src/domain/**/*.test.ts',
            'src/server/**/*.test.ts',
            'src/cli/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          // CI's second pass over the server tests (on the embedded PostgreSQL) leaves out the bounded fuzz,
          // crash soak and two-node runs, which ran in the first (their nodes are processes of their own, on
          // databases of their own): vitest's --exclude does not reach a project's own list.
          exclude: [
            'test/e2e/**',
            ...(process.env.CASEBRIDGE_SKIP_LONG_SUITES === '1'
              ? ['test/fuzz/**', 'test/soak/**', 'test/two-nodes/**']
              : []),
          ],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          // The first antd render of a file can take seconds on a 2-core machine.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          // Browser tests: a real node and Debian's Chromium; they skip, saying so, when Chromium is absent.
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
