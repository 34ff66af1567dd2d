import { caseActions } from '../../../domain/cases/case-actions.js';
import type { CaseDetail, CaseSummary } from '../../../domain/cases/case.schema.js';
import { custodyClock, CUSTODY_LIMIT_SECONDS } from '../../../domain/cases/custody-clock.js';
import type { Custody } from '../../../domain/cases/custody.schema.js';
import type { Party } from '../../../domain/cases/party.schema.js';
import type { DocumentKind } from '../../../domain/documents/documents.schema.js';
import type { PartySnapshot } from '../../../domain/messages/bodies.js';
import type { Actor } from '../../../domain/permissions.js';
import type { CaseRow, CustodyRow, PartyRow } from '../../db/schema.js';
import { caseStateOf, isEditable } from './case-access.policy.js';
import type { CaseFile } from './case-file.repository.js';
import { readinessOf } from './case-readiness.rules.js';

/** Rows → API shapes. Nothing here reads the database or the clock: `now` is passed in. */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** `A` while `A` and `B` are the same type, else `never` (nothing can be returned as it). */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? A : never) : never;

/**
 * A party as the API shows it, and as a message carries it (`PartySnapshot`): the one mapping of a party's
 * row. The two shapes are one today; this stops compiling the day they differ, so that a field added to the
 * API is not sent, unnoticed, to peers that refuse fields they do not know.
 */
export function presentParty(row: PartyRow): SameShape<Party, PartySnapshot> {
  return {
    id: row.id,
    role: row.role,
    firstName: row.first_name,
    lastName: row.last_name,
    fatherName: row.father_name,
    nationalId: row.national_id,
    passportNumber: row.passport_number,
    nationality: row.nationality,
    mobile: row.mobile,
    address: row.address,
  };
}

/** A custody record with its Art. 46 clock read at `now`. */
export function presentCustody(row: CustodyRow, now: Date): Custody {
  const clock = custodyClock({ startedAt: row.started_at, endedAt: row.ended_at, now });
  return {
    id: row.id,
    partyId: row.party_id,
    startedAt: row.started_at.toISOString(),
    endedAt: iso(row.ended_at),
    endReason: row.end_reason,
    endNote: row.end_note,
    deadlineAt: clock.deadlineAt.toISOString(),
    deadlineLocal: clock.deadlineLocal,
    remainingSeconds: clock.remainingSeconds,
    breached: clock.breached,
    warning: clock.warning,
    endedInTime: clock.endedInTime,
  };
}

/**
 * A case in a list, with what `actor` may do to it now; `runningCustodySince` is the earliest start among
 * its running custodies.
 */
export function presentCaseSummary(
  row: CaseRow,
  extras: { partyNames: string[]; runningCustodySince: Date | null; actor: Actor },
): CaseSummary {
  const since = extras.runningCustodySince;
  return {
    id: row.id,
    caseNumber: row.case_number,
    trackingCode: row.tracking_code,
    origin: row.origin,
    status: row.status,
    crimeCategoryCode: row.crime_category_code,
    createdAt: row.created_at.toISOString(),
    sentAt: iso(row.sent_at),
    inCustody: since !== null,
    custodyDeadlineAt: since ? new Date(since.getTime() + CUSTODY_LIMIT_SECONDS * 1000).toISOString() : null,
    partyNames: extras.partyNames,
    allowed: caseActions(extras.actor, caseStateOf(row)),
  };
}

/** A whole case file, with custody clocks and readiness read at `now`, and what `actor` may do to it. */
export function presentCaseDetail(file: CaseFile, now: Date, actor: Actor): CaseDetail {
  const { row } = file;
  const running = file.custody.filter((c) => c.ended_at === null).map((c) => c.started_at.getTime());
  return {
    ...presentCaseSummary(row, {
      partyNames: file.parties.map((p) => `${p.first_name} ${p.last_name}`),
      runningCustodySince: running.length > 0 ? new Date(Math.min(...running)) : null,
      actor,
    }),
    parties: file.parties.map(presentParty),
    custody: file.custody.map((c) => presentCustody(c, now)),
    documents: file.documents.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind as DocumentKind,
      mediaType: d.media_type,
      size: d.size,
      sha256: d.sha256,
      uploadedAt: d.uploaded_at.toISOString(),
    })),
    readiness: readinessOf(file, now),
    incidentAt: iso(row.incident_at),
    incidentProvinceCode: row.incident_province_code,
    incidentCountyCode: row.incident_county_code,
    incidentAddress: row.incident_address,
    narrative: row.narrative,
    accusedUnknown: row.accused_unknown,
    updatedAt: row.updated_at.toISOString(),
    editable: isEditable(row),
    returnedToOfficer:
      row.returned_at && row.status === 'draft'
        ? { comment: row.returned_comment ?? '', at: row.returned_at.toISOString() }
        : null,
  };
}
