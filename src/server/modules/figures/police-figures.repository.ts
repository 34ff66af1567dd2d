import { sql } from 'kysely';
import { CUSTODY_LIMIT_SECONDS } from '../../../domain/cases/custody-clock.js';
import type { StationFigures } from '../../../domain/figures/figures.schema.js';
import type { DbOrTx } from '../../db/client.js';
import { countAnswers } from './answers-figures.repository.js';
import { countEscorts } from './escort-figures.repository.js';
import { countOrders } from './orders-figures.repository.js';
import {
  byUnit,
  caseIdOfMessage,
  countWhere,
  inPeriod,
  medianHours,
  mergeParts,
  perUnitAndTotal,
  type Period,
  type UnitsAndTotal,
} from './figures.repository.js';

type Input = { orgIds: string[]; period: Period; now: Date };

/** Cases opened and sent in the period, per police unit. */
async function casesOf(db: DbOrTx, { orgIds, period }: Input) {
  const rows = await db
    .selectFrom('cases')
    .select([
      'org_id as unit',
      countWhere(inPeriod('created_at', period)).as('opened'),
      countWhere(sql<boolean>`${inPeriod('created_at', period)} and origin = 'complaint'`).as('complaints'),
      countWhere(inPeriod('sent_at', period)).as('sent'),
      medianHours('sent_at', 'created_at', inPeriod('sent_at', period)).as('median_hours_to_send'),
    ])
    .where('org_id', 'in', orgIds)
    .where((eb) => eb.or([inPeriod('created_at', period), inPeriod('sent_at', period)]))
    .groupBy(perUnitAndTotal('org_id'))
    .execute();
  return byUnit(rows, (r) => ({
    opened: r.opened,
    complaints: r.complaints,
    sent: r.sent,
    medianHoursToSend: r.median_hours_to_send,
  }));
}

/** The offices' answers that arrived in the period, and the median time from sending, per police unit. */
async function answersOf(db: DbOrTx, { orgIds, period }: Input) {
  const sentAt = sql<Date | null>`(select c.sent_at from cases c where c.id = ${caseIdOfMessage('m.case_ref')})`;
  const answers = await countAnswers(db, {
    orgIds,
    direction: 'in',
    unit: 'm.org_id',
    since: sentAt,
    period,
  });
  return new Map(
    [...answers].map(([unit, { medianHours, ...counts }]) => [
      unit,
      { ...counts, medianHoursToAnswer: medianHours },
    ]),
  );
}

/** Custodies begun in the period, those of them past the 24-hour limit (Art. 46), and who is held now. */
async function custodyOf(db: DbOrTx, { orgIds, period, now }: Input) {
  const begun = inPeriod('started_at', period);
  const rows = await db
    .selectFrom('custody_records')
    .select([
      'org_id as unit',
      countWhere(begun).as('custody_started'),
      countWhere(
        sql<boolean>`${begun} and coalesce(ended_at, ${now}) > started_at + make_interval(secs => ${CUSTODY_LIMIT_SECONDS})`,
      ).as('custody_over_limit'),
      countWhere(sql<boolean>`ended_at is null`).as('in_custody_now'),
    ])
    .where('org_id', 'in', orgIds)
    .where((eb) => eb.or([begun, eb('ended_at', 'is', null)]))
    .groupBy(perUnitAndTotal('org_id'))
    .execute();
  return byUnit(rows, (r) => ({
    custodyStarted: r.custody_started,
    custodyOverLimit: r.custody_over_limit,
    inCustodyNow: r.in_custody_now,
  }));
}

/** Judicial orders received in the period, and those past their deadline and not closed now. */
async function ordersOf(db: DbOrTx, { orgIds, period, now }: Input) {
  const counts = await countOrders(db, { side: 'station', orgIds, unit: 'org_id', period, now });
  return new Map(
    [...counts].map(([unit, c]) => [unit, { ordersReceived: c.issued, ordersOverdue: c.overdue }]),
  );
}

const NONE: StationFigures = {
  opened: 0,
  complaints: 0,
  sent: 0,
  medianHoursToSend: null,
  registered: 0,
  returned: 0,
  rejected: 0,
  medianHoursToAnswer: null,
  custodyStarted: 0,
  custodyOverLimit: 0,
  inCustodyNow: 0,
  ordersReceived: 0,
  ordersOverdue: 0,
  escortsRequested: 0,
  escortsDone: 0,
  escortsLate: 0,
};

/**
 * The figures of the given police units over a period: per unit id, and the total (its medians are over
 * all units' rows, not a median of medians). Counts of what happened in the period, plus
 * what stands open at `now` (people in custody, overdue orders, escorts waiting past their time).
 */
export async function findPoliceFigures(db: DbOrTx, input: Input): Promise<UnitsAndTotal<StationFigures>> {
  if (input.orgIds.length === 0) return { perUnit: new Map(), total: NONE };
  const parts = [
    await casesOf(db, input),
    await answersOf(db, input),
    await custodyOf(db, input),
    await ordersOf(db, input),
    await countEscorts(db, input),
  ];
  return mergeParts<StationFigures>(input.orgIds, parts, NONE);
}
