import { z } from 'zod';
import { optionalText, instantSchema } from './text-fields.js';

export const custodyEndReasons = [
  'released',
  'bail',
  'handed_to_prosecutor',
  'transferred',
  'other',
] as const;
export const custodyEndReasonSchema = z.enum(custodyEndReasons);
export type CustodyEndReason = z.infer<typeof custodyEndReasonSchema>;

/** POST /api/cases/:id/custody — an accused of the case is held from `startedAt`. */
export const startCustodyBodySchema = z.object({
  partyId: z.uuid(),
  startedAt: instantSchema,
});
export type StartCustodyBody = z.infer<typeof startCustodyBodySchema>;

/** POST /api/cases/:id/custody/:custodyId/end */
export const endCustodyBodySchema = z.object({
  endedAt: instantSchema,
  endReason: custodyEndReasonSchema,
  endNote: optionalText(2000),
});
export type EndCustodyBody = z.infer<typeof endCustodyBodySchema>;

/** A custody with its Art. 46 clock read at the time of the answer. */
export const custodySchema = z.object({
  id: z.string(),
  partyId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: custodyEndReasonSchema.nullable(),
  endNote: z.string().nullable(),
  deadlineAt: z.string(),
  deadlineLocal: z.string(),
  remainingSeconds: z.number().int(),
  breached: z.boolean(),
  warning: z.boolean(),
  endedInTime: z.boolean().nullable(),
});
export type Custody = z.infer<typeof custodySchema>;
