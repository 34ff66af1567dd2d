import { describe, expect, it } from 'vitest';
import { deadlineProblem } from './order-deadline.js';

const now = new Date('2025-11-29T10:00:00Z');

describe('deadlineProblem', () => {
  it('asks for a deadline when there is none', () => {
    expect(deadlineProblem(null, now)).toBe('orders.issue.deadlineRequired');
    expect(deadlineProblem('', now)).toBe('orders.issue.deadlineRequired');
    expect(deadlineProblem('not a date', now)).toBe('orders.issue.deadlineRequired');
  });

  it('refuses a deadline in the past, now, or less than a minute ahead', () => {
    expect(deadlineProblem('2025-11-29T09:00:00Z', now)).toBe('orders.issue.deadlinePast');
    expect(deadlineProblem('2025-11-29T10:00:00Z', now)).toBe('orders.issue.deadlinePast');
    expect(deadlineProblem('2025-11-29T10:00:30Z', now)).toBe('orders.issue.deadlinePast');
  });

  it('accepts a deadline ahead, up to the server\u2019s 180 days and not beyond', () => {
    expect(deadlineProblem('2025-11-30T10:00:00Z', now)).toBeNull();
    expect(deadlineProblem('2026-05-28T10:00:00Z', now)).toBeNull();
    expect(deadlineProblem('2026-05-28T10:01:00Z', now)).toBe('orders.issue.deadlineTooFar');
  });
});
