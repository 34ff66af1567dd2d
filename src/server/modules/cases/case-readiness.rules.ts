import { checkReadiness } from '../../../domain/cases/readiness.js';
import type { Readiness } from '../../../domain/cases/readiness.schema.js';
import type { CaseFile } from './case-file.repository.js';

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
