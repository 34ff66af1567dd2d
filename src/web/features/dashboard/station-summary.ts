import { jalaliParts } from '../../../domain/jalali.js';
import type { CaseSummary } from '../../../domain/cases/case.schema.js';
import type { Order } from '../../../domain/orders/orders.schema.js';

/** What the station's home shows at a glance, from its recent cases. */
export interface StationSummary {
  /** Cases with somebody in custody, the nearest deadline first. */
  inCustody: CaseSummary[];
  /** Files the prosecutor's office returned for completion, oldest first. */
  returned: CaseSummary[];
  /** Files that left the station today (Tehran day). */
  sentToday: CaseSummary[];
}

/** Is this instant on the same Tehran calendar day as `now`? */
export function isSameTehranDay(at: Date, now: Date): boolean {
  const a = jalaliParts(at);
  const b = jalaliParts(now);
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

const time = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : Number.POSITIVE_INFINITY);

/** Sorts a station's cases into the dashboard's lists. Pure: `now` is given. */
export function summariseStation(cases: readonly CaseSummary[], now: Date): StationSummary {
  return {
    inCustody: cases
      .filter((c) => c.inCustody && c.custodyDeadlineAt)
      .sort((a, b) => time(a.custodyDeadlineAt) - time(b.custodyDeadlineAt)),
    returned: cases
      .filter((c) => c.status === 'returned')
      .sort((a, b) => time(a.createdAt) - time(b.createdAt)),
    sentToday: cases.filter((c) => !!c.sentAt && isSameTehranDay(new Date(c.sentAt), now)),
  };
}

/** Orders still to act on (not closed): overdue first, then by deadline. */
export function pendingOrders(orders: readonly Order[]): Order[] {
  return orders
    .filter((o) => o.status !== 'closed')
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || time(a.deadlineAt) - time(b.deadlineAt));
}
