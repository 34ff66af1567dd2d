import { formatJalaliLatin } from '../jalali.js';

/** Art. 46 CPC 1392: officers may not hold a suspect under observation (تحت نظر) for more than 24 hours. */
export const CUSTODY_LIMIT_SECONDS = 24 * 60 * 60;
/** Under this much time left, the clock warns (the officer must hand over or release soon). */
export const CUSTODY_WARNING_SECONDS = 4 * 60 * 60;

/** One custody's legal clock, read at a given moment. */
export interface CustodyClock {
  /** start + 24 h. */
  deadlineAt: Date;
  /** The deadline in Jalali, Tehran time, Latin digits (`1405/01/02 03:04`). */
  deadlineLocal: string;
  /**
   * Seconds from `now` (running) or from the end (ended) to the deadline; negative once past it.
   * Whole seconds, rounded down, so the count never runs ahead of the real time left.
   */
  remainingSeconds: number;
  /** Running and past the deadline: a breach in progress. */
  breached: boolean;
  /** Running, not yet breached, with less than four hours left. */
  warning: boolean;
  /** Ended: whether it ended by the deadline; null while running. */
  endedInTime: boolean | null;
}

/** Reads the 24-hour custody clock of a custody that started at `startedAt` (and maybe ended), at `now`. */
export function custodyClock(input: { startedAt: Date; endedAt: Date | null; now: Date }): CustodyClock {
  const deadline = input.startedAt.getTime() + CUSTODY_LIMIT_SECONDS * 1000;
  const deadlineAt = new Date(deadline);
  const readAt = input.endedAt ?? input.now;
  const remainingSeconds = Math.floor((deadline - readAt.getTime()) / 1000);
  const running = input.endedAt === null;
  const breached = running && input.now.getTime() > deadline;
  return {
    deadlineAt,
    deadlineLocal: formatJalaliLatin(deadlineAt),
    remainingSeconds,
    breached,
    warning: running && !breached && remainingSeconds < CUSTODY_WARNING_SECONDS,
    endedInTime: running ? null : readAt.getTime() <= deadline,
  };
}
