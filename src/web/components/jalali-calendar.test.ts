import { describe, expect, it } from 'vitest';
import { jalaliParts } from '../../domain/jalali.js';
import { daysInJalaliMonth, jalaliToInstant } from './jalali-calendar.js';

describe('jalaliToInstant', () => {
  it('turns Tehran wall-clock time into the UTC instant', () => {
    expect(jalaliToInstant({ year: 1404, month: 9, day: 8, hour: 2, minute: 45 })?.toISOString()).toBe(
      '2025-11-28T23:15:00.000Z',
    );
    expect(jalaliToInstant({ year: 1404, month: 1, day: 1, hour: 0, minute: 0 })?.toISOString()).toBe(
      '2025-03-20T20:30:00.000Z',
    );
  });

  it('follows the summer time Iran kept until 2022', () => {
    expect(jalaliToInstant({ year: 1400, month: 3, day: 11, hour: 16, minute: 30 })?.toISOString()).toBe(
      '2021-06-01T12:00:00.000Z',
    );
  });

  it('knows leap years: 30 Esfand 1403 exists, 30 Esfand 1404 does not', () => {
    expect(jalaliToInstant({ year: 1403, month: 12, day: 30, hour: 0, minute: 0 })?.toISOString()).toBe(
      '2025-03-19T20:30:00.000Z',
    );
    expect(jalaliToInstant({ year: 1404, month: 12, day: 30, hour: 0, minute: 0 })).toBeNull();
    expect(daysInJalaliMonth(1403, 12)).toBe(30);
    expect(daysInJalaliMonth(1404, 12)).toBe(29);
    expect(daysInJalaliMonth(1404, 7)).toBe(30);
  });

  it('refuses dates and times that do not exist', () => {
    expect(jalaliToInstant({ year: 1404, month: 7, day: 31, hour: 0, minute: 0 })).toBeNull();
    expect(jalaliToInstant({ year: 1404, month: 1, day: 1, hour: 24, minute: 0 })).toBeNull();
  });

  it('is the inverse of jalaliParts for every day of several years', () => {
    for (let t = Date.UTC(2019, 0, 1, 8, 17); t < Date.UTC(2027, 0, 1); t += 86_400_000 + 3_600_000) {
      const at = new Date(t - (t % 60_000));
      expect(jalaliToInstant(jalaliParts(at))?.getTime()).toBe(at.getTime());
    }
  });
});
