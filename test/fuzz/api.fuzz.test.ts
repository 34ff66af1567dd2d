import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { useTestDatabase } from '../db.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { errorCollectingLogger } from './error-log.js';
import { formatFindings, runFuzz } from './fuzz-run.js';

/** The bounded run of the API fuzzer (the long one: `npm run fuzz -- --requests 100000`). */
const SEED = 20_251_206;
const REQUESTS = 3_000;

const { db } = await useTestDatabase();
const errors = errorCollectingLogger();
const { app, exchange } = await useTestApp(db, { log: errors.log });

describe('the API under fuzzing', () => {
  it(
    `answers ${REQUESTS} hostile requests (seed ${SEED}) with no 5xx, no leak and no change by a refused one, and works normally after`,
    { timeout: 300_000 },
    async () => {
      const result = await runFuzz(
        { app, db, exchange, clock: systemClock, errors: errors.lines },
        { seed: SEED, requests: REQUESTS },
      );
      console.log(formatFindings(result));
      expect(result.requests).toBe(REQUESTS);
      expect(result.findings.filter((f) => f.kind !== 'unsendable')).toEqual([]);
    },
  );
});
