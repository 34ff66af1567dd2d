import type { Insertable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { CustodyNoticesTable } from '../../db/schema.js';

/** A custody of this case with its person's name (locked for the transaction), or null. */
export async function findCustodyWithPerson(tx: Tx, input: { caseId: string; custodyId: string }) {
  return (
    (await tx
      .selectFrom('custody_records as c')
      .innerJoin('parties as p', 'p.id', 'c.party_id')
      .select(['c.id', 'c.org_id', 'c.started_at', 'c.ended_at', 'p.first_name', 'p.last_name'])
      .where('c.id', '=', input.custodyId)
      .where('c.case_id', '=', input.caseId)
      .forUpdate('c')
      .executeTakeFirst()) ?? null
  );
}

/** Records a custody notice (one per organisation and custody); the row, or null when it was recorded already. */
export async function insertCustodyNotice(tx: Tx, values: Insertable<CustodyNoticesTable>) {
  return (
    (await tx
      .insertInto('custody_notices')
      .values(values)
      .onConflict((oc) => oc.columns(['org_id', 'custody_id']).doNothing())
      .returningAll()
      .executeTakeFirst()) ?? null
  );
}

/** An organisation's custody notices, newest first (optionally of one case). */
export async function findCustodyNotices(
  db: DbOrTx,
  input: { orgId: string; caseRef?: string; limit: number },
) {
  let query = db.selectFrom('custody_notices').selectAll().where('org_id', '=', input.orgId);
  if (input.caseRef) query = query.where('case_ref', '=', input.caseRef);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(input.limit).execute();
}
