import { describe, expect, it } from 'vitest';
import {
  isOutsideOfficeHours,
  jalaliDateKey,
  officeHoursSchema,
  parseOfficeHours,
  workingDaysDeadline,
} from './office-hours.js';

const hours = parseOfficeHours('07:30-14:30')!;
// 1404/03/14 (death of Imam Khomeini) and 1404/01/01..04 (Nowruz), as the holidays table lists them.
const holidays = new Set(['1404/01/01', '1404/01/02', '1404/01/03', '1404/01/04', '1404/03/14']);
const outside = (iso: string) => isOutsideOfficeHours(new Date(iso), { hours, holidays });

describe('the out-of-hours rule (Arts. 47, 49), in Tehran time', () => {
  it('is inside the hours on a working day, and outside before and after them', () => {
    // Saturday 1404/07/12 (2025-10-04): 10:00 Tehran = 06:30 UTC.
    expect(outside('2025-10-04T06:30:00Z')).toBe(false);
    expect(outside('2025-10-04T03:59:00Z')).toBe(true); // 07:29
    expect(outside('2025-10-04T04:00:00Z')).toBe(false); // 07:30
    expect(outside('2025-10-04T11:00:00Z')).toBe(true); // 14:30
  });

  it('is outside all Friday, and inside again on Saturday morning', () => {
    // Friday 2025-10-03 at 10:00 Tehran; Thursday and Saturday at the same hour are working days.
    expect(outside('2025-10-03T06:30:00Z')).toBe(true);
    expect(outside('2025-10-02T06:30:00Z')).toBe(false);
    expect(outside('2025-10-04T06:30:00Z')).toBe(false);
  });

  it('is outside on an official holiday that falls on a working day', () => {
    // 1404/03/14 = Wednesday 2025-06-04, 10:00 Tehran.
    expect(jalaliDateKey(new Date('2025-06-04T06:30:00Z'))).toBe('1404/03/14');
    expect(outside('2025-06-04T06:30:00Z')).toBe(true);
    expect(outside('2025-06-03T06:30:00Z')).toBe(false);
  });

  it('is outside through Nowruz, from the first of Farvardin at midnight Tehran time', () => {
    // 1404/01/01 = 2025-03-21, which begins at 2025-03-20T20:30Z in Tehran.
    expect(jalaliDateKey(new Date('2025-03-20T20:30:00Z'))).toBe('1404/01/01');
    expect(outside('2025-03-22T06:30:00Z')).toBe(true); // 1404/01/02, a Saturday
    expect(outside('2025-03-24T06:30:00Z')).toBe(true); // 1404/01/04, a Monday
    expect(outside('2025-03-25T06:30:00Z')).toBe(false); // 1404/01/05, a Tuesday: back at work
  });

  it('reads office hours in any digits, and refuses what does not parse', () => {
    expect(officeHoursSchema.parse('۸:۰۰ - ۱۶:۰۰')).toBe('08:00-16:00');
    for (const bad of ['8-16', '14:30-07:30', '25:00-26:00', '07:30', '07:30-14:30-15:00', '07:60-08:00'])
      expect(officeHoursSchema.safeParse(bad).error?.issues[0]?.message).toBe('clocks.invalid_office_hours');
  });
});

describe('the working days an office has to decide a file it received', () => {
  const deadline = (iso: string, days: number) =>
    workingDaysDeadline(new Date(iso), { days, hours, holidays }).toISOString();

  it('ends at the close of office hours on the last working day, skipping Fridays and holidays', () => {
    // Tuesday 1404/03/13, 10:00 Tehran: Wednesday is a holiday, Friday the weekend.
    expect(jalaliDateKey(new Date('2025-06-03T06:30:00Z'))).toBe('1404/03/13');
    expect(deadline('2025-06-03T06:30:00Z', 1)).toBe('2025-06-05T11:00:00.000Z'); // Thursday 14:30
    expect(deadline('2025-06-03T06:30:00Z', 3)).toBe('2025-06-08T11:00:00.000Z'); // Sunday 14:30
  });

  it('skips Nowruz, and counts per office (one day, or three)', () => {
    // Wednesday 1403/12/28: Thursday counts; then Friday and Nowruz 1404/01/01–04 do not.
    expect(deadline('2025-03-19T06:30:00Z', 1)).toBe('2025-03-20T11:00:00.000Z');
    expect(deadline('2025-03-19T06:30:00Z', 2)).toBe('2025-03-25T11:00:00.000Z');
  });
});
