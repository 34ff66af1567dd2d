/** An order's deadline must be at least this far ahead when it is issued, so that it is not already past on arrival. */
export const MIN_LEAD_SECONDS = 60;

/**
 * What is wrong with a chosen deadline, as an i18n key, or null (Art. 34: an order carries a time limit,
 * and the server refuses one that is not ahead — `orders.deadline_in_past`).
 */
export function deadlineProblem(deadlineAt: string | null | undefined, now: Date): string | null {
  if (!deadlineAt) return 'orders.issue.deadlineRequired';
  const at = new Date(deadlineAt).getTime();
  if (Number.isNaN(at)) return 'orders.issue.deadlineRequired';
  if (at - now.getTime() < MIN_LEAD_SECONDS * 1000) return 'orders.issue.deadlinePast';
  return null;
}
