import { describe, expect, it } from 'vitest';
import { caseActions } from '../../../domain/cases/case-actions.js';
import type { CaseSummary, Order } from '../../api/types.js';
import { isSameTehranDay, pendingOrders, summariseStation } from './station-summary.js';

const aCase = (id: string, fields: Partial<CaseSummary> = {}): CaseSummary => ({
  id,
  caseNumber: `1405/${id}`,
  trackingCode: null,
  origin: 'complaint',
  status: 'draft',
  crimeCategoryCode: null,
  createdAt: '2025-11-20T08:00:00Z',
  inCustody: false,
  custodyDeadlineAt: null,
  partyNames: [],
  allowed: caseActions(
    { userId: 'u1', orgId: 'o1', role: 'station.officer' },
    { orgId: 'o1', status: 'draft' },
  ),
  ...fields,
});

const anOrder = (orderId: string, fields: Partial<Order> = {}): Order => ({
  orderId,
  side: 'station',
  caseRef: '1405/1',
  caseNumber: '1405/000001',
  caseId: null,
  counterpart: 'DA-TEH-4',
  counterpartName: 'دادسرای ناحیه ۴',
  kind: 'investigation',
  text: '…',
  deadlineAt: '2025-11-30T08:00:00Z',
  issuedAt: '2025-11-20T08:00:00Z',
  status: 'open',
  overdue: false,
  ...fields,
});

describe('summariseStation', () => {
  const now = new Date('2025-11-29T10:00:00Z'); // 8 Azar 1404, 13:30 in Tehran

  it('lists people in custody with the nearest deadline first', () => {
    const summary = summariseStation(
      [
        aCase('a', { inCustody: true, custodyDeadlineAt: '2025-11-30T06:00:00Z' }),
        aCase('b'),
        aCase('c', { inCustody: true, custodyDeadlineAt: '2025-11-29T12:00:00Z' }),
      ],
      now,
    );
    expect(summary.inCustody.map((c) => c.id)).toEqual(['c', 'a']);
  });

  it('lists the files returned for completion, oldest first', () => {
    const summary = summariseStation(
      [
        aCase('new', { status: 'returned', createdAt: '2025-11-28T08:00:00Z' }),
        aCase('old', { status: 'returned', createdAt: '2025-11-01T08:00:00Z' }),
        aCase('sent', { status: 'sent' }),
      ],
      now,
    );
    expect(summary.returned.map((c) => c.id)).toEqual(['old', 'new']);
  });

  it('counts as sent today only what left the station on this Tehran day', () => {
    const summary = summariseStation(
      [
        aCase('today', { status: 'sent', sentAt: '2025-11-28T21:00:00Z' }), // 00:30 in Tehran, same day
        aCase('yesterday', { status: 'sent', sentAt: '2025-11-28T20:00:00Z' }), // 23:30 the day before
        aCase('unknown', { status: 'sent' }),
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
