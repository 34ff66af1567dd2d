import type { Logger } from 'pino';
import type { AppDeps } from './app-deps.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { messageHandlers } from './message-handlers.js';
import { createExchange } from './modules/exchange/index.js';
import { createNotifications } from './modules/notifications/index.js';
import { openBlobStore } from './platform/blob-store/open-blob-store.js';
import { blobStoreErrorsTotal } from './platform/metrics.js';
import type { Clock } from './platform/clock.js';
import type { BlobStore } from './platform/blob-store/blob-store.js';

/**
 * Assembles everything a node's app needs around an open database: the node and the tests both use it.
 * `peerCa` (from `readPeerCa`, read before the database is opened) is what the HTTP transport trusts for
 * peers' HTTPS; absent, Node's roots.
 */
export async function createNodeDeps(input: {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  peerCa?: string[] | null;
  /** The document store, when the caller opened it (to count its errors); else the one the configuration names. */
  blobs?: BlobStore;
}): Promise<AppDeps> {
  const { peerCa, blobs: _blobs, ...deps } = input;
  const blobs =
    input.blobs ??
    openBlobStore(input.config.blobStore, (operation) => blobStoreErrorsTotal.inc({ operation }));
  const exchange = await createExchange({
    db: input.db,
    blobs,
    clock: input.clock,
    dataDir: input.config.dataDir,
    nodeId: input.config.nodeId,
    handlers: messageHandlers,
    peerCa: peerCa ?? null,
  });
  const notifications = createNotifications({
    db: input.db,
    log: input.log,
    notifier: input.config.notifier,
  });
  return { ...deps, blobs, exchange, notifications };
}
