import { z } from 'zod';

/** A message waiting in the outbox (GET /api/exchange/outbox): where it goes, how often it was tried, and when next. */
export const outboxItemSchema = z.object({
  messageId: z.string(),
  type: z.string(),
  toNode: z.string(),
  toOrg: z.string(),
  queuedAt: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const outboxSchema = z.object({ items: z.array(outboxItemSchema) });
export type Outbox = z.infer<typeof outboxSchema>;
