import { z } from 'zod';
import { orderActionsSchema } from './order-actions.js';
import { orderStatuses } from './order-statuses.js';
import { instantSchema, requiredText } from '../cases/text-fields.js';
import { orderKinds } from '../messages/bodies.js';
import { code, line, text as multiLineText } from '../text.js';
import { cursorId, cursorParam, cursorTime, pageOf } from '../list-cursor.js';
import { toLatinDigits } from '../persian-text.js';

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

/** `"true"`/`"false"` in a query string. */
const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * The sort key a page of orders ends on: `[closed, deadline, id]` — the open ones by deadline (so the
 * overdue come first), then the closed ones by deadline; `closed` is 0 or 1.
 */
export const orderCursorSchema = z.tuple([z.union([z.literal(0), z.literal(1)]), cursorTime, cursorId]);
export type OrderCursor = z.infer<typeof orderCursorSchema>;

/** The states the orders page filters by: one status, every one not closed, or those past their deadline. */
export const orderStates = ['active', 'overdue', ...orderStatuses] as const;
export type OrderState = (typeof orderStates)[number];

/**
 * GET /api/orders — the organisation's orders, filtered, and paged by keyset (`cursor`: the `next` of the
 * page before). `orderId` reads one (its printed sheet); `caseNumber` is the case's number as people know it (any digits); `counterpart` the other
 * side's code (for an office, the station); `dueFrom`/`dueTo` bound the deadline, `[from, to)`.
 */
export const findOrdersQuerySchema = z.object({
  state: z.enum(orderStates).optional(),
  status: z.enum(orderStatuses).optional(),
  overdue: queryFlag.optional(),
  caseNumber: line(50)
    .transform((v) => toLatinDigits(v).trim())
    .optional(),
  orderId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  intakeFileId: z.uuid().optional(),
  counterpart: code(50).optional(),
  dueFrom: instantSchema.optional(),
  dueTo: instantSchema.optional(),
  cursor: cursorParam(orderCursorSchema).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
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

/** A page of orders; `next` is the cursor of the following page, null on the last. */
export const orderListSchema = pageOf(orderSchema);
export type OrderList = z.infer<typeof orderListSchema>;
