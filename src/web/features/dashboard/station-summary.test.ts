import { describe, expect, it } from 'vitest';
import { aCaseSummary, anOrder } from '../../test/api-fixtures.js';
import { isSameTehranDay, pendingOrders, summariseStation } from './station-summary.js';

describe('summariseStation', () => {
  const now = new Date('2025-11-29T10:00:00Z'); // 8 Azar 1404, 13:30 in Tehran

  it('lists people in custody with the nearest deadline first', () => {
    const summary = summariseStation(
      [
        aCaseSummary('a', { inCustody: true, custodyDeadlineAt: '2025-11-30T06:00:00Z' }),
        aCaseSummary('b'),
        aCaseSummary('c', { inCustody: true, custodyDeadlineAt: '2025-11-29T12:00:00Z' }),
      ],
      now,
    );
    expect(summary.inCustody.map((c) => c.id)).toEqual(['c', 'a']);
  });

  it('lists the files returned for completion, oldest first', () => {
    const summary = summariseStation(
      [
        aCaseSummary('new', { status: 'returned', createdAt: '2025-11-28T08:00:00Z' }),
        aCaseSummary('old', { status: 'returned', createdAt: '2025-11-01T08:00:00Z' }),
        aCaseSummary('sent', { status: 'sent' }),
      ],
      now,
    );
    expect(summary.returned.map((c) => c.id)).toEqual(['old', 'new']);
  });

  it('counts as sent today only what left the station on this Tehran day', () => {
    const summary = summariseStation(
      [
        aCaseSummary('today', { status: 'sent', sentAt: '2025-11-28T21:00:00Z' }), // 00:30 in Tehran, same day
        aCaseSummary('yesterday', { status: 'sent', sentAt: '2025-11-28T20:00:00Z' }), // 23:30 the day before
        aCaseSummary('unknown', { status: 'sent' }),
      ],
      now,
    );
    expect(summary.sentToday.map((c) => c.id)).toEqual(['today']);
  });
});

describe('isSameTehranDay', () => {
  it('compares calendar days in Tehran, not in UTC', () => {
    expect(isSameTehranDay(new Date('2025-11-28T20:31:00Z'), new Date('2025-11-29T10:00:00Z'))).toBe(true);
    expect(isSameTehranDay(new Date('2025-11-28T20:29:00Z'), new Date('2025-11-29T10:00:00Z'))).toBe(false);
  });
});

describe('pendingOrders', () => {
  it('leaves out closed orders and puts overdue ones first, then the nearest deadline', () => {
    const orders = pendingOrders([
      anOrder('later', { deadlineAt: '2025-12-05T08:00:00Z' }),
      anOrder('closed', { status: 'closed', overdue: false }),
      anOrder('sooner', { deadlineAt: '2025-12-01T08:00:00Z', status: 'acknowledged' }),
      anOrder('late', { overdue: true, deadlineAt: '2025-11-25T08:00:00Z' }),
    ]);
    expect(orders.map((o) => o.orderId)).toEqual(['late', 'sooner', 'later']);
  });
});
