/**
 * The body of each message type (docs/protocol.md §7, fields in §17), one zod schema per type. The receiver
 * checks a body against the schema of its envelope's `type` after the signature; a body that does not fit is
 * refused.
 * Identifiers of organisations are their codes (stable across nodes); people are named, not referenced
 * by another node's user ids.
 */
import { z } from 'zod';
import { anyText, text as multiLine } from '../text.js';
import type { MessageType } from './envelope.js';
import {
  escortAssignedBodySchema,
  escortCancelledBodySchema,
  escortHandedOverBodySchema,
  escortRequestedBodySchema,
} from './escort-bodies.js';

const isoInstant = z.iso.datetime();
const text = (max: number) => multiLine(max).min(1);

export const partySnapshotSchema = z.strictObject({
  id: anyText,
  role: z.enum(['complainant', 'accused', 'witness', 'informant']),
  firstName: anyText,
  lastName: anyText,
  fatherName: anyText.nullable(),
  nationalId: anyText.nullable(),
  passportNumber: anyText.nullable(),
  nationality: anyText,
  mobile: anyText.nullable(),
  address: anyText.nullable(),
});
export type PartySnapshot = z.infer<typeof partySnapshotSchema>;

export const custodySnapshotSchema = z.strictObject({
  id: anyText,
  partyId: anyText,
  startedAt: isoInstant,
  endedAt: isoInstant.nullable(),
  endReason: anyText.nullable(),
});

/** The case file as the station sends it. */
export const caseSubmittedBodySchema = z.strictObject({
  station: z.strictObject({ code: anyText, nameFa: anyText, nameEn: anyText }),
  caseNumber: anyText,
  origin: z.enum(['complaint', 'officer_report', 'flagrant']),
  trackingCode: anyText.nullable(),
  crimeCategoryCode: anyText,
  incidentAt: isoInstant.nullable(),
  incidentProvinceCode: anyText.nullable(),
  incidentCountyCode: anyText.nullable(),
  incidentAddress: anyText.nullable(),
  narrative: anyText,
  accusedUnknown: z.boolean(),
  parties: z.array(partySnapshotSchema),
  custody: z.array(custodySnapshotSchema),
  openedAt: isoInstant,
  approvedBy: anyText,
});
export type CaseSubmittedBody = z.infer<typeof caseSubmittedBodySchema>;

/** More documents, added parties or a correction, usually answering a return for completion. */
export const caseSupplementedBodySchema = z.strictObject({
  note: text(5000),
  answers: anyText.nullable(),
  parties: z.array(partySnapshotSchema),
});
export type CaseSupplementedBody = z.infer<typeof caseSupplementedBodySchema>;

export const intakeRegisteredBodySchema = z.strictObject({
  fileNumber: text(50),
  branch: text(100),
  assignedJudge: text(200),
  registeredAt: isoInstant,
});
export type IntakeRegisteredBody = z.infer<typeof intakeRegisteredBodySchema>;

/** Coded deficiencies (نقص) a prosecutor's office can return a file for. */
export const deficiencyCodes = [
  'deficiency.complaint_document',
  'deficiency.party_identity',
  'deficiency.accused_statement',
  'deficiency.witness_statement',
  'deficiency.evidence',
  'deficiency.medical_report',
  'deficiency.custody_record',
  'deficiency.narrative',
  'deficiency.other',
] as const;

export const intakeReturnedBodySchema = z.strictObject({
  deficiencies: z.array(z.strictObject({ code: z.enum(deficiencyCodes), text: multiLine(2000) })).min(1),
  returnedAt: isoInstant,
});
export type IntakeReturnedBody = z.infer<typeof intakeReturnedBodySchema>;

/** Coded reasons a prosecutor's office can reject a file for. */
export const rejectionCodes = [
  'rejection.wrong_jurisdiction',
  'rejection.not_criminal',
  'rejection.duplicate',
  'rejection.invalid',
  'rejection.other',
] as const;

