import type { CaseDetail, CaseSummary } from '../../../domain/cases/case.schema.js';
import { custodyClock, CUSTODY_LIMIT_SECONDS } from '../../../domain/cases/custody-clock.js';
import type { Custody } from '../../../domain/cases/custody.schema.js';
import type { Party } from '../../../domain/cases/party.schema.js';
import { checkReadiness } from '../../../domain/cases/readiness.js';
import type { Readiness } from '../../../domain/cases/readiness.schema.js';
import type { CaseRow, CustodyRow, PartyRow } from '../../db/schema.js';
import { isEditable } from './case-access.policy.js';
import type { CaseFile } from './case-file.repository.js';

/** Rows → API shapes. Nothing here reads the database or the clock: `now` is passed in. */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A party as the API shows it. */
export function presentParty(row: PartyRow): Party {
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

/** The readiness of a whole case file at `now`. */
export function readinessOf(file: CaseFile, now: Date): Readiness {
  return checkReadiness(
    {
      origin: file.row.origin,
      crimeCategoryCode: file.row.crime_category_code,
      narrative: file.row.narrative,
      accusedUnknown: file.row.accused_unknown,
      parties: file.parties,
      custody: file.custody.map((c) => ({ partyId: c.party_id, startedAt: c.started_at })),
      documents: file.documents,
    },
    now,
  );
}

/** A case in a list; `runningCustodySince` is the earliest start among its running custodies. */
export function presentCaseSummary(
  row: CaseRow,
  extras: { partyNames: string[]; runningCustodySince: Date | null },
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
  };
}

/** A whole case file, with custody clocks and readiness read at `now`. */
export function presentCaseDetail(file: CaseFile, now: Date): CaseDetail {
  const { row } = file;
  const running = file.custody.filter((c) => c.ended_at === null).map((c) => c.started_at.getTime());
  return {
    ...presentCaseSummary(row, {
      partyNames: file.parties.map((p) => `${p.first_name} ${p.last_name}`),
      runningCustodySince: running.length > 0 ? new Date(Math.min(...running)) : null,
    }),
    parties: file.parties.map(presentParty),
    custody: file.custody.map((c) => presentCustody(c, now)),
    documents: file.documents.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
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
  };
}
