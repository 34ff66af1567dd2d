import { jalaliParts, TEHRAN } from '../jalali.js';
import { toLatinDigits } from '../persian-text.js';
import { line } from '../text.js';

/**
 * Office hours and the out-of-hours rule of Arts. 47 and 49 CPC 1392: a custody that starts outside the
 * office hours of the unit — before or after them, on a Friday (the Iranian weekend) or on an official
 * holiday (Nowruz included) — must be notified within one hour. Times are Tehran's.
 */
export interface OfficeHours {
  /** Minutes after midnight, Tehran time. */
  startMinute: number;
  endMinute: number;
}

const HOURS_PATTERN = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/;

/** `07:30-14:30` (any digits) → the office hours, or null when it does not parse or the start is not before the end. */
export function parseOfficeHours(text: string): OfficeHours | null {
  const m = HOURS_PATTERN.exec(toLatinDigits(text));
  if (!m) return null;
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || (h2 === 24 && m2 > 0)) return null;
  const hours = { startMinute: h1 * 60 + m1, endMinute: h2 * 60 + m2 };
  return hours.startMinute < hours.endMinute ? hours : null;
}

/** `07:30-14:30` as stored: Latin digits, two-digit hours. */
export function formatOfficeHours(hours: OfficeHours): string {
  const hm = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${hm(hours.startMinute)}-${hm(hours.endMinute)}`;
}

/** The office hours as the API takes them: a clear error naming the field when they do not parse. */
export const officeHoursSchema = line(40)
  .refine((s) => parseOfficeHours(s) !== null, { message: 'clocks.invalid_office_hours' })
  .transform((s) => formatOfficeHours(parseOfficeHours(s)!));

const weekday = new Intl.DateTimeFormat('en-US', { timeZone: TEHRAN, weekday: 'short' });

/** `YYYY/MM/DD`, the Jalali date of an instant in Tehran (the holidays table's key). */
export function jalaliDateKey(at: Date): string {
  const p = jalaliParts(at);
  return `${p.year}/${String(p.month).padStart(2, '0')}/${String(p.day).padStart(2, '0')}`;
}

/** Is this instant outside the unit's office hours: a Friday, an official holiday, or outside the hours? */
export function isOutsideOfficeHours(
  at: Date,
  input: { hours: OfficeHours; holidays: ReadonlySet<string> },
): boolean {
  if (weekday.format(at) === 'Fri') return true;
  if (input.holidays.has(jalaliDateKey(at))) return true;
  const p = jalaliParts(at);
  const minute = p.hour * 60 + p.minute;
  return minute < input.hours.startMinute || minute >= input.hours.endMinute;
}

const DAY_MS = 86_400_000;

/** Is this instant's Tehran day a working day: not a Friday, not an official holiday? */
export function isWorkingDay(at: Date, holidays: ReadonlySet<string>): boolean {
  return weekday.format(at) !== 'Fri' && !holidays.has(jalaliDateKey(at));
}

/**
 * The close of office hours on the `days`-th working day after the day of `from` (Tehran time; Fridays
 * and official holidays do not count): how long an office has to register, return or reject a file it
 * received (default 3 working days, per office).
 */
export function workingDaysDeadline(
  from: Date,
  input: { days: number; hours: OfficeHours; holidays: ReadonlySet<string> },
): Date {
  let at = from;
  for (let counted = 0; counted < input.days;) {
    at = new Date(at.getTime() + DAY_MS);
    if (isWorkingDay(at, input.holidays)) counted++;
  }
  const p = jalaliParts(at);
  const midnight = at.getTime() - (p.hour * 60 + p.minute) * 60_000 - (at.getTime() % 60_000);
  return new Date(midnight + input.hours.endMinute * 60_000);
}
