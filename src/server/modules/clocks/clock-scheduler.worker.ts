import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ExchangeWait } from '../../../domain/clocks/clocks.schema.js';
import { CUSTODY_LIMIT_SECONDS } from '../../../domain/cases/custody-clock.js';
import type { Db, Tx } from '../../db/client.js';
import type { ClockRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { deliverDueNotifications, notifyMany, type Notifications } from '../notifications/index.js';
import { clockAlertText } from './clock-alert-text.rules.js';
import {
  advanceClocks,
  alertKey,
  findMessagesWaitingForClocks,
  findRecipientsOfClocks,
  insertAlerts,
  insertBreaches,
} from './clock-firing.repository.js';
import { planFirings, type PlannedFiring } from './clock-schedule.rules.js';
import { claimDueClocks, findCustodiesWithoutClock, findThresholds } from './clocks.repository.js';
import { openClock } from './clocks.usecase.js';

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Clocks handled per transaction. */
  batchSize?: number;
}

/** A threshold that fired: what the scheduler did, for tests and logs. */
export interface Fired {
  clockId: string;
  beforeSeconds: number;
  late: boolean;
  notified: number;
}

/**
 * One pass of the scheduler: claims the clocks whose next threshold is due (FOR UPDATE SKIP LOCKED: with
 * several schedulers each clock is handled by one) and, in one transaction per batch, fires every
 * threshold passed, in order — an alert (warned) or, at the due time, the breach record in its table and
 * in the audit chain — and notifies the responsible user and the roles the clock names. A threshold
 * fired more than 30 s after its time is marked late. A batch is a fixed handful of set-based statements
 * (claim, thresholds, alerts, recipients, the exchange's part, breaches, notifications, the clocks'
 * advance, the audit chain), however many clocks it holds. Returns what fired.
 */
export async function fireDueClocks(deps: SchedulerDeps): Promise<Fired[]> {
  const fired: Fired[] = [];
  const limit = deps.batchSize ?? 500;
  for (;;) {
    const { claimed, batch } = await inTransaction(deps.db, async (tx) => {
      const now = deps.clock.now();
      const due = await claimDueClocks(tx, { now, limit });
      if (due.length === 0) return { claimed: 0, batch: [] };
      return { claimed: due.length, batch: await fireBatch(tx, due, await findThresholds(tx), now) };
    });
    fired.push(...batch);
    // A batch short of the limit was all that was due (or all another scheduler had not taken).
    if (claimed < limit) return fired;
  }
}

/** A threshold of a clock that fires in this batch (its alert row was new). */
interface Firing extends PlannedFiring {
  clock: ClockRow;
  breachId: string | null;
}

/** Fires every due threshold of a batch of locked clocks with set-based statements. */
async function fireBatch(
  tx: Tx,
  due: readonly ClockRow[],
  thresholds: Map<string, number[]>,
  now: Date,
): Promise<Fired[]> {
  const plans = due.map((clock) => ({
    clock,
    plan: planFirings({
      state: clock.state,
      dueAt: new Date(clock.due_at),
      nextFireAt: clock.next_fire_at ? new Date(clock.next_fire_at) : null,
      nextBeforeSeconds: clock.next_before_seconds,
      thresholds: thresholds.get(clock.kind) ?? [0],
      now,
    }),
  }));
  const inserted = await insertAlerts(
    tx,
    plans.flatMap(({ clock, plan }) =>
      plan.firings.map((f) => ({
        clock_id: clock.id,
        before_seconds: f.beforeSeconds,
        fire_at: f.fireAt,
        fired_at: now,
        late: f.late,
      })),
    ),
  );
  const firings: Firing[] = plans.flatMap(({ clock, plan }) =>
    plan.firings
      .filter((f) => inserted.has(alertKey(clock.id, f.beforeSeconds)))
      .map((f) => ({ ...f, clock, breachId: f.beforeSeconds === 0 ? randomUUID() : null })),
  );
  await recordBreaches(tx, firings, now);
  const recipients = await findRecipientsOfClocks(tx, [...new Set(firings.map((f) => f.clock))]);
  const seqs = await notifyMany(
    tx,
    firings.map(({ clock, beforeSeconds, late, breachId }) => {
      const dueAt = new Date(clock.due_at).toISOString();
      return {
        recipients: recipients.filter(
          (r) =>
            r.id === clock.responsible_user_id ||
            (r.org_id === clock.org_id && clock.notify_roles.includes(r.role)),
        ),
        orgId: clock.org_id,
        kind: beforeSeconds === 0 ? 'clock.breached' : 'clock.alert',
        clockId: clock.id,
        caseId: clock.case_id,
        details: { clockKind: clock.kind, beforeSeconds, dueAt, caseRef: clock.case_ref, late, breachId },
        text: clockAlertText({ kind: clock.kind, beforeSeconds, caseRef: clock.case_ref }),
        now,
      };
    }),
  );
  for (const { clock, beforeSeconds, late, breachId } of firings)
    await recordAudit(tx, {
      action: beforeSeconds === 0 ? 'clock.breached' : 'clock.alerted',
      actorUserId: null,
      actorOrgId: null,
      resourceType: beforeSeconds === 0 ? 'clock_breach' : 'clock',
      resourceId: breachId ?? clock.id,
      orgId: clock.org_id,
      ip: null,
      at: now,
      details: {
        clockId: clock.id,
        kind: clock.kind,
        caseId: clock.case_id,
        beforeSeconds,
        dueAt: new Date(clock.due_at).toISOString(),
        late,
      },
    });
  await advanceClocks(
    tx,
    plans.map(({ clock, plan }) => ({
      id: clock.id,
      state: plan.state,
      next_fire_at: plan.nextFireAt,
      next_before_seconds: plan.nextBeforeSeconds,
      settled_at: plan.state === 'breached' ? now : null,
    })),
  );
  return firings.map((f, i) => ({
    clockId: f.clock.id,
    beforeSeconds: f.beforeSeconds,
    late: f.late,
    notified: seqs[i]?.length ?? 0,
  }));
}

