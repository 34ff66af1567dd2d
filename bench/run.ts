/**
 * `npm run bench [-- --round-trips N --concurrency C --workers W --json FILE --stream-mb M]`
 *
 * Full exchange round trips (a case with 3 documents of 200 KB: sent → delivered → registered →
 * answer back at the station) on the embedded PostgreSQL and, when DATABASE_URL is set, on that
 * server; with the machine's own baselines measured in the same run (single-row commits/s on the
 * same database, SHA-256 MB/s, Ed25519 signs/s) and the memory used while a large document streams.
 * Never part of `npm test`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureBaseline, percentiles, type Baseline } from './baseline.js';
import { openBenchNode } from './bench-node.js';
import { deliveryWaiters, prepareCase, roundTrip } from './round-trips.js';
import { startDeliveryWorker } from '../src/server/modules/exchange/delivery-worker.js';
import { createLogger } from '../src/server/platform/logger.js';
import { measureStreaming, type StreamingFigures } from './streaming.js';

const { values } = parseArgs({
  options: {
    'round-trips': { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '16' },
    json: { type: 'string' },
    'stream-mb': { type: 'string', default: '1024' },
    workers: { type: 'string', default: '2' },
  },
});
const N = Number(values['round-trips']);
const C = Number(values.concurrency);
const streamMb = Number(values['stream-mb']);
const W = Number(values.workers);

interface Figures {
  roundTripsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  database: string;
  baseline: Baseline;
  ratios: { roundTripsPerCommit: number };
  streaming: StreamingFigures | null;
}

async function runOn(kind: 'embedded' | 'server'): Promise<Figures> {
  const node = await openBenchNode(kind);
  try {
    process.stdout.write(
      `\n[${kind}] PostgreSQL ${node.version}\n  preparing ${N} cases (3 × 200 KB documents each)…\n`,
    );
    const caseIds: string[] = [];
    for (let i = 0; i < N; i++) caseIds.push(await prepareCase(node.deps, node.actors, node.nationalIds));
    process.stdout.write(`  baseline…\n`);
    const baseline = await measureBaseline(node.deps.db);
    process.stdout.write(`  ${N} round trips, ${C} at a time, ${W} delivery worker(s)…\n`);
    const latencies: number[] = [];
    const queue = [...caseIds];
    const deliveries = deliveryWaiters();
    const workers = Array.from({ length: W }, () =>
      startDeliveryWorker({
        db: node.deps.db,
        clock: node.deps.clock,
        log: createLogger('silent'),
        transportFor: (n) => node.deps.exchange.transportFor(n),
        onDelivered: deliveries.onDelivered,
      }),
    );
    // A commit that enqueued a message wakes one sleeping worker; busy ones claim again when done.
    node.deps.exchange.setKick(() => workers.some((w) => w.kick()));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: C }, async () => {
        for (let id = queue.shift(); id; id = queue.shift())
          latencies.push(await roundTrip(node.deps, node.actors, id, deliveries));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(workers.map((w) => w.stop()));
    const [p50, p95, p99] = percentiles(latencies, [50, 95, 99]) as [number, number, number];
    const streaming = streamMb > 0 ? await measureStreaming(node, streamMb) : null;
    const roundTripsPerSecond = N / seconds;
    return {
      roundTripsPerSecond,
      p50Ms: p50,
      p95Ms: p95,
      p99Ms: p99,
      database: `${kind} PostgreSQL ${node.version}`,
      baseline,
      ratios: { roundTripsPerCommit: roundTripsPerSecond / baseline.commitsPerSecond },
      streaming,
    };
  } finally {
    await node.close();
  }
}

function print(f: Figures) {
  const r = (n: number, d = 1) => n.toFixed(d);
  process.stdout.write(
    [
      `  database:            ${f.database}`,
      `  round trips/s:       ${r(f.roundTripsPerSecond)}  (target ≥ 100)`,
      `  latency p50/p95/p99: ${r(f.p50Ms)} / ${r(f.p95Ms)} / ${r(f.p99Ms)} ms`,
      `  baseline:            ${r(f.baseline.commitsPerSecond, 0)} commits/s · ${r(f.baseline.sha256MBps, 0)} MB/s SHA-256 · ${r(f.baseline.ed25519SignsPerSecond, 0)} Ed25519 signs/s`,
      `  ratio:               ${r(f.ratios.roundTripsPerCommit, 4)} round trips per single-row commit`,
      f.streaming
        ? `  streaming ${f.streaming.megabytes} MB over HTTP: ${r(f.streaming.mbPerSecond)} MB/s, RSS ${r(f.streaming.rssBeforeMb)} → peak ${r(f.streaming.rssPeakMb)} MB (+${r(f.streaming.rssPeakMb - f.streaming.rssBeforeMb)} MB)`
        : '  streaming:           skipped',
      '',
    ].join('\n'),
  );
}

process.stdout.write(
  `casebridge benchmark — ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}\n`,
);
const results: Figures[] = [await runOn('embedded')];
if (process.env.DATABASE_URL) results.push(await runOn('server'));
process.stdout.write('\n');
for (const f of results) print(f);
if (values.json) {
  const [first, ...others] = results;
  await fs.writeFile(path.resolve(values.json), JSON.stringify({ ...first, others }, null, 2));
  process.stdout.write(`figures written to ${values.json}\n`);
}
process.exit(0);
