/**
 * The steps of a unit's rollout (issue 21, point 3), in order. A unit is at the last step it has a date for:
 * the date set by hand if there is one, else the one the data shows (its organisation and jurisdiction, its
 * first user, its first file sent). Going live is always said by hand.
 */
export const rolloutSteps = ['planned', 'node_ready', 'users_created', 'first_sent', 'live'] as const;
export type RolloutStep = (typeof rolloutSteps)[number];

export interface StepDates {
  nodeReady: Date | null;
  usersCreated: Date | null;
  firstSent: Date | null;
  live: Date | null;
}

/** The step a unit is at, from its dates. */
export function rolloutStateOf(dates: StepDates): RolloutStep {
  if (dates.live) return 'live';
  if (dates.firstSent) return 'first_sent';
  if (dates.usersCreated) return 'users_created';
  if (dates.nodeReady) return 'node_ready';
  return 'planned';
}

/** Is a wave late: its due date passed with a unit of it not live? */
export function isWaveLate(dueAt: Date | null, states: readonly RolloutStep[], now: Date): boolean {
  return dueAt !== null && dueAt.getTime() < now.getTime() && states.some((s) => s !== 'live');
}
