import { jalaliParts } from '../../../domain/jalali.js';

const HOUR = 3_600_000;

/**
 * The period [from, to) cut at the start of each Jalali month in Tehran: `[from, m1, m2, …, to]`. A month starts
 * at the first hour whose Tehran date is day 1 (found hour by hour from each day: Tehran has kept +03:30 all year
 * since 2022, and an hour's step also finds midnight under the older summer time).
 */
export function jalaliMonthBounds(from: Date, to: Date): Date[] {
  const bounds = [from];
  let t = Math.ceil(from.getTime() / HOUR) * HOUR;
  let last = jalaliParts(new Date(t)).month;
  // 30-minute offsets: hours are stepped on the half hour, where Tehran's days start.
  t += 30 * 60_000 * (new Date(t).getUTCMinutes() === 0 ? 1 : 0);
  for (; t < to.getTime(); t += HOUR) {
    const month = jalaliParts(new Date(t)).month;
    if (month !== last && t > from.getTime()) bounds.push(new Date(t));
    last = month;
  }
  bounds.push(to);
  return bounds;
}
