import type { IntakeRejectedBody, IntakeReturnedBody } from '../../../domain/messages/bodies.js';
import type { AnswerStatus } from '../../../domain/submission/case-status.js';
import type { CaseSubmissionsTable } from '../../db/schema.js';
import type { Updateable } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { recordCaseEvent, setCaseFields, textCaseStatus } from '../cases/index.js';
import type { InboundMessage, MessageHandler, MessageHandlers } from '../exchange/index.js';
import { findCaseOfMessage } from '../correspondence/index.js';
import { openClock, RETURN_UNANSWERED } from '../clocks/index.js';
import { updateSubmission } from './case-submissions.repository.js';

/**
 * Applies the office's business answer to the station's case, in the transaction that accepts the
 * message: the case's status, the answer's details on its submission, a timeline event and an audit
 * entry; a registration or a return is texted to the complainants who agreed (`textCaseStatus`). A message about a case this station does not have changes nothing.
 */
async function applyAnswer(
  message: InboundMessage,
  answer: AnswerStatus,
  changes: Updateable<CaseSubmissionsTable>,
  details: Record<string, unknown>,
): Promise<void> {
  const { tx, now } = message;
  const row = await findCaseOfMessage(tx, message);
  if (!row) return;
  await setCaseFields(tx, row.id, { status: answer, updated_at: now });
  // Returned for completion: the station's answer is a clock of its own, met when it supplements the file.
  if (answer === 'returned')
    await openClock(tx, {
      kind: 'return_unanswered',
      orgId: row.org_id,
      sourceId: `${row.id}:${message.envelope.id}`,
      caseId: row.id,
      caseRef: row.case_number,
      responsibleUserId: row.created_by,
      notifyRoles: ['station.chief'],
      legalBasis: RETURN_UNANSWERED.legalBasis,
      startedAt: now,
      dueAt: new Date(now.getTime() + RETURN_UNANSWERED.ms),
      now,
    });
  await updateSubmission(tx, row.id, { ...changes, answer, answered_at: now });
  if (answer === 'registered' || answer === 'returned')
    await textCaseStatus(tx, {
      caseId: row.id,
      orgId: row.org_id,
      caseNumber: row.case_number,
      status: answer,
      now,
    });
  const eventDetails = { messageId: message.envelope.id, ...details };
  await recordCaseEvent(tx, {
    caseId: row.id,
    orgId: row.org_id,
    at: now,
    actorUserId: null,
    type: `answer.${answer}`,
    details: eventDetails,
  });
  await recordAudit(tx, {
    action: 'case.answer_received',
    actorUserId: null,
    actorOrgId: null,
    resourceType: 'case',
    resourceId: row.id,
    orgId: row.org_id,
    ip: null,
    at: now,
    details: { answer, ...eventDetails },
  });
}

/** `intake.registered`: the office registered the file under its number, branch and judge. */
export const onIntakeRegistered: MessageHandler<'intake.registered'> = async (message) => {
  const { fileNumber, branch, assignedJudge } = message.envelope.body;
  await applyAnswer(
    message,
    'registered',
    { file_number: fileNumber, branch, assigned_judge: assignedJudge },
    { fileNumber },
  );
};

/** `intake.returned`: returned for completion (نقص) with the coded list of what is missing. */
export const onIntakeReturned: MessageHandler<'intake.returned'> = async (message) => {
  const deficiencies: IntakeReturnedBody['deficiencies'] = message.envelope.body.deficiencies;
  await applyAnswer(
    message,
    'returned',
    { deficiencies: JSON.stringify(deficiencies) },
    { codes: deficiencies.map((d) => d.code) },
  );
};

/** `intake.rejected`: rejected, with coded reasons and, for wrong jurisdiction, the competent office if known. */
export const onIntakeRejected: MessageHandler<'intake.rejected'> = async (message) => {
  const { reasons, competentOffice }: IntakeRejectedBody = message.envelope.body;
  await applyAnswer(
    message,
    'rejected',
    { rejection: JSON.stringify({ reasons, competentOffice }) },
    { codes: reasons.map((r) => r.code) },
  );
};

/** The handlers of the office's answers to a station's sending, registered with the exchange by the composition root (src/server/message-handlers.ts). */
export const submissionHandlers: MessageHandlers = {
  'intake.registered': onIntakeRegistered,
  'intake.returned': onIntakeReturned,
  'intake.rejected': onIntakeRejected,
};
