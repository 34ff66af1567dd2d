import { sql } from 'kysely';
import type { OfficeFigures } from '../../../domain/figures/figures.schema.js';
import type { DbOrTx } from '../../db/client.js';
import { countAnswers } from './answers-figures.repository.js';
import { countOrders } from './orders-figures.repository.js';
import {
  byUnit,
  countWhere,
  inPeriod,
  mergeParts,
  perUnitAndTotal,
  type Period,
  type UnitsAndTotal,
} from './figures.repository.js';

type Input = { officeId: string; period: Period; now: Date };

/** Files received in the period (each file once: its first `case.submitted`), per sending station. */
async function receivedOf(db: DbOrTx, { officeId, period }: Input) {
  const rows = await db
    .selectFrom('intake_files')
    .select(['source_org as unit', countWhere(sql<boolean>`true`).as('received')])
    .where('org_id', '=', officeId)
    .where(inPeriod('received_at', period))
    .groupBy(perUnitAndTotal('source_org'))
    .execute();
  return byUnit(rows, (r) => ({ received: r.received }));
}

/** The decisions the office sent in the period, and the median time from receiving the file, per station. */
async function decisionsOf(db: DbOrTx, { officeId, period }: Input) {
  const receivedAt = sql<Date | null>`(select f.received_at from intake_files f
    where f.org_id = m.org_id and f.source_org = m.to_org and f.case_ref = m.case_ref)`;
  const orgIds = [officeId];
  const answers = await countAnswers(db, {
    orgIds,
    direction: 'out',
    unit: 'm.to_org',
    since: receivedAt,
    period,
  });
  return new Map(
    [...answers].map(([unit, { medianHours, ...counts }]) => [
      unit,
      { ...counts, medianHoursToDecide: medianHours },
    ]),
  );
}

/** Files waiting for the office's decision now. */
async function awaitingOf(db: DbOrTx, { officeId }: Input) {
  const rows = await db
    .selectFrom('intake_files')
    .select(['source_org as unit', countWhere(sql<boolean>`true`).as('awaiting')])
    .where('org_id', '=', officeId)
    .where('status', '=', 'received')
    .groupBy(perUnitAndTotal('source_org'))
    .execute();
  return byUnit(rows, (r) => ({ awaitingDecision: r.awaiting }));
}

/** Orders issued in the period, and those past their deadline and not closed now, per station. */
async function ordersOf(db: DbOrTx, { officeId, period, now }: Input) {
  const counts = await countOrders(db, { side: 'office', orgIds: [officeId], unit: 'peer_org', period, now });
  return new Map(
    [...counts].map(([unit, c]) => [unit, { ordersIssued: c.issued, ordersOverdue: c.overdue }]),
  );
}

/** The name the office knows each sending station by: the one on its latest file. */
async function stationNames(db: DbOrTx, officeId: string, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('intake_files')
    .distinctOn('source_org')
    .select(['source_org', 'station_name'])
    .where('org_id', '=', officeId)
    .where('source_org', 'in', codes)
    .orderBy('source_org')
    .orderBy('received_at', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.source_org, r.station_name]));
}

const NONE: OfficeFigures = {
  received: 0,
  registered: 0,
  returned: 0,
  rejected: 0,
  medianHoursToDecide: null,
  awaitingDecision: 0,
  ordersIssued: 0,
  ordersOverdue: 0,
};

/**
 * A prosecutor's office's figures over a period, one row per station that sent it files or has orders
 * from it in the period or open now (by station code, with the name on its latest file), and the total
 * (medians over all rows).
 */
export async function findOfficeFigures(
  db: DbOrTx,
  input: Input,
): Promise<UnitsAndTotal<OfficeFigures> & { names: Map<string, string> }> {
  const parts = [
    await receivedOf(db, input),
    await decisionsOf(db, input),
    await awaitingOf(db, input),
    await ordersOf(db, input),
  ];
  const codes = [...new Set(parts.flatMap((part) => [...part.keys()]))]
    .filter((c): c is string => c !== null)
    .sort();
  return {
    ...mergeParts<OfficeFigures>(codes, parts, NONE),
    names: await stationNames(db, input.officeId, codes),
  };
}
