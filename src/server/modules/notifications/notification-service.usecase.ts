import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { createLogNotifier } from './log-notifier.usecase.js';
import { createNotificationHub, type NotificationHub } from './notification-hub.worker.js';
import type { Notifier } from './notifier.ports.js';
import { createSmsGatewayNotifier } from './sms-gateway-notifier.usecase.js';

/** What a node's app and its scheduler share about notifications. */
export interface Notifications {
  hub: NotificationHub;
  notifier: Notifier;
  /** The text of a complainant's one-time code, with `{code}`. */
  otpTemplate: string;
  /** Wakes the process's scheduler to send queued outbound messages now (a code someone waits for). */
  kick(): void;
  setKick(kick: () => void): void;
}

/** Builds the notifier the configuration names (log by default, or the SMS gateway) and the streams' hub. */
export function createNotifications(input: {
  db: Db;
  log: Logger;
  notifier: {
    kind: 'log' | 'sms';
    sms: { url: string; token: string | null; timeoutMs: number } | null;
    otpTemplate: string;
  };
}): Notifications {
  let kick = () => undefined as void;
  const { sms } = input.notifier;
  return {
    hub: createNotificationHub({ db: input.db }),
    notifier:
      input.notifier.kind === 'sms' && sms ? createSmsGatewayNotifier(sms) : createLogNotifier(input.log),
    otpTemplate: input.notifier.otpTemplate,
    kick: () => kick(),
    setKick: (next) => {
      kick = next;
    },
  };
}
