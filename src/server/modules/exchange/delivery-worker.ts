import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { appendEvidence } from '../evidence/evidence.repository.js';
import { verifyReceipt } from './receipts.js';
import { DeliveryError, type Transport } from './transport.js';
import { inTransaction } from '../../db/transaction.js';

export interface DeliveryPolicy {
  /** First retry after this many ms; doubles each attempt, with jitter. */
  baseDelayMs: number;
  /** Retries never wait longer than this. */
  maxDelayMs: number;
  /** How long a claimed row stays claimed by one worker (a crashed worker's rows come back after it). */
  leaseMs: number;
  batchSize: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  leaseMs: 2 * 60_000,
  batchSize: 20,
};

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  transportFor: (toNode: string) => Transport;
  policy?: Partial<DeliveryPolicy>;
  random?: () => number;
}

/** Exponential back-off with "equal jitter": half the delay fixed, half random. */
export function retryDelayMs(
  attempts: number,
  policy: Pick<DeliveryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Claims due outbox rows — only the first undelivered message of each thread, so a case's thread
 * is never reordered — with FOR UPDATE SKIP LOCKED and a lease, so any number of workers can run.
 */
async function claimDue(db: Db, now: Date, policy: DeliveryPolicy) {
  const leaseUntil = new Date(now.getTime() + policy.leaseMs);
  const rows = await sql<{ message_id: string; to_node: string; attempts: number }>`
    update outbox set lease_until = ${leaseUntil}, attempts = attempts + 1, last_attempt_at = ${now}
    where message_id in (
      select o.message_id from outbox o
      where o.next_attempt_at <= ${now}
        and (o.lease_until is null or o.lease_until < ${now})
        and not exists (select 1 from outbox p where p.thread = o.thread and p.seq < o.seq)
      order by o.next_attempt_at
      limit ${policy.batchSize}
      for update skip locked)
    returning message_id, to_node, attempts`.execute(db);
  return rows.rows;
}

/**
 * One pass of the delivery worker: claims what is due, delivers each message, and records the
 * receiver's signed receipt (message → delivered) or schedules the next try with back-off. It never
 * gives up silently: each failure is logged with its error and the time of the next try, and kept
 * on the outbox row for operators to see. Returns how many rows it handled.
 */
export async function deliverDue(deps: DeliveryDeps): Promise<number> {
  const policy = { ...defaultDeliveryPolicy, ...deps.policy };
  const claimed = await claimDue(deps.db, deps.clock.now(), policy);
  // Claimed rows are the heads of distinct threads, so they can travel side by side without reordering any thread.
  await Promise.all(claimed.map((row) => deliverOne(deps, policy, row)));
  return claimed.length;
}

/** Delivers one claimed message and records its receipt, or schedules the next try. */
async function deliverOne(
  deps: DeliveryDeps,
  policy: DeliveryPolicy,
  row: { message_id: string; attempts: number; to_node: string },
): Promise<void> {
  const message = await deps.db
    .selectFrom('messages')
    .select(['id', 'jws', 'sha256', 'to_node', 'case_ref', 'envelope'])
    .where('direction', '=', 'out')
    .where('id', '=', row.message_id)
    .executeTakeFirstOrThrow();
  const documents = (message.envelope as { documents: Parameters<Transport['deliver']>[0]['documents'] })
    .documents;
  try {
    const { receiptJws } = await deps
      .transportFor(row.to_node)
      .deliver({ id: message.id, jws: message.jws, toNode: message.to_node, documents });
    const checked = await verifyReceipt(deps.db, {
      receiptJws,
      messageId: message.id,
      messageSha256: message.sha256,
      toNode: message.to_node,
    });
    if (!checked.ok) throw new DeliveryError(checked.reason, true);
    const now = deps.clock.now();
    await inTransaction(deps.db, async (tx) => {
      await tx
        .updateTable('messages')
        .set({
          status: 'delivered',
          receipt_jws: receiptJws,
          receipt_at: new Date(checked.receipt.receivedAt),
        })
        .where('direction', '=', 'out')
        .where('id', '=', message.id)
        .execute();
      await tx.deleteFrom('outbox').where('message_id', '=', message.id).execute();
      await appendEvidence(tx, {
        kind: 'receipt.received',
        ref: message.id,
        caseRef: message.case_ref,
        entry: receiptJws,
        at: now,
      });
    });
    deps.log.info({ messageId: message.id, attempts: row.attempts }, 'message delivered');
  } catch (error) {
    const code = error instanceof DeliveryError ? error.code : 'delivery.error';
    const delay = retryDelayMs(row.attempts, policy, deps.random);
    const nextAttemptAt = new Date(deps.clock.now().getTime() + delay);
    await deps.db
      .updateTable('outbox')
      .set({
        next_attempt_at: nextAttemptAt,
        lease_until: null,
        last_error: `${code}: ${(error as Error).message}`.slice(0, 500),
      })
      .where('message_id', '=', message.id)
      .execute();
    const level = error instanceof DeliveryError && !error.retryable ? 'error' : 'warn';
    deps.log[level](
      { messageId: message.id, attempts: row.attempts, code, nextAttemptAt: nextAttemptAt.toISOString() },
      'delivery failed; will retry',
    );
  }
}

/**
 * Runs the delivery worker until stopped: passes back to back while there is work, otherwise a
 * short sleep (`pollMs`) or a `kick()` (called after a commit that enqueued something).
 */
export function startDeliveryWorker(deps: DeliveryDeps & { pollMs?: number }): {
  stop(): Promise<void>;
  kick(): void;
} {
  let running = true;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (running) {
      let handled = 0;
      try {
        handled = await deliverDue(deps);
      } catch (error) {
        deps.log.error({ err: { message: (error as Error).message } }, 'delivery worker pass failed');
      }
      if (running && handled === 0) await sleep(deps.pollMs ?? 500);
    }
  })();
  return {
    kick: () => wake?.(),
    stop: async () => {
      running = false;
      wake?.();
      await loop;
    },
  };
}
