import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db.js';
import { createDb } from '../db/client.js';
import { fixedClock } from '../platform/clock.js';
import { seedDemoOnce } from './seed-demo.js';

describe('seeding the demo once', () => {
  it('seeds an empty database once when two processes start on it together', async () => {
    const { db, url } = await useTestDatabase();
    // Two processes: each its maintenance pool of two connections and its serving pool, as `startNode` opens them.
    const processes = [0, 1].map(() => ({
      db: createDb(url, { max: 2 }),
      lockDb: createDb(url, { max: 2 }),
    }));
    try {
      const results = await Promise.all(
        processes.map((p) =>
          seedDemoOnce({
            ...p,
            clock: fixedClock('2026-11-20T08:00:00Z'),
            nodeId: 'node-demo',
            demo: 'true',
            embedded: false,
            cases: 20,
          }),
        ),
      );
      const seeded = results.filter((r) => r !== null);
      expect(seeded).toHaveLength(1);
      const organisations = await db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const cases = await db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(organisations.n)).toBe(seeded[0]?.organisations);
      expect(Number(cases.n)).toBe(20);
    } finally {
      await Promise.all(processes.flatMap((p) => [p.db.destroy(), p.lockDb.destroy()]));
    }
  });
});
