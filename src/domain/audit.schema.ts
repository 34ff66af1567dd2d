import { z } from 'zod';
import { line } from './text.js';

/** GET /api/audit — a page of the log, newest first, optionally for one resource. */
export const auditLogQuerySchema = z.object({
  resourceType: line(50).optional(),
  resourceId: line(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/** One entry of the audit log as the API shows it: who did what, on which resource, from where, and its hash. */
export const auditLogEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  actorUserId: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  orgId: z.string().nullable(),
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
