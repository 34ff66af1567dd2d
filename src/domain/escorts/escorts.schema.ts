import { z } from 'zod';
import { escortActionsSchema } from './escort-actions.js';
import { instantSchema, optionalLine, requiredLine, requiredText } from '../cases/text-fields.js';
import { escortDestinations, escortStatuses, handOverStages } from './escort-kinds.js';

/**
 * POST /api/cases/:id/escorts — the station asks its escort unit to take a person of the case (an accused,
 * usually in custody) somewhere, at a time ahead, for a reason; optionally carrying out a judicial order.
 */
export const requestEscortBodySchema = z.object({
  partyId: z.uuid(),
  destination: z.enum(escortDestinations),
  place: requiredLine(500),
  scheduledAt: instantSchema,
  reason: requiredText(2000),
  orderId: z.uuid().nullish(),
});
export type RequestEscortBody = z.infer<typeof requestEscortBodySchema>;

/** POST /api/escorts/:escortId/assign — the escort unit names the officers (and the vehicle) it sends. */
export const assignEscortBodySchema = z.object({
  officers: requiredLine(500),
  vehicle: optionalLine(100),
});
export type AssignEscortBody = z.infer<typeof assignEscortBodySchema>;

/** POST /api/escorts/:escortId/hand-over — a hand-over, with whom: who handed the person over, or took them in. */
export const handOverEscortBodySchema = z.object({
  stage: z.enum(handOverStages),
  counterpart: requiredLine(200),
});
export type HandOverEscortBody = z.infer<typeof handOverEscortBodySchema>;

/** POST /api/escorts/:escortId/cancel — the station calls the escort off before the pick-up. */
export const cancelEscortBodySchema = z.object({ reason: requiredText(1000) });
export type CancelEscortBody = z.infer<typeof cancelEscortBodySchema>;

export const escortParamsSchema = z.object({ escortId: z.uuid() });

/** An escort as one side sees it: the station that asked, or the escort unit that carries it out. */
export const escortSchema = z.object({
  escortId: z.string(),
  side: z.enum(['station', 'escort_unit']),
  caseRef: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  counterpart: z.string(),
  counterpartName: z.string().nullable(),
  person: z.object({
    firstName: z.string(),
    lastName: z.string(),
    fatherName: z.string().nullable(),
    nationalId: z.string().nullable(),
    passportNumber: z.string().nullable(),
  }),
  inCustodySince: z.string().nullable(),
  destination: z.enum(escortDestinations),
  place: z.string(),
  scheduledAt: z.string(),
  reason: z.string(),
  orderId: z.string().nullable(),
  status: z.enum(escortStatuses),
  /** Past its time and the person not picked up yet. */
  late: z.boolean(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  officers: z.string().nullable(),
  vehicle: z.string().nullable(),
  assignedAt: z.string().nullable(),
  pickedUpAt: z.string().nullable(),
  pickedUpFrom: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  deliveredTo: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** What the signed-in user may do to the escort now (`escort-actions.ts`). */
  allowed: escortActionsSchema,
});
export type Escort = z.infer<typeof escortSchema>;

export const escortListSchema = z.object({ items: z.array(escortSchema) });
export type EscortList = z.infer<typeof escortListSchema>;
