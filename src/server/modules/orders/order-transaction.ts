import type { AuditAction } from '../../../domain/audit-actions.js';
import { AppError } from '../../../domain/errors.js';
import { assertCan, type Action, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import type { OrderRow } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Exchange } from '../exchange/exchange.js';
import { findOrder } from './orders.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** What every step on one order is given. */
export interface OrderUseCaseInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  orderId: string;
  exchange: Pick<Exchange, 'signer' | 'kick'>;
}

/**
 * One step on the actor's organisation's row of an order, in one transaction: the row is locked and
 * authorised for `action` (another organisation's order is `orders.not_found`), `step` runs — changing
 * the row and enqueueing the message that tells the other side — and the audit entry is written. The
 * delivery worker is woken after the commit.
 */
export async function stepOrder<T>(
  input: OrderUseCaseInput & { action: Action; audit: AuditAction },
  step: (ctx: {
    tx: Tx;
    order: OrderRow;
    now: Date;
  }) => Promise<{ value: T; details?: Record<string, unknown> }>,
): Promise<T> {
  const { actor } = input;
  const now = input.clock.now();
  const value = await inTransaction(input.db, async (tx) => {
    const order = await findOrder(tx, { orgId: actor.orgId, orderId: input.orderId, forUpdate: true });
    if (!order) throw new AppError('orders.not_found');
    assertCan(actor, input.action, { orgId: order.org_id, notFound: 'orders.not_found' });
    const done = await step({ tx, order, now });
    await recordAudit(tx, {
      action: input.audit,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'order',
      resourceId: order.order_id,
      orgId: order.org_id,
      ip: input.ip,
      at: now,
      details: { caseRef: order.case_ref, ...done.details },
    });
    return done.value;
  });
  input.exchange.kick();
  return value;
}

/** Throws `orders.invalid_state` unless the order is in one of `allowed`. */
export function assertOrderStatus(order: OrderRow, allowed: readonly OrderRow['status'][]): void {
  if (!allowed.includes(order.status))
    throw new AppError('orders.invalid_state', { details: { status: order.status } });
}
