import type { SubmissionStep } from '../../../domain/submission/submission.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { CaseRow } from '../../db/schema.js';
import { assertEditable } from '../cases/case-access.policy.js';
import { loadCaseFile, type CaseFile } from '../cases/case-file.repository.js';
import { readinessOf } from '../cases/case.presenter.js';
import type { CaseUseCaseInput } from '../cases/case.ports.js';
import { updateCase } from '../cases/cases.repository.js';
import { stepSubmission } from './submission-transaction.js';

/** Throws `cases.not_ready` (422) with the list of what is missing unless the file could be sent now. */
export function assertReady(file: CaseFile, now: Date): CaseFile {
  const readiness = readinessOf(file, now);
  if (!readiness.ready) throw new AppError('cases.not_ready', { details: { missing: readiness.missing } });
  return file;
}

/** The answer of a step that did not send anything. */
export function unsentStep(row: CaseRow): SubmissionStep {
  return { caseId: row.id, caseStatus: row.status, sentAt: null, office: null, messageId: null };
}

/**
 * An officer (or the chief) puts a draft forward for the chief's approval. The same readiness rules
 * the prosecutor's office applies must pass first; from here on the file is frozen.
 */
export async function prepareSubmission(input: CaseUseCaseInput): Promise<SubmissionStep> {
  return stepSubmission(
    { ...input, action: 'case.submit.prepare', audit: 'submission.prepared' },
    async ({ tx, row, now }) => {
      assertEditable(row);
      assertReady(await loadCaseFile(tx, row), now);
      const updated = await updateCase(tx, row.id, { status: 'awaiting_approval', updated_at: now });
      return { value: unsentStep(updated), event: { type: 'submission.prepared' } };
    },
  );
}

/** The chief sends a prepared case back to draft instead of approving it. */
export async function withdrawSubmission(input: CaseUseCaseInput): Promise<SubmissionStep> {
  return stepSubmission(
    { ...input, action: 'case.submit.approve', audit: 'submission.withdrawn' },
    async ({ tx, row, now }) => {
      if (row.status !== 'awaiting_approval')
        throw new AppError('cases.invalid_state', { details: { status: row.status } });
      const updated = await updateCase(tx, row.id, { status: 'draft', updated_at: now });
      return { value: unsentStep(updated), event: { type: 'submission.withdrawn' } };
    },
  );
}
