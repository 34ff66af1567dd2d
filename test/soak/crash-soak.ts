import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyAuditChain } from '../../src/server/modules/audit/audit.repository.js';
import { exportEvidenceBundle } from '../../src/server/modules/evidence/bundle/bundle-export.usecase.js';
import { verifyEvidenceBundle } from '../../src/server/modules/evidence/bundle/bundle-verify.usecase.js';
import { findFreePort } from '../free-port.js';
import { loadOrCreateNodeKeys } from '../../src/server/modules/exchange/trust/node-keys.usecase.js';
import { introduceNodes, outputOf, prepareNode, withNodeDb } from '../node-setup.js';
import { mulberry32 } from '../../src/server/demo/random.js';
import { createFsBlobStore } from '../../src/server/platform/blob-store/fs-blob-store.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { makeNationalId, TEST_PASSWORD } from '../factories.js';

/**
 * The crash soak: two nodes as real child processes (`casebridge serve`), each with its own data folder and
 * database, a police node whose station sends cases to the prosecutor's office on the judiciary node over
 * HTTP, under a steady load of cases, while the sender and the receiver are SIGKILLed at random moments and
 * restarted. Afterwards: every case sent arrived exactly once, both outboxes drained, both audit chains
 * verify, and the evidence bundles of sent cases verify on both sides.
 */

const WARM_NODE = fileURLToPath(new URL('./warm-node.ts', import.meta.url));

export interface SoakOptions {
  /** How many SIGKILLs (of the sender, the receiver or both at once) to deal at least. */
  kills: number;
  /** Seed of the random moments and victims (printed, so that a run can be repeated). */
  seed: number;
  /** Two PostgreSQL databases (one per node), or null: each node runs an embedded PostgreSQL in its folder. */
  databaseUrls: [string, string] | null;
  /** Processes of each node kept loaded ahead of restarts (more: fewer waits between kills, more memory). */
  spares?: number;
  /** How long a node lives at most between kills (ms); it is killed at a random moment before. */
  maxLifeMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface SoakResult {
  seed: number;
  kills: { sender: number; receiver: number };
  /** Cases whose approval the station's chief got an answer to. */
  approved: number;
  /** Cases the police node sent (`case.submitted` out), and those the judiciary node received. */
  sent: number;
  received: number;
  /** Cases received more than once, or sent and never received. */
  duplicates: string[];
  missing: string[];
  /** From the last restart to both outboxes empty. */
  drainMs: number;
  outboxLeft: { sender: number; receiver: number };
  audit: { sender: string; receiver: string };
  evidence: { checked: number; failures: string[] };
  /** Unexpected answers of a live node (a 5xx, say) seen under load. */
  problems: string[];
  totalMs: number;
}

interface SoakNode {
  nodeId: string;
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  url: string;
  child: ChildProcess | null;
  /** The next processes of this node, loading or loaded (see warm-node.ts), oldest first. */
  spares: { process: Promise<ChildProcess>; ready: boolean }[];
  /** How many spares to keep. */
  pool: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function nodeEnv(node: SoakNode): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ID: node.nodeId,
    DATA_DIR: node.dataDir,
    ...(node.databaseUrl ? { DATABASE_URL: node.databaseUrl } : {}),
    PORT: String(node.port),
    HOST: '127.0.0.1',
    DEMO: 'false',
    LOG_LEVEL: 'silent',
    // The soak's administrators read the outboxes through the API with a password alone.
    TOTP_REQUIRED_ROLES: '',
    DATABASE_POOL_SIZE: '4',
    DELIVERY_BASE_DELAY_MS: '100',
    DELIVERY_MAX_DELAY_MS: '1000',
    DELIVERY_LEASE_MS: '3000',
    DELIVERY_POLL_MS: '200',
  };
}

/** A new process of the node that loads the node's code and waits (see warm-node.ts). */
async function spawnSpare(node: SoakNode): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WARM_NODE], {
    env: nodeEnv(node),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  await outputOf(child, 'warm', `spare of ${node.nodeId}`);
  child.stdout!.resume();
  return child;
}

