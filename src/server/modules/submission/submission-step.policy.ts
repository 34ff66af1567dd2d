import type { AuditAction } from '../../../domain/audit-actions.js';
import { caseSteps, type CaseStep } from '../../../domain/cases/case-actions.js';
import {
  assertCaseStep,
  loadCaseFor,
  recordCaseEvent,
  auditCase,
  type CaseContext,
  type CaseEventInput,
  type CaseUseCaseInput,
} from '../cases/index.js';
import { inTransaction } from '../../db/transaction.js';

/**
 * One step of a case's sending, in one transaction: the case is locked, authorised for the step's action
 * and must be in a status that takes the step (`caseSteps`: the rule behind the case's `allowed` flag),
 * then `step` runs (changing the status and, when it sends, enqueueing the message), and the step lands
 * on the case's timeline and in the audit log together with it.
 */
export async function stepSubmission<T>(
  input: CaseUseCaseInput & { step: CaseStep; audit: AuditAction },
  step: (ctx: CaseContext) => Promise<{ value: T; event: CaseEventInput }>,
): Promise<T> {
  const { db, actor, ip, caseId } = input;
  const now = input.clock.now();
  return inTransaction(db, async (tx) => {
    const action = caseSteps[input.step].action;
    const row = await loadCaseFor({ db: tx, actor, caseId, action, forUpdate: true });
    assertCaseStep(input.step, row);
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
