import { jalaliParts, TEHRAN, type JalaliParts } from '../../domain/jalali.js';

/**
 * Jalali wall-clock time in Tehran → UTC instant, the inverse of `jalaliParts` in src/domain/jalali.ts.
 * Built on the same `Intl` persian calendar and Asia/Tehran zone (so it follows ICU for leap years and the
 * DST Iran had until 2022) by correcting an estimate until the calendar agrees.
 */

const DAY_MS = 86_400_000;

/** Day of the Jalali year: months 1–6 have 31 days, 7–11 have 30, Esfand 29 or 30. */
function dayOfYear(month: number, day: number): number {
  return month <= 6 ? (month - 1) * 31 + day : 186 + (month - 7) * 30 + day;
}

// A day count that is exact within a year and off by at most one across years; the loop corrects it.
const ordinal = (y: number, m: number, d: number) => Math.floor((y - 1) * 365.2422) + dayOfYear(m, d);

/** The Gregorian date (UTC midnight, as ms) of a Jalali date, or null if that date does not exist. */
export function jalaliToGregorianDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // 1 Farvardin 1400 was 21 March 2021.
  let noon = Date.UTC(2021, 2, 21, 12) + (ordinal(year, month, day) - ordinal(1400, 1, 1)) * DAY_MS;
  // UTC noon is 15:30 (or 16:30) in Tehran: the same Gregorian day.
  const matches = (at: number) => {
    const p = jalaliParts(new Date(at));
    return p.year === year && p.month === month && p.day === day;
  };
  for (let i = 0; i < 6; i++) {
    const p = jalaliParts(new Date(noon));
    const diff = ordinal(year, month, day) - ordinal(p.year, p.month, p.day);
    if (diff !== 0) {
      noon += diff * DAY_MS;
      continue;
    }
    // The estimate can be a day off at a year's end, and an impossible date (31 Mehr) aliases the next one.
    for (const at of [noon, noon - DAY_MS, noon + DAY_MS]) if (matches(at)) return at - 12 * 3_600_000;
    return null;
  }
  return null;
}

/** How many days a Jalali month has (Esfand: 30 in a leap year). */
export function daysInJalaliMonth(year: number, month: number): number {
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return jalaliToGregorianDay(year, 12, 30) === null ? 29 : 30;
}

const tehranWall = new Intl.DateTimeFormat('en-US', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** Tehran's offset from UTC at an instant, in ms (+3:30, or +4:30 in the old summer time). */
function tehranOffset(at: number): number {
  const p: Record<string, number> = {};
  for (const part of tehranWall.formatToParts(new Date(at))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** The UTC instant of a Jalali date and time in Tehran, or null if the date does not exist. */
export function jalaliToInstant(parts: JalaliParts): Date | null {
  const { hour, minute } = parts;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  const day = jalaliToGregorianDay(parts.year, parts.month, parts.day);
  if (day === null) return null;
  const wall = day + hour * 3_600_000 + minute * 60_000;
  // Two passes settle the offset even next to a (former) DST change.
  let at = wall - tehranOffset(wall);
  at = wall - tehranOffset(at);
  return new Date(at);
}

/** The Jalali parts of an ISO instant in Tehran (re-exported for the picker). */
export function instantToJalali(iso: string): JalaliParts | null {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : jalaliParts(at);
}
