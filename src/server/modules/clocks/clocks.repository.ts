import { sql, type Insertable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { ClockKind, ClockRow, ClocksTable } from '../../db/schema.js';

/** Each kind's thresholds (seconds before the due time; 0 is the breach), from the one table. */
export async function findThresholds(db: DbOrTx): Promise<Map<string, number[]>> {
  const rows = await db.selectFrom('clock_thresholds').selectAll().execute();
  const byKind = new Map<string, number[]>();
  for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.before_seconds]);
  return byKind;
}

/** Inserts a clock unless this organisation already has one of this kind for this source; the row or null. */
export async function insertClock(tx: Tx, values: Insertable<ClocksTable>): Promise<ClockRow | null> {
  return (
    (await tx
      .insertInto('clocks')
      .values(values)
      .onConflict((oc) => oc.columns(['org_id', 'kind', 'source_id']).doNothing())
      .returningAll()
      .executeTakeFirst()) ?? null
  );
}

/** Ends the live clocks of this kind and source (met or stopped): no threshold fires for them any more. */
export async function settleLiveClocks(
  tx: Tx,
  input: {
    kind: ClockKind;
    sourceId: string;
    orgId?: string;
    state: 'met' | 'stopped';
    reason: string | null;
    /** When the duty was done: a clock is met only if that is by its due time. */
    metAt?: Date;
    at: Date;
  },
): Promise<number> {
  let query = tx
    .updateTable('clocks')
    .set({
      state: input.state,
      stop_reason: input.reason,
      settled_at: input.at,
      next_fire_at: null,
      next_before_seconds: null,
    })
    .where('kind', '=', input.kind)
    .where((eb) =>
      eb.or([
        eb('source_id', '=', input.sourceId),
        // the rounds of one duty (a file received again after its completion): `<source>:<round>`
        eb('source_id', 'like', `${input.sourceId.replace(/[\\%_]/g, '\\$&')}:%`),
      ]),
    )
    .where('state', 'in', ['running', 'warned']);
  if (input.orgId) query = query.where('org_id', '=', input.orgId);
  if (input.metAt) query = query.where('due_at', '>=', input.metAt);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The clocks whose next threshold is due, oldest first, locked for this transaction; rows another
 * scheduler holds are skipped (FOR UPDATE SKIP LOCKED), so each threshold is handled by one of them.
 */
export async function claimDueClocks(tx: Tx, input: { now: Date; limit: number }): Promise<ClockRow[]> {
  return tx
    .selectFrom('clocks')
    .selectAll()
    .where('next_fire_at', '<=', input.now)
    .where('state', 'in', ['running', 'warned'])
    .orderBy('next_fire_at')
    .limit(input.limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** The clocks of a case (its organisation's), oldest first. */
export async function findClocksOfCase(db: DbOrTx, input: { orgId: string; caseId: string }) {
  return db
    .selectFrom('clocks')
    .selectAll()
    .where('org_id', '=', input.orgId)
    .where('case_id', '=', input.caseId)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

/** Breaches of one organisation (optionally of one case, or one breach), with names and annotations. */
export async function findBreaches(db: DbOrTx, input: { orgId: string; caseId?: string; breachId?: string }) {
  let query = db
    .selectFrom('clock_breaches as b')
    .leftJoin('users as u', 'u.id', 'b.responsible_user_id')
    .selectAll('b')
    .select('u.display_name as responsible_name')
    .select((eb) =>
      sql<
        { id: string; note: string; annotated_by: string; annotated_by_name: string; annotated_at: string }[]
      >`coalesce((
        select json_agg(json_build_object('id', a.id, 'note', a.note, 'annotated_by', a.annotated_by,
               'annotated_by_name', au.display_name, 'annotated_at', a.annotated_at) order by a.annotated_at, a.id)
        from clock_breach_annotations a join users au on au.id = a.annotated_by
        where a.breach_id = ${eb.ref('b.id')}), '[]'::json)`.as('annotations'),
    )
    .where('b.org_id', '=', input.orgId);
  if (input.caseId) query = query.where('b.case_id', '=', input.caseId);
  if (input.breachId) query = query.where('b.id', '=', input.breachId);
  return query.orderBy('b.due_at').orderBy('b.id').execute();
}
export type BreachRow = Awaited<ReturnType<typeof findBreaches>>[number];

/** Appends a chief's justification to a breach. */
export async function insertBreachAnnotation(
  tx: Tx,
  values: {
    id: string;
    breach_id: string;
    org_id: string;
    note: string;
    annotated_by: string;
    annotated_at: Date;
  },
): Promise<void> {
  await tx.insertInto('clock_breach_annotations').values(values).execute();
}

/** A breach of this organisation, locked while it is annotated; null when it is not one of theirs. */
export async function findBreachForAnnotation(tx: Tx, input: { orgId: string; breachId: string }) {
  return (
    (await tx
      .selectFrom('clock_breaches')
      .select(['id', 'case_id'])
      .where('id', '=', input.breachId)
      .where('org_id', '=', input.orgId)
      .executeTakeFirst()) ?? null
  );
}

/**
 * Running custodies that have no clock yet (recorded before clocks existed, or seeded by the demo): the
 * scheduler opens theirs at start, so that a custody past 24 h becomes a breach record on the first start.
 */
export async function findCustodiesWithoutClock(db: DbOrTx, limit: number) {
  return db
    .selectFrom('custody_records as c')
    .innerJoin('cases', 'cases.id', 'c.case_id')
    .select(['c.id', 'c.org_id', 'c.case_id', 'c.started_at', 'cases.case_number', 'cases.created_by'])
    .where('c.ended_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('clocks')
            .select('clocks.id')
            .where('clocks.kind', '=', 'custody')
            .whereRef('clocks.source_id', '=', sql<string>`c.id::text`)
            .whereRef('clocks.org_id', '=', 'c.org_id'),
        ),
      ),
    )
    .orderBy('c.started_at')
    .limit(limit)
    .execute();
}

/** An organisation's office hours and the official holidays on one Jalali date (for the out-of-hours rule). */
export async function findOfficeHoursOn(db: DbOrTx, input: { orgId: string; dateKey: string }) {
  return db
    .selectFrom('organisations')
    .select((eb) => [
      'office_hours',
      eb
        .exists(
          eb.selectFrom('official_holidays').select('jalali_date').where('jalali_date', '=', input.dateKey),
        )
        .as('holiday'),
    ])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
}

/** Sets an organisation's office hours (and days to register a file); the row, or null when there is none. */
export async function updateOfficeHours(
  tx: Tx,
  input: { orgId: string; officeHours: string; intakeWorkingDays?: number | undefined },
) {
  return (
    (await tx
      .updateTable('organisations')
      .set({
        office_hours: input.officeHours,
        ...(input.intakeWorkingDays === undefined ? {} : { intake_working_days: input.intakeWorkingDays }),
      })
      .where('id', '=', input.orgId)
      .returning(['id', 'office_hours', 'intake_working_days'])
      .executeTakeFirst()) ?? null
  );
}

/** An organisation's office hours, its days to register a received file, and the holidays between two Jalali dates. */
export async function findWorkingTerms(db: DbOrTx, input: { orgId: string; fromKey: string; toKey: string }) {
  const [org, holidays] = await Promise.all([
    db
      .selectFrom('organisations')
      .select(['office_hours', 'intake_working_days'])
      .where('id', '=', input.orgId)
      .executeTakeFirst(),
    db
      .selectFrom('official_holidays')
      .select('jalali_date')
      .where('jalali_date', '>=', input.fromKey)
      .where('jalali_date', '<=', input.toKey)
      .execute(),
  ]);
  return org ? { ...org, holidays: new Set(holidays.map((h) => h.jalali_date)) } : null;
}
