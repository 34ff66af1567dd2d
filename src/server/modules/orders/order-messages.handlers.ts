import type { Updateable } from 'kysely';
import type { Tx } from '../../db/client.js';
import type { OrderRow, OrdersTable } from '../../db/schema.js';
import { recordAudit } from '../audit/index.js';
import { settleClock } from '../clocks/index.js';
import type { InboundMessage, MessageHandler, MessageHandlers } from '../exchange/index.js';
import { recordIntakeDocuments } from '../intake/index.js';
import { findCaseOfMessage } from '../correspondence/index.js';
import { textCaseStatus } from '../cases/index.js';
import { findOrder, insertOrder, updateOrder } from './orders.repository.js';

async function auditByMessage(tx: Tx, message: InboundMessage, order: OrderRow): Promise<void> {
  await recordAudit(tx, {
    action: 'order.updated_by_message',
    actorUserId: null,
    actorOrgId: null,
    resourceType: 'order',
    resourceId: order.order_id,
    orgId: order.org_id,
    ip: null,
    at: message.now,
    details: { messageId: message.envelope.id, type: message.envelope.type, status: order.status },
  });
}

/**
 * Applies a step the other side took to this side's row of the order: only the organisation the order
 * was exchanged with can move it (a message from anyone else about this order id changes nothing).
 */
async function applyStep(
  message: InboundMessage,
  orderId: string,
  changes: (order: OrderRow) => Updateable<OrdersTable>,
): Promise<OrderRow | null> {
  const { tx, envelope, recipient, now } = message;
  const order = await findOrder(tx, { orgId: recipient.id, orderId, forUpdate: true });
  if (!order || order.peer_org !== envelope.from.org || order.case_ref !== envelope.caseRef) return null;
  const updated = await updateOrder(tx, order, { ...changes(order), updated_at: now });
  await auditByMessage(tx, message, updated);
  return updated;
}

/** `order.issued` at the station: the order lands in the station's orders inbox, tied to its case (texted to the complainants who agreed). */
export const onOrderIssued: MessageHandler<'order.issued'> = async (message) => {
  const { tx, envelope, recipient, now } = message;
  const body = envelope.body;
  const caseRow = await findCaseOfMessage(tx, message);
  const order = await insertOrder(tx, {
    org_id: recipient.id,
    order_id: body.orderId,
    side: 'station',
    case_ref: envelope.caseRef,
    case_id: caseRow?.id ?? null,
    peer_node: envelope.from.node,
    peer_org: envelope.from.org,
    kind: body.kind,
    text: body.text,
    deadline_at: new Date(body.deadlineAt),
    issued_by: body.issuedBy,
    issued_at: new Date(body.issuedAt),
    status: 'open',
    updated_at: now,
  });
  if (!order) return;
  await auditByMessage(tx, message, order);
  if (caseRow)
    await textCaseStatus(tx, {
      caseId: caseRow.id,
      orgId: caseRow.org_id,
      caseNumber: caseRow.case_number,
      status: 'order_issued',
      now,
    });
};

/** `order.acknowledged` at the office. */
export const onOrderAcknowledged: MessageHandler<'order.acknowledged'> = async (message) => {
  const body = message.envelope.body;
  await applyStep(message, body.orderId, () => ({
    status: 'acknowledged',
    acknowledged_at: new Date(body.acknowledgedAt),
    acknowledged_by: body.acknowledgedBy,
  }));
};

/** `order.reported` at the office: the report, and its documents added to the intake file. */
export const onOrderReported: MessageHandler<'order.reported'> = async (message) => {
  const { envelope, tx, now } = message;
  const body = envelope.body;
  const order = await applyStep(message, body.orderId, () => ({
    status: 'reported',
    report: body.report,
    reported_at: new Date(body.reportedAt),
    reported_by: body.reportedBy,
    report_documents: JSON.stringify(envelope.documents),
  }));
  // The deadline clock is met if the station reported by the deadline (its signed time), whenever the
  // message arrived; a report after it leaves the breach to be recorded.
  if (order)
    await settleClock(tx, {
      kind: 'order',
      sourceId: order.order_id,
      orgId: order.org_id,
      state: 'met',
      at: now,
      metAt: new Date(body.reportedAt),
    });
  if (order?.intake_file_id)
    await recordIntakeDocuments(tx, {
      intakeFileId: order.intake_file_id,
      messageId: envelope.id,
      documents: envelope.documents,
      at: now,
    });
};

/** `order.closed` at the station: closed, or back to open when the prosecutor asks for more. */
export const onOrderClosed: MessageHandler<'order.closed'> = async (message) => {
  const body = message.envelope.body;
  const closed = body.outcome === 'closed';
  await applyStep(message, body.orderId, () => ({
    status: closed ? 'closed' : 'open',
    outcome: body.outcome,
    close_note: body.note,
    closed_at: closed ? new Date(body.closedAt) : null,
  }));
};

/** The handlers of orders between an office and a station, registered with the exchange by the composition root (src/server/message-handlers.ts). */
export const orderHandlers: MessageHandlers = {
  'order.issued': onOrderIssued,
  'order.acknowledged': onOrderAcknowledged,
  'order.reported': onOrderReported,
  'order.closed': onOrderClosed,
};
