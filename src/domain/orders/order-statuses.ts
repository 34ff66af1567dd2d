/** An order's states on either side: open, acknowledged and reported by the station, closed by the office. */
export const orderStatuses = ['open', 'acknowledged', 'reported', 'closed'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
