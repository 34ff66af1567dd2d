import type { MessageEnvelope } from '../../../domain/messages/envelope.js';
import type { DbOrTx, Tx } from '../../db/client.js';

/** Stores a signed message, sent (`out`) or accepted (`in`), with the envelope's fields as columns. */
export async function insertMessage(
  tx: Tx,
  input: {
    direction: 'out' | 'in';
    orgId: string;
    envelope: MessageEnvelope;
    sealed: { sha256: string; jws: string; canonical: string };
    status: 'queued' | 'accepted';
    at: Date;
    receiptJws?: string;
  },
): Promise<void> {
  const { envelope, sealed } = input;
  await tx
    .insertInto('messages')
    .values({
      direction: input.direction,
      id: envelope.id,
      org_id: input.orgId,
      type: envelope.type,
      case_ref: envelope.caseRef,
      from_node: envelope.from.node,
      from_org: envelope.from.org,
      to_node: envelope.to.node,
      to_org: envelope.to.org,
      seq: envelope.thread.seq,
      prev_hash: envelope.thread.prev,
      sha256: sealed.sha256,
      jws: sealed.jws,
      envelope: sealed.canonical,
      created_at: input.at,
      status: input.status,
      receipt_jws: input.receiptJws ?? null,
      receipt_at: input.receiptJws ? input.at : null,
    })
    .execute();
}

/** The last message of a thread in one direction (its seq and hash), or undefined for a new thread. */
export async function findThreadHead(
  db: DbOrTx,
  input: { direction: 'out' | 'in'; fromOrg: string; toOrg: string; caseRef: string },
): Promise<{ seq: number; sha256: string } | undefined> {
  return db
    .selectFrom('messages')
    .select(['seq', 'sha256'])
    .where('direction', '=', input.direction)
    .where('from_org', '=', input.fromOrg)
    .where('to_org', '=', input.toOrg)
    .where('case_ref', '=', input.caseRef)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
