import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { EscortRow, EscortsTable, OrganisationRow } from '../../db/schema.js';

/** Inserts one side's row of an escort; null if that side already holds it. */
export async function insertEscort(tx: Tx, values: Insertable<EscortsTable>): Promise<EscortRow | null> {
  const row = await tx
    .insertInto('escorts')
    .values(values)
    .onConflict((oc) => oc.columns(['org_id', 'escort_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** An organisation's row of an escort (locked for the transaction with `forUpdate`), or null. */
export async function findEscort(
  db: DbOrTx,
  input: { orgId: string; escortId: string; forUpdate?: boolean },
): Promise<EscortRow | null> {
  let query = db
    .selectFrom('escorts')
    .selectAll()
    .where('org_id', '=', input.orgId)
    .where('escort_id', '=', input.escortId);
  if (input.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** Changes an organisation's row of an escort and returns it as it now is. */
export async function updateEscort(
  tx: Tx,
  row: Pick<EscortRow, 'org_id' | 'escort_id'>,
  changes: Updateable<EscortsTable>,
): Promise<EscortRow> {
  return tx
    .updateTable('escorts')
    .set(changes)
    .where('org_id', '=', row.org_id)
    .where('escort_id', '=', row.escort_id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * An organisation's escorts, optionally of one case: those still to be done first, soonest first; then
 * the delivered and cancelled ones, latest first — 500 at most in all.
 */
export async function findEscorts(db: DbOrTx, input: { orgId: string; caseId?: string | undefined }) {
  let query = db.selectFrom('escorts').selectAll().where('org_id', '=', input.orgId);
  if (input.caseId) query = query.where('case_id', '=', input.caseId);
  const done = sql<boolean>`status in ('delivered', 'cancelled')`;
  return query
    .orderBy(done)
    .orderBy(sql`case when ${done} then null else scheduled_at end`)
    .orderBy('scheduled_at', 'desc')
    .limit(500)
    .execute();
}

/**
 * The escort unit that takes a station's people: an escort unit this node hosts in the station's
 * province (the first by code), or null.
 */
export async function findEscortUnitFor(
  db: DbOrTx,
  station: OrganisationRow,
): Promise<OrganisationRow | null> {
  return (
    (await db
      .selectFrom('organisations')
      .selectAll()
      .where('kind', '=', 'escort_unit')
      .where('node_id', '=', station.node_id)
      .where('province_code', '=', station.province_code)
      .orderBy('code')
      .executeTakeFirst()) ?? null
  );
}

/** The Persian names of the organisations with these codes that this node knows. */
export async function findOrganisationNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['code', 'name_fa'])
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.map((o) => [o.code, o.name_fa]));
}
