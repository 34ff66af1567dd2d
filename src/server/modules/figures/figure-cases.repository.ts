import { sql, type RawBuilder } from 'kysely';
import { CUSTODY_LIMIT_SECONDS } from '../../../domain/cases/custody-clock.js';
import type { OfficeMeasure, PoliceMeasure } from '../../../domain/figures/figure-cases.schema.js';
import type { DbOrTx } from '../../db/client.js';
import { escortMeasures } from './escort-figures.repository.js';
import { caseIdOfMessage, inPeriod, type Period } from './figures.repository.js';

/**
 * What a figure counted, one row per counted thing, in the shape every drill-down shares: the row's key,
 * when it counted, its unit (a police unit's id; a sending station's code for an office), the case or the
 * intake file it belongs to. Each statement has the same conditions as the figure's own query
 * (`police-figures`, `office-figures`, `answers-figures`, `orders-figures`, `escort-figures`), so that a
 * figure and its list agree; `figures.routes.test.ts` checks every one over a constructed day.
 */
export interface FigureCaseRow {
  key: string;
  at: Date;
  cursor_at: string;
  unit: string;
  unit_name: string | null;
  case_id: string | null;
  intake_id: string | null;
  case_number: string | null;
}

const ANSWERS = {
  answered: ['intake.registered', 'intake.returned', 'intake.rejected'],
  decided: ['intake.registered', 'intake.returned', 'intake.rejected'],
  registered: ['intake.registered'],
  returned: ['intake.returned'],
  rejected: ['intake.rejected'],
} as const;

const inList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

/** The police units' cases opened or sent in the period. */
function policeCases(orgIds: RawBuilder<unknown>, at: 'created_at' | 'sent_at', where: RawBuilder<boolean>) {
  return sql`select c.id as key, ${sql.ref(`c.${at}`)} as at, c.org_id::text as unit, null as unit_name,
    c.id as case_id, null::uuid as intake_id, c.case_number from cases c
    where c.org_id in (${orgIds}) and ${where}`;
}

/** The statement listing what one police figure counted, over the given units. */
function policeStatement(measure: PoliceMeasure, input: { orgIds: string[]; period: Period; now: Date }) {
  const { period, now } = input;
  const ids = sql.join(input.orgIds.map((id) => sql`${id}::uuid`));
  switch (measure) {
    case 'opened':
      return policeCases(ids, 'created_at', inPeriod('c.created_at', period));
    case 'complaints':
      return policeCases(
        ids,
        'created_at',
        sql`${inPeriod('c.created_at', period)} and c.origin = 'complaint'`,
      );
    case 'sent':
      return policeCases(ids, 'sent_at', inPeriod('c.sent_at', period));
    case 'answered':
    case 'registered':
    case 'returned':
    case 'rejected':
      return sql`select m.id as key, m.created_at as at, m.org_id::text as unit, null as unit_name,
        c.id as case_id, null::uuid as intake_id, c.case_number from messages m
        left join cases c on c.id = ${caseIdOfMessage('m.case_ref')} and c.org_id = m.org_id
        where m.org_id in (${ids}) and m.direction = 'in' and m.type in (${inList(ANSWERS[measure])})
        and ${inPeriod('m.created_at', period)}`;
    case 'custodyStarted':
    case 'custodyOverLimit':
    case 'inCustodyNow': {
      const begun = inPeriod('r.started_at', period);
      const where = {
        custodyStarted: begun,
        custodyOverLimit: sql`${begun} and coalesce(r.ended_at, ${now}) > r.started_at + make_interval(secs => ${CUSTODY_LIMIT_SECONDS})`,
        inCustodyNow: sql`r.ended_at is null`,
      }[measure];
      return sql`select r.id as key, r.started_at as at, r.org_id::text as unit, null as unit_name,
        r.case_id, null::uuid as intake_id, c.case_number from custody_records r
        left join cases c on c.id = r.case_id where r.org_id in (${ids}) and ${where}`;
    }
    case 'ordersReceived':
    case 'ordersOverdue': {
      const [at, where] =
        measure === 'ordersReceived'
          ? (['issued_at', inPeriod('o.issued_at', period)] as const)
          : (['deadline_at', sql`o.status <> 'closed' and o.deadline_at < ${now}`] as const);
      return sql`select o.order_id as key, ${sql.ref(`o.${at}`)} as at, o.org_id::text as unit, null as unit_name,
        o.case_id, null::uuid as intake_id, c.case_number from orders o left join cases c on c.id = o.case_id
        where o.org_id in (${ids}) and o.side = 'station' and ${where}`;
    }
    case 'escortsRequested':
    case 'escortsDone':
    case 'escortsLate': {
      const { where, at } = escortMeasures(period, now)[measure];
      return sql`select escort_id as key, ${sql.ref(at)} as at, org_id::text as unit, null as unit_name,
        case_id, null::uuid as intake_id, case_number from escorts
        where org_id in (${ids}) and side = 'station' and ${where}`;
    }
  }
}

