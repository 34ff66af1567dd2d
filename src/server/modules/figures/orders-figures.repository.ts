import { sql } from 'kysely';
import type { DbOrTx } from '../../db/client.js';
import {
  byUnit,
  countWhere,
  inPeriod,
  perUnitAndTotal,
  type ByUnit,
  type Period,
} from './figures.repository.js';

/**
 * Judicial orders of one side — the office's rows (per station: `peer_org`) or the stations' (per station
 * id: `org_id`) — issued in the period, and past their deadline and not closed now.
 */
export async function countOrders(
  db: DbOrTx,
  input: {
    side: 'office' | 'station';
    orgIds: string[];
    unit: 'org_id' | 'peer_org';
    period: Period;
    now: Date;
  },
): Promise<ByUnit<{ issued: number; overdue: number }>> {
  const overdue = sql<boolean>`status <> 'closed' and deadline_at < ${input.now}`;
  const rows = await db
    .selectFrom('orders')
    .select([
      `${input.unit} as unit`,
      countWhere(inPeriod('issued_at', input.period)).as('issued'),
      countWhere(overdue).as('overdue'),
    ])
    .where('org_id', 'in', input.orgIds)
    .where('side', '=', input.side)
    .where((eb) => eb.or([inPeriod('issued_at', input.period), overdue]))
    .groupBy(perUnitAndTotal(input.unit))
    .execute();
  return byUnit(rows, (r) => ({ issued: r.issued, overdue: r.overdue }));
}
