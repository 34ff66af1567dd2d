import { expect, inject, it } from 'vitest';

// Run only by `.ci/run` (through test/canary/vitest.config.ts), never by `npm test`: it fails on purpose,
// after the same global setup as the server tests (which once forced the exit code to 0), to prove that
// a failing test fails the run.
it('fails on purpose, so that the run must exit non-zero', () => {
  expect(inject('dbKind')).toMatch(/^(embedded|server)$/);
  expect(1).toBe(2);
});
