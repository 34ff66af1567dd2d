import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import type { App } from './platform/http/fastify-app.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { openDatabase, type OpenDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { PREPARE_LOCK, withAdvisoryLock } from './db/advisory-lock.js';
import { warnAboutServerSettings } from './db/server-settings.js';
import { seedReference } from './db/reference/seed-reference.js';
import { playDemoExchange } from './demo/demo-exchange.js';
import { demoCredentialLines, seedDemoOnce, type DemoSeedResult } from './demo/seed-demo.js';
import { startReadsSealer } from './modules/audit/index.js';
import { startDeliveryWorker } from './modules/exchange/outbound/delivery.worker.js';
import { startClockScheduler } from './modules/clocks/index.js';
import { createNodeDeps } from './node-deps.js';
import { readPeerCa, readServerTls } from './platform/tls-files.js';
import { checkBlobStore } from './platform/blob-store/open-blob-store.js';
import { systemClock, type Clock } from './platform/clock.js';
import { registerStaticWeb } from './platform/http/static-web.js';
import { createLogger, type Logger } from './platform/logger.js';

/** Where `vite build` puts the web UI (`<repo>/dist/web`), whatever the working directory. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** A running node: its URL, its app and database, and how to stop it cleanly (idempotent). */
export interface RunningNode {
  url: string;
  app: App;
  database: OpenDatabase;
  stop(): Promise<void>;
}

export interface StartNodeOptions {
  /** Stop cleanly on SIGINT/SIGTERM (a second signal forces exit). Off for nodes started inside tests. */
  handleSignals?: boolean;
  /** Where the operator reads the URL and, once, the demo log-ins (default: stdout). */
  print?: (line: string) => void;
  /** The web UI's build; served only if it holds an `index.html`. */
  webDir?: string;
  clock?: Clock;
}

type Worker = { stop(): Promise<void>; kick(): void };

const printToStdout = (line: string) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Starts a node: opens the database (embedded in DATA_DIR, or DATABASE_URL), migrates it, writes
 * the reference data, seeds the demo when it should (see `shouldSeedDemo`), builds the app, serves
 * the web UI if built, listens, and runs the outbox's delivery worker (DELIVERY_WORKER) and the legal
 * clocks' scheduler (CLOCK_SCHEDULER). The caller owns `stop()`;
 * with `handleSignals`, the process's signals do.
 */
