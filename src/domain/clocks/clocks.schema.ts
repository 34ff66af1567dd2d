import { z } from 'zod';
import { text } from '../text.js';
import { officeHoursSchema } from './office-hours.js';

/** The kinds of legal clock the server keeps (issue 19). */
export const clockKinds = [
  'custody',
  'custody_notice',
  'order',
  'escort_pickup',
  'complaint_send',
  'intake_unregistered',
  'return_unanswered',
] as const;
export const clockKindSchema = z.enum(clockKinds);
export type ClockKindName = z.infer<typeof clockKindSchema>;

export const clockStates = ['running', 'warned', 'met', 'breached', 'stopped'] as const;
export const clockStateSchema = z.enum(clockStates);

/** A message of the case that waited in the outbox past a clock's due time (the exchange's part in a breach). */
export const exchangeWaitSchema = z.object({
  messageId: z.string(),
  type: z.string(),
  queuedAt: z.string(),
  deliveredAt: z.string().nullable(),
  /** Delivery attempts so far (null once delivered: the outbox row is gone). */
  attempts: z.number().int().nullable(),
  lastError: z.string().nullable(),
});
export type ExchangeWait = z.infer<typeof exchangeWaitSchema>;

/** A chief's justification appended to a breach (a breach itself never changes). */
export const breachAnnotationSchema = z.object({
  id: z.string(),
  note: z.string(),
  annotatedBy: z.string(),
  annotatedByName: z.string(),
  annotatedAt: z.string(),
});

/** An immutable breach record: which clock, case, organisation, due, detected at, who was responsible. */
export const breachSchema = z.object({
  id: z.string(),
  clockId: z.string(),
  kind: clockKindSchema,
  legalBasis: z.string(),
  orgId: z.string(),
  caseId: z.string().nullable(),
  caseRef: z.string().nullable(),
  dueAt: z.string(),
  detectedAt: z.string(),
  /** Detected more than 30 s after the due time: the scheduler caught up at start. */
  late: z.boolean(),
  responsibleUserId: z.string().nullable(),
  responsibleName: z.string().nullable(),
  exchangeWaiting: z.array(exchangeWaitSchema),
  annotations: z.array(breachAnnotationSchema),
  /** What the signed-in user may do to the breach (the matrix's `breach.annotate`): a breach never changes. */
  allowed: z.object({ annotate: z.boolean() }),
});
export type Breach = z.infer<typeof breachSchema>;
export const breachListSchema = z.object({ items: z.array(breachSchema) });
export type BreachList = z.infer<typeof breachListSchema>;

/** POST /api/breaches/:id/annotations — the chief's justification. */
export const annotateBreachBodySchema = z.object({
  note: text(2000).refine((s) => s.trim() !== ''),
});
export type AnnotateBreachBody = z.infer<typeof annotateBreachBodySchema>;

/** A legal clock as the case page shows it. */
export const clockSchema = z.object({
  id: z.string(),
  kind: clockKindSchema,
  legalBasis: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  state: clockStateSchema,
  stopReason: z.string().nullable(),
});
export type LegalClock = z.infer<typeof clockSchema>;
export const caseClocksSchema = z.object({ clocks: z.array(clockSchema), breaches: z.array(breachSchema) });
export type CaseClocks = z.infer<typeof caseClocksSchema>;

/** PUT /api/organisations/:orgId/office-hours — a unit's office hours and an office's days to register a file. */
export const officeHoursBodySchema = z.object({
  officeHours: officeHoursSchema,
  intakeWorkingDays: z.number().int().min(1).max(30).optional(),
});
export type OfficeHoursBody = z.infer<typeof officeHoursBodySchema>;
export const officeHoursAnswerSchema = z.object({
  orgId: z.string(),
  officeHours: z.string(),
  intakeWorkingDays: z.number().int(),
});
export type OfficeHoursAnswer = z.infer<typeof officeHoursAnswerSchema>;
