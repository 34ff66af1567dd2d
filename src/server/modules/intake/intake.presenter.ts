import { intakeActions } from '../../../domain/intake/intake-actions.js';
import type { IntakeDetail, IntakeSummary } from '../../../domain/intake/intake.schema.js';
import type { Actor } from '../../../domain/permissions.js';
import type { IntakeFileRow } from '../../db/schema.js';
import { intakeStateOf } from './intake-access.policy.js';
import { snapshotOf, supplementsOf } from './intake-files.repository.js';

/** Rows → API shapes; `now` is passed in (the custody clock is read at it). */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An intake file in the queue, with its custody clock read at `now` and what `actor` may do to it now. */
export function presentIntakeSummary(row: IntakeFileRow, now: Date, actor: Actor): IntakeSummary {
  const snapshot = snapshotOf(row);
  const parties = [...snapshot.parties, ...supplementsOf(row).flatMap((s) => s.parties)];
  return {
    id: row.id,
    caseRef: row.case_ref,
    caseNumber: row.case_number,
    station: { code: row.source_org, name: row.station_name },
    crimeCategoryCode: row.crime_category_code,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    inCustody: row.in_custody,
    custodyDeadlineAt: iso(row.custody_deadline_at),
    custodyRemainingSeconds: row.custody_deadline_at
      ? Math.floor((row.custody_deadline_at.getTime() - now.getTime()) / 1000)
      : null,
    fileNumber: row.file_number,
    partyNames: parties.map((p) => `${p.firstName} ${p.lastName}`),
    allowed: intakeActions(actor, intakeStateOf(row)),
  };
}

/** What the detail view adds: the documents with their verification, and the message's. */
export interface IntakeVerification {
  documents: IntakeDetail['documents'];
  messageSha256: string;
  signatureVerified: boolean;
}

/** A whole intake file: the signed snapshot, supplements' parties, documents and how each was verified. */
export function presentIntakeDetail(
  row: IntakeFileRow,
  verification: IntakeVerification,
  now: Date,
  actor: Actor,
): IntakeDetail {
  const snapshot = snapshotOf(row);
  return {
    ...presentIntakeSummary(row, now, actor),
    origin: snapshot.origin,
    trackingCode: snapshot.trackingCode,
    incidentAt: snapshot.incidentAt,
    incidentProvinceCode: snapshot.incidentProvinceCode,
    incidentCountyCode: snapshot.incidentCountyCode,
    incidentAddress: snapshot.incidentAddress,
    narrative: snapshot.narrative,
    accusedUnknown: snapshot.accusedUnknown,
    parties: [...snapshot.parties, ...supplementsOf(row).flatMap((s) => s.parties)],
    custody: snapshot.custody,
    approvedBy: snapshot.approvedBy,
    documents: verification.documents,
    verification: {
      messageId: row.submitted_message_id,
      messageSha256: verification.messageSha256,
      signatureVerified: verification.signatureVerified,
      documentsVerified: verification.documents.every((d) => d.hashVerified),
    },
    branch: row.branch,
    assignedJudge: row.assigned_judge,
    decidedAt: iso(row.decided_at),
    decision: (row.decision as Record<string, unknown> | null) ?? null,
  };
}
