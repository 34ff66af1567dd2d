import type { Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { warnAboutServerSettings } from './db/server-settings.js';
import { startDeliveryWorker } from './modules/exchange/outbound/delivery.worker.js';
import { listenForOutbox } from './modules/exchange/outbound/outbox-notifications.worker.js';
import { createNodeDeps } from './node-deps.js';
import { startClockScheduler } from './modules/clocks/index.js';
import { systemClock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';
import { readPeerCa } from './platform/tls-files.js';

/**
 * Runs a delivery worker as its own process (`casebridge worker`): the same database and data
 * folder (keys, documents) as the node, no HTTP server. Any number can run beside the node; they
 * share the outbox through FOR UPDATE SKIP LOCKED, and a commit that fills the outbox wakes them at
 * once (LISTEN on the outbox's channel). It runs the legal clocks' scheduler as well (CLOCK_SCHEDULER).
 * Resolves when a signal stops it.
 */
export async function runWorker(config: Config, options: { onReady?: () => void } = {}): Promise<void> {
  const log = createLogger(config.logLevel);
  const peerCa = await readPeerCa(config);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    client: config.databaseClient,
    maintenanceClient: config.databaseMaintenanceClient,
  });
  await database.maintenance((db) => migrate(db));
  await warnAboutServerSettings(database.db, log);
  const deps = await createNodeDeps({ config, db: database.db, clock: systemClock, log, peerCa });
  const worker = startDeliveryWorker({
    db: database.db,
    clock: systemClock,
    log,
    transportFor: (node) => deps.exchange.transportFor(node),
    policy: config.delivery,
    pollMs: config.delivery.pollMs,
  });
  // The legal clocks' scheduler too: several processes share the clocks through FOR UPDATE SKIP LOCKED.
  const scheduler = config.clockScheduler
    ? startClockScheduler({
        db: database.db,
        clock: systemClock,
        log,
        tickMs: config.clockTickMs,
        notifications: deps.notifications,
      })
    : undefined;
  const listener = listenForOutbox({ url: database.url, onNotice: () => worker.kick(), log });
  log.info({ nodeId: config.nodeId }, 'delivery worker running');
  options.onReady?.();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await listener.close();
  await worker.stop();
  await scheduler?.stop();
  await database.close();
}
