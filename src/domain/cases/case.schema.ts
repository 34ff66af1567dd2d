import { z } from 'zod';
import { caseDocumentSchema } from '../documents/documents.schema.js';
import { caseActionsSchema } from './case-actions.js';
import { custodySchema } from './custody.schema.js';
import { newCasePartySchema, partySchema } from './party.schema.js';
import { readinessSchema } from './readiness.schema.js';
import { cursorId, cursorParam, cursorTime, pageOf } from '../list-cursor.js';
import { code, line } from '../text.js';
import { instantSchema, optionalText } from './text-fields.js';

export const caseOrigins = ['complaint', 'officer_report', 'flagrant'] as const;
export const caseOriginSchema = z.enum(caseOrigins);
export type CaseOrigin = z.infer<typeof caseOriginSchema>;

/** The incident and its classification: what both the create and the update bodies may set. */
const caseFields = {
  crimeCategoryCode: code(50).nullish(),
  incidentAt: instantSchema.nullish(),
  incidentProvinceCode: z
    .string()
    .regex(/^IR-\d{2}$/)
    .nullish(),
  incidentCountyCode: code(40).nullish(),
  incidentAddress: optionalText(1000),
  narrative: optionalText(20_000),
  accusedUnknown: z.boolean().optional(),
};

/** The most parties one new-case request may carry (more are added on the case page). */
export const MAX_NEW_CASE_PARTIES = 30;

/**
 * POST /api/cases — a file opened from a complaint (Art. 37), an officer's report, or a flagrant crime, with
 * its parties (and their custody) in the same request: saved all together in one transaction, or not at all.
 */
export const openCaseBodySchema = z.object({
  origin: caseOriginSchema,
  ...caseFields,
  parties: z.array(newCasePartySchema).max(MAX_NEW_CASE_PARTIES).optional(),
});
export type OpenCaseBody = z.infer<typeof openCaseBodySchema>;

/** PATCH /api/cases/:id — any incident field; `null` clears it. The origin never changes. */
export const updateCaseBodySchema = z.object(caseFields);
export type UpdateCaseBody = z.infer<typeof updateCaseBodySchema>;

/**
 * The sort key a page of cases ends on: newest first (`createdAt` as PostgreSQL prints it, id), or, for a
 * search, best match first (its two similarity scores, then newest first).
 */
export const caseCursorSchema = z.union([
  z.tuple([cursorTime, cursorId]),
  z.tuple([z.number().min(0).max(1), z.number().min(0).max(1), cursorTime, cursorId]),
]);
export type CaseCursor = z.infer<typeof caseCursorSchema>;

/**
 * The queues of a station's jobs (issue 18, point 5): the chief's `awaiting_approval`; the officer's own drafts the
 * chief sent back with a comment (`returned_to_me`) and own files the office returned for completion
 * (`returned_by_office`).
 */
export const caseQueues = ['awaiting_approval', 'returned_to_me', 'returned_by_office'] as const;
export type CaseQueue = (typeof caseQueues)[number];

/** GET /api/cases — search, and pages by keyset: `cursor` is the `next` of the page before. */
export const findCasesQuerySchema = z
  .object({
    q: line(200).optional(),
    /** Only cases in this state (e.g. `returned`). */
    status: z
      .string()
      .regex(/^[a-z_]+$/)
      .max(40)
      .optional(),
    /** Only cases with a custody still running (the dashboard's countdowns). */
    inCustody: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** A job's queue (`caseQueues`): the chief's, or the officer's own returned files. */
    queue: z.enum(caseQueues).optional(),
    /** Opened at or after this instant (the UI sends the start of a Jalali day in Tehran). */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Opened before this instant (the UI sends the end of a Jalali day in Tehran). */
    to: z.iso.datetime({ offset: true }).optional(),
    crimeCategory: code(50).optional(),
    /** Only the cases this user (an officer of the station) opened. */
    officer: z.uuid().optional(),
    /** Newest first (the default) or oldest first; both by keyset. */
    sort: z.enum(['newest', 'oldest']).optional(),
    cursor: cursorParam(caseCursorSchema).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'cases.invalid_period',
    path: ['to'],
  });
export type FindCasesQuery = z.infer<typeof findCasesQuerySchema>;

/** A case in a list. */
export const caseSummarySchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  trackingCode: z.string().nullable(),
  origin: caseOriginSchema,
  status: z.string(),
  crimeCategoryCode: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  inCustody: z.boolean(),
  /** The earliest deadline among running custodies. */
  custodyDeadlineAt: z.string().nullable(),
  partyNames: z.array(z.string()),
  /** What the signed-in user may do to the case now (`case-actions.ts`). */
  allowed: caseActionsSchema,
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** A document as the case file lists it: the document (`caseDocumentSchema`) less its case's and uploader's ids. */
export const caseFileDocumentSchema = caseDocumentSchema.pick({
  id: true,
  name: true,
  kind: true,
  mediaType: true,
  size: true,
  sha256: true,
  uploadedAt: true,
});
export type CaseFileDocument = z.infer<typeof caseFileDocumentSchema>;

/** A whole case file as the station sees it. */
export const caseDetailSchema = caseSummarySchema.extend({
  parties: z.array(partySchema),
  custody: z.array(custodySchema),
  documents: z.array(caseFileDocumentSchema),
  readiness: readinessSchema,
  incidentAt: z.string().nullable(),
  incidentProvinceCode: z.string().nullable(),
  incidentCountyCode: z.string().nullable(),
  incidentAddress: z.string().nullable(),
  narrative: z.string().nullable(),
  accusedUnknown: z.boolean(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
  editable: z.boolean(),
  /** The chief sent the prepared case back with this comment (until it is put forward again). */
  returnedToOfficer: z.object({ comment: z.string(), at: z.string() }).nullable(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** A page of cases; `next` is the cursor of the following page, null on the last. No total: nobody counts every match. */
export const caseListSchema = pageOf(caseSummarySchema);
export type CaseList = z.infer<typeof caseListSchema>;

/** One event of a case's timeline: what happened, when, by whom, with its details. */
export const timelineItemSchema = z.object({
  at: z.string(),
  type: z.string(),
  actorUserId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const timelineSchema = z.object({ items: z.array(timelineItemSchema) });
export type Timeline = z.infer<typeof timelineSchema>;

/** What the complainant takes home (Art. 37): enough to follow the case without calling the station. */
export const receiptSchema = z.object({
  caseNumber: z.string(),
  stationName: z.string(),
  trackingCode: z.string(),
  receivedAt: z.string(),
  /** Jalali, Tehran time, Latin digits. */
  receivedAtLocal: z.string(),
  note: z.string(),
});
export type Receipt = z.infer<typeof receiptSchema>;
