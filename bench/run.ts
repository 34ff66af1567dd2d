/**
 * `npm run bench [-- --round-trips N --batches B --warmup K --concurrency C --worker-processes P
 *   --workers W --only embedded|server --json FILE --stream-mb M --profile DIR]`
 * `npm run bench -- --two-nodes [--round-trips N --warmup K --concurrency C --links 0,20,100,100+1%]`:
 *   two nodes as separate processes over HTTPS (bench/two-nodes.ts).
 *
 * Full exchange round trips (a case with 3 documents of 200 KB: sent → delivered → registered →
 * answer back at the station) on the embedded PostgreSQL and, when DATABASE_URL is set, on that
 * server; with the machine's own baselines measured in the same run (single-row commits/s on the
 * same database, SHA-256 MB/s, Ed25519 signs/s) and the memory used while a large document streams.
 * The N round trips are timed in B consecutive batches and the median batch is reported (this kind
 * of shared machine varies a lot from one minute to the next). Never part of `npm test`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureBaseline, percentiles, type Baseline } from './baseline.js';
import { openBenchNode } from './bench-node.js';
import { deliveryWaiters, prepareCase, roundTrip } from './round-trips.js';
import { cpuBetween, sampleCpu, type CpuSample } from './cpu-usage.js';
import { startDeliveryWorkers } from './delivery-workers.js';
import { PROFILING_SETTINGS, startWindowProfile } from './profiling.js';
import { measureStreaming, type StreamingFigures } from './streaming.js';

// Issue 20's benchmarks, each its own program: `--processes` one node process vs two behind the round-robin proxy,
// `--blob-stores [--mb N]` 1 GB streamed into the disk and the S3 store, `--resumable [--mb N --cuts K]` the tus
// upload's overhead (the lead runs them on a quiet machine; the figures go to the README's Benchmark section).
for (const [flag, file] of [
  ['--processes', './processes.js'],
  ['--blob-stores', './blob-stores.js'],
  ['--resumable', './resumable-upload.js'],
] as const) {
  if (process.argv.includes(flag)) {
    await import(file);
    process.exit(0);
  }
}

// `npm run bench -- --reads [--cases N]`: the reads at national scale, a benchmark of its own (bench/reads.ts).
if (process.argv.includes('--reads')) {
  await import('./reads.js');
  process.exit(0);
}

// `npm run bench -- --figures [--cases N --runs R]`: the figures over a million cases (bench/figures.ts).
if (process.argv.includes('--figures')) {
  await import('./figures.js');
  process.exit(0);
}

const { values } = parseArgs({
  options: {
    'round-trips': { type: 'string', default: '200' },
    batches: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    json: { type: 'string' },
    'stream-mb': { type: 'string', default: '1024' },
    workers: { type: 'string', default: '2' },
    'worker-processes': { type: 'string', default: '1' },
    warmup: { type: 'string', default: '300' },
    only: { type: 'string' },
    profile: { type: 'string' },
    'two-nodes': { type: 'boolean', default: false },
    links: { type: 'string', default: '0,20,100,100+1%' },
  },
});
if (values['two-nodes']) {
  const { runTwoNodeBench } = await import('./two-nodes.js');
  const ok = await runTwoNodeBench({
    roundTrips: Number(values['round-trips']),
    warmup: Number(values.warmup),
    concurrency: Number(values.concurrency),
    links: values.links,
  });
  process.exit(ok ? 0 : 1);
}
const N = Number(values['round-trips']);
const B = Math.max(1, Number(values.batches));
const C = Number(values.concurrency);
const streamMb = Number(values['stream-mb']);
const W = Number(values.workers);
const P = Number(values['worker-processes']);
const WARMUP = Number(values.warmup);
if (values.only !== undefined && values.only !== 'embedded' && values.only !== 'server')
  throw new Error(`--only takes embedded or server, not ${values.only}`);

interface Figures {
  /** The median of the batches' rates. */
  roundTripsPerSecond: number;
  /** Each batch's rate, in the order they ran. */
  batchRoundTripsPerSecond: number[];
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  database: string;
  baseline: Baseline;
  ratios: { roundTripsPerCommit: number };
  /** CPU time per round trip: the node's processes, and the database's when it runs on this machine. */
  cpuMsPerRoundTrip: { node: number; database: number | null } | null;
  streaming: StreamingFigures | null;
}

