import type { Logger } from 'pino';
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../platform/clock.js';
import { inTransaction } from '../../../db/transaction.js';
import { isDatabaseUnavailable } from '../../../db/unavailable.js';
import { recordDelivery } from './delivery-records.repository.js';
import { claimDue, scheduleRetry, type Claimed } from './outbox.repository.js';
import { deliveriesTotal } from '../../../platform/metrics.js';
import { verifyReceipt } from '../delivery-evidence/receipts.policy.js';
import {
  DeliveryError,
  type Delivered,
  type Delivery,
  type Transport,
} from '../transport/transport.ports.js';

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
  /** Told of each message once its receipt is recorded (after the commit). */
  onDelivered?: (message: DeliveredMessage) => void;
}

/** A message the worker has delivered. */
export interface DeliveredMessage {
  id: string;
  type: string;
  caseRef: string;
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
 * One pass of the delivery worker: claims what is due, delivers each message, and records the
 * receiver's signed receipt (message → delivered) or schedules the next try with back-off. It never
 * gives up silently: each failure is logged with its error and the time of the next try, and kept
 * on the outbox row for operators to see. Returns how many rows it handled.
 */
export async function deliverDue(deps: DeliveryDeps): Promise<number> {
  const policy = { ...defaultDeliveryPolicy, ...deps.policy };
  const claimed = await claimDue(deps.db, {
    now: deps.clock.now(),
    leaseMs: policy.leaseMs,
    batchSize: policy.batchSize,
  });
  // Claimed rows are the heads of distinct threads, so they can travel side by side without reordering any thread.
  const byNode = new Map<string, Claimed[]>();
  for (const message of claimed)
    byNode.set(message.to_node, [...(byNode.get(message.to_node) ?? []), message]);
  await Promise.all(
    [...byNode].map(async ([node, messages]) => {
      const transport = deps.transportFor(node);
      if (transport.deliverMany && messages.length > 1) {
        const results = await transport
          .deliverMany(messages.map(deliveryOf))
          .catch((error: unknown) => messages.map(() => error as Error));
        await Promise.all(messages.map((message, i) => settle(deps, policy, message, results[i]!)));
      } else {
        await Promise.all(
          messages.map(async (message) =>
            settle(
              deps,
              policy,
              message,
              await transport.deliver(deliveryOf(message)).catch((e: Error) => e),
            ),
          ),
        );
      }
    }),
  );
  return claimed.length;
}

const deliveryOf = (message: Claimed): Delivery => ({
  id: message.id,
  jws: message.jws,
  toNode: message.to_node,
  documents: message.documents,
});

/** Records what one delivery attempt brought: the receipt (message delivered) or the error and the next try. */
async function settle(
  deps: DeliveryDeps,
  policy: DeliveryPolicy,
  message: Claimed,
  attempt: Delivered | Error,
): Promise<void> {
  try {
    if (attempt instanceof Error) throw attempt;
    if (!attempt.recorded) await recordReceipt(deps, message, attempt.receiptJws);
    deps.log.info({ messageId: message.id, attempts: message.attempts }, 'message delivered');
    deliveriesTotal.inc({ peer: message.to_node, outcome: 'delivered' });
    deps.onDelivered?.({ id: message.id, type: message.type, caseRef: message.case_ref });
  } catch (error) {
    const code = error instanceof DeliveryError ? error.code : 'delivery.error';
    deliveriesTotal.inc({ peer: message.to_node, outcome: 'failed' });
    const delay = retryDelayMs(message.attempts, policy, deps.random);
    const nextAttemptAt = new Date(deps.clock.now().getTime() + delay);
    await scheduleRetry(deps.db, {
      messageId: message.id,
      nextAttemptAt,
      lastError: `${code}: ${(error as Error).message}`.slice(0, 500),
    });
    const level = error instanceof DeliveryError && !error.retryable ? 'error' : 'warn';
    deps.log[level](
      { messageId: message.id, attempts: message.attempts, code, nextAttemptAt: nextAttemptAt.toISOString() },
      'delivery failed; will retry',
    );
  }
}

/** Checks the receiver's signed receipt (its key, this message's id and hash) and records it. */
async function recordReceipt(deps: DeliveryDeps, message: Claimed, receiptJws: string): Promise<void> {
  const checked = await verifyReceipt(deps.db, {
    receiptJws,
    messageId: message.id,
    messageSha256: message.sha256,
    toNode: message.to_node,
  });
  if (!checked.ok) throw new DeliveryError(checked.reason, true);
  const now = deps.clock.now();
  await inTransaction(deps.db, (tx) =>
    recordDelivery(tx, {
      messageId: message.id,
      caseRef: message.case_ref,
      receiptJws,
      receivedAt: new Date(checked.receipt.receivedAt),
      now,
    }),
  );
}

/** The longest pause between two passes while the database is unavailable. */
export const OUTAGE_MAX_PAUSE_MS = 5000;

/** The pause after the `failedPasses`-th failed pass in a row: `pollMs`, doubling up to `OUTAGE_MAX_PAUSE_MS`. */
export function outagePauseMs(failedPasses: number, pollMs: number): number {
  return Math.min(OUTAGE_MAX_PAUSE_MS, Math.max(pollMs, pollMs * 2 ** (failedPasses - 1)));
}

/**
 * Runs the delivery worker until stopped: passes back to back while there is work, otherwise a
 * short sleep (`pollMs`) or a `kick()` (called after a commit that enqueued something). A pass that
 * fails (the database unreachable or stalled: its statements time out) is tried again after a pause
 * that doubles up to `OUTAGE_MAX_PAUSE_MS`; an outage is logged when it begins and when it ends, not
 * at every pass. Nothing is lost meanwhile: what a failed pass had claimed comes back when its lease
 * ends.
 */
export function startDeliveryWorker(deps: DeliveryDeps & { pollMs?: number }): {
  stop(): Promise<void>;
  /** Wakes the worker if it sleeps; says whether it did (a busy worker claims again anyway). */
  kick(): boolean;
} {
  let running = true;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        wake = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  const pollMs = deps.pollMs ?? 500;
  const loop = (async () => {
    let failedPasses = 0;
    while (running) {
      let handled = 0;
      try {
        handled = await deliverDue(deps);
        if (failedPasses > 0) deps.log.info({ failedPasses }, 'delivery worker: database back, delivering');
        failedPasses = 0;
      } catch (error) {
        failedPasses += 1;
        const unavailable = isDatabaseUnavailable(error);
        const err = { message: (error as Error).message, code: (error as { code?: unknown }).code };
        if (!unavailable) deps.log.error({ err }, 'delivery worker pass failed');
        else if (failedPasses === 1)
          deps.log.warn({ err }, 'delivery worker: database unavailable; trying again');
      }
      if (running && handled === 0)
        await sleep(failedPasses > 0 ? outagePauseMs(failedPasses, pollMs) : pollMs);
    }
  })();
  return {
    kick: () => {
      if (!wake) return false;
      wake();
      return true;
    },
    stop: async () => {
      running = false;
      wake?.();
      await loop;
    },
  };
}
