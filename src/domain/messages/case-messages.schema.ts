import { z } from 'zod';
import { messageTypes } from './envelope.js';

/** One message of a case's exchange as its organisation sees it: transport state and verification. */
export const caseMessageSchema = z.object({
  id: z.string(),
  type: z.enum(messageTypes),
  direction: z.enum(['out', 'in']),
  from: z.string(),
  to: z.string(),
  seq: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  status: z.enum(['queued', 'delivered', 'accepted']),
  /** When the receiver signed its delivery receipt. */
  receiptAt: z.string().nullable(),
  /** For a queued message: how delivery is going. */
  outbox: z
    .object({ attempts: z.number().int(), lastError: z.string().nullable(), nextAttemptAt: z.string() })
    .nullable(),
  verification: z.object({
    /** The signature checked again now against the trust store. */
    signature: z.enum(['valid', 'invalid', 'unknown_key', 'revoked_key']),
    /** `prev` is the hash of the thread's previous message (none for the first). */
    threadLinkOk: z.boolean(),
  }),
});
export type CaseMessage = z.infer<typeof caseMessageSchema>;

export const caseMessageListSchema = z.object({ items: z.array(caseMessageSchema) });
export type CaseMessageList = z.infer<typeof caseMessageListSchema>;
