import type { ReturnToOfficerBody, SubmissionStep } from '../../../domain/submission/submission.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { CaseRow } from '../../db/schema.js';
import { loadCaseFile, type CaseFile, readinessOf, updateCase } from '../cases/index.js';
import type { CaseUseCaseInput } from '../cases/index.js';
import { stepSubmission } from './submission-step.policy.js';

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
    { ...input, step: 'prepareSubmission', audit: 'submission.prepared' },
    async ({ tx, row, now }) => {
      assertReady(await loadCaseFile(tx, row), now);
      const updated = await updateCase(tx, row.id, {
        status: 'awaiting_approval',
        updated_at: now,
        returned_comment: null,
        returned_at: null,
        returned_by: null,
      });
      return { value: unsentStep(updated), event: { type: 'submission.prepared' } };
    },
  );
}

/** The chief sends a prepared case back to draft instead of approving it. */
export async function withdrawSubmission(input: CaseUseCaseInput): Promise<SubmissionStep> {
  return stepSubmission(
    { ...input, step: 'withdrawSubmission', audit: 'submission.withdrawn' },
    async ({ tx, row, now }) => {
      const updated = await updateCase(tx, row.id, { status: 'draft', updated_at: now });
      return { value: unsentStep(updated), event: { type: 'submission.withdrawn' } };
    },
  );
}

/**
 * The chief sends a prepared case back to its officer with a comment (issue 18, point 5): a draft again, in the
 * officer's "returned to me" with the comment on the case until it is put forward again. The same step and
 * permission as withdrawing; the comment is on the timeline and in the audit entry.
 */
export async function returnToOfficer(
  input: CaseUseCaseInput & { body: ReturnToOfficerBody },
): Promise<SubmissionStep> {
  const { comment } = input.body;
  return stepSubmission(
    { ...input, step: 'withdrawSubmission', audit: 'submission.withdrawn' },
    async ({ tx, row, now }) => {
      const updated = await updateCase(tx, row.id, {
        status: 'draft',
        updated_at: now,
        returned_comment: comment,
        returned_at: now,
        returned_by: input.actor.userId,
      });
      return {
        value: unsentStep(updated),
        event: { type: 'submission.withdrawn', details: { returnedToOfficer: true, comment } },
      };
    },
  );
}
