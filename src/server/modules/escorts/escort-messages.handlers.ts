import type { Updateable } from 'kysely';
import type { Tx } from '../../db/client.js';
import type { EscortRow, EscortsTable } from '../../db/schema.js';
import { recordAudit } from '../audit/index.js';
import { findRunningCustodiesOfParty, recordCaseEvent, updateCustody } from '../cases/index.js';
import type { InboundMessage, MessageHandler, MessageHandlers } from '../exchange/index.js';
import { ESCORT_PICKUP, openClock, settleClock } from '../clocks/index.js';
import { findEscort, insertEscort, updateEscort } from './escorts.repository.js';

async function auditByMessage(tx: Tx, message: InboundMessage, escort: EscortRow): Promise<void> {
  await recordAudit(tx, {
    action: 'escort.updated_by_message',
    actorUserId: null,
    actorOrgId: null,
    resourceType: 'escort',
    resourceId: escort.escort_id,
    orgId: escort.org_id,
    ip: null,
    at: message.now,
    details: { messageId: message.envelope.id, type: message.envelope.type, status: escort.status },
  });
}

/**
 * Applies a step the other side took to this side's row of the escort: only the organisation the escort
 * was arranged with can move it (a message from anyone else about this escort id changes nothing). On the
 * station's side the step also joins the case's timeline.
 */
async function applyStep(
  message: InboundMessage,
  escortId: string,
  event: string,
  changes: Updateable<EscortsTable>,
): Promise<EscortRow | null> {
  const { tx, envelope, recipient, now } = message;
  const escort = await findEscort(tx, { orgId: recipient.id, escortId, forUpdate: true });
  if (!escort || escort.peer_org !== envelope.from.org || escort.case_ref !== envelope.caseRef) return null;
  const updated = await updateEscort(tx, escort, { ...changes, updated_at: now });
  await auditByMessage(tx, message, updated);
  if (updated.case_id)
    await recordCaseEvent(tx, {
      caseId: updated.case_id,
      orgId: updated.org_id,
      at: now,
      actorUserId: null,
      type: event,
      details: { escortId, messageId: envelope.id },
    });
  return updated;
}

/** Where a delivery ends the person's custody at the station, and how the custody record says it ended. */
const custodyEndOnDelivery: Partial<
  Record<EscortRow['destination'], 'handed_to_prosecutor' | 'transferred'>
> = {
  prosecutor_office: 'handed_to_prosecutor',
  court: 'handed_to_prosecutor',
  prison: 'transferred',
};

/**
 * The person was delivered into the judiciary's or a prison's hands: their running custody at the station
 * ends at the hand-over, as the timeline and the audit log say (a delivery to forensic medicine or a hospital
 * does not end it — the person comes back).
 */
async function endCustodyOnDelivery(message: InboundMessage, escort: EscortRow, at: Date): Promise<void> {
  const reason = custodyEndOnDelivery[escort.destination];
  if (!reason || !escort.party_id || !escort.case_id) return;
  const { tx, now } = message;
  const running = await findRunningCustodiesOfParty(tx, escort.party_id, { forUpdate: true });
  for (const custody of running) {
    await updateCustody(tx, custody.id, { ended_at: at, end_reason: reason, end_note: null });
    const details = {
      custodyId: custody.id,
      partyId: escort.party_id,
      endReason: reason,
      escortId: escort.escort_id,
    };
    await recordCaseEvent(tx, {
      caseId: escort.case_id,
      orgId: escort.org_id,
      at: now,
      actorUserId: null,
      type: 'custody.ended',
      details,
    });
    await recordAudit(tx, {
      action: 'custody.ended',
      actorUserId: null,
      actorOrgId: null,
      resourceType: 'case',
      resourceId: escort.case_id,
      orgId: escort.org_id,
      ip: null,
      at: now,
      details: { ...details, messageId: message.envelope.id },
    });
  }
}

/** `escort.requested` at the escort unit: the escort joins the unit's work, with the person as the station named them. */
export const onEscortRequested: MessageHandler<'escort.requested'> = async (message) => {
  const { tx, envelope, recipient, now } = message;
  const body = envelope.body;
  const escort = await insertEscort(tx, {
    org_id: recipient.id,
    escort_id: body.escortId,
    side: 'escort_unit',
    case_ref: envelope.caseRef,
    case_number: body.caseNumber,
    peer_node: envelope.from.node,
    peer_org: envelope.from.org,
    order_id: body.orderId,
    person: JSON.stringify(body.person),
    in_custody_since: body.inCustodySince ? new Date(body.inCustodySince) : null,
    destination: body.destination,
    place: body.place,
    scheduled_at: new Date(body.scheduledAt),
    reason: body.reason,
    requested_by: body.requestedBy,
    requested_at: new Date(body.requestedAt),
    status: 'requested',
    updated_at: now,
  });
  if (!escort) return;
  // The unit's clock: the person picked up by the time the station asked for.
  await openClock(tx, {
    kind: 'escort_pickup',
    orgId: escort.org_id,
    sourceId: escort.escort_id,
    caseId: null,
    caseRef: escort.case_number,
    responsibleUserId: null,
    notifyRoles: ['escort.officer'],
    legalBasis: ESCORT_PICKUP.legalBasis,
    startedAt: now,
    dueAt: escort.scheduled_at,
    now,
  });
  await auditByMessage(tx, message, escort);
};

/** `escort.assigned` at the station: who goes, in what. */
export const onEscortAssigned: MessageHandler<'escort.assigned'> = async (message) => {
  const body = message.envelope.body;
  await applyStep(message, body.escortId, 'escort.assigned', {
    status: 'assigned',
    officers: body.officers,
    vehicle: body.vehicle,
    assigned_at: new Date(body.assignedAt),
  });
};

/** `escort.handed-over` at the station: picked up, or delivered (which may end the person's custody). */
export const onEscortHandedOver: MessageHandler<'escort.handed-over'> = async (message) => {
  const body = message.envelope.body;
  const at = new Date(body.at);
  const picked = body.stage === 'picked_up';
  const updated = await applyStep(
    message,
    body.escortId,
    picked ? 'escort.picked_up' : 'escort.delivered',
    picked
      ? { status: 'picked_up', picked_up_at: at, picked_up_from: body.counterpart }
      : { status: 'delivered', delivered_at: at, delivered_to: body.counterpart },
  );
  if (updated && !picked) await endCustodyOnDelivery(message, updated, at);
};

/** `escort.cancelled` at the escort unit. */
export const onEscortCancelled: MessageHandler<'escort.cancelled'> = async (message) => {
  const body = message.envelope.body;
  const cancelled = await applyStep(message, body.escortId, 'escort.cancelled', {
    status: 'cancelled',
    cancelled_at: new Date(body.cancelledAt),
    cancel_reason: body.reason,
  });
  // Called off: the unit's pick-up clock stops, with the reason.
  if (cancelled)
    await settleClock(message.tx, {
      kind: 'escort_pickup',
      sourceId: body.escortId,
      orgId: cancelled.org_id,
      state: 'stopped',
      reason: 'escort.cancelled',
      at: message.now,
    });
};

/** The handlers of the escort's messages between a station and its escort unit, registered with the exchange by the composition root (src/server/message-handlers.ts). */
export const escortHandlers: MessageHandlers = {
  'escort.requested': onEscortRequested,
  'escort.assigned': onEscortAssigned,
  'escort.handed-over': onEscortHandedOver,
  'escort.cancelled': onEscortCancelled,
};
