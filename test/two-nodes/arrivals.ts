import type { Db } from '../../src/server/db/client.js';

/**
 * Waits for messages to arrive at a node, seen in its database: one query every few milliseconds for all
 * that are awaited at the moment (so the waiting costs the node little whatever the number in flight).
 */
export function arrivals(db: Db, everyMs = 5) {
  const waiting = {
    intake: new Map<string, (id: string) => void>(),
    order: new Map<string, () => void>(),
    acknowledged: new Map<string, () => void>(),
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        await poll();
      } catch {
        // The database was busy or closing: the next poll tries again.
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  async function poll() {
    if (waiting.intake.size > 0) {
      const rows = await db
        .selectFrom('intake_files')
        .select(['id', 'case_ref'])
        .where('case_ref', 'in', [...waiting.intake.keys()])
        .execute();
      for (const row of rows) {
        waiting.intake.get(row.case_ref)?.(row.id);
        waiting.intake.delete(row.case_ref);
      }
    }
    for (const [map, acknowledged] of [
      [waiting.order, false],
      [waiting.acknowledged, true],
    ] as const) {
      if (map.size === 0) continue;
      let query = db
        .selectFrom('orders')
        .select('order_id')
        .where('order_id', 'in', [...map.keys()]);
      if (acknowledged) query = query.where('acknowledged_at', 'is not', null);
      for (const row of await query.execute()) {
        map.get(row.order_id)?.();
        map.delete(row.order_id);
      }
    }
  }
  const wait = <T>(map: Map<string, (value: T) => void>, key: string, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        map.delete(key);
        reject(new Error(`${what} did not arrive in 120 s`));
      }, 120_000);
      map.set(key, (value: T) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  return {
    /** The office's intake file of the station's case `caseRef`, once it is there. */
    intakeOf: (caseRef: string) => wait<string>(waiting.intake, caseRef, `the file of case ${caseRef}`),
    /** Resolves once the order is on this node. */
    orderAt: (orderId: string) => wait<void>(waiting.order, orderId, `order ${orderId}`),
    /** Resolves once this node has recorded the order's acknowledgement. */
    acknowledgementOf: (orderId: string) =>
      wait<void>(waiting.acknowledged, orderId, `the acknowledgement of order ${orderId}`),
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

export type Arrivals = ReturnType<typeof arrivals>;
