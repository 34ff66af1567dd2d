import type { AuditAction } from '../../../domain/audit-actions.js';
import { AppError } from '../../../domain/errors.js';
import type { Action } from '../../../domain/permissions.js';
import type { Tx } from '../../db/client.js';
import type { OrderRow } from '../../db/schema.js';
import { stepSharedRow, type SharedRowInput } from '../exchange/shared-row-step.js';
import { findOrder } from './orders.repository.js';

/** What every step on one order is given. */
export interface OrderUseCaseInput extends SharedRowInput {
  orderId: string;
}

/**
 * One step on the actor's organisation's row of an order, in one transaction (`stepSharedRow`): another
 * organisation's order is `orders.not_found`.
 */
export function stepOrder<T>(
  input: OrderUseCaseInput & { action: Action; audit: AuditAction },
  step: (ctx: {
    tx: Tx;
    order: OrderRow;
    now: Date;
  }) => Promise<{ value: T; details?: Record<string, unknown> }>,
): Promise<T> {
  return stepSharedRow(
    {
      ...input,
      resource: { type: 'order', id: input.orderId, notFound: 'orders.not_found' },
      load: (tx) => findOrder(tx, { orgId: input.actor.orgId, orderId: input.orderId, forUpdate: true }),
    },
    ({ tx, row, now }) => step({ tx, order: row, now }),
  );
}

/** Throws `orders.invalid_state` unless the order is in one of `allowed`. */
export function assertOrderStatus(order: OrderRow, allowed: readonly OrderRow['status'][]): void {
  if (!allowed.includes(order.status))
    throw new AppError('orders.invalid_state', { details: { status: order.status } });
}
