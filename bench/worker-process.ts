/**
 * A delivery worker in a process of its own, as `casebridge worker` runs beside a node: woken by
 * the outbox's notifications, it tells the benchmark (its parent, over IPC) of each delivery, so the
 * benchmark's lanes need not poll the database. Started by `bench/run.ts` with `fork`.
 */
import { loadConfig } from '../src/server/config.js';
import { createDb } from '../src/server/db/client.js';
import {
  startDeliveryWorker,
  type DeliveredMessage,
} from '../src/server/modules/exchange/outbound/delivery.worker.js';
import { listenForOutbox } from '../src/server/modules/exchange/outbound/outbox-notifications.worker.js';
import { createNodeDeps } from '../src/server/node-deps.js';
import { systemClock } from '../src/server/platform/clock.js';
import { createLogger } from '../src/server/platform/logger.js';

const url = process.env.BENCH_DATABASE_URL ?? '';
const config = loadConfig({
  ...process.env,
  DATA_DIR: process.env.BENCH_DATA_DIR,
  NODE_ID: 'bench',
  LOG_LEVEL: 'silent',
});
const log = createLogger('silent');
const db = createDb(url, { max: config.databasePoolSize, ...config.databaseClient });
const deps = await createNodeDeps({ config, db, clock: systemClock, log });
// The deliveries of one claim settle together: told to the parent in one IPC message, not one each.
let told: DeliveredMessage[] = [];
const tell = () => {
  process.send?.({ delivered: told });
  told = [];
};
const worker = startDeliveryWorker({
  db,
  clock: systemClock,
  log,
  transportFor: (node) => deps.exchange.transportFor(node),
  onDelivered: (message) => {
    if (told.push(message) === 1) setImmediate(tell);
  },
});
const listener = listenForOutbox({ url, onNotice: () => worker.kick(), log });
process.send?.({ ready: true });
process.on('message', async (m: { stop?: boolean }) => {
  if (!m.stop) return;
  await listener.close();
  await worker.stop();
  await db.destroy();
  process.exit(0);
});
