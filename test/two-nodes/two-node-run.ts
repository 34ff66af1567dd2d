import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/server/db/client.js';
import { openDatabase, type OpenDatabase } from '../../src/server/db/database.js';
import { makeNationalId } from '../factories.js';
import { findFreePort } from '../free-port.js';
import { introduceNodes, outputOf, prepareNode, type NodeSite } from '../node-setup.js';
import { makeTestPki } from '../pki.js';
import { httpsClient, type HttpsClient } from './https-client.js';
import { startLinkProxy, type LinkCondition } from './link-proxy.js';
import { arrivals, type Arrivals } from './arrivals.js';

/**
 * Two nodes as they will run: a police node and a judiciary node as separate `casebridge serve` processes,
 * each on its own database, serving HTTPS with certificates of a throwaway CA, trusting each other, and
 * reaching each other through a proxy that plays the link (latency, loss). The users act through the API
 * over HTTPS as a browser would. One round trip: the station's chief approves a file of 3 × 200 KB documents
 * (case.submitted) → the office has it (receipt) → the clerk registers it (intake.registered) → the judge
 * issues an order (order.issued) → the station has it → its officer acknowledges it (order.acknowledged) →
 * the office has the acknowledgement.
 */

const BIN = fileURLToPath(new URL('../../bin/casebridge.js', import.meta.url));
const DOC_BYTES = 200 * 1024;
const PDF_HEAD = Buffer.from('%PDF-1.7\n');

export interface TwoNodeOptions {
  /** Round trips timed under each link condition (after `warmup` untimed ones under the first). */
  roundTrips: number;
  warmup: number;
  /** Round trips in flight at once. */
  concurrency: number;
  links: LinkCondition[];
  /** A database per node, or null: each node runs an embedded PostgreSQL in its data folder. */
  databaseUrls: [string, string] | null;
  log?: (line: string) => void;
  /** Called once both nodes run, with a connection to each one's database (e.g. for the machine's baseline). */
  whileRunning?: (dbs: { police: Db; judiciary: Db }) => Promise<void>;
}

export interface LinkFigures {
  link: LinkCondition;
  roundTrips: number;
  perSecond: number;
  latenciesMs: number[];
  /** CPU time per round trip (ms) of each node's process, and of its embedded PostgreSQL (null on a shared server). */
  cpuMsPerRoundTrip: {
    police: number;
    judiciary: number;
    policeDatabase: number | null;
    judiciaryDatabase: number | null;
  } | null;
}

export interface TwoNodeResult {
  links: LinkFigures[];
  /** How many of each message type each node received, and from how many distinct cases. */
  received: {
    police: Record<string, { count: number; cases: number }>;
    judiciary: Record<string, { count: number; cases: number }>;
  };
  /** Round trips started (warm-up included): each message type must have arrived exactly this many times. */
  expectedEach: number;
}

interface RunningNode {
  site: NodeSite;
  child: ChildProcess;
  database: OpenDatabase;
}

function nodeEnv(site: NodeSite, pki: { certFile: string; keyFile: string; caFile: string }, port: number) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ID: site.nodeId,
    DATA_DIR: site.dataDir,
    ...(site.databaseUrl ? { DATABASE_URL: site.databaseUrl } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO: 'false',
    LOG_LEVEL: 'silent',
    TOTP_REQUIRED_ROLES: '',
    TLS_CERT_FILE: pki.certFile,
    TLS_KEY_FILE: pki.keyFile,
    TLS_CA_FILE: pki.caFile,
  };
}

async function startNode(site: NodeSite, env: Record<string, string>): Promise<RunningNode> {
  // TWO_NODES_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=DIR`: to see where a node's time goes.
  const nodeArgs = process.env.TWO_NODES_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await outputOf(child, 'listening on', `node ${site.nodeId}`);
  child.stdout!.resume();
  child.stderr!.resume();
  // Beside the node's own connections: the run's, to see messages arrive and count them at the end.
  const database = await openDatabase({
    databaseUrl: site.databaseUrl,
    dataDir: site.dataDir,
    poolSize: 2,
    client: { batching: false },
  });
  return { site, child, database };
}

async function stopNode(node: RunningNode): Promise<void> {
  await node.database.close();
  if (node.child.exitCode !== null) return;
  const exited = once(node.child, 'exit');
  node.child.kill('SIGTERM');
  const timer = setTimeout(() => node.child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** The CPU time (ms) a process and, with `children`, its child processes have used so far. */
function cpuMs(pid: number, children = false): number {
  const read = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * 10 };
    } catch {
      return null;
    }
  };
  let total = read(pid)?.ms ?? 0;
  if (children)
    for (const name of readdirSafe('/proc'))
      if (/^\d+$/.test(name)) {
        const usage = read(Number(name));
        if (usage?.ppid === pid) total += usage.ms;
      }
  return total;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The embedded PostgreSQL's postmaster of a node's data folder, or null (a server of DATABASE_URL). */
