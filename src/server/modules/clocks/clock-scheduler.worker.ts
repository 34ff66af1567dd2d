import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ExchangeWait } from '../../../domain/clocks/clocks.schema.js';
import { CUSTODY_LIMIT_SECONDS } from '../../../domain/cases/custody-clock.js';
import type { Db, Tx } from '../../db/client.js';
import type { ClockRow, ClockState } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { deliverDueNotifications, notifyUsers, type Notifications } from '../notifications/index.js';
import { clockAlertText } from './clock-alert-text.rules.js';
import { firedLate, nextThreshold } from './clock-schedule.rules.js';
import {
  advanceClock,
  claimDueClocks,
  findClockRecipients,
  findCustodiesWithoutClock,
  findMessagesWaitingAt,
  findThresholds,
  insertAlert,
  insertBreach,
} from './clocks.repository.js';
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
 * fired more than 30 s after its time is marked late. Returns what fired.
 */
export async function fireDueClocks(deps: SchedulerDeps): Promise<Fired[]> {
  const fired: Fired[] = [];
  for (;;) {
    const batch = await inTransaction(deps.db, async (tx) => {
      const now = deps.clock.now();
      const due = await claimDueClocks(tx, { now, limit: deps.batchSize ?? 200 });
      if (due.length === 0) return [];
      const thresholds = await findThresholds(tx);
      const done: Fired[] = [];
      for (const clock of due)
        done.push(...(await fireClock(tx, clock, thresholds.get(clock.kind) ?? [0], now)));
      return done;
    });
    fired.push(...batch);
    if (batch.length === 0) return fired;
  }
}

/** Fires every threshold of one clock that is due at `now`, in order; the clock's row is locked. */
async function fireClock(
  tx: Tx,
  clock: ClockRow,
  thresholds: readonly number[],
  now: Date,
): Promise<Fired[]> {
  const dueAt = new Date(clock.due_at);
  const fired: Fired[] = [];
  let state: ClockState = clock.state;
  let before = clock.next_before_seconds;
  let fireAt = clock.next_fire_at ? new Date(clock.next_fire_at) : null;
  const recipients = await findClockRecipients(tx, {
    orgId: clock.org_id,
    roles: clock.notify_roles,
    userId: clock.responsible_user_id,
  });
  while (before !== null && fireAt !== null && fireAt.getTime() <= now.getTime()) {
    const late = firedLate(fireAt, now);
    if (
      await insertAlert(tx, {
        clock_id: clock.id,
        before_seconds: before,
        fire_at: fireAt,
        fired_at: now,
        late,
      })
    ) {
      const breachId = before === 0 ? await recordBreach(tx, clock, now, late) : null;
      await recordAudit(tx, {
        action: before === 0 ? 'clock.breached' : 'clock.alerted',
        actorUserId: null,
        actorOrgId: null,
        resourceType: before === 0 ? 'clock_breach' : 'clock',
        resourceId: breachId ?? clock.id,
        orgId: clock.org_id,
        ip: null,
        at: now,
        details: {
          clockId: clock.id,
          kind: clock.kind,
          caseId: clock.case_id,
          beforeSeconds: before,
          dueAt: dueAt.toISOString(),
          late,
        },
      });
      const seqs = await notifyUsers(tx, {
        recipients,
        orgId: clock.org_id,
        kind: before === 0 ? 'clock.breached' : 'clock.alert',
        clockId: clock.id,
        caseId: clock.case_id,
        details: {
          clockKind: clock.kind,
          beforeSeconds: before,
          dueAt: dueAt.toISOString(),
          caseRef: clock.case_ref,
          late,
          breachId,
        },
        text: clockAlertText({ kind: clock.kind, beforeSeconds: before, caseRef: clock.case_ref }),
        now,
      });
      fired.push({ clockId: clock.id, beforeSeconds: before, late, notified: seqs.length });
    }
    if (before === 0) {
      state = 'breached';
      before = null;
      fireAt = null;
      break;
    }
    state = 'warned';
    const next = nextThreshold({ dueAt, thresholds, after: before });
    before = next?.beforeSeconds ?? null;
    fireAt = next?.fireAt ?? null;
  }
  await advanceClock(tx, clock.id, {
    state,
    next_fire_at: fireAt,
    next_before_seconds: before,
    ...(state === 'breached' ? { settled_at: now } : {}),
  });
  return fired;
}

/** Writes the breach record: the clock, its case, due and detection times, and the exchange's part. */
async function recordBreach(tx: Tx, clock: ClockRow, now: Date, late: boolean): Promise<string> {
  const dueAt = new Date(clock.due_at);
  const waiting: ExchangeWait[] = clock.case_ref
    ? (await findMessagesWaitingAt(tx, { orgId: clock.org_id, caseRef: clock.case_ref, dueAt })).map((m) => ({
        messageId: m.id,
        type: m.type,
        queuedAt: new Date(m.created_at).toISOString(),
        deliveredAt: m.receipt_at ? new Date(m.receipt_at).toISOString() : null,
        attempts: m.attempts ?? null,
        lastError: m.last_error ?? null,
      }))
    : [];
  const id = randomUUID();
  await insertBreach(tx, { id, clock, detectedAt: now, late, exchangeWaiting: waiting });
  return id;
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
