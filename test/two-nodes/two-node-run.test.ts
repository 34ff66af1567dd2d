import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db.js';
import { exactlyOnce, runTwoNodes } from './two-node-run.js';

/**
 * The bounded version of `npm run bench -- --two-nodes`: two `casebridge serve` processes, each on a database
 * of its own, over HTTPS through a link with 20 ms of round-trip time and 1 % of segments lost; a few full
 * round trips must complete, and every message of them arrive exactly once on its side.
 */
describe('two nodes over HTTPS, as they will run', () => {
  it(
    'completes full round trips (file → registration → order → acknowledgement), each message once',
    { timeout: 240_000 },
    async () => {
      const databases = [await useTestDatabase(), await useTestDatabase()];
      const result = await runTwoNodes({
        roundTrips: 4,
        warmup: 0,
        concurrency: 2,
        links: [{ name: '20 ms RTT, 1 % loss', rttMs: 20, loss: 0.01 }],
        databaseUrls: [databases[0]!.url, databases[1]!.url],
      });
      expect(result.expectedEach).toBe(4);
      expect(exactlyOnce(result)).toEqual({ ok: true, problems: [] });
      const [figures] = result.links;
      expect(figures!.latenciesMs).toHaveLength(4);
      // Each round trip crosses the link at least eight times (four messages, four receipts): ≥ 8 × 20 ms.
      for (const ms of figures!.latenciesMs) expect(ms).toBeGreaterThan(160);
    },
  );
});
