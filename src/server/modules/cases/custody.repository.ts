import type { Insertable, QueryCreator, Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { CustodyRecordsTable, CustodyRow, Database } from '../../db/schema.js';

/** The custody records of a case, in the order they started: a query to run, or to nest. */
export function custodyOfCaseQuery(db: Pick<QueryCreator<Database>, 'selectFrom'>, caseId: string) {
  return db
    .selectFrom('custody_records')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('started_at')
    .orderBy('id');
}

/** A custody record of this case (locked for the transaction), or null. */
export async function findCustodyOfCaseById(
  tx: Tx,
  caseId: string,
  custodyId: string,
): Promise<CustodyRow | null> {
  return (
    (await tx
      .selectFrom('custody_records')
      .selectAll()
      .where('id', '=', custodyId)
      .where('case_id', '=', caseId)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

/** Does any custody record (running or ended) concern this party? */
export async function hasCustodyRecords(
  db: DbOrTx,
  partyId: string,
  options: { runningOnly?: boolean } = {},
): Promise<boolean> {
  let query = db.selectFrom('custody_records').select('id').where('party_id', '=', partyId);
  if (options.runningOnly) query = query.where('ended_at', 'is', null);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** When the earliest custody of a case began, or null when it has none. */
export async function findEarliestCustodyStart(db: DbOrTx, caseId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('custody_records')
    .select((eb) => eb.fn.min('started_at').as('earliest'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row?.earliest ? new Date(row.earliest) : null;
}

/** Inserts a custody record and returns its row. */
export async function insertCustody(tx: Tx, values: Insertable<CustodyRecordsTable>): Promise<CustodyRow> {
  return tx.insertInto('custody_records').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Changes a custody record and returns its row as it now is. */
export async function updateCustody(
  tx: Tx,
  custodyId: string,
  changes: Updateable<CustodyRecordsTable>,
): Promise<CustodyRow> {
  return tx
    .updateTable('custody_records')
    .set(changes)
    .where('id', '=', custodyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The earliest start among the running custodies of several cases, by case. */
export async function findRunningCustodyStartByCase(
  db: DbOrTx,
  caseIds: readonly string[],
): Promise<Map<string, Date>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('custody_records')
    .select((eb) => ['case_id', eb.fn.min('started_at').as('started_at')])
    .where('case_id', 'in', caseIds)
    .where('ended_at', 'is', null)
    .groupBy('case_id')
    .execute();
  return new Map(rows.map((r) => [r.case_id, new Date(r.started_at)]));
}

/** A party's running custodies (not ended), earliest first; locked for the transaction with `forUpdate`. */
export async function findRunningCustodiesOfParty(
  db: DbOrTx,
  partyId: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ id: string; started_at: Date }[]> {
  let query = db
    .selectFrom('custody_records')
    .select(['id', 'started_at'])
    .where('party_id', '=', partyId)
    .where('ended_at', 'is', null)
    .orderBy('started_at');
  if (options.forUpdate) query = query.forUpdate();
  return query.execute();
}
