/**
 * The bodies of the escort (بدرقه) messages between a station and its escort unit: the request, the
 * assignment, each hand-over, a cancellation. The person is named in full in the request — the escort
 * officers must know whom they take — and referred to by the escort's id afterwards.
 */
import { z } from 'zod';
import { escortDestinations, handOverStages } from '../escorts/escort-kinds.js';

const isoInstant = z.iso.datetime();
const text = (max: number) => z.string().min(1).max(max);

export const escortRequestedBodySchema = z.strictObject({
  escortId: z.string(),
  /** The station's number of the case, as both sides speak of it. */
  caseNumber: z.string(),
  person: z.strictObject({
    firstName: z.string(),
    lastName: z.string(),
    fatherName: z.string().nullable(),
    nationalId: z.string().nullable(),
    passportNumber: z.string().nullable(),
  }),
  /** When the person's custody at the station began, if they are held (the 24-hour clock). */
  inCustodySince: isoInstant.nullable(),
  destination: z.enum(escortDestinations),
  place: text(500),
  scheduledAt: isoInstant,
  reason: text(2000),
  /** The judicial order this escort carries out, if one. */
  orderId: z.string().nullable(),
  requestedBy: text(200),
  requestedAt: isoInstant,
});
export type EscortRequestedBody = z.infer<typeof escortRequestedBodySchema>;

export const escortAssignedBodySchema = z.strictObject({
  escortId: z.string(),
  officers: text(500),
  vehicle: z.string().max(100).nullable(),
  assignedBy: text(200),
  assignedAt: isoInstant,
});

export const escortHandedOverBodySchema = z.strictObject({
  escortId: z.string(),
  stage: z.enum(handOverStages),
  /** Who handed the person over (at the pick-up) or took them in (at the destination). */
  counterpart: text(200),
  at: isoInstant,
  by: text(200),
});

export const escortCancelledBodySchema = z.strictObject({
  escortId: z.string(),
  reason: text(1000),
  cancelledBy: text(200),
  cancelledAt: isoInstant,
});
