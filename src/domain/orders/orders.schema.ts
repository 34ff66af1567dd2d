import { z } from 'zod';
import { orderActionsSchema } from './order-actions.js';
import { orderStatuses } from './order-statuses.js';
import { instantSchema, requiredText } from '../cases/text-fields.js';
import { orderKinds } from '../messages/bodies.js';
import { text as multiLineText } from '../text.js';

export { orderStatuses, type OrderStatus } from './order-statuses.js';

/** POST /api/intake/:id/orders — Art. 34: written, explicit, with a time limit (in the future). */
export const issueOrderBodySchema = z.object({
  kind: z.enum(orderKinds),
  text: requiredText(10_000),
  deadlineAt: instantSchema,
});
export type IssueOrderBody = z.infer<typeof issueOrderBodySchema>;

/** POST /api/orders/:orderId/report — the station's report, with documents uploaded to the case after sending. */
export const reportOrderBodySchema = z.object({
  report: requiredText(20_000),
  documentIds: z.array(z.uuid()).max(50).default([]),
});
export type ReportOrderBody = z.infer<typeof reportOrderBodySchema>;

/** POST /api/orders/:orderId/close — done, or sent back to the station for more. */
export const closeOrderBodySchema = z.object({
  outcome: z.enum(['closed', 'more_requested']),
  note: multiLineText(5000).default(''),
});
export type CloseOrderBody = z.infer<typeof closeOrderBodySchema>;

/** GET /api/orders */
export const findOrdersQuerySchema = z.object({
  status: z.enum(orderStatuses).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type FindOrdersQuery = z.infer<typeof findOrdersQuerySchema>;

export const orderDocumentSchema = z.object({
  sha256: z.string(),
  name: z.string(),
  kind: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
});

/** An order as one side sees it. */
export const orderSchema = z.object({
  orderId: z.string(),
  side: z.enum(['office', 'station']),
  caseRef: z.string(),
  /** The case's number as people know it (the station's numbering), when known. */
  caseNumber: z.string().nullable(),
  caseId: z.string().nullable(),
  intakeFileId: z.string().nullable(),
  counterpart: z.string(),
  /** The other organisation's name, when this node knows it. */
  counterpartName: z.string().nullable(),
  kind: z.enum(orderKinds),
  text: z.string(),
  deadlineAt: z.string(),
  issuedBy: z.string(),
  issuedAt: z.string(),
  status: z.enum(orderStatuses),
  /** Past its deadline and not closed. */
  overdue: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  report: z.string().nullable(),
  reportDocuments: z.array(orderDocumentSchema),
  outcome: z.enum(['closed', 'more_requested']).nullable(),
  closeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** What the signed-in user may do to the order now (`order-actions.ts`). */
  allowed: orderActionsSchema,
});
export type Order = z.infer<typeof orderSchema>;

export const orderListSchema = z.object({ items: z.array(orderSchema) });
export type OrderList = z.infer<typeof orderListSchema>;