/** Writes the breach records of a batch: each clock, its case, due and detection times, the exchange's part. */
async function recordBreaches(tx: Tx, firings: readonly Firing[], now: Date): Promise<void> {
  const breaches = firings.filter((f) => f.breachId !== null);
  const waiting = await findMessagesWaitingForClocks(
    tx,
    breaches.flatMap(({ clock }) =>
      clock.case_ref
        ? [{ id: clock.id, org_id: clock.org_id, case_ref: clock.case_ref, due_at: new Date(clock.due_at) }]
        : [],
    ),
  );
  await insertBreaches(
    tx,
    breaches.map(({ clock, breachId, late }) => ({
      id: breachId ?? randomUUID(),
      clock,
      detectedAt: now,
      late,
      exchangeWaiting: waiting
        .filter((m) => m.clock_id === clock.id)
        .map((m): ExchangeWait => ({
          messageId: m.id,
          type: m.type,
          queuedAt: new Date(m.created_at).toISOString(),
          deliveredAt: m.receipt_at ? new Date(m.receipt_at).toISOString() : null,
          attempts: m.attempts ?? null,
          lastError: m.last_error ?? null,
        })),
    })),
  );
}

/**
 * Opens the clocks of running custodies that have none (recorded before the clocks existed, or written by
 * the demo's seeding): a custody already past 24 h then becomes a breach record at the next pass.
 */
export async function adoptUntrackedCustodies(deps: SchedulerDeps): Promise<number> {
  let adopted = 0;
  for (;;) {
    const rows = await findCustodiesWithoutClock(deps.db, 500);
    if (rows.length === 0) return adopted;
    const now = deps.clock.now();
    await inTransaction(deps.db, async (tx) => {
      for (const r of rows)
        await openClock(tx, {
          kind: 'custody',
          orgId: r.org_id,
          sourceId: r.id,
          caseId: r.case_id,
          caseRef: r.case_number,
          responsibleUserId: r.created_by,
          notifyRoles: ['station.chief'],
          legalBasis: CUSTODY_LEGAL_BASIS,
          startedAt: new Date(r.started_at),
          dueAt: new Date(new Date(r.started_at).getTime() + CUSTODY_LIMIT_SECONDS * 1000),
          now,
        });
    });
    adopted += rows.length;
  }
}

/** The legal basis recorded on a custody clock. */
export const CUSTODY_LEGAL_BASIS = 'CPC 1392 Art. 46';
/** The legal basis recorded on the one-hour notice clock of a custody outside office hours. */
export const CUSTODY_NOTICE_LEGAL_BASIS = 'CPC 1392 Arts. 47, 49';

/**
 * Runs the scheduler in this process (the node, and each `casebridge worker`): at start it adopts the
 * untracked custodies and catches up with what fell due while nothing ran (marked late); then every
 * `tickMs` it fires what is due and sends the queued outbound notifications. `kick()` runs a pass now.
 */
export function startClockScheduler(
  deps: SchedulerDeps & { tickMs: number; notifications: Pick<Notifications, 'notifier' | 'hub'> },
): { stop(): Promise<void>; kick(): void; idle(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  const pass = async () => {
    if (!started) {
      const adopted = await adoptUntrackedCustodies(deps);
      if (adopted > 0) deps.log.info({ adopted }, 'clocks opened for running custodies');
      started = true;
    }
    const fired = await fireDueClocks(deps);
    if (fired.length > 0) {
      deps.notifications.hub.ring();
      const late = fired.filter((f) => f.late).length;
      deps.log.info({ fired: fired.length, late }, 'legal clock thresholds fired');
    }
    await deliverDueNotifications({
      db: deps.db,
      clock: deps.clock,
      log: deps.log,
      notifier: deps.notifications.notifier,
    });
  };
  const run = () => {
    running = running
      .then(pass)
      .catch((error: unknown) => deps.log.warn({ err: error }, 'clock scheduler pass failed; will retry'));
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void run().then(schedule);
    }, deps.tickMs);
  };
  void run().then(schedule);
  return {
    kick: () => {
      if (!stopped) void run();
    },
    idle: () => running,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
