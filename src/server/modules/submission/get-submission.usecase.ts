import { AppError } from '../../../domain/errors.js';
import type { IntakeRejectedBody, IntakeReturnedBody } from '../../../domain/messages/bodies.js';
import { isAnswerStatus } from '../../../domain/submission/case-status.js';
import type { Submission, SubmissionStatus } from '../../../domain/submission/submission.schema.js';
import type { CaseSubmissionRow } from '../../db/schema.js';
import { readCase, type CaseUseCaseInput } from '../cases/case.ports.js';
import { findCaseEvents } from '../cases/cases.repository.js';
import { findSentCaseMessages, findSubmission } from './case-submissions.repository.js';

/** Timeline events that tell the story of the sending, and the name each is shown under. */
const submissionEvents: Record<string, string> = {
  'submission.prepared': 'prepared',
  'submission.withdrawn': 'withdrawn',
  'submission.sent': 'queued',
  'case.supplemented': 'supplemented',
  'answer.registered': 'registered',
  'answer.returned': 'returned',
  'answer.rejected': 'rejected',
};

type SentMessage = Awaited<ReturnType<typeof findSentCaseMessages>>[number];

function statusOf(caseStatus: string, messages: SentMessage[]): SubmissionStatus {
  if (isAnswerStatus(caseStatus)) return caseStatus;
  return messages.every((m) => m.status === 'delivered') ? 'delivered' : 'queued';
}

function answerDetails(
  caseStatus: string,
  sub: CaseSubmissionRow,
): Pick<Submission, 'registration' | 'deficiencies' | 'rejection'> {
  return {
    registration:
      caseStatus === 'registered' && sub.file_number
        ? { fileNumber: sub.file_number, branch: sub.branch ?? '', assignedJudge: sub.assigned_judge ?? '' }
        : null,
    deficiencies:
      caseStatus === 'returned'
        ? ((sub.deficiencies as IntakeReturnedBody['deficiencies'] | null) ?? [])
        : null,
    rejection:
      caseStatus === 'rejected'
        ? ((sub.rejection as Pick<IntakeRejectedBody, 'reasons' | 'competentOffice'> | null) ?? null)
        : null,
  };
}

/**
 * Where a sent case stands, for the station: queued or delivered (from the signed delivery receipt),
 * then the office's answer — registered with its file number, returned with the list of what is
 * missing, or rejected with the reasons — and the story of it with times. `submission.not_found` for a
 * case never sent. Audited as `submission.read`.
 */
export async function getSubmission(input: CaseUseCaseInput): Promise<Submission> {
  return readCase({ ...input, audit: 'submission.read' }, async ({ tx, row }) => {
    const sub = await findSubmission(tx, row.id);
    if (!sub) throw new AppError('submission.not_found');
    const [messages, caseEvents] = await Promise.all([
      findSentCaseMessages(tx, { orgId: row.org_id, caseRef: row.id, officeCode: sub.office_code }),
      findCaseEvents(tx, row.id),
    ]);
    const events = caseEvents.flatMap((e) =>
      submissionEvents[e.type] ? [{ type: submissionEvents[e.type] ?? e.type, at: e.at }] : [],
    );
    for (const m of messages) {
      if (m.receipt_at)
        events.push({
          type: m.type === 'case.submitted' ? 'delivered' : 'supplement_delivered',
          at: m.receipt_at,
        });
    }
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    const submitted = messages.find((m) => m.id === sub.submitted_message_id);
    return {
      value: {
        caseId: row.id,
        caseStatus: row.status,
        status: statusOf(row.status, messages),
        office: { code: sub.office_code, name: sub.office_name },
        queuedAt: sub.sent_at.toISOString(),
        deliveredAt: submitted?.receipt_at ? submitted.receipt_at.toISOString() : null,
        answeredAt: sub.answered_at ? sub.answered_at.toISOString() : null,
        events: events.map((e) => ({ type: e.type, at: e.at.toISOString() })),
        ...answerDetails(row.status, sub),
      },
    };
  });
}
