import type { Order } from '../../../domain/orders/orders.schema.js';

/** Under this much time left, an open order is "due soon" (amber). */
export const DUE_SOON_SECONDS = 24 * 60 * 60;

export type OrderUrgency = 'overdue' | 'dueSoon' | 'later' | 'closed';

const rank: Record<OrderUrgency, number> = { overdue: 0, dueSoon: 1, later: 2, closed: 3 };

/** How pressing an order is at `now`: past its deadline and not closed, due within a day, later, or done. */
export function orderUrgency(
  order: Pick<Order, 'status' | 'overdue' | 'deadlineAt'>,
  now: Date,
): OrderUrgency {
  if (order.status === 'closed') return 'closed';
  const left = new Date(order.deadlineAt).getTime() - now.getTime();
  if (order.overdue || left <= 0) return 'overdue';
  return left < DUE_SOON_SECONDS * 1000 ? 'dueSoon' : 'later';
}

/** The tracker's order: overdue first, then due soon, then the rest, each by nearest deadline; closed ones last. */
export function sortOrders<T extends Pick<Order, 'status' | 'overdue' | 'deadlineAt'>>(
  items: readonly T[],
  now: Date,
): T[] {
  return [...items].sort((a, b) => {
    const byRank = rank[orderUrgency(a, now)] - rank[orderUrgency(b, now)];
    return byRank !== 0 ? byRank : new Date(a.deadlineAt).getTime() - new Date(b.deadlineAt).getTime();
  });
}
