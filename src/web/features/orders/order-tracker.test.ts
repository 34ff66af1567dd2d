import { describe, expect, it } from 'vitest';
import { orderUrgency, sortOrders } from './order-tracker.js';

const now = new Date('2025-11-29T10:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();
const order = (
  id: string,
  hours: number,
  status: 'open' | 'acknowledged' | 'reported' | 'closed' = 'open',
) => ({
  id,
  status,
  overdue: hours < 0 && status !== 'closed',
  deadlineAt: inHours(hours),
});

describe('the orders tracker', () => {
  it('says overdue past the deadline, due soon within a day, later otherwise, and closed when done', () => {
    expect(orderUrgency(order('a', -1), now)).toBe('overdue');
    expect(orderUrgency(order('b', 5), now)).toBe('dueSoon');
    expect(orderUrgency(order('c', 48), now)).toBe('later');
    expect(orderUrgency(order('d', -5, 'closed'), now)).toBe('closed');
  });

  it('counts an order as overdue when the server says so, even if the local clock disagrees', () => {
    expect(orderUrgency({ status: 'acknowledged', overdue: true, deadlineAt: inHours(1) }, now)).toBe(
      'overdue',
    );
  });

  it('lists overdue first, then due soon, then the rest by nearest deadline, closed last', () => {
    const sorted = sortOrders(
      [
        order('later', 72),
        order('closed', -10, 'closed'),
        order('soon', 3),
        order('late2', -1),
        order('late1', -30),
        order('later2', 30),
      ],
      now,
    );
    expect(sorted.map((o) => o.id)).toEqual(['late1', 'late2', 'soon', 'later2', 'later', 'closed']);
  });
});
