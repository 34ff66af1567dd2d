import { settleClock } from '../clocks/index.js';
import { AppError } from '../../../domain/errors.js';
import type { CloseOrderBody, Order, ReportOrderBody } from '../../../domain/orders/orders.schema.js';
import { findDocumentsOfCase } from '../cases/index.js';
import { tellPeer, findActorName, messageDocumentsOf } from '../correspondence/index.js';
import { stepOrder, type OrderUseCaseInput } from './order.ports.js';
import { findOrderLabel, updateOrder } from './orders.repository.js';
import { presentOrder } from './orders.presenter.js';

/** The station acknowledges an open order it received; `order.acknowledged` goes to the office. */
export async function acknowledgeOrder(input: OrderUseCaseInput): Promise<Order> {
  return stepOrder(
    { ...input, step: 'acknowledge', audit: 'order.acknowledged' },
    async ({ tx, order, now }) => {
      const by = await findActorName(tx, input.actor.userId);
      const updated = await updateOrder(tx, order, {
        status: 'acknowledged',
        acknowledged_at: now,
        acknowledged_by: by,
        updated_at: now,
      });
      const messageId = await tellPeer(tx, {
        signer: input.exchange.signer,
        now,
        row: order,
        createdBy: by,
        type: 'order.acknowledged',
        body: { orderId: order.order_id, acknowledgedAt: now.toISOString(), acknowledgedBy: by },
      });
      return {
        value: presentOrder(updated, { now, actor: input.actor, labels: await findOrderLabel(tx, updated) }),
        details: { messageId },
      };
    },
  );
}

/**
 * The station reports what it did on an order, with documents uploaded to the case after it was sent
 * (by id); `order.reported` carries the report and the documents by hash to the office.
 */
export async function reportOrder(input: OrderUseCaseInput & { body: ReportOrderBody }): Promise<Order> {
  const { body } = input;
  return stepOrder({ ...input, step: 'report', audit: 'order.reported' }, async ({ tx, order, now }) => {
    const caseDocuments = order.case_id ? await findDocumentsOfCase(tx, order.case_id) : [];
    const chosen = body.documentIds.map((id) => caseDocuments.find((d) => d.id === id));
    if (chosen.some((d) => d === undefined)) throw new AppError('documents.not_found');
    const documents = messageDocumentsOf(chosen.filter((d) => d !== undefined));
    const by = await findActorName(tx, input.actor.userId);
    const updated = await updateOrder(tx, order, {
      status: 'reported',
      report: body.report,
      reported_at: now,
      reported_by: by,
      report_documents: JSON.stringify(documents),
      updated_at: now,
    });
    const messageId = await tellPeer(tx, {
      signer: input.exchange.signer,
      now,
      row: order,
      createdBy: by,
      type: 'order.reported',
      documents,
      body: { orderId: order.order_id, report: body.report, reportedAt: now.toISOString(), reportedBy: by },
    });
    return {
      value: presentOrder(updated, { now, actor: input.actor, labels: await findOrderLabel(tx, updated) }),
      details: { messageId, documents: documents.length },
    };
  });
}

/**
 * The prosecutor closes an order, or — after a report — asks for more, which puts it back to the station
 * as open; `order.closed` tells the station either way.
 */
export async function closeOrder(input: OrderUseCaseInput & { body: CloseOrderBody }): Promise<Order> {
  const { body } = input;
  const step = body.outcome === 'more_requested' ? 'requestMore' : 'close';
  return stepOrder({ ...input, step, audit: 'order.closed' }, async ({ tx, order, now }) => {
    const by = await findActorName(tx, input.actor.userId);
    const closed = body.outcome === 'closed';
    const updated = await updateOrder(tx, order, {
      status: closed ? 'closed' : 'open',
      outcome: body.outcome,
      close_note: body.note,
      closed_at: closed ? now : null,
      updated_at: now,
    });
    // A closed order needs nothing more: its clock, if still running, stops.
    if (closed)
      await settleClock(tx, {
        kind: 'order',
        sourceId: order.order_id,
        orgId: order.org_id,
        state: 'stopped',
        reason: 'order_closed',
        at: now,
      });
    const messageId = await tellPeer(tx, {
      signer: input.exchange.signer,
      now,
      row: order,
      createdBy: by,
      type: 'order.closed',
      body: { orderId: order.order_id, outcome: body.outcome, note: body.note, closedAt: now.toISOString() },
    });
    return {
      value: presentOrder(updated, { now, actor: input.actor, labels: await findOrderLabel(tx, updated) }),
      details: { messageId, outcome: body.outcome },
    };
  });
}
