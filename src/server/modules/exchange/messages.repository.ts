import { sql } from 'kysely';
import type { MessageEnvelope } from '../../../domain/messages/envelope.js';
import type { Tx } from '../../db/client.js';

/** What is stored of a signed message: sent (`out`) or accepted (`in`). */
export interface StoredMessage {
  direction: 'out' | 'in';
  orgId: string;
  envelope: MessageEnvelope;
  sealed: { sha256: string; jws: string; canonical: string };
  status: 'queued' | 'accepted';
  at: Date;
  receiptJws?: string;
}

/** The `messages` row of a signed message, with the envelope's fields as columns. */
export function messageRow(input: StoredMessage) {
  const { envelope, sealed } = input;
  return {
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
  };
}

/** Stores a signed message unless one of that direction has its id already; says whether it did. */
export async function insertMessage(tx: Tx, input: StoredMessage): Promise<boolean> {
  const row = await tx
    .insertInto('messages')
    .values(messageRow(input))
    .onConflict((oc) => oc.columns(['direction', 'id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Locks a thread (one direction, sender, receiver, case) until the transaction ends and reads its
 * last message (seq and hash; undefined for a new thread) — in one call to the database
 * (`lock_thread_head`, migration 0008), so that two senders of one thread never take the same seq.
 */
export async function lockThreadHead(
  tx: Tx,
  input: { lockKey: string; direction: 'out' | 'in'; fromOrg: string; toOrg: string; caseRef: string },
): Promise<{ seq: number; sha256: string } | undefined> {
  const { rows } = await sql<{ seq: number; sha256: string }>`
    select seq, sha256 from lock_thread_head(${input.lockKey}, ${input.direction}, ${input.fromOrg}, ${input.toOrg}, ${input.caseRef})`.execute(
    tx,
  );
  return rows[0];
}
