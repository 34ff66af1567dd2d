import { describe, expect, it } from 'vitest';
import { periodOf } from './figures-period.js';

// 13 Azar 1405, 05:30 in Tehran.
const now = new Date('2026-12-04T02:00:00Z');

describe('the periods of the figures', () => {
  it('starts today, this month and this year at midnight in Tehran, by the Jalali calendar', () => {
    expect(periodOf('today', now).from.toISOString()).toBe('2026-12-03T20:30:00.000Z');
    expect(periodOf('month', now).from.toISOString()).toBe('2026-11-21T20:30:00.000Z'); // 1 Azar 1405
    expect(periodOf('year', now).from.toISOString()).toBe('2026-03-20T20:30:00.000Z'); // 1 Farvardin 1405
  });

  it('goes back 7 or 30 whole days for the last days, and always ends now', () => {
    expect(periodOf('last7', now).from.toISOString()).toBe('2026-11-27T02:00:00.000Z');
    expect(periodOf('last30', now).from.toISOString()).toBe('2026-11-04T02:00:00.000Z');
    for (const preset of ['today', 'last7', 'last30', 'month', 'year'] as const)
      expect(periodOf(preset, now).to).toEqual(now);
  });

  it('counts a moment just after midnight in Tehran in the new day', () => {
    const justAfter = new Date('2026-12-03T20:31:00Z'); // 14 Azar, 00:01 in Tehran
    expect(periodOf('today', justAfter).from.toISOString()).toBe('2026-12-03T20:30:00.000Z');
  });
});
