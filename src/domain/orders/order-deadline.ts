/**
 * The time an order's deadline may be set to when it is issued (Art. 34: an order carries a time limit).
 * The server refuses one that is not ahead (`orders.deadline_in_past`) or further ahead than
 * `ORDER_DEADLINE_MAX_DAYS` (`orders.deadline_too_far`: a deadline half a year off is a slip of the year
 * list, and a clock nobody will watch). The form offers only times inside the same range, a minute's margin
 * added at its near end so that a time picked is still ahead when it arrives.
 */
export const ORDER_DEADLINE_MAX_DAYS = 180;

/** The margin the form keeps at the near end of the range. */
export const ORDER_DEADLINE_MIN_LEAD_MS = 60_000;

const DAY_MS = 86_400_000;

/** The latest deadline an order issued at `now` may have. */
export function latestOrderDeadline(now: Date): Date {
  return new Date(now.getTime() + ORDER_DEADLINE_MAX_DAYS * DAY_MS);
}

/** The range the form offers at `now`: from a minute ahead to the latest deadline. */
export function orderDeadlineRange(now: Date): { min: Date; max: Date } {
  return { min: new Date(now.getTime() + ORDER_DEADLINE_MIN_LEAD_MS), max: latestOrderDeadline(now) };
}

/** Why the server refuses a deadline for an order issued at `now`, as an error code, or null. */
export function orderDeadlineRefusal(
  deadlineAt: Date,
  now: Date,
): 'orders.deadline_in_past' | 'orders.deadline_too_far' | null {
  if (deadlineAt.getTime() <= now.getTime()) return 'orders.deadline_in_past';
  if (deadlineAt.getTime() > latestOrderDeadline(now).getTime()) return 'orders.deadline_too_far';
  return null;
}
