import { sql } from 'kysely';
import type { MessageDocument } from '../../../../domain/messages/envelope.js';
import type { Db, Tx } from '../../../db/client.js';
import { writeBehind } from '../../../db/write-behind.js';
import { messageRow, type StoredMessage } from '../messages.repository.js';

/**
 * A sent message and its outbox row, in one statement (a data-modifying CTE), written behind: it is
 * sent with the transaction's next statement, usually its COMMIT, without a round trip of its own.
 */
export async function insertQueuedMessage(
  tx: Tx,
  input: { message: StoredMessage & { direction: 'out' }; thread: string },
): Promise<void> {
  await writeBehind(
    tx,
    tx
      .with('stored', (db) => db.insertInto('messages').values(messageRow(input.message)).returning('id'))
      .insertInto('outbox')
      .values({
        message_id: input.message.envelope.id,
        to_node: input.message.envelope.to.node,
        thread: input.thread,
        seq: input.message.envelope.thread.seq,
        next_attempt_at: input.message.at,
      }),
  );
}

/** A claimed outbox row with the message it carries. */
export interface Claimed {
  id: string;
  type: string;
  jws: string;
  sha256: string;
  to_node: string;
  case_ref: string;
  documents: MessageDocument[];
  attempts: number;
}

/**
 * Claims due outbox rows — only the first undelivered message of each thread, so a case's thread
 * is never reordered — with FOR UPDATE SKIP LOCKED and a lease, so any number of workers can run.
 */
export async function claimDue(
  db: Db,
  input: { now: Date; leaseMs: number; batchSize: number; exceptNodes?: string[] },
): Promise<Claimed[]> {
  const { now } = input;
  const leaseUntil = new Date(now.getTime() + input.leaseMs);
  const rows = await sql<Claimed>`
    with claimed as (
      update outbox set lease_until = ${leaseUntil}, attempts = attempts + 1, last_attempt_at = ${now}
      where message_id in (
        select o.message_id from outbox o
        where o.next_attempt_at <= ${now}
          and (o.lease_until is null or o.lease_until < ${now})
          and not exists (select 1 from outbox p where p.thread = o.thread and p.seq < o.seq)
          and o.to_node <> all(${input.exceptNodes ?? []}::text[])
        order by o.next_attempt_at
        limit ${input.batchSize}
        for update skip locked)
      returning message_id, attempts)
    select m.id, m.type, m.jws, m.sha256, m.to_node, m.case_ref, m.envelope->'documents' as documents,
           c.attempts
    from claimed c join messages m on m.direction = 'out' and m.id = c.message_id`.execute(db);
  return rows.rows;
}

/** A failed attempt: the lease released, the error kept, the next try set. */
export async function scheduleRetry(
  db: Db,
  input: { messageId: string; nextAttemptAt: Date; lastError: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: input.nextAttemptAt, lease_until: null, last_error: input.lastError })
    .where('message_id', '=', input.messageId)
    .execute();
}

/** What waits in the outbox (at most 500 rows), soonest next try first, with each message's type and addressee. */
export async function listOutbox(db: Db) {
  return db
    .selectFrom('outbox')
    .innerJoin('messages', (j) =>
      j.onRef('messages.id', '=', 'outbox.message_id').on('messages.direction', '=', 'out'),
    )
    .select([
      'outbox.message_id',
      'outbox.to_node',
      'outbox.attempts',
      'outbox.last_error',
      'outbox.next_attempt_at',
      'outbox.last_attempt_at',
      'messages.type',
      'messages.to_org',
      'messages.created_at',
    ])
    .orderBy('outbox.next_attempt_at')
    .limit(500)
    .execute();
}
