import type { DbOrTx } from '../../db/client.js';
import type { Period } from './figures.repository.js';

/**
 * Breach records (issue 19) detected in the period, per organisation and per kind of clock: kept apart from
 * the other figures' queries so that the counts can join whatever shape those take. Units with none have
 * no row.
 */
export async function findBreachCounts(db: DbOrTx, input: { orgIds: readonly string[]; period: Period }) {
  if (input.orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('clock_breaches')
    .select((eb) => ['org_id', 'kind', eb.fn.countAll<string>().as('count')])
    .where('org_id', 'in', [...input.orgIds])
    .where('detected_at', '>=', input.period.from)
    .where('detected_at', '<', input.period.to)
    .groupBy(['org_id', 'kind'])
    .orderBy('org_id')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, kind: r.kind, count: Number(r.count) }));
}
