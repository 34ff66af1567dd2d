import type { Insertable, QueryCreator, Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { Database, PartiesTable, PartyRow } from '../../db/schema.js';

/** The parties of a case, in the order they were added: a query to run, or to nest. */
export function partiesOfCaseQuery(db: Pick<QueryCreator<Database>, 'selectFrom'>, caseId: string) {
  return db
    .selectFrom('parties')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id');
}

/** A party of this case (locked for the transaction), or null: a party of another case is not found. */
export async function findPartyOfCase(tx: Tx, caseId: string, partyId: string): Promise<PartyRow | null> {
  return (
    (await tx
      .selectFrom('parties')
      .selectAll()
      .where('id', '=', partyId)
      .where('case_id', '=', caseId)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

/** Inserts a party and returns its row. */
export async function insertParty(tx: Tx, values: Insertable<PartiesTable>): Promise<PartyRow> {
  return tx.insertInto('parties').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Changes a party and returns its row as it now is. */
export async function updateParty(
  tx: Tx,
  partyId: string,
  changes: Updateable<PartiesTable>,
): Promise<PartyRow> {
  return tx
    .updateTable('parties')
    .set(changes)
    .where('id', '=', partyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes a party (callers make sure no custody record points at it). */
export async function deleteParty(tx: Tx, partyId: string): Promise<void> {
  await tx.deleteFrom('parties').where('id', '=', partyId).execute();
}

/** Names of the parties of several cases, by case, in the order they were added. */
export async function findPartyNamesByCase(
  db: DbOrTx,
  caseIds: readonly string[],
): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (caseIds.length === 0) return names;
  const rows = await db
    .selectFrom('parties')
    .select(['case_id', 'first_name', 'last_name'])
    .where('case_id', 'in', caseIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows)
    names.set(r.case_id, [...(names.get(r.case_id) ?? []), `${r.first_name} ${r.last_name}`]);
  return names;
}

/** The mobiles of the case's complainants who agreed to SMS of its status (each number once). */
export async function findConsentingMobiles(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('parties')
    .select('mobile')
    .distinct()
    .where('case_id', '=', caseId)
    .where('role', '=', 'complainant')
    .where('sms_consent', '=', true)
    .where('mobile', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.mobile ? [r.mobile] : []));
}
