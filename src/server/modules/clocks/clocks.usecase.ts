import { randomUUID } from 'node:crypto';
import type { AnnotateBreachBody, Breach, CaseClocks } from '../../../domain/clocks/clocks.schema.js';
import { AppError } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import type { ClockKind } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { firstThreshold } from './clock-schedule.rules.js';
import { presentBreach, presentClock } from './clocks.presenter.js';
import {
  findBreachForAnnotation,
  findBreaches,
  findClocksOfCase,
  findThresholds,
  insertBreachAnnotation,
  insertClock,
  settleLiveClocks,
} from './clocks.repository.js';

/** What a module says when something starts a legal clock. */
export interface OpenClockInput {
  kind: ClockKind;
  orgId: string;
  sourceId: string;
  caseId: string | null;
  caseRef: string | null;
  /** The person the clock's alerts go to first. */
  responsibleUserId: string | null;
  /** The roles of the organisation told beside them (custody: the station chief). */
  notifyRoles: readonly string[];
  legalBasis: string;
  startedAt: Date;
  dueAt: Date;
  now: Date;
}

/**
 * Opens a legal clock in the caller's transaction (once per organisation, kind and source): its first
 * threshold is set for the scheduler, which fires it and the following ones. Returns the clock's id, or
 * null when one was open already.
 */
export async function openClock(tx: Tx, input: OpenClockInput): Promise<string | null> {
  const thresholds = (await findThresholds(tx)).get(input.kind) ?? [0];
  const first = firstThreshold({ dueAt: input.dueAt, thresholds, now: input.now });
  const row = await insertClock(tx, {
    id: randomUUID(),
    org_id: input.orgId,
    kind: input.kind,
    legal_basis: input.legalBasis,
    source_id: input.sourceId,
    case_id: input.caseId,
    case_ref: input.caseRef,
    responsible_user_id: input.responsibleUserId,
    notify_roles: [...input.notifyRoles],
    started_at: input.startedAt,
    due_at: input.dueAt,
    state: 'running',
    next_fire_at: first?.fireAt ?? null,
    next_before_seconds: first?.beforeSeconds ?? null,
    created_at: input.now,
  });
  return row?.id ?? null;
}

/**
 * Settles the live clock of this kind and source in the caller's transaction: `met` (the duty was done —
 * a custody ended, an order reported) or `stopped` with its reason. A clock already breached stays
 * breached: its record never changes. Returns how many clocks it settled.
 */
export async function settleClock(
  tx: Tx,
  input: {
    kind: ClockKind;
    sourceId: string;
    orgId?: string;
    state: 'met' | 'stopped';
    reason?: string;
    /** When the duty was done (met): a clock whose due time came before it is left for the breach. */
    metAt?: Date;
    at: Date;
  },
): Promise<number> {
  return settleLiveClocks(tx, { ...input, reason: input.reason ?? null });
}

/** The legal clocks and breach records of a case of the actor's organisation (audited read). */
export async function getCaseClocks(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  caseId: string;
  ip: string | null;
}): Promise<CaseClocks> {
  assertCan(input.actor, 'clock.read');
  return inTransaction(input.db, async (tx) => {
    const scope = { orgId: input.actor.orgId, caseId: input.caseId };
    const [clocks, breaches] = await Promise.all([findClocksOfCase(tx, scope), findBreaches(tx, scope)]);
    await recordAudit(tx, {
      action: 'clock.read',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'case',
      resourceId: input.caseId,
      orgId: input.actor.orgId,
      ip: input.ip,
      at: input.clock.now(),
      details: { clocks: clocks.length, breaches: breaches.length },
    });
    return { clocks: clocks.map(presentClock), breaches: breaches.map((b) => presentBreach(b, input.actor)) };
  });
}

/**
 * The chief appends a justification to a breach of their organisation; the breach itself never changes
 * (and cannot be deleted: the table refuses it). Another organisation's breach is *not found*.
 */
export async function annotateBreach(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  breachId: string;
  body: AnnotateBreachBody;
  ip: string | null;
}): Promise<Breach> {
  return inTransaction(input.db, async (tx) => {
    const now = input.clock.now();
    const breach = await findBreachForAnnotation(tx, { orgId: input.actor.orgId, breachId: input.breachId });
    if (!breach) throw new AppError('clocks.breach_not_found');
    assertCan(input.actor, 'breach.annotate', {
      orgId: input.actor.orgId,
      notFound: 'clocks.breach_not_found',
    });
    const annotationId = randomUUID();
    await insertBreachAnnotation(tx, {
      id: annotationId,
      breach_id: breach.id,
      org_id: input.actor.orgId,
      note: input.body.note,
      annotated_by: input.actor.userId,
      annotated_at: now,
    });
    await recordAudit(tx, {
      action: 'breach.annotated',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'clock_breach',
      resourceId: breach.id,
      orgId: input.actor.orgId,
      ip: input.ip,
      at: now,
      details: { annotationId, caseId: breach.case_id },
    });
    const [row] = await findBreaches(tx, { orgId: input.actor.orgId, breachId: breach.id });
    if (!row) throw new AppError('clocks.breach_not_found');
    return presentBreach(row, input.actor);
  });
}
