import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import {
  makeReadyCase,
  makeStationUser,
  makeUser,
  TEST_NODE_ID,
  TEST_PASSWORD,
  TEST_PDF,
} from '../../test/factories.js';
import { findFreePort } from '../../test/free-port.js';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../test/round-robin-proxy.js';
import { startS3Server, type TestS3Server } from '../../test/s3.js';
import { loadConfig } from './config.js';
import type { Db } from './db/client.js';
import { approveSubmission, prepareSubmission } from './modules/submission/index.js';
import { createNodeDeps } from './node-deps.js';
import { systemClock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface ServeProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** `casebridge serve` as a child process; resolves once it prints the URL it listens on. */
async function serve(env: Record<string, string>): Promise<ServeProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['bin/casebridge.js', 'serve'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then(() => reject(new Error(`serve exited:\n${output}`)));
  });
  return { url, child, exited };
}

/**
 * Two `casebridge serve` processes on one database and one bucket, behind a round-robin load balancer (a
 * small proxy in the test, as haproxy would be in a deployment): they behave as one node.
 */
describe('two node processes behind a load balancer', () => {
  let db: Db;
  let s3: TestS3Server;
  let proxy: RoundRobinProxy;
  let dataDir: string;
  const processes: ServeProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    const database = await useTestDatabase();
    db = database.db;
    s3 = await startS3Server(['documents']);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-many-nodes-'));
    env = {
      ...s3.env,
      S3_BUCKET: 'documents',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      NODE_ID: TEST_NODE_ID,
      DEMO: 'false',
      DELIVERY_POLL_MS: '100',
    };
    // The first process makes the node's keys (DATA_DIR/keys); the second shares them, as every process of one
    // node must (docs/operations.md, adding a node). Both migrate and seed under the advisory locks.
    processes.push(await serve(env));
    processes.push(await serve(env));
    proxy = await startRoundRobinProxy(processes.map((p) => p.url));
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    for (const p of processes) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
      const forced = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
      await p.exited;
      clearTimeout(forced);
    }
    await s3?.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps sessions and uploads on either, delivers the outbox once, and survives losing one mid-request', async () => {
    const { actor: officer, station } = await makeStationUser(db);
    const chiefUser = await makeUser(db, station.id, 'station.chief');
    const chief = { userId: chiefUser.id, orgId: station.id, role: chiefUser.role };
    const login = await fetch(`${proxy.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: (
          await db
            .selectFrom('users')
            .select('username')
            .where('id', '=', officer.userId)
            .executeTakeFirstOrThrow()
        ).username,
        password: TEST_PASSWORD,
      }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const headers = { cookie, origin: proxy.url };

    // Sessions: the same cookie on both processes.
    const opened = await fetch(`${proxy.url}/api/cases`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ origin: 'complaint' }),
    });
    expect(opened.status).toBe(201);
    const caseId = ((await opened.json()) as { id: string }).id;
    for (let i = 0; i < 4; i++)
      expect((await fetch(`${proxy.url}/api/cases/${caseId}`, { headers })).status).toBe(200);
    for (const count of proxy.served.values()) expect(count).toBeGreaterThanOrEqual(2);

    // Uploads land on either process (into the shared bucket) and are read back through the other.
    const documentIds: string[] = [];
    for (const text of ['one', 'two']) {
      const form = new FormData();
      form.append('kind', 'complaint');
      form.append('file', new Blob([TEST_PDF, `% ${text}\n`]), `${text}.pdf`);
      const uploaded = await fetch(`${proxy.url}/api/cases/${caseId}/documents`, {
        method: 'POST',
        headers,
        body: form,
      });
      expect(uploaded.status).toBe(201);
      documentIds.push(((await uploaded.json()) as { id: string }).id);
    }
    for (const id of [...documentIds, ...documentIds]) {
      const content = await fetch(`${proxy.url}/api/cases/${caseId}/documents/${id}/content`, { headers });
      expect(content.status).toBe(200);
      expect(
        Buffer.from(await content.arrayBuffer())
          .subarray(0, 8)
          .toString('latin1'),
      ).toBe('%PDF-1.7');
    }

    // The outbox: ten cases sent at once; both processes' delivery workers claim from it; each arrives once.
    const deps = await createNodeDeps({
      config: loadConfig(env),
      db,
      clock: systemClock,
      log: createLogger('silent'),
    });
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) {
      const ready = await makeReadyCase(deps, officer);
      const base = { db, clock: systemClock, ip: null, caseId: ready.id };
      await prepareSubmission({ ...base, actor: officer });
      await approveSubmission({
        ...base,
        actor: chief,
        exchange: { ...deps.exchange, kick: () => undefined },
      });
      sent.push(ready.id);
    }
    const deadline = Date.now() + 30_000;
    const waiting = async () =>
      Number((await db.selectFrom('outbox').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    while ((await waiting()) !== 0) {
      if (Date.now() > deadline) {
        const left = await db.selectFrom('outbox').select(['to_node', 'last_error']).execute();
        throw new Error(`the outbox did not drain: ${JSON.stringify(left.slice(0, 2))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const received = await sql<{ ref: string; n: string }>`
      select case_ref as ref, count(*) as n from messages where direction = 'in' and type = 'case.submitted'
      group by case_ref`.execute(db);
    expect(received.rows).toHaveLength(10);
    expect(received.rows.every((r) => Number(r.n) === 1)).toBe(true);
    const receipts = await sql<{ n: string }>`
      select count(*) as n from messages where direction = 'out' and type = 'case.submitted' and status = 'delivered'`.execute(
      db,
    );
    expect(Number(receipts.rows[0]?.n)).toBe(10);

    // One process killed while it streams an answer (a slow upload): that request fails; the next succeeds.
    const victim = processes[0];
    if (!victim) throw new Error('no process');
    // Two slow uploads, one on each process (round robin); the victim dies under one of them.
    const abort = new AbortController();
    const slowBody = () =>
      new ReadableStream({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          controller.enqueue(new Uint8Array(64 * 1024));
        },
      });
    const inFlight = [0, 1].map(() =>
      fetch(`${proxy.url}/api/cases/${caseId}/documents`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' },
        body: slowBody(),
        duplex: 'half',
        signal: abort.signal,
      } as RequestInit).then(
        (r) => r.status,
        () => 'failed',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    victim.child.kill('SIGKILL');
    await victim.exited;
    const cut = await Promise.race([inFlight[0], inFlight[1]]);
    expect([502, 'failed']).toContain(cut);
    abort.abort();
    await Promise.all(inFlight);
    for (let i = 0; i < 4; i++) {
      expect((await fetch(`${proxy.url}/api/cases/${caseId}`, { headers })).status).toBe(200);
    }
    expect((await fetch(`${proxy.url}/readyz`)).status).toBe(200);
  }, 120_000);
});
