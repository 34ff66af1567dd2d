import {
  onEscortAssigned,
  onEscortCancelled,
  onEscortHandedOver,
  onEscortRequested,
} from '../escorts/escort-messages.handlers.js';
import { onCaseSubmitted, onCaseSupplemented } from '../intake/intake-arrival.handlers.js';
import {
  onOrderAcknowledged,
  onOrderClosed,
  onOrderIssued,
  onOrderReported,
} from '../orders/order-messages.handlers.js';
import { onIntakeRegistered, onIntakeRejected, onIntakeReturned } from '../submission/answers.handlers.js';
import type { MessageHandlers } from './message-handlers.js';

/** The business effect of each message type on the receiving side (intake, orders, escorts, the station's case). */
export const messageHandlers: MessageHandlers = {
  'case.submitted': onCaseSubmitted,
  'case.supplemented': onCaseSupplemented,
  'intake.registered': onIntakeRegistered,
  'intake.returned': onIntakeReturned,
  'intake.rejected': onIntakeRejected,
  'order.issued': onOrderIssued,
  'order.acknowledged': onOrderAcknowledged,
  'order.reported': onOrderReported,
  'order.closed': onOrderClosed,
  'escort.requested': onEscortRequested,
  'escort.assigned': onEscortAssigned,
  'escort.handed-over': onEscortHandedOver,
  'escort.cancelled': onEscortCancelled,
};
