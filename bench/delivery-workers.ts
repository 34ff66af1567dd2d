import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startDeliveryWorker,
  type DeliveredMessage,
} from '../src/server/modules/exchange/outbound/delivery.worker.js';
import { createLogger } from '../src/server/platform/logger.js';
import type { BenchNode } from './bench-node.js';

/** The delivery workers of a benchmark run, whichever way they run. */
export interface DeliveryWorkers {
  /** The worker processes' ids (none when the workers run in this process). */
  pids: number[];
  stop(): Promise<void>;
}

/**
 * `processes` > 0: that many worker processes (`bench/worker-process.ts`, like `casebridge worker`),
 * woken by the outbox's notifications, on the other core. Otherwise `inProcess` workers inside
 * this process, woken one at a time by the exchange's kick after each commit that enqueued.
 */
export async function startDeliveryWorkers(
  node: BenchNode,
  options: { processes: number; inProcess: number; onDelivered: (m: DeliveredMessage) => void },
): Promise<DeliveryWorkers> {
  if (options.processes > 0) return startWorkerProcesses(node, options.processes, options.onDelivered);
  const workers = Array.from({ length: options.inProcess }, () =>
    startDeliveryWorker({
      db: node.deps.db,
      clock: node.deps.clock,
      log: createLogger('silent'),
      transportFor: (n) => node.deps.exchange.transportFor(n),
      onDelivered: options.onDelivered,
    }),
  );
  node.deps.exchange.setKick(() => workers.some((w) => w.kick()));
  return {
    pids: [],
    stop: async () => {
      node.deps.exchange.setKick(() => undefined);
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}

const WORKER_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker-process.ts');

async function startWorkerProcesses(
  node: BenchNode,
  count: number,
  onDelivered: (m: DeliveredMessage) => void,
): Promise<DeliveryWorkers> {
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const child = fork(WORKER_SCRIPT, {
      // BENCH_CHILD_ARGS passes extra node flags to the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_CHILD_ARGS?.split(' ') ?? [])],
      env: { ...process.env, BENCH_DATABASE_URL: node.url, BENCH_DATA_DIR: node.dataDir },
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (m: { ready?: boolean; delivered?: DeliveredMessage[] }) => {
        if (m.ready) resolve();
        for (const delivered of m.delivered ?? []) onDelivered(delivered);
      });
      child.once('exit', (code) => reject(new Error(`bench worker exited (${code})`)));
    });
    children.push(child);
    await ready;
  }
  return {
    pids: children.flatMap((child) => (child.pid ? [child.pid] : [])),
    stop: async () => {
      await Promise.all(
        children.map(async (child) => {
          const exited = once(child, 'exit');
          child.send({ stop: true });
          await exited;
        }),
      );
    },
  };
}
