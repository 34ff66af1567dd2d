import type { CaseOrigin } from './case.schema.js';
import type { PartyRole } from './party.schema.js';
import type { Readiness, ReadinessCode } from './readiness.schema.js';

/** The kind of document that holds the complaint itself (شکوائیه, or the صورتمجلس of an oral complaint). */
export const COMPLAINT_DOCUMENT_KIND = 'complaint';

/** What the readiness rules look at: the case, its parties, custody and documents. */
export interface ReadinessInput {
  origin: CaseOrigin;
  crimeCategoryCode: string | null;
  narrative: string | null;
  accusedUnknown: boolean;
  parties: readonly { id: string; role: PartyRole }[];
  custody: readonly { partyId: string; startedAt: Date }[];
  documents: readonly { kind: string }[];
}

/**
 * Whether a file is complete enough to send, and if not what is missing. These are the rules the
 * prosecutor's side applies on receipt, run at the station first so a file is right the first time:
 * at least one party; an accused, or the accused marked unknown; a crime category; a narrative; for a
 * complaint, a complainant and the complaint document; each custody held on an accused of this case
 * and started no later than `now`.
 */
export function checkReadiness(file: ReadinessInput, now: Date): Readiness {
  const missing: { code: ReadinessCode; path?: string }[] = [];
  const roles = new Set(file.parties.map((p) => p.role));
  if (file.parties.length === 0) missing.push({ code: 'readiness.no_party', path: 'parties' });
  if (!roles.has('accused') && !file.accusedUnknown)
    missing.push({ code: 'readiness.no_accused', path: 'parties' });
  if (!file.crimeCategoryCode)
    missing.push({ code: 'readiness.no_crime_category', path: 'crimeCategoryCode' });
  if (!file.narrative?.trim()) missing.push({ code: 'readiness.no_narrative', path: 'narrative' });
  if (file.origin === 'complaint') {
    if (!roles.has('complainant')) missing.push({ code: 'readiness.no_complainant', path: 'parties' });
    if (!file.documents.some((d) => d.kind === COMPLAINT_DOCUMENT_KIND)) {
      missing.push({ code: 'readiness.no_complaint_document', path: 'documents' });
    }
  }
  const roleOf = new Map(file.parties.map((p) => [p.id, p.role]));
  file.custody.forEach((c, i) => {
    const role = roleOf.get(c.partyId);
    if (role === undefined)
      missing.push({ code: 'readiness.custody_party_missing', path: `custody.${i}.partyId` });
    else if (role !== 'accused')
      missing.push({ code: 'readiness.custody_party_not_accused', path: `custody.${i}.partyId` });
    if (c.startedAt.getTime() > now.getTime())
      missing.push({ code: 'readiness.custody_starts_in_future', path: `custody.${i}.startedAt` });
  });
  return { ready: missing.length === 0, missing };
}
