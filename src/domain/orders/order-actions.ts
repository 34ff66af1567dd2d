import type { z } from 'zod';
import { allowedSteps, stepFlagsSchema, type ItemState, type ItemSteps } from '../item-steps.js';
import type { Actor } from '../permissions.js';
import type { OrderStatus } from './order-statuses.js';

/** One side's row of an order as its steps see it. */
export interface OrderState extends ItemState {
  side: 'office' | 'station';
  status: OrderStatus;
}

const atStation = (o: OrderState, ...statuses: OrderStatus[]) =>
  o.side === 'station' && statuses.includes(o.status);
const atOffice = (o: OrderState, ...statuses: OrderStatus[]) =>
  o.side === 'office' && statuses.includes(o.status);

/**
 * An order's steps on each side: the station acknowledges an open order (once) and reports on it until it
 * has reported; the prosecutor closes it at any time before it is closed, or — after a report — asks for
 * more, which opens it again at the station.
 */
export const orderSteps = {
  acknowledge: {
    action: 'order.execute',
    when: (o) => atStation(o, 'open'),
    refusal: 'orders.invalid_state',
  },
  report: {
    action: 'order.execute',
    when: (o) => atStation(o, 'open', 'acknowledged'),
    refusal: 'orders.invalid_state',
  },
  close: {
    action: 'order.close',
    when: (o) => atOffice(o, 'open', 'acknowledged', 'reported'),
    refusal: 'orders.invalid_state',
  },
  requestMore: {
    action: 'order.close',
    when: (o) => atOffice(o, 'reported'),
    refusal: 'orders.invalid_state',
  },
} as const satisfies ItemSteps<OrderState, string>;

export type OrderStep = keyof typeof orderSteps;

/** The `allowed` flags of an order: the steps this actor may take on it now. */
export const orderActionsSchema = stepFlagsSchema(orderSteps);
export type OrderActions = z.infer<typeof orderActionsSchema>;

/** What this actor may do to this order now, from the one matrix, the order's side and status. Pure. */
export function orderActions(actor: Actor, item: OrderState): OrderActions {
  return allowedSteps(orderSteps, actor, item);
}
