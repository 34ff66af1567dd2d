import { caseSteps, type CaseState, type CaseStep } from '../../../domain/cases/case-actions.js';
import { AppError } from '../../../domain/errors.js';
import { assertStepState } from '../../../domain/item-steps.js';
import { assertCan, type Action, type Actor } from '../../../domain/permissions.js';
import type { DbOrTx } from '../../db/client.js';
import type { CaseRow } from '../../db/schema.js';
import { findCase } from './cases.repository.js';

/**
 * Loads a case for an actor about to take `action` on it: a case of another organisation, like a
 * case that does not exist, is `cases.not_found`. With `forUpdate`, the row is locked until the
 * transaction ends (use inside a transaction for any change).
 */
export async function loadCaseFor(input: {
  db: DbOrTx;
  actor: Actor;
  caseId: string;
  action: Action;
  forUpdate?: boolean;
}): Promise<CaseRow> {
  const row = await findCase(input.db, input.caseId, { forUpdate: input.forUpdate ?? false });
  if (!row) throw new AppError('cases.not_found');
  assertCan(input.actor, input.action, { orgId: row.org_id, notFound: 'cases.not_found' });
  return row;
}

/** A case row as its steps (`caseSteps`) see it. */
export function caseStateOf(row: Pick<CaseRow, 'org_id' | 'status'>): CaseState {
  return { orgId: row.org_id, status: row.status };
}

/** Drafts are editable; once sent, a case is frozen and only a supplement can add to it. */
export function isEditable(row: Pick<CaseRow, 'org_id' | 'status'>): boolean {
  return caseSteps.update.when(caseStateOf(row));
}

/**
 * Throws the step's refusal unless the case's status takes the step — the same rule that sets the
 * case's `allowed` flag for it (`cases.not_editable` for a sent case's edits, `cases.invalid_state`…).
 */
export function assertCaseStep(step: CaseStep, row: Pick<CaseRow, 'org_id' | 'status'>): void {
  assertStepState(caseSteps[step], caseStateOf(row));
}
