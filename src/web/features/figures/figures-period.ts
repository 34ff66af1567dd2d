import { jalaliParts } from '../../../domain/jalali.js';
import { jalaliToInstant } from '../../components/jalali-calendar.js';

/** The periods a manager picks from: so far today, this Jalali month or year, or the last 7 or 30 days. */
export const periodPresets = ['today', 'last7', 'last30', 'month', 'year'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

const DAY_MS = 86_400_000;

/** Midnight in Tehran of a Jalali date. */
function tehranMidnight(year: number, month: number, day: number): Date {
  const at = jalaliToInstant({ year, month, day, hour: 0, minute: 0 });
  if (!at) throw new Error(`no Jalali date ${year}/${month}/${day}`);
  return at;
}

/**
 * The period [from, to) of a preset, ending now: days, months and years are Tehran's and Jalali (the month
 * of Azar begins at midnight of 1 Azar in Tehran), "the last 7 days" is 7 × 24 hours back.
 */
export function periodOf(preset: PeriodPreset, now: Date): { from: Date; to: Date } {
  const today = jalaliParts(now);
  const from = {
    today: () => tehranMidnight(today.year, today.month, today.day),
    last7: () => new Date(now.getTime() - 7 * DAY_MS),
    last30: () => new Date(now.getTime() - 30 * DAY_MS),
    month: () => tehranMidnight(today.year, today.month, 1),
    year: () => tehranMidnight(today.year, 1, 1),
  }[preset]();
  return { from, to: now };
}