/** Tops the node's spares up to its pool size. */
function topUpSpares(node: SoakNode): void {
  while (node.spares.length < node.pool) {
    const spare = { process: spawnSpare(node), ready: false };
    spare.process.then(
      () => (spare.ready = true),
      () => undefined,
    );
    node.spares.push(spare);
  }
}

/** Starts the node (its oldest spare process) and waits until it listens. */
async function start(node: SoakNode): Promise<void> {
  topUpSpares(node);
  const child = await node.spares.shift()!.process;
  topUpSpares(node);
  node.child = child;
  const listening = outputOf(child, 'listening on', `node ${node.nodeId}`);
  child.stdin!.write('go\n');
  await listening;
}

async function kill(node: SoakNode): Promise<void> {
  const child = node.child;
  if (!child || child.exitCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
  node.child = null;
}

async function stop(node: SoakNode): Promise<void> {
  const child = node.child;
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  const exited = once(child, 'exit');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
  node.child = null;
}

/** A client of one node's API as one user; throws `Unreachable` while the node is down. */
class Unreachable extends Error {}

function client(node: SoakNode, username: string) {
  let cookie = '';
  const send = async (method: string, route: string, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${node.url}${route}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new Unreachable(String(error));
    }
    const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    return { status: res.status, json };
  };
  return {
    async signIn() {
      const res = await fetch(`${node.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: TEST_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
      cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    },
    send,
  };
}

/** Runs the soak; see `SoakResult` for what it measures. */
export async function runCrashSoak(options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const rand = mulberry32(options.seed);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-soak-'));
  const makeNode = async (nodeId: string, databaseUrl: string | undefined): Promise<SoakNode> => {
    const port = await findFreePort();
    return {
      nodeId,
      dataDir: path.join(tmp, nodeId),
      databaseUrl,
      port,
      url: `http://127.0.0.1:${port}`,
      child: null,
      spares: [],
      pool: options.spares ?? 2,
    };
  };
  const sender = await makeNode('police-soak', options.databaseUrls?.[0]);
  const receiver = await makeNode('judiciary-soak', options.databaseUrls?.[1]);
  const problems: string[] = [];
  try {
    const senderTrust = await prepareNode(sender, { code: 'KL-SOAK', kind: 'station' }, [
      { username: 'officer', role: 'station.officer' },
      { username: 'chief', role: 'station.chief' },
      { username: 'admin', role: 'admin' },
    ]);
    const receiverTrust = await prepareNode(receiver, { code: 'DA-SOAK', kind: 'prosecutor_office' }, [
      { username: 'admin', role: 'admin' },
    ]);
    await introduceNodes(
      { site: sender, trust: senderTrust },
      { site: receiver, trust: receiverTrust, officeCode: 'DA-SOAK' },
    );
    topUpSpares(sender);
    topUpSpares(receiver);
    await Promise.all([...sender.spares, ...receiver.spares].map((s) => s.process));
    log(`soak: set up, ${sender.pool} spare processes per node loaded, in ${Date.now() - started} ms`);
    await Promise.all([start(sender), start(receiver)]);
    log(`soak: seed ${options.seed}; nodes up at ${sender.url} and ${receiver.url}`);

    const officer = client(sender, 'officer');
    const chief = client(sender, 'chief');
    await officer.signIn();
    await chief.signIn();

    // The load: cases opened and sent one after another, each step retried while the sender is down.
    const approved = new Set<string>();
    let loading = true;
    const step = async (
      who: ReturnType<typeof client>,
      method: string,
      route: string,
      ok: number[],
      body?: unknown,
    ): Promise<Record<string, unknown> | null> => {
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await who.send(method, route, body);
          // A retried step may have been done before the kill (409: already prepared or approved).
          if (ok.includes(res.status) || (attempt > 0 && res.status === 409)) return res.json ?? {};
          if (res.status >= 500)
            problems.push(`${method} ${route}: ${res.status} ${JSON.stringify(res.json)}`);
          return null;
        } catch (error) {
          if (!(error instanceof Unreachable)) throw error;
          if (!loading) return null;
          await sleep(200);
        }
      }
    };
    const load = (async () => {
      while (loading) {
        const opened = await step(officer, 'POST', '/api/cases', [201], {
          origin: 'officer_report',
          crimeCategoryCode: 'theft',
          narrative: 'سرقت از خودرو',
        });
        if (!opened) continue;
        const caseId = String(opened.id);
        const party = await step(officer, 'POST', `/api/cases/${caseId}/parties`, [201], {
          role: 'accused',
          firstName: 'حسین',
          lastName: 'کریمی',
          nationalId: makeNationalId(),
        });
        if (!party) continue;
        if (!(await step(officer, 'POST', `/api/cases/${caseId}/submission/prepare`, [200]))) continue;
        if (await step(chief, 'POST', `/api/cases/${caseId}/submission/approve`, [200])) approved.add(caseId);
      }
    })();

    // The kills: a random victim (sender, receiver, or both) at a random moment, restarted at once.
    const kills = { sender: 0, receiver: 0 };
    const maxLife = options.maxLifeMs ?? 3_000;
    for (let k = 0; kills.sender + kills.receiver < options.kills; k++) {
      // A victim's next process must be loaded first, so that a restart costs the node's start and no more:
      // the victim is drawn among the nodes whose spare is ready (both at once, now and then, when both are).
      await Promise.race([sender.spares[0]!.process, receiver.spares[0]!.process]);
      const ready = [sender, receiver].filter((n) => n.spares[0]?.ready);
      const dice = rand();
      const victims = ready.length === 2 && dice < 0.1 ? ready : [ready[Math.floor(rand() * ready.length)]!];
      await sleep(200 + rand() * maxLife);
      await Promise.all(victims.map(kill));
      for (const v of victims) kills[v === sender ? 'sender' : 'receiver']++;
      await sleep(rand() * 500);
      const restarting = Date.now();
      await Promise.all(victims.map(start));
      log(
        `soak: kill ${k + 1}: ${victims.map((v) => v.nodeId).join(' and ')}, back in ${Date.now() - restarting} ms; ${approved.size} cases approved`,
      );
    }
    loading = false;
    await load;

    // Drain: both outboxes empty.
    const drainStarted = Date.now();
    const admins = [client(sender, 'admin'), client(receiver, 'admin')] as const;
    for (const admin of admins) await admin.signIn();
    const outboxLeft = { sender: -1, receiver: -1 };
    for (;;) {
      const [a, b] = await Promise.all(admins.map((admin) => admin.send('GET', '/api/exchange/outbox')));
      outboxLeft.sender = (a?.json?.items as unknown[] | undefined)?.length ?? -1;
      outboxLeft.receiver = (b?.json?.items as unknown[] | undefined)?.length ?? -1;
      if (outboxLeft.sender === 0 && outboxLeft.receiver === 0) break;
      if (Date.now() - drainStarted > 180_000) break;
      await sleep(250);
    }
    const drainMs = Date.now() - drainStarted;
    log(
      `soak: outboxes ${outboxLeft.sender === 0 && outboxLeft.receiver === 0 ? 'drained' : 'NOT drained'} in ${drainMs} ms`,
    );
    await Promise.all([stop(sender), stop(receiver)]);

    // What was sent and what arrived.
    const sentRefs = await withNodeDb(sender, async (db) =>
      (
        await db
          .selectFrom('messages')
          .select('case_ref')
          .where('direction', '=', 'out')
          .where('type', '=', 'case.submitted')
          .execute()
      ).map((m) => m.case_ref),
    );
    const receivedRefs = await withNodeDb(receiver, async (db) => {
      const messages = await db
        .selectFrom('messages')
        .select('case_ref')
        .where('direction', '=', 'in')
        .where('type', '=', 'case.submitted')
        .execute();
      const files = await db.selectFrom('intake_files').select('case_ref').execute();
      return [...messages.map((m) => m.case_ref), ...files.map((f) => `intake:${f.case_ref}`)];
    });
    const received = receivedRefs.reduce((m, r) => m.set(r, (m.get(r) ?? 0) + 1), new Map<string, number>());
    const duplicates = [...received].filter(([, n]) => n > 1).map(([r]) => r);
    const missing = sentRefs.filter((r) => received.get(r) !== 1 || received.get(`intake:${r}`) !== 1);
    for (const id of approved) if (!sentRefs.includes(id)) missing.push(`approved but never sent: ${id}`);

    // The chains and the evidence.
    const audit = { sender: '', receiver: '' };
    const evidence = { checked: 0, failures: [] as string[] };
    const samples = sentRefs
      .filter((_, i) => i % Math.max(1, Math.floor(sentRefs.length / 3)) === 0)
      .slice(0, 3);
    for (const [name, node] of [
      ['sender', sender],
      ['receiver', receiver],
    ] as const) {
      await withNodeDb(node, async (db) => {
        const verified = await verifyAuditChain(db);
        audit[name] = verified.ok
          ? `ok (${verified.entries} entries)`
          : `BROKEN: ${JSON.stringify(verified)}`;
        const keys = await loadOrCreateNodeKeys({ dataDir: node.dataDir, nodeId: node.nodeId });
        const blobs = createFsBlobStore(path.join(node.dataDir, 'blobs'));
        for (const caseRef of samples) {
          const outFile = path.join(tmp, `${name}-${caseRef}.zip`);
          await exportEvidenceBundle({
            db,
            blobs,
            caseRef,
            signer: keys.signer,
            clock: systemClock,
            outFile,
          });
          const report = await verifyEvidenceBundle(outFile);
          evidence.checked++;
          if (!report.ok) evidence.failures.push(`${name} ${caseRef}: ${JSON.stringify(report.failures)}`);
        }
      });
    }
    return {
      seed: options.seed,
      kills,
      approved: approved.size,
      sent: sentRefs.length,
      received: [...received.keys()].filter((r) => !r.startsWith('intake:')).length,
      duplicates,
      missing,
      drainMs,
      outboxLeft,
      audit,
      evidence,
      problems,
      totalMs: Date.now() - started,
    };
  } finally {
    await Promise.all([kill(sender), kill(receiver)]);
    for (const node of [sender, receiver])
      for (const spare of node.spares.splice(0)) (await spare.process.catch(() => null))?.kill('SIGKILL');
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** Did everything hold: each case sent arrived once, nothing stuck, chains and evidence verify, no 5xx? */
export function soakHeld(r: SoakResult): boolean {
  return (
    r.sent > 0 &&
    r.received === r.sent &&
    r.duplicates.length === 0 &&
    r.missing.length === 0 &&
    r.outboxLeft.sender === 0 &&
    r.outboxLeft.receiver === 0 &&
    r.audit.sender.startsWith('ok') &&
    r.audit.receiver.startsWith('ok') &&
    r.evidence.checked > 0 &&
    r.evidence.failures.length === 0 &&
    r.problems.length === 0
  );
}

/** The result as the lines the README quotes. */
export function formatSoak(r: SoakResult): string {
  return [
    `soak: seed ${r.seed}; ${r.kills.sender + r.kills.receiver} SIGKILLs (sender ${r.kills.sender}, receiver ${r.kills.receiver}) in ${(r.totalMs / 1000).toFixed(0)} s`,
    `  cases: ${r.approved} approved, ${r.sent} sent, ${r.received} received; ${r.duplicates.length} duplicates, ${r.missing.length} missing`,
    `  outboxes drained in ${(r.drainMs / 1000).toFixed(1)} s after the last restart (left: sender ${r.outboxLeft.sender}, receiver ${r.outboxLeft.receiver})`,
    `  audit chains: sender ${r.audit.sender}, receiver ${r.audit.receiver}; evidence bundles: ${r.evidence.checked} checked, ${r.evidence.failures.length} failed`,
    ...(r.problems.length
      ? [`  problems under load: ${r.problems.length}`, ...r.problems.slice(0, 20).map((p) => `    ${p}`)]
      : []),
    ...r.duplicates.slice(0, 20).map((d) => `  duplicate: ${d}`),
    ...r.missing.slice(0, 20).map((m) => `  missing: ${m}`),
    ...r.evidence.failures.slice(0, 10).map((f) => `  evidence: ${f}`),
  ].join('\n');
}
