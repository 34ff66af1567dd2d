/**
 * The body of each message type (docs/protocol.md §7, fields in §17), one zod schema per type. The receiver
 * checks a body against the schema of its envelope's `type` after the signature; a body that does not fit is
 * refused.
 * Identifiers of organisations are their codes (stable across nodes); people are named, not referenced
 * by another node's user ids.
 */
import { z } from 'zod';
import type { MessageType } from './envelope.js';
import {
  escortAssignedBodySchema,
  escortCancelledBodySchema,
  escortHandedOverBodySchema,
  escortRequestedBodySchema,
} from './escort-bodies.js';

const isoInstant = z.iso.datetime();
const text = (max: number) => z.string().min(1).max(max);

export const partySnapshotSchema = z.strictObject({
  id: z.string(),
  role: z.enum(['complainant', 'accused', 'witness', 'informant']),
  firstName: z.string(),
  lastName: z.string(),
  fatherName: z.string().nullable(),
  nationalId: z.string().nullable(),
  passportNumber: z.string().nullable(),
  nationality: z.string(),
  mobile: z.string().nullable(),
  address: z.string().nullable(),
});
export type PartySnapshot = z.infer<typeof partySnapshotSchema>;

export const custodySnapshotSchema = z.strictObject({
  id: z.string(),
  partyId: z.string(),
  startedAt: isoInstant,
  endedAt: isoInstant.nullable(),
  endReason: z.string().nullable(),
});

/** The case file as the station sends it. */
export const caseSubmittedBodySchema = z.strictObject({
  station: z.strictObject({ code: z.string(), nameFa: z.string(), nameEn: z.string() }),
  caseNumber: z.string(),
  origin: z.enum(['complaint', 'officer_report', 'flagrant']),
  trackingCode: z.string().nullable(),
  crimeCategoryCode: z.string(),
  incidentAt: isoInstant.nullable(),
  incidentProvinceCode: z.string().nullable(),
  incidentCountyCode: z.string().nullable(),
  incidentAddress: z.string().nullable(),
  narrative: z.string(),
  accusedUnknown: z.boolean(),
  parties: z.array(partySnapshotSchema),
  custody: z.array(custodySnapshotSchema),
  openedAt: isoInstant,
  approvedBy: z.string(),
});
export type CaseSubmittedBody = z.infer<typeof caseSubmittedBodySchema>;

/** More documents, added parties or a correction, usually answering a return for completion. */
export const caseSupplementedBodySchema = z.strictObject({
  note: text(5000),
  answers: z.string().nullable(),
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
  deficiencies: z.array(z.strictObject({ code: z.enum(deficiencyCodes), text: z.string().max(2000) })).min(1),
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
  reasons: z.array(z.strictObject({ code: z.enum(rejectionCodes), text: z.string().max(2000) })).min(1),
  competentOffice: z.strictObject({ code: z.string(), name: z.string() }).nullable(),
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
  orderId: z.string(),
  kind: z.enum(orderKinds),
  text: text(10000),
  deadlineAt: isoInstant,
  issuedBy: text(200),
  issuedAt: isoInstant,
});
export type OrderIssuedBody = z.infer<typeof orderIssuedBodySchema>;

export const orderAcknowledgedBodySchema = z.strictObject({
  orderId: z.string(),
  acknowledgedAt: isoInstant,
  acknowledgedBy: text(200),
});
export const orderReportedBodySchema = z.strictObject({
  orderId: z.string(),
  report: text(20000),
  reportedAt: isoInstant,
  reportedBy: text(200),
});
export const orderClosedBodySchema = z.strictObject({
  orderId: z.string(),
  outcome: z.enum(['closed', 'more_requested']),
  note: z.string().max(5000),
  closedAt: isoInstant,
});

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
} as const satisfies Record<MessageType, z.ZodType>;

export type MessageBody<T extends MessageType> = z.infer<(typeof messageBodySchemas)[T]>;

/** The signed delivery receipt a receiving node returns: transport, never the business answer. */
export const deliveryReceiptSchema = z.strictObject({
  type: z.literal('receipt.delivery'),
  messageId: z.string(),
  messageSha256: z.string(),
  receiver: z.strictObject({ node: z.string(), org: z.string() }),
  receivedAt: isoInstant,
  documentsVerified: z.array(z.string()),
});
export type DeliveryReceipt = z.infer<typeof deliveryReceiptSchema>;
