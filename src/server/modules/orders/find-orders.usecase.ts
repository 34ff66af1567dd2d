import type { FindOrdersQuery, OrderList } from '../../../domain/orders/orders.schema.js';
import { encodeCursor } from '../../../domain/list-cursor.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { findOrdersPage, findOrderLabels } from './orders.repository.js';
import { presentOrder } from './orders.presenter.js';
import { inTransaction } from '../../db/transaction.js';

/**
 * A page of the orders of the actor's organisation — a station's inbox or an office's issued orders —
 * filtered as asked, overdue ones first, each with what the actor may do to it now. Open to those the matrix lets read orders
 * (`order.read`: the station that executes them, the office that issues them). Audited as `order.listed`.
 */
export async function findOrderList(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  query: FindOrdersQuery;
}): Promise<OrderList> {
  const { actor, query } = input;
  assertCan(actor, 'order.read');
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    const { rows, next } = await findOrdersPage(tx, { orgId: actor.orgId, query, now });
    await recordAudit(tx, {
      action: 'order.listed',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'order',
      resourceId: null,
      orgId: actor.orgId,
      ip: input.ip,
      at: now,
      details: { count: rows.length },
    });
    const labels = await findOrderLabels(tx, rows);
    return {
      items: rows.map((r) => presentOrder(r, { now, actor, labels: labels.get(r.order_id) })),
      next: next ? encodeCursor(next) : null,
    };
  });
}
