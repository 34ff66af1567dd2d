import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { custodyClock, CUSTODY_LIMIT_SECONDS } from './custody-clock.js';

const HOUR = 3_600_000;
// Instants between 2000 and 2100, to the millisecond.
const instant = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms));
const span = (maxHours: number) => fc.integer({ min: 0, max: maxHours * HOUR });

describe('the Art. 46 custody clock', () => {
  it('puts the deadline exactly 24 hours after the start, whatever the start', () => {
    fc.assert(
      fc.property(instant, instant, (startedAt, now) => {
        const clock = custodyClock({ startedAt, endedAt: null, now });
        expect(clock.deadlineAt.getTime() - startedAt.getTime()).toBe(CUSTODY_LIMIT_SECONDS * 1000);
      }),
    );
  });

  it('never shows more time left later than earlier', () => {
    fc.assert(
      fc.property(instant, span(48), span(48), (startedAt, a, b) => {
        const [t1, t2] = [Math.min(a, b), Math.max(a, b)];
        const at = (ms: number) =>
          custodyClock({ startedAt, endedAt: null, now: new Date(startedAt.getTime() + ms) })
            .remainingSeconds;
        expect(at(t1)).toBeGreaterThanOrEqual(at(t2));
      }),
    );
  });

  it('is breached exactly when now is past the deadline and the custody has not ended', () => {
    fc.assert(
      fc.property(instant, span(72), fc.option(span(72)), (startedAt, nowOffset, endOffset) => {
        const now = new Date(startedAt.getTime() + nowOffset);
        const endedAt =
          endOffset === null ? null : new Date(startedAt.getTime() + Math.min(endOffset, nowOffset));
        const clock = custodyClock({ startedAt, endedAt, now });
        expect(clock.breached).toBe(now.getTime() > clock.deadlineAt.getTime() && endedAt === null);
      }),
    );
  });

  it('warns in the last four hours, and not once breached', () => {
    const startedAt = new Date('2026-03-21T06:00:00Z');
    const read = (hoursIn: number) =>
      custodyClock({ startedAt, endedAt: null, now: new Date(startedAt.getTime() + hoursIn * HOUR) });
    expect(read(19.9).warning).toBe(false);
    expect(read(20.1).warning).toBe(true);
    expect(read(23.99).remainingSeconds).toBe(36);
    expect(read(24.5)).toMatchObject({ warning: false, breached: true, remainingSeconds: -1800 });
  });

  it('gives the deadline in Jalali, Tehran time', () => {
    // 2026-03-21T06:00Z is 1405/01/01 09:30 in Tehran (+03:30); the deadline is a day later.
    const clock = custodyClock({
      startedAt: new Date('2026-03-21T06:00:00Z'),
      endedAt: null,
      now: new Date('2026-03-21T07:00:00Z'),
    });
    expect(clock.deadlineLocal).toBe('1405/01/02 09:30');
  });

  it('says whether an ended custody ended in time, and stops counting at the end', () => {
    const startedAt = new Date('2026-03-21T06:00:00Z');
    const inTime = custodyClock({
      startedAt,
      endedAt: new Date(startedAt.getTime() + 23 * HOUR),
      now: new Date(startedAt.getTime() + 50 * HOUR),
    });
    expect(inTime).toMatchObject({
      endedInTime: true,
      breached: false,
      warning: false,
      remainingSeconds: 3600,
    });
    const late = custodyClock({
      startedAt,
      endedAt: new Date(startedAt.getTime() + 25 * HOUR),
      now: new Date(startedAt.getTime() + 50 * HOUR),
    });
    expect(late).toMatchObject({ endedInTime: false, breached: false, remainingSeconds: -3600 });
    expect(custodyClock({ startedAt, endedAt: null, now: startedAt }).endedInTime).toBeNull();
  });
});
