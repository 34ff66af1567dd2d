import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { BlobStore } from './platform/blob-store/blob-store.js';
import type { Exchange } from './modules/exchange/exchange.usecase.js';
import type { Clock } from './platform/clock.js';
import type { Notifications } from './modules/notifications/notification-service.usecase.js';

/** Everything the HTTP app and its use cases need, passed explicitly (no container, no globals). */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  blobs: BlobStore;
  exchange: Exchange;
  /** The notification streams' hub, the outbound notifier, and the scheduler's kick. */
  notifications: Notifications;
}
