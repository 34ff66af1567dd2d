import { describe, expect, it } from 'vitest';
import { formatJalaliDate, formatJalaliDateTime, formatJalaliLatin, jalaliYear } from './jalali.js';

describe('Jalali dates in Tehran', () => {
  it('turns a UTC instant into Tehran local Jalali time', () => {
    // 2026-11-28 23:18 UTC is 1405/09/08 02:48 in Tehran (UTC+3:30, no DST since 1401).
    expect(formatJalaliLatin(new Date('2026-11-28T23:18:00Z'))).toBe('1405/09/08 02:48');
  });

  it('starts the year at Nowruz in Tehran, not in UTC', () => {
    // Nowruz 1405: 1 Farvardin begins at 00:00 Tehran time on 2026-03-21, i.e. 20:30 UTC the day before.
    expect(jalaliYear(new Date('2026-03-20T20:29:00Z'))).toBe(1404);
    expect(jalaliYear(new Date('2026-03-20T20:31:00Z'))).toBe(1405);
  });

  it('shows Persian digits for people', () => {
    expect(formatJalaliDateTime(new Date('2026-11-28T23:18:00Z'))).toMatch(/۱۴۰۵\/۰۹\/۰۸.*۰۲:۴۸/);
    expect(formatJalaliDate(new Date('2026-11-28T23:18:00Z'))).toBe('۸ آذر ۱۴۰۵');
  });
});
