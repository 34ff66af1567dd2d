import { orderDeadlineRange } from '../../../domain/orders/order-deadline.js';

/**
 * What is wrong with a chosen deadline, as an i18n key, or null: the form accepts only the range the
 * server does (`src/domain/orders/order-deadline.ts`), a minute's margin kept at its near end so that the
 * time is not already past on arrival.
 */
export function deadlineProblem(deadlineAt: string | null | undefined, now: Date): string | null {
  if (!deadlineAt) return 'orders.issue.deadlineRequired';
  const at = new Date(deadlineAt).getTime();
  if (Number.isNaN(at)) return 'orders.issue.deadlineRequired';
  const { min, max } = orderDeadlineRange(now);
  if (at < min.getTime()) return 'orders.issue.deadlinePast';
  if (at > max.getTime()) return 'orders.issue.deadlineTooFar';
  return null;
}
