import type { AuditAction } from '../../../domain/audit-actions.js';
import type { Action } from '../../../domain/permissions.js';
import { loadCaseFor } from '../cases/case-access.policy.js';
import { recordCaseEvent } from '../cases/case-events.repository.js';
import {
  auditCase,
  type CaseContext,
  type CaseEventInput,
  type CaseUseCaseInput,
} from '../cases/case.ports.js';
import { inTransaction } from '../../db/transaction.js';

/**
 * One step of a case's sending, in one transaction: the case is locked and authorised for `action`,
 * `step` runs (changing the status and, when it sends, enqueueing the message), and the step lands on
 * the case's timeline and in the audit log together with it.
 */
export async function stepSubmission<T>(
  input: CaseUseCaseInput & { action: Action; audit: AuditAction },
  step: (ctx: CaseContext) => Promise<{ value: T; event: CaseEventInput }>,
): Promise<T> {
  const { db, actor, ip, caseId } = input;
  const now = input.clock.now();
  return inTransaction(db, async (tx) => {
    const row = await loadCaseFor({ db: tx, actor, caseId, action: input.action, forUpdate: true });
    const { value, event } = await step({ tx, row, now });
    const details = event.details ?? {};
    await recordCaseEvent(tx, {
      caseId: row.id,
      orgId: row.org_id,
      at: now,
      actorUserId: actor.userId,
      type: event.type,
      details,
    });
    await auditCase(tx, { actor, ip, at: now, action: input.audit, caseRow: row, details });
    return value;
  });
}
