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
  /**
   * Messages to one peer on their way at once (a worker claims no more for it until some settle): enough to
   * fill a link with latency, few enough that a slow peer cannot hold every claimed row.
   */
  maxInFlightPerPeer: number;
  /**
   * Lanes (claimed batches) to one peer on their way at once, unless its transport says otherwise
   * (`Transport.maxLanes`). While they travel, what becomes due for that peer waits and goes in the next
   * lane together, so a busy peer gets fewer, larger batches.
   */
  maxLanesPerPeer: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  leaseMs: 2 * 60_000,
  batchSize: 20,
  maxInFlightPerPeer: 100,
  maxLanesPerPeer: 8,
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
 * on the outbox row for operators to see. Returns how many rows it handled, once all are settled.
 */
export async function deliverDue(deps: DeliveryDeps): Promise<number> {
  const started = await startDueDeliveries(deps, new Set());
  await Promise.all(started.lanes.map((lane) => lane.done));
  return started.claimed;
}

/** Messages to one peer, claimed together and on their way. */
export interface Lane {
  node: string;
  count: number;
  /** Settles once each of them is (receipt recorded, or the next try scheduled). */
  done: Promise<void>;
}

/**
 * Claims what is due — but for the peers in `full`, which have as many messages on their way as they may —
 * and starts delivering it: a lane per peer, not awaited here, so that a peer that answers slowly (or not
 * at all, until the transport's timeout) holds up only its own messages. Each lane settles every message
 * it carries (receipt recorded or retry scheduled); it rejects only when the database fails meanwhile.
 */
export async function startDueDeliveries(
  deps: DeliveryDeps,
  full: ReadonlySet<string>,
): Promise<{ claimed: number; lanes: Lane[] }> {
  const policy = { ...defaultDeliveryPolicy, ...deps.policy };
  const claimed = await claimDue(deps.db, {
    now: deps.clock.now(),
    leaseMs: policy.leaseMs,
    batchSize: policy.batchSize,
    exceptNodes: [...full],
  });
  // Claimed rows are the heads of distinct threads, so they can travel side by side without reordering any thread.
  const byNode = new Map<string, Claimed[]>();
  for (const message of claimed)
    byNode.set(message.to_node, [...(byNode.get(message.to_node) ?? []), message]);
  const lanes = [...byNode].map(([node, messages]) => ({
    node,
    count: messages.length,
    done: deliverToNode(deps, policy, node, messages),
  }));
  return { claimed: claimed.length, lanes };
}

/** Delivers one peer's claimed messages (together, when its transport can) and settles each. */
async function deliverToNode(
  deps: DeliveryDeps,
  policy: DeliveryPolicy,
  node: string,
  messages: Claimed[],
): Promise<void> {
  const transport = deps.transportFor(node);
  if (transport.deliverMany && messages.length > 1) {
    const results = await transport
      .deliverMany(messages.map(deliveryOf))
      .catch((error: unknown) => messages.map(() => error as Error));
    await Promise.all(messages.map((message, i) => settle(deps, policy, message, results[i]!)));
  } else {
    await Promise.all(
      messages.map(async (message) =>
        settle(deps, policy, message, await transport.deliver(deliveryOf(message)).catch((e: Error) => e)),
      ),
    );
  }
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
 * short sleep (`pollMs`) or a `kick()` (called after a commit that enqueued something). Each pass's
 * messages to a peer travel in a lane of their own (`startDueDeliveries`), not awaited by the loop, which
 * claims again at once when a pass filled its batch, else when a lane ends or a kick comes (what became due
 * meanwhile then goes out together); a peer with `maxInFlightPerPeer` messages or its lane limit on their way gets no
 * more until some settle, so one slow or silent peer delays no one else. A pass that
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
  const { maxInFlightPerPeer, maxLanesPerPeer, batchSize } = { ...defaultDeliveryPolicy, ...deps.policy };
  const maxLanesOf = (node: string) => deps.transportFor(node).maxLanes ?? maxLanesPerPeer;
  // Messages and lanes on their way, per peer; a pass claims only for the peers below both limits. Lanes end
  // on their own, each waking the loop, so a link with latency stays full without waiting for the slowest.
  const inFlight = new Map<string, { messages: number; lanes: number }>();
  const lanes = new Set<Promise<void>>();
  // A lane that ended, or a kick, while a pass was claiming (no sleep to cut short): the next pass comes at once.
  let laneEnded = false;
  let kickedMeanwhile = false;
  const loop = (async () => {
    let failedPasses = 0;
    while (running) {
      let full = false;
      laneEnded = false;
      kickedMeanwhile = false;
      try {
        const busy = new Set(
          [...inFlight]
            .filter(([node, n]) => n.messages >= maxInFlightPerPeer || n.lanes >= maxLanesOf(node))
            .map(([node]) => node),
        );
        const started = await startDueDeliveries(deps, busy);
        for (const { node, count, done } of started.lanes) {
          const before = inFlight.get(node) ?? { messages: 0, lanes: 0 };
          inFlight.set(node, { messages: before.messages + count, lanes: before.lanes + 1 });
          const settled: Promise<void> = done
            .catch((error: unknown) => {
              // What a lane had claimed comes back when its lease ends, as after a failed pass.
              const err = { message: (error as Error).message, code: (error as { code?: unknown }).code };
              if (isDatabaseUnavailable(error))
                deps.log.warn({ err, node }, 'delivery worker: database unavailable; trying again');
              else deps.log.error({ err, node }, 'delivery worker pass failed');
            })
            .finally(() => {
              const now = inFlight.get(node) ?? { messages: count, lanes: 1 };
              if (now.lanes > 1) inFlight.set(node, { messages: now.messages - count, lanes: now.lanes - 1 });
              else inFlight.delete(node);
              lanes.delete(settled);
              laneEnded = true;
              wake?.(); // its peer may take more
            });
          lanes.add(settled);
        }
        // A full batch may have left more behind: claim again at once; otherwise wait for a lane to end, a
        // kick or the poll, so that what becomes due meanwhile goes out together.
        full = started.claimed >= batchSize;
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
      if (running && !full && !((laneEnded || kickedMeanwhile) && failedPasses === 0))
        await sleep(failedPasses > 0 ? outagePauseMs(failedPasses, pollMs) : pollMs);
    }
    await Promise.all(lanes);
  })();
  return {
    kick: () => {
      if (!wake) {
        kickedMeanwhile = true;
        return false;
      }
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
