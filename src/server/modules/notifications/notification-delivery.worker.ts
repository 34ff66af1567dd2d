import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { claimDueDeliveries, recordDeliveryAttempt } from './notifications.repository.js';
import { NotifierError, type Notifier } from './notifier.ports.js';

export interface NotificationDeliveryPolicy {
  /** Tries before a message is marked failed. */
  maxAttempts: number;
  /** First retry after this many ms, doubling each try. */
  baseDelayMs: number;
  maxDelayMs: number;
  leaseMs: number;
  batchSize: number;
}

export const defaultNotificationDeliveryPolicy: NotificationDeliveryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 5_000,
  maxDelayMs: 10 * 60_000,
  leaseMs: 60_000,
  batchSize: 20,
};

/**
 * One pass over the outbound messages that are due: each is handed to the notifier; the outcome — sent,
 * to be retried (with back-off) or failed for good (refused, or out of tries) — is its delivery status.
 * Several workers share the queue through FOR UPDATE SKIP LOCKED and a lease. Returns how many it tried.
 */
export async function deliverDueNotifications(deps: {
  db: Db;
  clock: Clock;
  log: Logger;
  notifier: Notifier;
  policy?: Partial<NotificationDeliveryPolicy>;
}): Promise<number> {
  const policy = { ...defaultNotificationDeliveryPolicy, ...deps.policy };
  const claimed = await inTransaction(deps.db, (tx) =>
    claimDueDeliveries(tx, { now: deps.clock.now(), leaseMs: policy.leaseMs, limit: policy.batchSize }),
  );
  await Promise.all(
    claimed.map(async (row) => {
      const attempt = row.attempts + 1;
      try {
        await deps.notifier.send({ id: row.id, to: row.to_address, text: row.text });
        const at = deps.clock.now();
        await recordDeliveryAttempt(deps.db, {
          id: row.id,
          notifier: deps.notifier.name,
          status: 'sent',
          at,
          nextAttemptAt: at,
          error: null,
        });
      } catch (error) {
        const retryable = !(error instanceof NotifierError) || error.retryable;
        const code = error instanceof NotifierError ? error.code : 'notifier.error';
        const giveUp = !retryable || attempt >= policy.maxAttempts;
        const at = deps.clock.now();
        const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        await recordDeliveryAttempt(deps.db, {
          id: row.id,
          notifier: deps.notifier.name,
          status: giveUp ? 'failed' : 'pending',
          at,
          nextAttemptAt: new Date(at.getTime() + delay),
          error: `${code}: ${(error as Error).message}`.slice(0, 500),
        });
        deps.log[giveUp ? 'error' : 'warn'](
          { deliveryId: row.id, attempt, code },
          giveUp ? 'notification not delivered' : 'notification delivery failed; will retry',
        );
      }
    }),
  );
  return claimed.length;
}
