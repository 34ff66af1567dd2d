import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { custodyClock, CUSTODY_LIMIT_SECONDS, CUSTODY_WARNING_SECONDS } from './custody-clock.js';
import { custodyEndReasons, endCustodyBodySchema, startCustodyBodySchema } from './custody.schema.js';

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

describe('the custody clock at the edges of its thresholds', () => {
  const SECOND = 1000;
  const startedAt = new Date('2026-03-21T06:00:00.000Z');
  const deadline = startedAt.getTime() + 24 * HOUR;
  /** The running clock read `ms` milliseconds from the deadline (negative: before it). */
  const runningAt = (ms: number) => custodyClock({ startedAt, endedAt: null, now: new Date(deadline + ms) });
  /** The clock of a custody that ended `ms` from the deadline, read long after. */
  const endedAt = (ms: number) =>
    custodyClock({ startedAt, endedAt: new Date(deadline + ms), now: new Date(deadline + 48 * HOUR) });

  it('holds a suspect 24 hours and warns in the last 4: 86 400 and 14 400 seconds', () => {
    expect(CUSTODY_LIMIT_SECONDS).toBe(86_400);
    expect(CUSTODY_WARNING_SECONDS).toBe(14_400);
    expect(runningAt(0).deadlineAt).toEqual(new Date('2026-03-22T06:00:00.000Z'));
  });

  it('is not breached a second, nor a millisecond, before the deadline, nor at it', () => {
    expect(runningAt(-SECOND)).toMatchObject({ breached: false, warning: true, remainingSeconds: 1 });
    expect(runningAt(-1)).toMatchObject({ breached: false, warning: true, remainingSeconds: 0 });
    expect(runningAt(0)).toMatchObject({ breached: false, warning: true, remainingSeconds: 0 });
  });

  it('is breached a millisecond after the deadline, and counts the second begun as gone', () => {
    expect(runningAt(1)).toMatchObject({ breached: true, warning: false, remainingSeconds: -1 });
    expect(runningAt(SECOND)).toMatchObject({ breached: true, warning: false, remainingSeconds: -1 });
    expect(runningAt(SECOND + 1)).toMatchObject({ breached: true, remainingSeconds: -2 });
  });

  it('rounds the time left down to whole seconds, never showing more than is left', () => {
    expect(runningAt(-1500).remainingSeconds).toBe(1);
    expect(runningAt(-1999).remainingSeconds).toBe(1);
    expect(runningAt(-2000).remainingSeconds).toBe(2);
    expect(runningAt(-24 * HOUR).remainingSeconds).toBe(86_400);
    expect(runningAt(-24 * HOUR + 1).remainingSeconds).toBe(86_399);
  });

  it('starts warning when less than four hours are left: not at four hours exactly, a millisecond later', () => {
    expect(runningAt(-4 * HOUR - SECOND)).toMatchObject({ warning: false, remainingSeconds: 14_401 });
    expect(runningAt(-4 * HOUR)).toMatchObject({ warning: false, remainingSeconds: 14_400 });
    expect(runningAt(-4 * HOUR + 1)).toMatchObject({ warning: true, remainingSeconds: 14_399 });
    expect(runningAt(-4 * HOUR + SECOND)).toMatchObject({ warning: true, remainingSeconds: 14_399 });
  });

  it('says an ended custody ended in time up to the deadline itself, and late a millisecond after', () => {
    expect(endedAt(-SECOND)).toMatchObject({ endedInTime: true, remainingSeconds: 1 });
    expect(endedAt(0)).toMatchObject({ endedInTime: true, remainingSeconds: 0 });
    expect(endedAt(1)).toMatchObject({ endedInTime: false, remainingSeconds: -1 });
  });

  it('neither warns nor is breached once ended, however little was left or however late now is', () => {
    expect(endedAt(-HOUR)).toMatchObject({ warning: false, breached: false, remainingSeconds: 3600 });
    expect(endedAt(HOUR)).toMatchObject({ warning: false, breached: false, remainingSeconds: -3600 });
  });

  it('reads a running clock at now, not at a start or an end', () => {
    const clock = custodyClock({
      startedAt,
      endedAt: null,
      now: new Date(startedAt.getTime() + 90 * SECOND),
    });
    expect(clock.remainingSeconds).toBe(86_400 - 90);
    expect(clock.endedInTime).toBeNull();
  });

  it('gives the deadline’s Jalali date across the Tehran midnight', () => {
    // 20:29:59Z and 20:30:00Z are 23:59:59 and 00:00:00 in Tehran (+03:30).
    const before = custodyClock({
      startedAt: new Date('2026-03-20T20:29:59.000Z'),
      endedAt: null,
      now: new Date('2026-03-20T21:00:00.000Z'),
    });
    const after = custodyClock({
      startedAt: new Date('2026-03-20T20:30:00.000Z'),
      endedAt: null,
      now: new Date('2026-03-20T21:00:00.000Z'),
    });
    expect(before.deadlineLocal).toBe('1405/01/01 23:59');
    expect(after.deadlineLocal).toBe('1405/01/02 00:00');
  });
});

describe('what starts and ends a custody clock', () => {
  const partyId = '0190a3b4-0000-7000-8000-000000000001';

  it('starts at an instant with its offset, Tehran’s or UTC, to the millisecond', () => {
    for (const startedAt of ['2026-03-21T08:30:00Z', '2026-03-21T12:00:00+03:30', '2026-03-21T08:30:00.123Z'])
      expect(startCustodyBodySchema.safeParse({ partyId, startedAt }).success).toBe(true);
    for (const startedAt of ['2026-03-21T08:30:00', '2026-03-21', '1405/01/01 12:00', ''])
      expect(startCustodyBodySchema.safeParse({ partyId, startedAt }).success).toBe(false);
    expect(
      startCustodyBodySchema.safeParse({ partyId: 'p-1', startedAt: '2026-03-21T08:30:00Z' }).success,
    ).toBe(false);
  });

  it('ends at an instant, for one of five reasons, with an optional note of up to 2000 characters', () => {
    expect(custodyEndReasons).toEqual(['released', 'bail', 'handed_to_prosecutor', 'transferred', 'other']);
    const end = { endedAt: '2026-03-22T08:30:00Z', endReason: 'bail' };
    expect(endCustodyBodySchema.safeParse(end).success).toBe(true);
    expect(endCustodyBodySchema.safeParse({ ...end, endNote: null }).success).toBe(true);
    expect(endCustodyBodySchema.safeParse({ ...end, endNote: 'x'.repeat(2000) }).success).toBe(true);
    expect(endCustodyBodySchema.safeParse({ ...end, endNote: 'x'.repeat(2001) }).success).toBe(false);
    expect(endCustodyBodySchema.safeParse({ ...end, endReason: 'escaped' }).success).toBe(false);
    expect(endCustodyBodySchema.safeParse({ ...end, endedAt: 'tomorrow' }).success).toBe(false);
  });
});
