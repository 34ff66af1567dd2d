import {
  onEscortAssigned,
  onEscortCancelled,
  onEscortHandedOver,
  onEscortRequested,
} from './modules/escorts/escort-messages.handlers.js';
import { onCaseSubmitted, onCaseSupplemented } from './modules/intake/intake-arrival.handlers.js';
import {
  onOrderAcknowledged,
  onOrderClosed,
  onOrderIssued,
  onOrderReported,
} from './modules/orders/order-messages.handlers.js';
import { onIntakeRegistered, onIntakeRejected, onIntakeReturned } from './modules/submission/answers.handlers.js';
import type { MessageHandlers } from './modules/exchange/inbound/message-handlers.ports.js';

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
