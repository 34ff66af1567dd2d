import type { ErrorCode } from '../errors.js';

/** How long before a case was opened a custody may have begun when the file gives no incident time. */
export const CUSTODY_START_BEFORE_CASE_HOURS = 72;

/**
 * What is wrong with a custody's start, or null: custody records what happened, so it does not start in the
 * future (`custody.time_in_future`), nor before the incident it is about (`custody.start_before_incident`);
 * without an incident time, nor more than 72 hours before the case was opened (`custody.start_before_case`:
 * a person is not held for days before anyone opens a file — a start in 1900 is a typo).
 */
export function custodyStartProblem(input: {
  startedAt: Date;
  incidentAt: Date | null;
  caseOpenedAt: Date;
  now: Date;
}): Extract<ErrorCode, `custody.${string}`> | null {
  const start = input.startedAt.getTime();
  if (start > input.now.getTime()) return 'custody.time_in_future';
  if (input.incidentAt) return start < input.incidentAt.getTime() ? 'custody.start_before_incident' : null;
  const earliest = input.caseOpenedAt.getTime() - CUSTODY_START_BEFORE_CASE_HOURS * 3_600_000;
  return start < earliest ? 'custody.start_before_case' : null;
}
