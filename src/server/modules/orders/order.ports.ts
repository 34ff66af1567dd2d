import type { AuditAction } from '../../../domain/audit-actions.js';
import { assertStepState } from '../../../domain/item-steps.js';
import { orderSteps, type OrderState, type OrderStep } from '../../../domain/orders/order-actions.js';
import type { Tx } from '../../db/client.js';
import type { OrderRow } from '../../db/schema.js';
import { stepSharedRow, type SharedRowInput } from '../correspondence/index.js';
import { findOrder } from './orders.repository.js';

/** What every step on one order is given. */
export interface OrderUseCaseInput extends SharedRowInput {
  orderId: string;
}

/** One side's row of an order as its steps (`orderSteps`) see it. */
export function orderStateOf(row: OrderRow): OrderState {
  return { orgId: row.org_id, side: row.side, status: row.status };
}

/**
 * One step on the actor's organisation's row of an order, in one transaction (`stepSharedRow`): another
 * organisation's order is `orders.not_found`; the step's action must be the actor's in the matrix and the
 * order's side and status must take it (`orders.invalid_state`) — the rule behind its `allowed` flag.
 */
export function stepOrder<T>(
  input: OrderUseCaseInput & { step: OrderStep; audit: AuditAction },
  step: (ctx: {
    tx: Tx;
    order: OrderRow;
    now: Date;
  }) => Promise<{ value: T; details?: Record<string, unknown> }>,
): Promise<T> {
  return stepSharedRow(
    {
      ...input,
      action: orderSteps[input.step].action,
      resource: { type: 'order', id: input.orderId, notFound: 'orders.not_found' },
      load: (tx) => findOrder(tx, { orgId: input.actor.orgId, orderId: input.orderId, forUpdate: true }),
    },
    ({ tx, row, now }) => {
      assertStepState(orderSteps[input.step], orderStateOf(row));
      return step({ tx, order: row, now });
    },
  );
}
