import type { CaseSubmittedBody } from '../../../domain/messages/bodies.js';
import type { MessageDocument } from '../../../domain/messages/envelope.js';
import type { OrganisationRow } from '../../db/schema.js';
import { presentParty, type CaseDocumentRow, type CaseFile } from '../cases/index.js';

/** Documents as a message binds them: by hash, with what the receiver needs to show them. */
export function messageDocumentsOf(
  rows: readonly Pick<CaseDocumentRow, 'sha256' | 'size' | 'media_type' | 'name' | 'kind'>[],
): MessageDocument[] {
  return rows.map((d) => ({
    sha256: d.sha256,
    size: d.size,
    mediaType: d.media_type,
    name: d.name,
    kind: d.kind,
  }));
}

/**
 * The case file as `case.submitted` carries it (`caseSubmittedBodySchema`). Called only on a file that
 * passed the readiness check, so the crime category and the narrative are there.
 */
export function caseSnapshotOf(
  file: CaseFile,
  input: { station: OrganisationRow; approvedBy: string },
): CaseSubmittedBody {
  const { row } = file;
  return {
    station: { code: input.station.code, nameFa: input.station.name_fa, nameEn: input.station.name_en },
    caseNumber: row.case_number,
    origin: row.origin,
    trackingCode: row.tracking_code,
    crimeCategoryCode: row.crime_category_code ?? '',
    incidentAt: row.incident_at ? row.incident_at.toISOString() : null,
    incidentProvinceCode: row.incident_province_code,
    incidentCountyCode: row.incident_county_code,
    incidentAddress: row.incident_address,
    narrative: row.narrative ?? '',
    accusedUnknown: row.accused_unknown,
    parties: file.parties.map(presentParty),
    custody: file.custody.map((c) => ({
      id: c.id,
      partyId: c.party_id,
      startedAt: c.started_at.toISOString(),
      endedAt: c.ended_at ? c.ended_at.toISOString() : null,
      endReason: c.end_reason,
    })),
    openedAt: row.created_at.toISOString(),
    approvedBy: input.approvedBy,
  };
}