/** The statement listing what one office figure counted, of one sending station or all. */
function officeStatement(
  measure: OfficeMeasure,
  input: { officeId: string; unit: string | null; period: Period; now: Date },
) {
  const { officeId, unit, period, now } = input;
  const ofUnit = (column: string) => (unit === null ? sql`true` : sql`${sql.ref(column)} = ${unit}`);
  switch (measure) {
    case 'received':
    case 'awaitingDecision': {
      const where = measure === 'received' ? inPeriod('received_at', period) : sql`status = 'received'`;
      return sql`select id as key, received_at as at, source_org as unit, station_name as unit_name,
        null::uuid as case_id, id as intake_id, case_number from intake_files
        where org_id = ${officeId}::uuid and ${where} and ${ofUnit('source_org')}`;
    }
    case 'decided':
    case 'registered':
    case 'returned':
    case 'rejected':
      return sql`select m.id as key, m.created_at as at, m.to_org as unit, f.station_name as unit_name,
        null::uuid as case_id, f.id as intake_id, f.case_number from messages m
        left join intake_files f on f.org_id = m.org_id and f.source_org = m.to_org and f.case_ref = m.case_ref
        where m.org_id = ${officeId}::uuid and m.direction = 'out' and m.type in (${inList(ANSWERS[measure])})
        and ${inPeriod('m.created_at', period)} and ${ofUnit('m.to_org')}`;
    case 'ordersIssued':
    case 'ordersOverdue': {
      const [at, where] =
        measure === 'ordersIssued'
          ? (['issued_at', inPeriod('o.issued_at', period)] as const)
          : (['deadline_at', sql`o.status <> 'closed' and o.deadline_at < ${now}`] as const);
      return sql`select o.order_id as key, ${sql.ref(`o.${at}`)} as at, o.peer_org as unit, f.station_name as unit_name,
        null::uuid as case_id, o.intake_file_id as intake_id, f.case_number from orders o
        left join intake_files f on f.id = o.intake_file_id
        where o.org_id = ${officeId}::uuid and o.side = 'office' and ${where} and ${ofUnit('o.peer_org')}`;
    }
  }
}

/** One keyset page (newest first, then by key) of a drill-down statement; `next` is the last row's key. */
async function pageOf(
  db: DbOrTx,
  statement: RawBuilder<unknown>,
  input: { cursor: readonly [string, string] | undefined; limit: number },
): Promise<{ rows: FigureCaseRow[]; next: [string, string] | null }> {
  const after = input.cursor
    ? sql`(e.at, e.key) < (${input.cursor[0]}::timestamptz, ${input.cursor[1]}::uuid)`
    : sql`true`;
  const { rows } = await sql<FigureCaseRow>`select e.*, e.at::text as cursor_at from (${statement}) e
    where ${after} order by e.at desc, e.key desc limit ${input.limit + 1}`.execute(db);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > input.limit && last ? [last.cursor_at, last.key] : null };
}

/** What a police figure counted over the given units, one keyset page. */
export async function findPoliceFigureCases(
  db: DbOrTx,
  input: {
    measure: PoliceMeasure;
    orgIds: string[];
    period: Period;
    now: Date;
    cursor: readonly [string, string] | undefined;
    limit: number;
  },
) {
  if (input.orgIds.length === 0) return { rows: [], next: null };
  return pageOf(db, policeStatement(input.measure, input), input);
}

/** What an office figure counted, of one sending station (by code) or all, one keyset page. */
export async function findOfficeFigureCases(
  db: DbOrTx,
  input: {
    measure: OfficeMeasure;
    officeId: string;
    unit: string | null;
    period: Period;
    now: Date;
    cursor: readonly [string, string] | undefined;
    limit: number;
  },
) {
  return pageOf(db, officeStatement(input.measure, input), input);
}
