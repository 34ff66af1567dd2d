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

/** The offices' three business answers, as message types. */
const ANSWER_TYPES = ['intake.registered', 'intake.returned', 'intake.rejected'];

/** The answers of one period and how long they took. */
export interface AnswerCounts {
  registered: number;
  returned: number;
  rejected: number;
  medianHours: number | null;
}

/**
 * The offices' answers in the period, from the exchange's own record of them (messages `m`): those the
 * given organisations received (`in`, a police view) or sent (`out`, an office), per `unit`, with the
 * median time from `since` (an expression over `m`: when the file was sent, or received) to the answer.
 */
export async function countAnswers(
  db: DbOrTx,
  input: {
    orgIds: string[];
    direction: 'in' | 'out';
    unit: 'm.org_id' | 'm.to_org';
    since: RawBuilder<Date | null>;
    period: Period;
  },
): Promise<ByUnit<AnswerCounts>> {
  const rows = await db
    .selectFrom('messages as m')
    .select([
      `${input.unit} as unit`,
      countWhere(sql<boolean>`m.type = 'intake.registered'`).as('registered'),
      countWhere(sql<boolean>`m.type = 'intake.returned'`).as('returned'),
      countWhere(sql<boolean>`m.type = 'intake.rejected'`).as('rejected'),
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from m.created_at - ${input.since})) / 3600`.as(
        'median_hours',
      ),
    ])
    .where('m.org_id', 'in', input.orgIds)
    .where('m.direction', '=', input.direction)
    .where('m.type', 'in', ANSWER_TYPES)
    .where(inPeriod('m.created_at', input.period))
    .groupBy(perUnitAndTotal(input.unit))
    .execute();
  return byUnit(rows, (r) => ({
    registered: r.registered,
    returned: r.returned,
    rejected: r.rejected,
    medianHours: r.median_hours,
  }));
}
