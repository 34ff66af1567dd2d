import { z } from 'zod';
import { auditActions } from './audit-actions.js';
import { toLatinDigits } from './persian-text.js';
import { line } from './text.js';

/**
 * The audit log's filters (GET /api/audit, GET /api/audit/export.csv): one resource; the acting user; an
 * organisation (entries about it or by its people); an action; a case by its number (any digits); a period
 * `from`–`to` as instants (the UI sends the start and end of Jalali days in Tehran; `audit.invalid_period`).
 */
export const auditLogFilterSchema = z
  .object({
    resourceType: line(50).optional(),
    resourceId: line(100).optional(),
    actorUserId: z.uuid().optional(),
    orgId: z.uuid().optional(),
    action: z.enum(auditActions).optional(),
    caseNumber: line(20)
      .trim()
      .transform(toLatinDigits)
      .pipe(z.string().regex(/^\d{4}\/\d{1,6}$/, 'audit.invalid_case_number'))
      .optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'audit.invalid_period',
    path: ['to'],
  });
export type AuditLogFilter = z.infer<typeof auditLogFilterSchema>;

/** GET /api/audit — a page of the log, newest first, filtered. */
export const auditLogQuerySchema = auditLogFilterSchema.and(
  z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
);
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/** One entry of the audit log as the API shows it: who did what, on which resource, from where, and its hash. */
export const auditLogEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  actorUserId: z.string().nullable(),
  /** The acting user's display name and username, when the entry names a user. */
  actorName: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  orgId: z.string().nullable(),
  /** The Persian and English names of the organisation the entry is about. */
  orgNameFa: z.string().nullable(),
  orgNameEn: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;

export const auditLogPageSchema = z.object({ items: z.array(auditLogEntrySchema), total: z.number().int() });
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;

/** POST /api/audit/verify — the whole chain holds (with its head), or where it first breaks and how. */
export const auditVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int(), head: z.string() }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int(),
    firstBadSeq: z.number().int(),
    reason: z.enum(['changed', 'missing', 'broken_link']),
  }),
]);
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
