import type { AuditAction } from '../../../domain/audit-actions.js';
import { caseSteps } from '../../../domain/cases/case-actions.js';
import type { Action, Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import type { CaseRow } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { assertCaseStep, loadCaseFor } from './case-access.policy.js';
import { recordCaseEvent } from './case-events.repository.js';
import { findUserDisplayName, refreshCaseSearchKey, updateCase } from './cases.repository.js';
import { AppError } from '../../../domain/errors.js';
import { canonicalize } from '../../../domain/canonical-json.js';
import { sha256Hex } from '../../platform/crypto/hash.js';
import { inTransaction } from '../../db/transaction.js';

/** What every use case on one case is given: who acts, from where, on which case, and the clock. */
export interface CaseUseCaseInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  caseId: string;
  /**
   * The version of the case the change was made on (its `updatedAt`, sent as `If-Match`): when the case has
   * changed since, the change is refused (`cases.changed_concurrently`, naming who changed it and when).
   */
  expectedVersion?: string | undefined;
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
  /** What the change replaced and what it wrote: on the timeline, and as a digest in the audit entry. */
  before?: unknown;
  after?: unknown;
}

/**
 * What a change leaves behind (decision 0021): the case's timeline keeps the ids and codes and, when the change
 * replaced or wrote something, what it was before and after — the case's own history, read only by who may
 * read the case; the audit entry keeps the ids and codes and the SHA-256 of that before-and-after (canonical
 * JSON), never the names it may hold, as the audit log is append-only and kept longer than any case.
 */
export function changeRecords(event: CaseEventInput): {
  eventDetails: Record<string, unknown> | undefined;
  auditDetails: Record<string, unknown> | undefined;
} {
  if (event.before === undefined && event.after === undefined)
    return { eventDetails: event.details, auditDetails: event.details };
  const change = { before: event.before ?? null, after: event.after ?? null };
  return {
    eventDetails: { ...event.details, ...change },
    auditDetails: { ...event.details, changeSha256: sha256Hex(canonicalize(change)) },
  };
}

/**
 * Throws `cases.changed_concurrently` (409) unless the case is still at the version the change was made on:
 * the details name who changed it last and when, so the screen can say "changed by X at T, reload".
 */
async function assertVersion(tx: Tx, row: CaseRow, expected: string | undefined): Promise<void> {
  if (expected === undefined || row.updated_at.toISOString() === expected) return;
  throw new AppError('cases.changed_concurrently', {
    details: {
      changedBy: await findUserDisplayName(tx, row.updated_by),
      changedAt: row.updated_at.toISOString(),
      version: row.updated_at.toISOString(),
    },
  });
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
    await auditCase(tx, { actor, ip, at: now, action: input.audit, caseRow: row, details });
    return value;
  });
}

/**
 * Changes one case for an actor, in one transaction: the case row is locked, authorised and must take the
 * step (`update` — a draft —, or `endCustody` in any status: `caseSteps`), must still be at the version the
 * change was made on (when one is given), is stamped `updated_at` and `updated_by`, then `change` runs;
 * afterwards the search key is rebuilt and the change lands on the timeline and in the audit log together
 * (`changeRecords`: what it replaced and wrote on the timeline, its digest in the audit entry).
 */
export async function changeCase<T>(
  input: CaseUseCaseInput & {
    audit: AuditAction;
    step?: 'update' | 'endCustody' | 'classifyDocument' | 'removeDocument';
  },
  change: (ctx: CaseContext) => Promise<{ value: T; event: CaseEventInput }>,
): Promise<T> {
  const { db, actor, ip, caseId } = input;
  const now = input.clock.now();
  return inTransaction(db, async (tx) => {
    const step = input.step ?? 'update';
    const action = caseSteps[step].action;
    const locked = await loadCaseFor({ db: tx, actor, caseId, action, forUpdate: true });
    assertCaseStep(step, locked);
    await assertVersion(tx, locked, input.expectedVersion);
    const row = await updateCase(tx, caseId, { updated_at: now, updated_by: actor.userId });
    const { value, event } = await change({ tx, row, now });
    await refreshCaseSearchKey(tx, row);
    const { eventDetails, auditDetails } = changeRecords(event);
    await recordCaseEvent(tx, {
      caseId,
      orgId: row.org_id,
      at: now,
      actorUserId: actor.userId,
      type: event.type,
      ...(eventDetails ? { details: eventDetails } : {}),
    });
    await auditCase(tx, { actor, ip, at: now, action: input.audit, caseRow: row, details: auditDetails });
    return value;
  });
}
