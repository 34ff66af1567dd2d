import { z } from 'zod';
import { intakeActionsSchema } from './intake-actions.js';
import { requiredLine } from '../cases/text-fields.js';
import { toLatinDigits } from '../persian-text.js';
import { cursorId, cursorParam, cursorTime, pageOf } from '../list-cursor.js';
import { code, line, text } from '../text.js';
import {
  custodySnapshotSchema,
  deficiencyCodes,
  partySnapshotSchema,
  rejectionCodes,
} from '../messages/bodies.js';

export const intakeStatuses = ['received', 'registered', 'returned', 'rejected'] as const;
export type IntakeStatus = (typeof intakeStatuses)[number];

/** `"true"`/`"false"` in a query string. */
const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * The sort key a page of the queue ends on: in the urgent part (files not yet decided under a running
 * custody clock) `['u', deadline, id]`, nearest deadline first; in the rest `['r', receivedAt, id]`, newest first.
 */
export const intakeCursorSchema = z.tuple([z.enum(['u', 'r']), cursorTime, cursorId]);
export type IntakeCursor = z.infer<typeof intakeCursorSchema>;

/** GET /api/intake — the office's queue, filtered, and paged by keyset (`cursor`: the `next` of the page before). */
export const intakeQueueQuerySchema = z.object({
  status: z.enum(intakeStatuses).optional(),
  stationCode: line(50).optional(),
  crimeCategory: line(50).optional(),
  custody: queryFlag.optional(),
  cursor: cursorParam(intakeCursorSchema).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type IntakeQueueQuery = z.infer<typeof intakeQueueQuerySchema>;

/** An intake file in the queue. */
export const intakeSummarySchema = z.object({
  id: z.string(),
  caseRef: z.string(),
  caseNumber: z.string(),
  station: z.object({ code: z.string(), name: z.string() }),
  crimeCategoryCode: z.string(),
  status: z.enum(intakeStatuses),
  receivedAt: z.string(),
  inCustody: z.boolean(),
  /** Earliest start + 24 h among the custodies running when the file was sent (Art. 46). */
  custodyDeadlineAt: z.string().nullable(),
  /** Seconds left on that clock now; negative once past. */
  custodyRemainingSeconds: z.number().int().nullable(),
  fileNumber: z.string().nullable(),
  partyNames: z.array(z.string()),
  /** What the signed-in user may do to the file now (`intake-actions.ts`). */
  allowed: intakeActionsSchema,
});
export type IntakeSummary = z.infer<typeof intakeSummarySchema>;

/** A page of the queue; `next` is the cursor of the following page, null on the last. */
export const intakeQueueSchema = pageOf(intakeSummarySchema);
export type IntakeQueue = z.infer<typeof intakeQueueSchema>;

export const intakeDocumentSchema = z.object({
  sha256: z.string(),
  name: z.string(),
  kind: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  receivedAt: z.string(),
  /** The receiver re-hashed every byte and its signed receipt lists this hash. */
  hashVerified: z.boolean(),
});

/** One intake file with everything in it and how it was verified. */
export const intakeDetailSchema = intakeSummarySchema.extend({
  origin: z.string(),
  trackingCode: z.string().nullable(),
  incidentAt: z.string().nullable(),
  incidentProvinceCode: z.string().nullable(),
  incidentCountyCode: z.string().nullable(),
  incidentAddress: z.string().nullable(),
  narrative: z.string(),
  accusedUnknown: z.boolean(),
  parties: z.array(partySnapshotSchema),
  custody: z.array(custodySnapshotSchema),
  approvedBy: z.string(),
  documents: z.array(intakeDocumentSchema),
  verification: z.object({
    messageId: z.string(),
    messageSha256: z.string(),
    /** Re-verified now against the trust store. */
    signatureVerified: z.boolean(),
    documentsVerified: z.boolean(),
  }),
  branch: z.string().nullable(),
  assignedJudge: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decision: z.record(z.string(), z.unknown()).nullable(),
});
export type IntakeDetail = z.infer<typeof intakeDetailSchema>;

/**
 * The office's file number (شماره پرونده): an identifier, so kept with Latin digits and without the spaces around
 * it, and unique in the office (`intake.file_number_taken`).
 */
export const fileNumberSchema = requiredLine(50).transform((s) => toLatinDigits(s.trim()));

/** POST /api/intake/:id/register */
export const registerIntakeBodySchema = z.object({
  fileNumber: fileNumberSchema,
  branch: requiredLine(100),
  assignedJudge: requiredLine(200),
});
export type RegisterIntakeBody = z.infer<typeof registerIntakeBodySchema>;

/** POST /api/intake/:id/return — returned for completion (نقص) with the coded list of what is missing. */
export const returnIntakeBodySchema = z.object({
  deficiencies: z
    .array(z.object({ code: z.enum(deficiencyCodes), text: text(2000) }))
    .min(1)
    .max(50),
});
export type ReturnIntakeBody = z.infer<typeof returnIntakeBodySchema>;

/** POST /api/intake/:id/reject */
export const rejectIntakeBodySchema = z.object({
  reasons: z
    .array(z.object({ code: z.enum(rejectionCodes), text: text(2000) }))
    .min(1)
    .max(20),
  competentOfficeCode: code(50).optional(),
});
export type RejectIntakeBody = z.infer<typeof rejectIntakeBodySchema>;

export const intakeDecisionSchema = z.object({
  id: z.string(),
  status: z.enum(intakeStatuses),
  messageId: z.string(),
});
export type IntakeDecision = z.infer<typeof intakeDecisionSchema>;
