import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import { intakeSteps } from '../../../domain/intake/intake-actions.js';
import { orderDeadlineRefusal } from '../../../domain/orders/order-deadline.js';
import type { IssueOrderBody, Order } from '../../../domain/orders/orders.schema.js';
import type { Exchange } from '../exchange/index.js';
import { enqueueAnswer } from '../correspondence/index.js';
import { assertIntakeStep, withIntakeFile, type IntakeUseCaseInput } from '../intake/index.js';
import { openClock } from '../clocks/index.js';
import { findOrderLabel, insertOrder } from './orders.repository.js';
import { presentOrder } from './orders.presenter.js';

/** The legal basis recorded on an order's deadline clock. */
export const ORDER_LEGAL_BASIS = 'CPC 1392 Art. 34';

/**
 * A prosecutor (دادیار/بازپرس) issues a judicial order on a registered intake file (Art. 34: written,
 * explicit, with a time limit — `orders.deadline_in_past` unless the deadline is ahead,
 * `orders.deadline_too_far` beyond `ORDER_DEADLINE_MAX_DAYS`). The office keeps
 * its row of the order and `order.issued` goes to the station, in one transaction.
 */
export async function issueOrder(
  input: IntakeUseCaseInput & { body: IssueOrderBody; exchange: Pick<Exchange, 'signer' | 'kick'> },
): Promise<Order> {
  const { body } = input;
  const order = await withIntakeFile(
    {
      ...input,
      action: intakeSteps.issueOrder.action,
      audit: 'order.issued',
      forUpdate: true,
      withSender: true,
    },
    async ({ tx, file, now, sender }) => {
      assertIntakeStep('issueOrder', file);
      const deadlineAt = new Date(body.deadlineAt);
      const refusal = orderDeadlineRefusal(deadlineAt, now);
      if (refusal) throw new AppError(refusal, { issues: [{ path: 'body.deadlineAt', code: refusal }] });
      const office = sender?.organisation;
      if (!sender || !office) throw new AppError('organisations.not_found');
      const judge = sender.signerName;
      const orderId = randomUUID();
      const row = await insertOrder(tx, {
        org_id: file.org_id,
        order_id: orderId,
        side: 'office',
        case_ref: file.case_ref,
        intake_file_id: file.id,
        peer_node: file.source_node,
        peer_org: file.source_org,
        kind: body.kind,
        text: body.text,
        deadline_at: deadlineAt,
        issued_by: judge,
        issued_at: now,
        status: 'open',
        updated_at: now,
      });
      if (!row) throw new AppError('internal.error', { message: 'order id taken' });
      // The order's deadline (Art. 34) is a clock: the issuing judge and the office's clerks are told
      // 24 h and 1 h before it, and a breach is recorded if no report has come by then.
      await openClock(tx, {
        kind: 'order',
        orgId: file.org_id,
        sourceId: orderId,
        caseId: null,
        caseRef: file.case_ref,
        responsibleUserId: input.actor.userId,
        notifyRoles: ['prosecutor.clerk'],
        legalBasis: ORDER_LEGAL_BASIS,
        startedAt: now,
        dueAt: deadlineAt,
        now,
      });
      const sent = await enqueueAnswer(tx, {
        signer: input.exchange.signer,
        now,
        file,
        office,
        createdBy: judge,
        type: 'order.issued',
        body: {
          orderId,
          kind: body.kind,
          text: body.text,
          deadlineAt: deadlineAt.toISOString(),
          issuedBy: judge,
          issuedAt: now.toISOString(),
        },
      });
      return {
        value: presentOrder(row, { now, actor: input.actor, labels: await findOrderLabel(tx, row) }),
        details: { orderId, kind: body.kind, messageId: sent.id },
      };
    },
  );
  input.exchange.kick();
  return order;
}
