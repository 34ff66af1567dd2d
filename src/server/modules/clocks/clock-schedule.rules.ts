/**
 * When a legal clock's thresholds fire. A kind's thresholds are seconds before the due time (custody:
 * 4 h, 1 h, 15 min, and 0 — the due time itself, the breach); they fire in order, each once.
 */

/** A threshold fired later than this after its time was caught up (the scheduler was not running). */
export const LATE_AFTER_MS = 30_000;

export interface Threshold {
  beforeSeconds: number;
  fireAt: Date;
}

const descending = (thresholds: readonly number[]) => [...new Set(thresholds)].sort((a, b) => b - a);
const at = (dueAt: Date, beforeSeconds: number): Threshold => ({
  beforeSeconds,
  fireAt: new Date(dueAt.getTime() - beforeSeconds * 1000),
});

/**
 * The threshold a new clock waits for first: the earliest one still ahead — or, when the clock opens
 * inside a window already (a custody recorded three hours before its deadline), the nearest one passed,
 * which fires at once, so that nobody is left untold; the earlier ones are skipped.
 */
export function firstThreshold(input: {
  dueAt: Date;
  thresholds: readonly number[];
  now: Date;
}): Threshold | null {
  const sorted = descending(input.thresholds);
  let chosen: number | undefined = sorted[0];
  for (const before of sorted)
    if (at(input.dueAt, before).fireAt.getTime() <= input.now.getTime()) chosen = before;
  return chosen === undefined ? null : at(input.dueAt, chosen);
}

/** The threshold after `after` (the one just fired), or null when the breach (0) was the last. */
export function nextThreshold(input: {
  dueAt: Date;
  thresholds: readonly number[];
  after: number;
}): Threshold | null {
  const next = descending(input.thresholds).find((before) => before < input.after);
  return next === undefined ? null : at(input.dueAt, next);
}

/** Did this threshold fire late (caught up after downtime)? */
export function firedLate(fireAt: Date, firedAt: Date): boolean {
  return firedAt.getTime() - fireAt.getTime() > LATE_AFTER_MS;
}

/** One threshold a pass fires for a clock. */
export interface PlannedFiring {
  beforeSeconds: number;
  fireAt: Date;
  late: boolean;
}

/** What a pass does to one clock: the thresholds it fires, in order, and where the clock is left. */
export interface ClockPlan {
  firings: PlannedFiring[];
  state: 'running' | 'warned' | 'breached';
  nextFireAt: Date | null;
  nextBeforeSeconds: number | null;
}

/**
 * Every threshold of a clock due at `now`, from its next one, in order (the breach, 0, ends it); and the
 * clock's state and next threshold after them. Pure: the scheduler plans a whole batch, then writes it
 * with a few set-based statements.
 */
export function planFirings(input: {
  state: 'running' | 'warned' | 'breached' | 'met' | 'stopped';
  dueAt: Date;
  nextFireAt: Date | null;
  nextBeforeSeconds: number | null;
  thresholds: readonly number[];
  now: Date;
}): ClockPlan {
  const firings: PlannedFiring[] = [];
  let state: ClockPlan['state'] = input.state === 'warned' ? 'warned' : 'running';
  let before = input.nextBeforeSeconds;
  let fireAt = input.nextFireAt;
  while (before !== null && fireAt !== null && fireAt.getTime() <= input.now.getTime()) {
    firings.push({ beforeSeconds: before, fireAt, late: firedLate(fireAt, input.now) });
    if (before === 0) return { firings, state: 'breached', nextFireAt: null, nextBeforeSeconds: null };
    state = 'warned';
    const next = nextThreshold({ dueAt: input.dueAt, thresholds: input.thresholds, after: before });
    before = next?.beforeSeconds ?? null;
    fireAt = next?.fireAt ?? null;
  }
  return { firings, state, nextFireAt: fireAt, nextBeforeSeconds: before };
}
