import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../db/client.js';
import {
  byUnit,
  countWhere,
  inPeriod,
  perUnitAndTotal,
  type ByUnit,
  type Period,
} from './figures.repository.js';

/** The escort figures of a police unit. */
export type EscortMeasure = 'escortsRequested' | 'escortsDone' | 'escortsLate';

/**
 * Which of a station's escort rows each escort figure counts, and when each counted (the drill-down lists
 * them by that time): requested in the period; delivered in the period; due in the period and picked up
 * after its time or — not cancelled — still waiting past it at `now` (what the escorts list marks late).
 */
export function escortMeasures(
  period: Period,
  now: Date,
): Record<EscortMeasure, { where: RawBuilder<boolean>; at: string }> {
  return {
    escortsRequested: { where: inPeriod('requested_at', period), at: 'requested_at' },
    escortsDone: { where: inPeriod('delivered_at', period), at: 'delivered_at' },
    escortsLate: {
      where: sql<boolean>`(${inPeriod('scheduled_at', period)} and coalesce(picked_up_at, case when status in ('requested', 'assigned') then ${now}::timestamptz end) > scheduled_at)`,
      at: 'scheduled_at',
    },
  };
}

/** The escorts of the given police units (their own rows, side `station`), per unit and in total. */
export async function countEscorts(
  db: DbOrTx,
  input: { orgIds: string[]; period: Period; now: Date },
): Promise<ByUnit<Record<EscortMeasure, number>>> {
  const m = escortMeasures(input.period, input.now);
  const rows = await db
    .selectFrom('escorts')
    .select([
      'org_id as unit',
      countWhere(m.escortsRequested.where).as('requested'),
      countWhere(m.escortsDone.where).as('done'),
      countWhere(m.escortsLate.where).as('late'),
    ])
    .where('org_id', 'in', input.orgIds)
    .where('side', '=', 'station')
    .where((eb) => eb.or([m.escortsRequested.where, m.escortsDone.where, m.escortsLate.where]))
    .groupBy(perUnitAndTotal('org_id'))
    .execute();
  return byUnit(rows, (r) => ({ escortsRequested: r.requested, escortsDone: r.done, escortsLate: r.late }));
}
