import { AppError } from '../../../domain/errors.js';
import type { MessageBody } from '../../../domain/messages/bodies.js';
import type { MessageDocument } from '../../../domain/messages/envelope.js';
import type { CloseOrderBody, Order, ReportOrderBody } from '../../../domain/orders/orders.schema.js';
import type { Tx } from '../../db/client.js';
import type { OrderRow } from '../../db/schema.js';
import { findDocumentsOfCase } from '../cases/case-file.repository.js';
import { enqueueMessage } from '../exchange/outbox.js';
import type { Signer } from '../exchange/node-keys.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { findActorName } from '../submission/actor-name.repository.js';
import { messageDocumentsOf } from '../submission/case-snapshot.js';
import { assertOrderStatus, stepOrder, type OrderUseCaseInput } from './order-transaction.js';
import { updateOrder } from './orders.repository.js';
import { presentOrder } from './orders.presenter.js';

type StepType = 'order.acknowledged' | 'order.reported' | 'order.closed';

/** Tells the other side of an order what this side did, on the case's thread, in the caller's transaction. */
async function tellOtherSide<T extends StepType>(
  tx: Tx,
  input: {
    signer: Signer;
    now: Date;
    order: OrderRow;
    createdBy: string;
    type: T;
    body: MessageBody<T>;
    documents?: MessageDocument[];
  },
): Promise<string> {
  const own = await findOrganisation(tx, input.order.org_id);
  if (!own) throw new AppError('organisations.not_found');
  const sent = await enqueueMessage(tx, {
    signer: input.signer,
    now: input.now,
    message: {
      type: input.type,
      from: { orgId: own.id, orgCode: own.code },
      to: { node: input.order.peer_node, org: input.order.peer_org },
      caseRef: input.order.case_ref,
      createdBy: input.createdBy,
      body: input.body,
      documents: input.documents ?? [],
    },
  });
  return sent.id;
}

/** The station acknowledges an open order it received; `order.acknowledged` goes to the office. */
export async function acknowledgeOrder(input: OrderUseCaseInput): Promise<Order> {
  return stepOrder(
    { ...input, action: 'order.execute', audit: 'order.acknowledged' },
    async ({ tx, order, now }) => {
      assertOrderStatus(order, ['open']);
      const by = await findActorName(tx, input.actor.userId);
      const updated = await updateOrder(tx, order, {
        status: 'acknowledged',
        acknowledged_at: now,
        acknowledged_by: by,
        updated_at: now,
      });
      const messageId = await tellOtherSide(tx, {
        signer: input.exchange.signer,
        now,
        order,
        createdBy: by,
        type: 'order.acknowledged',
        body: { orderId: order.order_id, acknowledgedAt: now.toISOString(), acknowledgedBy: by },
      });
      return { value: presentOrder(updated, now), details: { messageId } };
    },
  );
}

/**
 * The station reports what it did on an order, with documents uploaded to the case after it was sent
 * (by id); `order.reported` carries the report and the documents by hash to the office.
 */
export async function reportOrder(input: OrderUseCaseInput & { body: ReportOrderBody }): Promise<Order> {
  const { body } = input;
  return stepOrder(
    { ...input, action: 'order.execute', audit: 'order.reported' },
    async ({ tx, order, now }) => {
      assertOrderStatus(order, ['open', 'acknowledged']);
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
      const messageId = await tellOtherSide(tx, {
        signer: input.exchange.signer,
        now,
        order,
        createdBy: by,
        type: 'order.reported',
        documents,
        body: { orderId: order.order_id, report: body.report, reportedAt: now.toISOString(), reportedBy: by },
      });
      return { value: presentOrder(updated, now), details: { messageId, documents: documents.length } };
    },
  );
}

/**
 * The prosecutor closes an order, or — after a report — asks for more, which puts it back to the station
 * as open; `order.closed` tells the station either way.
 */
export async function closeOrder(input: OrderUseCaseInput & { body: CloseOrderBody }): Promise<Order> {
  const { body } = input;
  return stepOrder({ ...input, action: 'order.close', audit: 'order.closed' }, async ({ tx, order, now }) => {
    assertOrderStatus(
      order,
      body.outcome === 'more_requested' ? ['reported'] : ['open', 'acknowledged', 'reported'],
    );
    const by = await findActorName(tx, input.actor.userId);
    const closed = body.outcome === 'closed';
    const updated = await updateOrder(tx, order, {
      status: closed ? 'closed' : 'open',
      outcome: body.outcome,
      close_note: body.note,
      closed_at: closed ? now : null,
      updated_at: now,
    });
    const messageId = await tellOtherSide(tx, {
      signer: input.exchange.signer,
      now,
      order,
      createdBy: by,
      type: 'order.closed',
      body: { orderId: order.order_id, outcome: body.outcome, note: body.note, closedAt: now.toISOString() },
    });
    return { value: presentOrder(updated, now), details: { messageId, outcome: body.outcome } };
  });
}
