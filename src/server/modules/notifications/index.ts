/** The public face of `notifications`: what other modules may use of it (and nothing else). */
export { registerNotificationRoutes } from './notifications.routes.js';
export {
  notifyMany,
  notifyUsers,
  queueOutboundMessage,
  type NotifyInput,
  type Recipient,
} from './notifications.usecase.js';
export { deliverDueNotifications } from './notification-delivery.worker.js';
export { createNotifications, type Notifications } from './notification-service.usecase.js';
export type { Notifier, OutboundMessage } from './notifier.ports.js';
export { NotifierError } from './notifier.ports.js';
export { createSmsGatewayNotifier } from './sms-gateway-notifier.usecase.js';
export { findDeliveriesTo } from './notifications.repository.js';