export async function startNode(config: Config, options: StartNodeOptions = {}): Promise<RunningNode> {
  const print = options.print ?? printToStdout;
  const clock = options.clock ?? systemClock;
  const log = createLogger(config.logLevel);
  // Signals are taken from the first moment: one that arrived while starting (before the node could
  // stop anything) would otherwise end the process at once and leave its embedded PostgreSQL behind.
  const signals = options.handleSignals ? stopOnSignals(print) : undefined;
  // Files named by the configuration are checked before anything is started or written.
  const https = await readServerTls(config);
  const peerCa = await readPeerCa(config);
  await checkBlobStore(config.blobStore);
  await fs.mkdir(config.dataDir, { recursive: true });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    client: config.databaseClient,
    maintenanceClient: config.databaseMaintenanceClient,
  });
  let app: App | undefined;
  let worker: Worker | undefined;
  let sealer: { stop(): Promise<void> } | undefined;
  let scheduler: Worker | undefined;
  try {
    const { db } = database;
    // Migrations and the demo's seeding may run for minutes: longer statement timeouts than requests'.
    const seeded = await database.maintenance((maintenanceDb) =>
      prepareDatabase({
        db: maintenanceDb,
        lockDb: database.db,
        embedded: database.embedded,
        config,
        clock,
        log,
      }),
    );
    const deps = await createNodeDeps({ config, db, clock, log, peerCa });
    if (seeded) {
      const exchanged = await playDemoExchange({ db, config, now: clock.now(), seed: seeded.seed });
      log.info({ ...exchanged }, 'demo exchange played');
      for (const line of demoCredentialLines(seeded)) print(line);
    }
    app = await buildApp(deps, { https });
    const servesWeb = await registerStaticWeb(app, options.webDir ?? DEFAULT_WEB_DIR);
    const address = await app.listen({ port: config.port, host: config.host });
    // The outbox's delivery worker, woken by the exchange after each commit that enqueued a message
    // (unless DELIVERY_WORKER=false: then separate `casebridge worker` processes deliver).
    if (config.deliveryWorker) {
      const delivery = startDeliveryWorker({
        db,
        clock,
        log,
        transportFor: (node) => deps.exchange.transportFor(node),
        policy: config.delivery,
        pollMs: config.delivery.pollMs,
      });
      worker = delivery;
      deps.exchange.setKick(() => delivery.kick());
    }
    // The legal clocks' scheduler (CLOCK_SCHEDULER): catches up at start with what fell due while the
    // node was down (marked late), then fires thresholds and sends outbound notifications every tick.
    if (config.clockScheduler) {
      const clocks = startClockScheduler({
        db,
        clock,
        log,
        tickMs: config.clockTickMs,
        notifications: deps.notifications,
      });
      scheduler = clocks;
      deps.notifications.setKick(() => clocks.kick());
    }

    // The read log is sealed into the audit chain every second, off the request path (decision 0011).
    sealer = startReadsSealer({ db, clock, log });

    const url = address.replace('://[::1]', '://localhost');
    print(`casebridge node ${config.nodeId} listening on ${url}`);
    print(
      servesWeb
        ? `web UI: ${url}/   API docs: ${url}/api/docs`
        : `API docs: ${url}/api/docs (web UI not built: npm run build)`,
    );
    print(
      `database: ${database.embedded ? `embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')}` : 'PostgreSQL from DATABASE_URL'}`,
    );

    const node = runningNode({ url, app, worker, sealer, scheduler, database });
    signals?.attach(node);
    return node;
  } catch (error) {
    await app?.close().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    await sealer?.stop().catch(() => undefined);
    await scheduler?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** Migrations, reference data, and the demo's cases on a first start (what was seeded, or null). */
async function prepareDatabase(input: {
  db: Db;
  /** The serving pool: holds the demo's lock while `db` seeds. */
  lockDb: Db;
  embedded: boolean;
  config: Config;
  clock: Clock;
  log: Logger;
}): Promise<DemoSeedResult | null> {
  const { db, config, log } = input;
  const applied = await migrate(db);
  if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
  await warnAboutServerSettings(db, log);
  // The reference data is written once however many processes start together on one database server: under a
  // lock, the second finds it there (migrations take their own lock in `migrate`). An embedded database belongs
  // to one process: no lock. The demo is seeded once too (`seedDemoOnce`, its lock held on the serving pool).
  if (input.embedded) await seedReference(db);
  else await withAdvisoryLock(db, PREPARE_LOCK, () => seedReference(db));
  const seeded = await seedDemoOnce({
    db,
    lockDb: input.lockDb,
    clock: input.clock,
    nodeId: config.nodeId,
    demo: config.demo,
    embedded: input.embedded,
  });
  if (seeded) {
    log.info(
      {
        cases: seeded.cases,
        organisations: seeded.organisations,
        seconds: Math.round(seeded.seconds * 10) / 10,
      },
      'demo data seeded',
    );
    return seeded;
  }
  return null;
}

/**
 * Stops in order, once however often asked: stop accepting and drain, the worker, the read log's sealer, the
 * clocks' scheduler, the database.
 */
function runningNode(input: {
  url: string;
  app: App;
  worker: Worker | undefined;
  sealer: { stop(): Promise<void> } | undefined;
  scheduler: Worker | undefined;
  database: OpenDatabase;
}): RunningNode {
  let stopping: Promise<void> | undefined;
  return {
    url: input.url,
    app: input.app,
    database: input.database,
    stop: () =>
      (stopping ??= (async () => {
        await input.app.close();
        await input.worker?.stop();
        await input.sealer?.stop();
        await input.scheduler?.stop();
        await input.database.close();
      })()),
  };
}

/**
 * First SIGINT/SIGTERM: stop cleanly, then exit 0 — at once if the node is running, else as soon as it
 * has started. A second one: exit at once (130).
 */
function stopOnSignals(print: (line: string) => void): { attach(node: RunningNode): void } {
  let received = 0;
  let node: RunningNode | undefined;
  const stop = (running: RunningNode) =>
    running.stop().then(
      () => {
        print('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        print(`could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  const onSignal = (signal: NodeJS.Signals) => {
    received += 1;
    if (received > 1) {
      print(`${signal} again: exiting without waiting`);
      process.exit(130);
    }
    print(`${signal}: finishing the requests in flight, then stopping (send it again to force)`);
    if (node) void stop(node);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    attach(running) {
      node = running;
      if (received > 0) void stop(running);
    },
  };
}
