import { sql } from 'kysely';
import type { MessageEnvelope } from '../../../domain/messages/envelope.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { writeBehind } from '../../db/write-behind.js';
import { withDates, type JsonRow } from '../../db/json-rows.js';
import type { OrganisationRow } from '../../db/schema.js';

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

/**
 * Stores an accepted message, without waiting for the answer (`writeBehind`): the caller has made
 * sure under the thread's lock that its id is free (`lockInboundThread`); should another thread's
 * message take the id meanwhile, the unique key fails the transaction and nothing is stored.
 */
export async function storeAcceptedMessage(tx: Tx, input: StoredMessage): Promise<void> {
  await writeBehind(tx, tx.insertInto('messages').values(messageRow(input)));
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

/** What the receiver reads when it locks an inbound thread: its head and what may have changed since the checks. */
export interface InboundThread {
  last: { seq: number; sha256: string } | undefined;
  /** The signing key is still trusted (a revocation takes effect from the next message). */
  keyTrusted: boolean;
  /** The recipient, an organisation of this node; null if it is not one (any more). */
  recipient: OrganisationRow | null;
  /** A message was already accepted under this id (in this thread or another). */
  idTaken: boolean;
}

/**
 * `lockThreadHead` for a message being received, which also reads — in the same round trip, in
 * the accepting transaction — whether its signing key is still unrevoked and which of this node's
 * organisations it is for (the two facts about it that can change while the key itself is cached),
 * and whether its id is taken. These three are read in the statement's snapshot, taken before the
 * thread's lock was granted: the id of a message accepted meanwhile in the same thread shows as
 * free, but that message then is the thread's head, and the caller looks closer.
 */
export async function lockInboundThread(
  tx: Tx,
  input: {
    lockKey: string;
    fromOrg: string;
    toOrg: string;
    caseRef: string;
    kid: string;
    nodeId: string;
    messageId: string;
  },
): Promise<InboundThread> {
  const { rows } = await sql<{
    seq: number | null;
    sha256: string | null;
    key_trusted: boolean;
    recipient: JsonRow<OrganisationRow, 'created_at'> | null;
    id_taken: boolean;
  }>`
    select head.seq, head.sha256,
      exists (select 1 from peer_keys k where k.kid = ${input.kid} and k.revoked_at is null) as key_trusted,
      (select to_json(o) from organisations o where o.code = ${input.toOrg} and o.node_id = ${input.nodeId}) as recipient,
      exists (select 1 from messages m where m.direction = 'in' and m.id = ${input.messageId}) as id_taken
    from (values (1)) as one
    left join lock_thread_head(${input.lockKey}, 'in', ${input.fromOrg}, ${input.toOrg}, ${input.caseRef}) as head on true`.execute(
    tx,
  );
  const row = rows[0]!; // one row, whether or not the thread has a head
  return {
    last: row.seq !== null && row.sha256 !== null ? { seq: row.seq, sha256: row.sha256 } : undefined,
    keyTrusted: row.key_trusted,
    recipient: row.recipient ? withDates<OrganisationRow, 'created_at'>(row.recipient, ['created_at']) : null,
    idTaken: row.id_taken,
  };
}

/** A message accepted here under this id (its hash and receipt), or null. */
export async function findAcceptedMessage(
  db: DbOrTx,
  id: string,
): Promise<{ sha256: string; receipt_jws: string | null } | null> {
  const row = await db
    .selectFrom('messages')
    .select(['sha256', 'receipt_jws'])
    .where('direction', '=', 'in')
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}