export const intakeRejectedBodySchema = z.strictObject({
  reasons: z.array(z.strictObject({ code: z.enum(rejectionCodes), text: multiLine(2000) })).min(1),
  competentOffice: z.strictObject({ code: anyText, name: anyText }).nullable(),
  rejectedAt: isoInstant,
});
export type IntakeRejectedBody = z.infer<typeof intakeRejectedBodySchema>;

/** Kinds of judicial order (دستور قضایی). */
export const orderKinds = [
  'investigation',
  'summons',
  'warrant',
  'release',
  'forensic_referral',
  'escort',
  'other',
] as const;

export const orderIssuedBodySchema = z.strictObject({
  orderId: anyText,
  kind: z.enum(orderKinds),
  text: text(10000),
  deadlineAt: isoInstant,
  issuedBy: text(200),
  issuedAt: isoInstant,
});
export type OrderIssuedBody = z.infer<typeof orderIssuedBodySchema>;

export const orderAcknowledgedBodySchema = z.strictObject({
  orderId: anyText,
  acknowledgedAt: isoInstant,
  acknowledgedBy: text(200),
});
export const orderReportedBodySchema = z.strictObject({
  orderId: anyText,
  report: text(20000),
  reportedAt: isoInstant,
  reportedBy: text(200),
});
export const orderClosedBodySchema = z.strictObject({
  orderId: anyText,
  outcome: z.enum(['closed', 'more_requested']),
  note: multiLine(5000),
  closedAt: isoInstant,
});

/** How the family of a person held outside office hours was told (Arts. 47, 49 CPC 1392). */
export const familyNoticeMeans = ['phone', 'in_person', 'sms', 'other'] as const;

/**
 * `custody.notified`: a station tells its prosecutor's office, within the hour, of a custody that started
 * outside office hours, and how the person's family was told.
 */
export const custodyNotifiedBodySchema = z.strictObject({
  custodyId: anyText,
  caseNumber: text(100),
  personName: text(300),
  custodyStartedAt: isoInstant,
  familyNotifiedWho: text(300),
  familyNotifiedHow: z.enum(familyNoticeMeans),
  familyNotifiedAt: isoInstant,
  notifiedBy: text(200),
  notifiedAt: isoInstant,
});
export type CustodyNotifiedBody = z.infer<typeof custodyNotifiedBodySchema>;

/** The schema of each type's body. */
export const messageBodySchemas = {
  'case.submitted': caseSubmittedBodySchema,
  'case.supplemented': caseSupplementedBodySchema,
  'intake.registered': intakeRegisteredBodySchema,
  'intake.returned': intakeReturnedBodySchema,
  'intake.rejected': intakeRejectedBodySchema,
  'order.issued': orderIssuedBodySchema,
  'order.acknowledged': orderAcknowledgedBodySchema,
  'order.reported': orderReportedBodySchema,
  'order.closed': orderClosedBodySchema,
  'escort.requested': escortRequestedBodySchema,
  'escort.assigned': escortAssignedBodySchema,
  'escort.handed-over': escortHandedOverBodySchema,
  'escort.cancelled': escortCancelledBodySchema,
  'custody.notified': custodyNotifiedBodySchema,
} as const satisfies Record<MessageType, z.ZodType>;

export type MessageBody<T extends MessageType> = z.infer<(typeof messageBodySchemas)[T]>;

/** The signed delivery receipt a receiving node returns: transport, never the business answer. */
export const deliveryReceiptSchema = z.strictObject({
  type: z.literal('receipt.delivery'),
  messageId: anyText,
  messageSha256: anyText,
  receiver: z.strictObject({ node: anyText, org: anyText }),
  receivedAt: isoInstant,
  documentsVerified: z.array(anyText),
});
export type DeliveryReceipt = z.infer<typeof deliveryReceiptSchema>;
