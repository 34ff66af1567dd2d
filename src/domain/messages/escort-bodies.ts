/**
 * The bodies of the escort (بدرقه) messages between a station and its escort unit: the request, the
 * assignment, each hand-over, a cancellation. The person is named in full in the request — the escort
 * officers must know whom they take — and referred to by the escort's id afterwards.
 */
import { z } from 'zod';
import { anyText, text as multiLine } from '../text.js';
import { escortDestinations, handOverStages } from '../escorts/escort-kinds.js';

const isoInstant = z.iso.datetime();
const text = (max: number) => multiLine(max).min(1);

export const escortRequestedBodySchema = z.strictObject({
  escortId: anyText,
  /** The station's number of the case, as both sides speak of it. */
  caseNumber: anyText,
  person: z.strictObject({
    firstName: anyText,
    lastName: anyText,
    fatherName: anyText.nullable(),
    nationalId: anyText.nullable(),
    passportNumber: anyText.nullable(),
  }),
  /** When the person's custody at the station began, if they are held (the 24-hour clock). */
  inCustodySince: isoInstant.nullable(),
  destination: z.enum(escortDestinations),
  place: text(500),
  scheduledAt: isoInstant,
  reason: text(2000),
  /** The judicial order this escort carries out, if one. */
  orderId: anyText.nullable(),
  requestedBy: text(200),
  requestedAt: isoInstant,
});
export type EscortRequestedBody = z.infer<typeof escortRequestedBodySchema>;

export const escortAssignedBodySchema = z.strictObject({
  escortId: anyText,
  officers: text(500),
  vehicle: multiLine(100).nullable(),
  assignedBy: text(200),
  assignedAt: isoInstant,
});

export const escortHandedOverBodySchema = z.strictObject({
  escortId: anyText,
  stage: z.enum(handOverStages),
  /** Who handed the person over (at the pick-up) or took them in (at the destination). */
  counterpart: text(200),
  at: isoInstant,
  by: text(200),
});

export const escortCancelledBodySchema = z.strictObject({
  escortId: anyText,
  reason: text(1000),
  cancelledBy: text(200),
  cancelledAt: isoInstant,
});
