import type { Logger } from 'pino';
import type { Notifier } from './notifier.ports.js';

/**
 * The default outbound channel: the delivery record in `notification_deliveries` is the message (an outbox
 * an operator or a later gateway can read); the log says that one went, by id only (conventions, habit 13).
 */
export function createLogNotifier(log: Logger): Notifier {
  return {
    name: 'log',
    send(message) {
      log.info({ deliveryId: message.id }, 'notification recorded (log notifier)');
      return Promise.resolve();
    },
  };
}