function postmasterOf(site: NodeSite): number | null {
  if (site.databaseUrl) return null;
  try {
    return Number(readFileSync(path.join(site.dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

/** A complaint with two parties and three 200 KB documents, prepared for the chief's approval; its id. */
async function prepareCase(officer: HttpsClient): Promise<string> {
  const opened = await officer.expect('POST', '/api/cases', {
    json: {
      origin: 'complaint',
      crimeCategoryCode: 'theft',
      narrative: 'سرقت گوشی همراه در ایستگاه مترو؛ متهم در محل دستگیر شد.',
    },
  });
  const id = String(opened.id);
  for (const [role, firstName, lastName] of [
    ['complainant', 'مریم', 'احمدی'],
    ['accused', 'علی', 'رضایی'],
  ] as const)
    await officer.expect('POST', `/api/cases/${id}/parties`, {
      json: { role, firstName, lastName, nationalId: makeNationalId() },
    });
  for (const kind of ['complaint', 'evidence', 'report']) {
    const bytes = Buffer.concat([PDF_HEAD, randomBytes(DOC_BYTES - PDF_HEAD.length)]);
    await officer.expect('POST', `/api/cases/${id}/documents`, {
      upload: { kind, fileName: `${kind}.pdf`, bytes },
    });
  }
  await officer.expect('POST', `/api/cases/${id}/submission/prepare`);
  return id;
}

interface Users {
  officer: HttpsClient;
  chief: HttpsClient;
  clerk: HttpsClient;
  judge: HttpsClient;
}

/** One round trip of the case `caseId`, from the chief's approval to the acknowledgement at the office. */
async function roundTrip(
  users: Users,
  waits: { police: Arrivals; judiciary: Arrivals },
  caseId: string,
  n: number,
) {
  await users.chief.expect('POST', `/api/cases/${caseId}/submission/approve`);
  const intakeId = await waits.judiciary.intakeOf(caseId);
  await users.clerk.expect('POST', `/api/intake/${intakeId}/register`, {
    json: {
      fileNumber: `B-${n}-${caseId.slice(0, 8)}`,
      branch: 'شعبه ۱ دادیاری',
      assignedJudge: 'دادیار احمدی',
    },
  });
  const order = await users.judge.expect('POST', `/api/intake/${intakeId}/orders`, {
    json: {
      kind: 'investigation',
      text: 'تحقیق از شهود و گزارش ظرف مهلت',
      deadlineAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
    },
  });
  const orderId = String(order.orderId);
  await waits.police.orderAt(orderId);
  await users.officer.expect('POST', `/api/orders/${orderId}/acknowledge`);
  await waits.judiciary.acknowledgementOf(orderId);
}

/** What each node received, by message type: how many, and from how many distinct cases. */
async function receivedBy(db: Db) {
  const rows = await db
    .selectFrom('messages')
    .select((eb) => [
      'type',
      eb.fn.countAll<string>().as('count'),
      eb.fn.count<string>('case_ref').distinct().as('cases'),
    ])
    .where('direction', '=', 'in')
    .groupBy('type')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.type, { count: Number(r.count), cases: Number(r.cases) }]));
}

/** Runs the two-node round trips under each link condition; see `TwoNodeResult`. */
export async function runTwoNodes(options: TwoNodeOptions): Promise<TwoNodeResult> {
  const log = options.log ?? (() => undefined);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-two-nodes-'));
  await fs.chmod(tmp, 0o755);
  const running: RunningNode[] = [];
  const proxies: Awaited<ReturnType<typeof startLinkProxy>>[] = [];
  const clients: HttpsClient[] = [];
  try {
    const pki = await makeTestPki(tmp);
    const ca = await fs.readFile(pki.caFile);
    const site = async (nodeId: string, databaseUrl: string | undefined) => {
      const port = await findFreePort();
      const proxy = await startLinkProxy(port);
      proxies.push(proxy);
      return {
        port,
        proxy,
        site: { nodeId, dataDir: path.join(tmp, nodeId), databaseUrl, url: `https://127.0.0.1:${port}` },
      };
    };
    const police = await site('police-bench', options.databaseUrls?.[0]);
    const judiciary = await site('judiciary-bench', options.databaseUrls?.[1]);
    const policeTrust = await prepareNode(police.site, { code: 'KL-BENCH', kind: 'station' }, [
      { username: 'officer', role: 'station.officer' },
      { username: 'chief', role: 'station.chief' },
    ]);
    const judiciaryTrust = await prepareNode(
      judiciary.site,
      { code: 'DA-BENCH', kind: 'prosecutor_office' },
      [
        { username: 'clerk', role: 'prosecutor.clerk' },
        { username: 'judge', role: 'prosecutor.judge' },
      ],
    );
    // Each reaches the other through the proxy that plays the link.
    await introduceNodes(
      { site: police.site, trust: { ...policeTrust, baseUrl: `https://127.0.0.1:${police.proxy.port}` } },
      {
        site: judiciary.site,
        trust: { ...judiciaryTrust, baseUrl: `https://127.0.0.1:${judiciary.proxy.port}` },
        officeCode: 'DA-BENCH',
      },
    );
    const [policeNode, judiciaryNode] = await Promise.all([
      startNode(police.site, nodeEnv(police.site, pki, police.port)),
      startNode(judiciary.site, nodeEnv(judiciary.site, pki, judiciary.port)),
    ]);
    running.push(policeNode, judiciaryNode);
    log(`two nodes up: ${police.site.url} and ${judiciary.site.url}, over HTTPS`);
    await options.whileRunning?.({ police: policeNode.database.db, judiciary: judiciaryNode.database.db });

    const client = (node: { site: NodeSite }, username: string) => {
      const c = httpsClient(node.site.url, ca, username);
      clients.push(c);
      return c;
    };
    const users: Users = {
      officer: client(police, 'officer'),
      chief: client(police, 'chief'),
      clerk: client(judiciary, 'clerk'),
      judge: client(judiciary, 'judge'),
    };
    for (const user of Object.values(users)) await user.signIn();
    const waits = {
      police: arrivals(policeNode.database.db),
      judiciary: arrivals(judiciaryNode.database.db),
    };

    const total = options.warmup + options.roundTrips * options.links.length;
    log(`preparing ${total} cases (3 × 200 KB documents each) through the API…`);
    const caseIds: string[] = [];
    let started = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (started < total) {
          started += 1;
          caseIds.push(await prepareCase(users.officer));
        }
      }),
    );

    let n = 0;
    const run = async (ids: string[]) => {
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          for (let id = ids.shift(); id; id = ids.shift()) {
            const started = performance.now();
            await roundTrip(users, waits, id, (n += 1));
            latencies.push(performance.now() - started);
          }
        }),
      );
      return latencies;
    };
    const links: LinkFigures[] = [];
    for (const [i, link] of options.links.entries()) {
      for (const proxy of proxies) proxy.setCondition(link);
      if (i === 0 && options.warmup > 0) {
        log(`warm-up: ${options.warmup} round trips`);
        await run(caseIds.splice(0, options.warmup));
      }
      log(`${link.name}: ${options.roundTrips} round trips, ${options.concurrency} at a time…`);
      const pms = [postmasterOf(police.site), postmasterOf(judiciary.site)] as const;
      const sample = () => ({
        police: cpuMs(policeNode.child.pid!),
        judiciary: cpuMs(judiciaryNode.child.pid!),
        policeDatabase: pms[0] === null ? null : cpuMs(pms[0], true),
        judiciaryDatabase: pms[1] === null ? null : cpuMs(pms[1], true),
      });
      const before = sample();
      const started = performance.now();
      const latencies = await run(caseIds.splice(0, options.roundTrips));
      const seconds = (performance.now() - started) / 1000;
      const after = sample();
      const per = (a: number | null, b: number | null) =>
        a === null || b === null ? null : (b - a) / options.roundTrips;
      links.push({
        link,
        roundTrips: options.roundTrips,
        perSecond: options.roundTrips / seconds,
        latenciesMs: latencies,
        cpuMsPerRoundTrip: fsHasProc()
          ? {
              police: per(before.police, after.police)!,
              judiciary: per(before.judiciary, after.judiciary)!,
              policeDatabase: per(before.policeDatabase, after.policeDatabase),
              judiciaryDatabase: per(before.judiciaryDatabase, after.judiciaryDatabase),
            }
          : null,
      });
    }
    await Promise.all([waits.police.stop(), waits.judiciary.stop()]);
    return {
      links,
      received: {
        police: await receivedBy(policeNode.database.db),
        judiciary: await receivedBy(judiciaryNode.database.db),
      },
      expectedEach: total,
    };
  } finally {
    for (const c of clients) c.close();
    await Promise.all(running.map(stopNode));
    await Promise.all(proxies.map((p) => p.close()));
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

function fsHasProc(): boolean {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
}

/** Whether every message of the round trips arrived exactly once on its side. */
export function exactlyOnce(result: TwoNodeResult): { ok: boolean; problems: string[] } {
  const expected = {
    judiciary: ['case.submitted', 'order.acknowledged'],
    police: ['intake.registered', 'order.issued'],
  } as const;
  const problems: string[] = [];
  for (const side of ['police', 'judiciary'] as const)
    for (const type of expected[side]) {
      const got = result.received[side][type] ?? { count: 0, cases: 0 };
      if (got.count !== result.expectedEach || got.cases !== result.expectedEach)
        problems.push(
          `${side} received ${type} ${got.count} times for ${got.cases} cases, not ${result.expectedEach}`,
        );
    }
  return { ok: problems.length === 0, problems };
}
