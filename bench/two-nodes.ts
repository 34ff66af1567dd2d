/**
 * `npm run bench -- --two-nodes [--round-trips N --warmup K --concurrency C --links 0,20,100,100+1%]`
 *
 * The exchange as it will run: a police node and a judiciary node as separate processes, each on its own
 * database (an embedded PostgreSQL each, or two new databases of DATABASE_URL), over HTTPS with a throwaway
 * CA, through a proxy that plays the link (test/two-nodes/). Full round trips through the API — file with
 * 3 × 200 KB documents → receipt → registration → order → acknowledgement — timed under each link condition,
 * side by side, with CPU per round trip per process and the machine's baselines from the same run.
 */
import os from 'node:os';
import type { LinkCondition } from '../test/two-nodes/link-proxy.js';
import { exactlyOnce, runTwoNodes, type LinkFigures } from '../test/two-nodes/two-node-run.js';
import { measureBaseline, percentiles, type Baseline } from './baseline.js';
import { scratchDatabases } from './scratch-databases.js';

/** `20` → 20 ms RTT; `100+1%` → 100 ms RTT and 1 % of segments lost. */
export function parseLink(spec: string): LinkCondition {
  const match = /^(\d+)(?:\+(\d+(?:\.\d+)?)%)?$/.exec(spec.trim());
  if (!match) throw new Error(`--links takes e.g. 0,20,100,100+1% (RTT in ms, + loss in %), not ${spec}`);
  const rttMs = Number(match[1]);
  const loss = match[2] ? Number(match[2]) / 100 : 0;
  return { name: `${rttMs} ms RTT${loss ? `, ${match[2]} % loss` : ''}`, rttMs, loss };
}

export async function runTwoNodeBench(options: {
  roundTrips: number;
  warmup: number;
  concurrency: number;
  links: string;
}): Promise<boolean> {
  const links = options.links.split(',').map(parseLink);
  const serverUrl = process.env.DATABASE_URL;
  const databases = serverUrl ? await scratchDatabases(2, serverUrl) : null;
  let baseline: Baseline | undefined;
  try {
    process.stdout.write(
      `casebridge two-node benchmark — ${os.cpus().length} cores, Node ${process.version}; ${databases ? 'two databases of DATABASE_URL' : 'an embedded PostgreSQL per node'}\n`,
    );
    const result = await runTwoNodes({
      ...options,
      links,
      databaseUrls: databases ? [databases.urls[0]!, databases.urls[1]!] : null,
      log: (line) => process.stdout.write(`  ${line}\n`),
      whileRunning: async ({ police }) => {
        process.stdout.write('  baseline…\n');
        baseline = await measureBaseline(police);
      },
    });
    const once = exactlyOnce(result);
    process.stdout.write(`\n${table(result.links)}\n`);
    if (baseline)
      process.stdout.write(
        `baseline (same run, the police node's database): ${baseline.commitsPerSecond.toFixed(0)} commits/s · ${baseline.sha256MBps.toFixed(0)} MB/s SHA-256 · ${baseline.ed25519SignsPerSecond.toFixed(0)} Ed25519 signs/s\n`,
      );
    process.stdout.write(
      once.ok
        ? `every message arrived exactly once (${result.expectedEach} round trips)\n`
        : `MESSAGES WRONG: ${once.problems.join('; ')}\n`,
    );
    return once.ok;
  } finally {
    await databases?.drop();
  }
}

function table(links: LinkFigures[]): string {
  const r = (n: number | null, d = 1) => (n === null ? '—' : n.toFixed(d));
  const rows = links.map((f) => {
    const [p50, p95, p99] = percentiles(f.latenciesMs, [50, 95, 99]) as [number, number, number];
    const cpu = f.cpuMsPerRoundTrip;
    return [
      f.link.name,
      r(f.perSecond),
      `${r(p50, 0)} / ${r(p95, 0)} / ${r(p99, 0)}`,
      cpu ? `${r(cpu.police)} · ${r(cpu.judiciary)}` : '—',
      cpu ? `${r(cpu.policeDatabase)} · ${r(cpu.judiciaryDatabase)}` : '—',
    ];
  });
  const head = [
    'link',
    'round trips/s',
    'p50 / p95 / p99 ms',
    'CPU ms/rt: police · judiciary node',
    'their PostgreSQL',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
