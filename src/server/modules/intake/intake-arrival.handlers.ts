import { randomUUID } from 'node:crypto';
import { CUSTODY_LIMIT_SECONDS } from '../../../domain/cases/custody-clock.js';
import type { CaseSubmittedBody, IntakeRejectedBody } from '../../../domain/messages/bodies.js';
import type { Tx } from '../../db/client.js';
import type { IntakeFileRow } from '../../db/schema.js';
import { recordAudit } from '../audit/index.js';
import type { MessageHandler, MessageHandlers } from '../exchange/index.js';
import { findCompetentProsecutorOffice } from '../organisations/index.js';
import { enqueueAnswer } from '../correspondence/index.js';
import { intakeDeadlineOf, INTAKE_UNREGISTERED, openClock } from '../clocks/index.js';
import {
  findIntakeFileOfThread,
  insertIntakeFile,
  recordIntakeDocuments,
  supplementsOf,
  updateIntakeFile,
  type IntakeSupplement,
} from './intake-files.repository.js';

/** What the office's rejection for wrong jurisdiction says, in the station's language. */
const WRONG_JURISDICTION_TEXT = 'رسیدگی به این پرونده در صلاحیت این دادسرا نیست.';

/** The earliest deadline (start + 24 h, Art. 46) among the custodies still running when the file was sent. */
export function custodyDeadlineOf(body: Pick<CaseSubmittedBody, 'custody'>): Date | null {
  const starts = body.custody.filter((c) => c.endedAt === null).map((c) => new Date(c.startedAt).getTime());
  return starts.length > 0 ? new Date(Math.min(...starts) + CUSTODY_LIMIT_SECONDS * 1000) : null;
}

/**
 * The office's clock on a file it holds as `received`: registered, returned or rejected within its working
 * days. Each round (the first arrival, each completion after a return) is a clock of its own.
 */
async function openIntakeClock(tx: Tx, file: IntakeFileRow, round: string, now: Date): Promise<void> {
  await openClock(tx, {
    kind: 'intake_unregistered',
    orgId: file.org_id,
    sourceId: `${file.id}:${round}`,
    caseId: null,
    caseRef: file.case_number,
    responsibleUserId: null,
    notifyRoles: ['prosecutor.clerk'],
    legalBasis: INTAKE_UNREGISTERED.legalBasis,
    startedAt: now,
    dueAt: await intakeDeadlineOf(tx, { orgId: file.org_id, receivedAt: now }),
    now,
  });
}

async function auditIntake(
  tx: Tx,
  file: IntakeFileRow,
  action: 'intake.received' | 'intake.supplemented',
  at: Date,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(tx, {
    action,
    actorUserId: null,
    actorOrgId: null,
    resourceType: 'intake_file',
    resourceId: file.id,
    orgId: file.org_id,
    ip: null,
    at,
    details,
  });
}

/**
 * `case.submitted` at a prosecutor's office: the file lands in the intake queue with its signed snapshot,
 * its custody clock and its documents. If this node's jurisdiction table says another office is
 * competent for the station (or none is), the file is recorded as rejected and `intake.rejected` with
 * `rejection.wrong_jurisdiction` (and the competent office, if known) goes back at once.
 */
export const onCaseSubmitted: MessageHandler<'case.submitted'> = async ({
  tx,
  envelope,
  recipient,
  now,
  signer,
}) => {
  const body = envelope.body;
  const competent = await findCompetentProsecutorOffice(tx, { code: envelope.from.org });
  const wrongJurisdiction = competent?.id !== recipient.id;
  const custodyDeadline = custodyDeadlineOf(body);
  const rejection: Omit<IntakeRejectedBody, 'rejectedAt'> = {
    reasons: [{ code: 'rejection.wrong_jurisdiction', text: WRONG_JURISDICTION_TEXT }],
    competentOffice: competent ? { code: competent.code, name: competent.name_fa } : null,
  };
  const file = await insertIntakeFile(tx, {
    id: randomUUID(),
    org_id: recipient.id,
    source_node: envelope.from.node,
    source_org: envelope.from.org,
    case_ref: envelope.caseRef,
    station_name: body.station.nameFa,
    case_number: body.caseNumber,
    crime_category_code: body.crimeCategoryCode,
    snapshot: JSON.stringify(body),
    in_custody: custodyDeadline !== null,
    custody_deadline_at: custodyDeadline,
    submitted_message_id: envelope.id,
    received_at: now,
    status: wrongJurisdiction ? 'rejected' : 'received',
    decision: wrongJurisdiction ? JSON.stringify(rejection) : null,
    decided_at: wrongJurisdiction ? now : null,
  });
  if (!file) return; // the office already holds this case: nothing changes
  await recordIntakeDocuments(tx, {
    intakeFileId: file.id,
    messageId: envelope.id,
    documents: envelope.documents,
    at: now,
  });
  if (!wrongJurisdiction) await openIntakeClock(tx, file, envelope.id, now);
  await auditIntake(tx, file, 'intake.received', now, {
    messageId: envelope.id,
    sourceOrg: envelope.from.org,
    wrongJurisdiction,
  });
  if (wrongJurisdiction) {
    await enqueueAnswer(tx, {
      signer,
      now,
      file,
      office: recipient,
      createdBy: recipient.name_fa,
      type: 'intake.rejected',
      body: { ...rejection, rejectedAt: now.toISOString() },
    });
  }
};

/**
 * `case.supplemented` at the office: the documents are added to the intake file and the supplement kept
 * beside the signed snapshot; a file returned for completion is back in the queue as `received`.
 */
export const onCaseSupplemented: MessageHandler<'case.supplemented'> = async ({
  tx,
  envelope,
  recipient,
  now,
}) => {
  const file = await findIntakeFileOfThread(tx, {
    orgId: recipient.id,
    sourceOrg: envelope.from.org,
    caseRef: envelope.caseRef,
  });
  if (!file) return;
  const supplement: IntakeSupplement = {
    messageId: envelope.id,
    note: envelope.body.note,
    answers: envelope.body.answers,
    parties: envelope.body.parties,
    documents: envelope.documents.map((d) => d.sha256),
    receivedAt: now.toISOString(),
  };
  await recordIntakeDocuments(tx, {
    intakeFileId: file.id,
    messageId: envelope.id,
    documents: envelope.documents,
    at: now,
  });
  const updated = await updateIntakeFile(tx, file.id, {
    supplements: JSON.stringify([...supplementsOf(file), supplement]),
    ...(file.status === 'returned' ? { status: 'received', decided_at: null, decided_by: null } : {}),
  });
  if (file.status === 'returned') await openIntakeClock(tx, updated, envelope.id, now);
  await auditIntake(tx, updated, 'intake.supplemented', now, {
    messageId: envelope.id,
    documents: envelope.documents.length,
    status: updated.status,
  });
};

/** The handlers of a station's case arriving at the office, registered with the exchange by the composition root (src/server/message-handlers.ts). */
export const intakeHandlers: MessageHandlers = {
  'case.submitted': onCaseSubmitted,
  'case.supplemented': onCaseSupplemented,
};
