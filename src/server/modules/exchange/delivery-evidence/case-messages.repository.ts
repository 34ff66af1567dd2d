import type { DbOrTx } from '../../../db/client.js';

/**
 * Every message an organisation sent or accepted about one case (optionally only those exchanged with
 * one peer organisation), oldest first, with its outbox row while it waits to be delivered.
 */
export async function findCaseMessages(
  db: DbOrTx,
  input: { orgId: string; caseRef: string; peerOrg?: string },
) {
  let query = db
    .selectFrom('messages as m')
    .leftJoin('outbox as o', (join) => join.onRef('o.message_id', '=', 'm.id').on('m.direction', '=', 'out'))
    .select([
      'm.id',
      'm.direction',
      'm.type',
      'm.case_ref',
      'm.from_org',
      'm.to_org',
      'm.seq',
      'm.prev_hash',
      'm.sha256',
      'm.jws',
      'm.created_at',
      'm.status',
      'm.receipt_at',
      'o.attempts',
      'o.last_error',
      'o.next_attempt_at',
    ])
    .where('m.org_id', '=', input.orgId)
    .where('m.case_ref', '=', input.caseRef);
  const peer = input.peerOrg;
  if (peer) query = query.where((eb) => eb.or([eb('m.from_org', '=', peer), eb('m.to_org', '=', peer)]));
  return query.orderBy('m.created_at').orderBy('m.direction').orderBy('m.seq').execute();
}
