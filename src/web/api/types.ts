import type { CaseActions } from '../../domain/cases/case-actions.js';
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
  /** Signs in with a code from an authenticator app after the password. */
  totpEnabled: boolean;
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
  /** What the signed-in user may do to the case now, as the server computed it (`case-actions.ts`). */
  allowed: CaseActions;
  /** When the file left for the prosecutor's office; not in every server's list answer yet. */
  sentAt?: string | null;
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
  actorUserId: string | null;
  details: Record<string, unknown>;
}

export interface ReferenceItem {
  code: string;
  nameFa: string;
  nameEn: string;
  /** Counties name their province. */
  provinceCode?: string;
}

/** An organisation as the administration screens see it (GET /api/organisations). */
export interface OrganisationRecord extends Organisation {
  provinceCode: string;
  countyCode: string;
  nodeId: string;
  isDemo: boolean;
}

export interface CreateOrganisationBody {
  code: string;
  kind: OrganisationKind;
  nameFa: string;
  nameEn: string;
  provinceCode: string;
  countyCode: string;
}

/** PUT /api/jurisdiction: a county or (as an exception) a station, and its competent prosecutor's office. */
export type JurisdictionRuleBody =
  { countyCode: string; prosecutorOfficeId: string } | { stationId: string; prosecutorOfficeId: string };

/** A user as the administration screens see it (GET /api/users). */
export interface UserRecord {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  role: Role;
  isDemo: boolean;
  locked: boolean;
  totpEnabled: boolean;
}

/** A username tried from an address, or an address, with recent failed sign-ins (GET /api/auth/throttles). */
export interface SignInThrottle {
  scope: 'account_address' | 'address';
  /** The user's username; null for an address, or for a name that is no user (never shown as typed). */
  username: string | null;
  key: string;
  address: string;
  failures: number;
  lastFailureAt: string;
  /** Until when it must wait; null when it need not. */
  blockedUntil: string | null;
}

export interface CreateUserBody {
  orgId: string;
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  resourceType: string;
  resourceId: string | null;
  orgId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
  hash: string;
}

/** POST /api/audit/verify */
export type AuditVerification =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; firstBadSeq: number; reason: 'changed' | 'missing' | 'broken_link' };

/** GET /api/cases/:id/receipt — the complainant's receipt (Art. 37). */
export interface Receipt {
  caseNumber: string;
  stationName: string;
  trackingCode: string;
  receivedAt: string;
  receivedAtLocal: string;
  note: string;
}

export const publicCaseStatuses = [
  'received',
  'sent',
  'registered',
  'returned',
  'closed',
  'in_progress',
] as const;
export type PublicCaseStatus = (typeof publicCaseStatuses)[number];

/** GET /api/public/tracking — the state of one complaint, for its complainant. */
export interface TrackingStatus {
  status: PublicCaseStatus;
  caseNumber: string;
  stationName: string;
  receivedAt: string;
  receivedAtLocal: string;
  sentAt: string | null;
  updatedAt: string;
  /** The prosecutor's file number once registered, when the server gives it. */
  prosecutorFileNumber?: string | null;
}

export const orderStatuses = ['open', 'acknowledged', 'reported', 'closed'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** A judicial order as the station sees it (GET /api/orders). */
export interface Order {
  orderId: string;
  side: 'office' | 'station';
  caseRef: string;
  caseNumber: string | null;
  caseId: string | null;
  counterpart: string;
  counterpartName: string | null;
  kind: string;
  text: string;
  deadlineAt: string;
  issuedAt: string;
  status: OrderStatus;
  overdue: boolean;
}