async function runOn(kind: 'embedded' | 'server'): Promise<Figures> {
  const node = await openBenchNode(kind, {
    embeddedSettings: values.profile ? PROFILING_SETTINGS : undefined,
  });
  try {
    process.stdout.write(
      `\n[${kind}] PostgreSQL ${node.version}\n  preparing ${WARMUP} + ${N} cases (3 × 200 KB documents each)…\n`,
    );
    const caseIds: string[] = [];
    for (let i = 0; i < WARMUP + N; i++)
      caseIds.push(await prepareCase(node.deps, node.actors, node.nationalIds));
    process.stdout.write(`  baseline…\n`);
    const baseline = await measureBaseline(node.deps.db);
    process.stdout.write(
      `  ${N} round trips, ${C} at a time, ${P > 0 ? `${P} worker process(es)` : `${W} delivery worker(s) in process`}…\n`,
    );
    const deliveries = deliveryWaiters();
    const workers = await startDeliveryWorkers(node, {
      processes: P,
      inProcess: W,
      onDelivered: deliveries.onDelivered,
    });
    /** Runs the round trips of `ids`, C at a time; returns their latencies. */
    const run = async (ids: string[]) => {
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: C }, async () => {
          for (let id = ids.shift(); id; id = ids.shift())
            latencies.push(await roundTrip(node.deps, node.actors, id, deliveries));
        }),
      );
      return latencies;
    };
    await run(caseIds.splice(0, WARMUP)); // the JIT compiles the hot paths; not counted
    const profile = values.profile
      ? await startWindowProfile(path.resolve(values.profile), node.deps.db)
      : null;
    const cpuBefore = sampleCpu([process.pid, ...workers.pids]);
    const latencies: number[] = [];
    const rates: number[] = [];
    for (let b = 0; b < B; b++) {
      const batch = caseIds.splice(0, Math.ceil(caseIds.length / (B - b)));
      const count = batch.length; // run() empties the list it is given
      const started = performance.now();
      latencies.push(...(await run(batch)));
      rates.push(count / ((performance.now() - started) / 1000));
    }
    const cpuAfter = sampleCpu([process.pid, ...workers.pids]);
    await profile?.stop();
    await workers.stop();
    const [p50, p95, p99] = percentiles(latencies, [50, 95, 99]) as [number, number, number];
    const streaming = streamMb > 0 ? await measureStreaming(node, streamMb) : null;
    const [roundTripsPerSecond = Number.NaN] = percentiles(rates, [50]);
    return {
      roundTripsPerSecond,
      batchRoundTripsPerSecond: rates,
      p50Ms: p50,
      p95Ms: p95,
      p99Ms: p99,
      database: `${kind} PostgreSQL ${node.version}`,
      baseline,
      ratios: { roundTripsPerCommit: roundTripsPerSecond / baseline.commitsPerSecond },
      cpuMsPerRoundTrip: cpuPerRoundTrip(cpuBefore, cpuAfter, isLocal(node.url)),
      streaming,
    };
  } finally {
    await node.close();
  }
}

function cpuPerRoundTrip(before: CpuSample | null, after: CpuSample | null, databaseIsLocal: boolean) {
  if (!before || !after) return null;
  const used = cpuBetween(before, after);
  return { node: used.nodeMs / N, database: databaseIsLocal ? used.databaseMs / N : null };
}

/** Whether the database runs on this machine (its CPU is then counted). */
function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '';
}

function print(f: Figures) {
  const r = (n: number, d = 1) => n.toFixed(d);
  process.stdout.write(
    [
      `  database:            ${f.database}`,
      `  round trips/s:       ${r(f.roundTripsPerSecond)}  (target ≥ 100; median of ${f.batchRoundTripsPerSecond.length} batches: ${f.batchRoundTripsPerSecond.map((x) => r(x)).join(' · ')})`,
      `  latency p50/p95/p99: ${r(f.p50Ms)} / ${r(f.p95Ms)} / ${r(f.p99Ms)} ms`,
      `  baseline:            ${r(f.baseline.commitsPerSecond, 0)} commits/s · ${r(f.baseline.sha256MBps, 0)} MB/s SHA-256 · ${r(f.baseline.ed25519SignsPerSecond, 0)} Ed25519 signs/s`,
      `  ratio:               ${r(f.ratios.roundTripsPerCommit, 4)} round trips per single-row commit`,
      f.cpuMsPerRoundTrip
        ? `  CPU per round trip:  node ${r(f.cpuMsPerRoundTrip.node)} ms · database ${f.cpuMsPerRoundTrip.database === null ? 'not on this machine' : `${r(f.cpuMsPerRoundTrip.database)} ms`} (${os.cpus().length} cores: at most ${r((os.cpus().length * 1000) / (f.cpuMsPerRoundTrip.node + (f.cpuMsPerRoundTrip.database ?? 0)), 0)} round trips/s)`
        : '  CPU per round trip:  not measured (no /proc)',
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
const results: Figures[] = [];
if (values.only !== 'server') results.push(await runOn('embedded'));
if (values.only !== 'embedded' && process.env.DATABASE_URL) results.push(await runOn('server'));
process.stdout.write('\n');
for (const f of results) print(f);
if (values.json) {
  const [first, ...others] = results;
  await fs.writeFile(path.resolve(values.json), JSON.stringify({ ...first, others }, null, 2));
  process.stdout.write(`figures written to ${values.json}\n`);
}
process.exit(0);
