import type { OrganisationKind, Role } from '../../domain/roles.js';

/** The shapes the API answers with (see /api/openapi.json). Instants are UTC ISO strings. */

export interface Organisation {
  id: string;
  code: string;
  kind: OrganisationKind;
  nameFa: string;
  nameEn: string;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  isDemo: boolean;
  org: Organisation;
}

export const caseOrigins = ['complaint', 'officer_report', 'flagrant'] as const;
export type CaseOrigin = (typeof caseOrigins)[number];

export const partyRoles = ['complainant', 'accused', 'witness', 'informant'] as const;
export type PartyRole = (typeof partyRoles)[number];

export const custodyEndReasons = [
  'released',
  'bail',
  'handed_to_prosecutor',
  'transferred',
  'other',
] as const;
export type CustodyEndReason = (typeof custodyEndReasons)[number];

export { documentKinds, type DocumentKind } from '../../domain/documents/documents.schema.js';

export interface CaseSummary {
  id: string;
  caseNumber: string;
  trackingCode: string | null;
  origin: CaseOrigin;
  status: string;
  crimeCategoryCode: string | null;
  createdAt: string;
  inCustody: boolean;
  custodyDeadlineAt: string | null;
  partyNames: string[];
}

export interface Party {
  id: string;
  role: PartyRole;
  firstName: string;
  lastName: string;
  fatherName: string | null;
  nationalId: string | null;
  passportNumber: string | null;
  nationality: string | null;
  mobile: string | null;
  address: string | null;
}

export interface Custody {
  id: string;
  partyId: string;
  startedAt: string;
  endedAt: string | null;
  endReason: CustodyEndReason | null;
  deadlineAt: string;
  remainingSeconds: number;
  breached: boolean;
}

export interface CaseDocument {
  id: string;
  name: string;
  kind: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface MissingItem {
  code: string;
  path?: string;
}

export interface CaseDetail extends CaseSummary {
  parties: Party[];
  custody: Custody[];
  documents: CaseDocument[];
  readiness: { ready: boolean; missing: MissingItem[] };
  incidentAt: string | null;
  incidentProvinceCode: string | null;
  incidentCountyCode: string | null;
  incidentAddress: string | null;
  narrative: string | null;
  accusedUnknown: boolean;
  updatedAt: string;
  sentAt: string | null;
  editable: boolean;
}

export interface CaseFields {
  crimeCategoryCode?: string | null;
  incidentAt?: string | null;
  incidentProvinceCode?: string | null;
  incidentCountyCode?: string | null;
  incidentAddress?: string | null;
  narrative?: string | null;
  accusedUnknown?: boolean;
}

export interface CreateCaseBody extends CaseFields {
  origin: CaseOrigin;
}

export interface PartyBody {
  role: PartyRole;
  firstName: string;
  lastName: string;
  fatherName?: string;
  nationalId?: string;
  passportNumber?: string;
  nationality?: string;
  mobile?: string;
  address?: string;
}

export interface TimelineItem {
  at: string;
  type: string;
  actor: string | null;
  details: Record<string, unknown>;
}

export interface ReferenceItem {
  code: string;
  nameFa: string;
  nameEn: string;
  /** Counties name their province. */
  provinceCode?: string;
}
