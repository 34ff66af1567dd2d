import { toLatinDigits } from '../../domain/persian-text.js';
import { jalaliToInstant } from './jalali-calendar.js';

/** A Jalali day `1405/09/15` (Persian, Arabic or Latin digits; `/` or `-`) → its parts, or null. */
export function parseJalaliDay(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(toLatinDigits(text.trim()));
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * Midnight in Tehran at the start of a Jalali day, `days` later (Iran keeps no summer time since 2022, so
 * a day is 24 hours); null when the day does not exist.
 */
export function jalaliDayStart(text: string, days = 0): Date | null {
  const parts = parseJalaliDay(text);
  const at = parts && jalaliToInstant({ ...parts, hour: 0, minute: 0 });
  return at ? new Date(at.getTime() + days * 86_400_000) : null;
}

/** Is this a Jalali day that exists? */
export const isJalaliDay = (text: string) => jalaliDayStart(text) !== null;

/**
 * A period of Jalali days as the API's instants: the start of `fromDay` and the end of `toDay` (the start of the
 * next day). A day left out or not a day: undefined.
 */
export function jalaliDayPeriod(
  fromDay: string | undefined,
  toDay: string | undefined,
): { from: string | undefined; to: string | undefined } {
  return {
    from: (fromDay ? jalaliDayStart(fromDay, 0) : null)?.toISOString(),
    to: (toDay ? jalaliDayStart(toDay, 1) : null)?.toISOString(),
  };
}
