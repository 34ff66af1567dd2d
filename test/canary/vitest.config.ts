import { defineConfig } from 'vitest/config';

/** The canary: one test that fails on purpose, with the server tests' global setup (see failing.canary.ts). */
export default defineConfig({
  test: {
    include: ['test/canary/*.canary.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    hookTimeout: 120_000,
  },
});
