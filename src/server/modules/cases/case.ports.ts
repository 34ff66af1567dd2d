import type { AuditAction } from '../../../domain/audit-actions.js';
import type { Action, Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import type { CaseRow } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/audit.repository.js';
import { assertEditable, loadCaseFor } from './case-access.policy.js';
import { recordCaseEvent } from './case-events.repository.js';
import { refreshCaseSearchKey, updateCase } from './cases.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** What every use case on one case is given: who acts, from where, on which case, and the clock. */
export interface CaseUseCaseInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  caseId: string;
}

/** Inside a case's transaction: the case as loaded (and authorised), and the time of the act. */
export interface CaseContext {
  tx: Tx;
  row: CaseRow;
  now: Date;
}

/** One line of the case's timeline, also the details of the audit entry (ids and codes, never names). */
export interface CaseEventInput {
  type: string;
  details?: Record<string, unknown>;
}

/** Records an act on a case in the audit log, in the caller's transaction. */
export async function auditCase(
  tx: Tx,
  input: {
    actor: Actor;
    ip: string | null;
    at: Date;
    action: AuditAction;
    caseRow: Pick<CaseRow, 'id' | 'org_id'>;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(tx, {
    action: input.action,
    actorUserId: input.actor.userId,
    actorOrgId: input.actor.orgId,
    resourceType: 'case',
    resourceId: input.caseRow.id,
    orgId: input.caseRow.org_id,
    ip: input.ip,
    at: input.at,
    ...(input.details ? { details: input.details } : {}),
  });
}

/**
 * Reads one case for an actor, in one transaction that also writes the audit entry of the read
 * (`case.read`, `timeline.read`, …): nobody sees a case without leaving a trace.
 */
export async function readCase<T>(
  input: CaseUseCaseInput & { audit: AuditAction; action?: Action },
  read: (ctx: CaseContext) => Promise<{ value: T; details?: Record<string, unknown> }>,
): Promise<T> {
  const { db, actor, ip, caseId } = input;
  const now = input.clock.now();
  return inTransaction(db, async (tx) => {
    const row = await loadCaseFor({ db: tx, actor, caseId, action: input.action ?? 'case.read' });
    const { value, details } = await read({ tx, row, now });
    await auditCase(tx, {
      actor,
      ip,
      at: now,
      action: input.audit,
      caseRow: row,
      ...(details ? { details } : {}),
    });
    return value;
  });
}

/**
 * Changes one case for an actor, in one transaction: the case row is locked, must still be a draft
 * (unless `anyStatus`), is stamped `updated_at`, then `change` runs; afterwards the search key is
 * rebuilt and the change lands on the timeline and in the audit log together.
 */
export async function changeCase<T>(
  input: CaseUseCaseInput & { audit: AuditAction; anyStatus?: boolean },
  change: (ctx: CaseContext) => Promise<{ value: T; event: CaseEventInput }>,
): Promise<T> {
  const { db, actor, ip, caseId } = input;
  const now = input.clock.now();
  return inTransaction(db, async (tx) => {
    const locked = await loadCaseFor({ db: tx, actor, caseId, action: 'case.update', forUpdate: true });
    if (!input.anyStatus) assertEditable(locked);
    const row = await updateCase(tx, caseId, { updated_at: now });
    const { value, event } = await change({ tx, row, now });
    await refreshCaseSearchKey(tx, row);
    await recordCaseEvent(tx, {
      caseId,
      orgId: row.org_id,
      at: now,
      actorUserId: actor.userId,
      type: event.type,
      ...(event.details ? { details: event.details } : {}),
    });
    await auditCase(tx, {
      actor,
      ip,
      at: now,
      action: input.audit,
      caseRow: row,
      ...(event.details ? { details: event.details } : {}),
    });
    return value;
  });
}
