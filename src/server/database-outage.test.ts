import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeOrganisation, makeUser, TEST_NODE_ID, TEST_PASSWORD } from '../../test/factories.js';
import {
  freezePostgres,
  postmasterPid,
  startPostgresProcess,
  type PostgresProcess,
} from '../../test/postgres-process.js';
import { loadConfig } from './config.js';
import { ensureDatabase, withDatabaseName } from './db/database.js';
import { startNode, type RunningNode } from './main.js';

/**
 * A whole node with the default timeouts, whose PostgreSQL — its own, never the machine's shared
 * server — is frozen (SIGSTOP of every process: it accepts connections and answers nothing), and
 * stopped and started again. The suite's kind of database decides which: on the embedded one, the
 * node's embedded PostgreSQL; on a server, a PostgreSQL the test runs (the embedded package's
 * binaries) and hands the node as DATABASE_URL, over TCP.
 */
const kind = inject('dbKind');

/** Waits until `check` holds (tried every 200 ms), failing after `withinMs`. */
async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`not so within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe(`a node whose database (${kind === 'server' ? 'a server over TCP' : 'its embedded PostgreSQL'}) stalls or goes away`, () => {
  let root: string;
  let node: RunningNode;
  let server: PostgresProcess | undefined;
  let cookie = '';

  beforeAll(async () => {
    // World-traversable: as root, PostgreSQL runs as the `postgres` user inside it.
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-outage-'));
    await fs.chmod(root, 0o755);
    const env: Record<string, string> = {
      DATA_DIR: path.join(root, 'data'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      NODE_ID: TEST_NODE_ID,
      DEMO: 'false',
      DELIVERY_POLL_MS: '100',
    };
    if (kind === 'server') {
      server = await startPostgresProcess(path.join(root, 'server'));
      await ensureDatabase(server.url, 'casebridge');
      env.DATABASE_URL = withDatabaseName(server.url, 'casebridge');
    }
    node = await startNode(loadConfig(env), { print: () => undefined, webDir: path.join(root, 'no-web') });
    const org = await makeOrganisation(node.database.db);
    const user = await makeUser(node.database.db, org.id, 'station.officer');
    const login = await fetch(`${node.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }, 180_000);

  afterAll(async () => {
    await node?.stop();
    await server?.destroy();
    await fs.rm(root, { recursive: true, force: true });
  }, 60_000);

  const postmaster = async () =>
    server ? server.pid() : await postmasterPid(path.join(root, 'data', 'postgres'));

  /** A GET with the session, and how long its answer took. */
  const get = async (url: string) => {
    const started = performance.now();
    const response = await fetch(`${node.url}${url}`, {
      headers: { cookie },
      signal: AbortSignal.timeout(20_000),
    });
    const body = (await response.json()) as unknown;
    return { status: response.status, response, body, ms: performance.now() - started };
  };

  const expectUnavailable = (answer: Awaited<ReturnType<typeof get>>) => {
    expect(answer.status).toBe(503);
    expect(answer.response.headers.get('retry-after')).toBe('5');
    expect(answer.body).toMatchObject({ error: { code: 'service.unavailable' } });
    expect(answer.ms).toBeLessThan(5000);
  };

  it('answers 503 service.unavailable with Retry-After within 5 s while the database is frozen, /readyz 503 within about a second, /healthz 200 — and serves again once it goes on', async () => {
    expect((await get('/api/cases')).status).toBe(200);
    const thaw = await freezePostgres(await postmaster());
    try {
      // Requests on connections of the pool, and the next ones, which must connect anew.
      const [cases, ready, health] = await Promise.all([get('/api/cases'), get('/readyz'), get('/healthz')]);
      expectUnavailable(cases);
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(2000);
      expect(health.status).toBe(200);
      const later = await Promise.all([get('/api/cases'), get('/api/cases'), get('/api/cases')]);
      for (const answer of later) expectUnavailable(answer);
    } finally {
      thaw();
    }
    await eventually(async () => (await get('/api/cases')).status === 200, 10_000);
    expect((await get('/readyz')).status).toBe(200);
  }, 60_000);

  it('answers 503 while the server is down or has dropped the connections, and serves again without a restart of the node', async () => {
    if (server) {
      await server.stop();
      expectUnavailable(await get('/api/cases'));
      expect((await get('/readyz')).status).toBe(503);
      await server.start();
    } else {
      // The embedded server is the node's own: what it sees of a restart is every connection dropped.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
                where pid <> pg_backend_pid() and backend_type = 'client backend'`.execute(node.database.db);
    }
    await eventually(async () => (await get('/api/cases')).status === 200, 10_000);
    expect((await get('/readyz')).status).toBe(200);
  }, 60_000);

  it('keeps its delivery worker going through an outage: a message waiting in the outbox is tried again after it', async () => {
    const db = node.database.db;
    const id = crypto.randomUUID();
    const now = new Date();
    // A message to a node nobody knows: each attempt fails and is scheduled again, so attempts count passes.
    await db
      .insertInto('messages')
      .values({
        direction: 'out',
        id,
        org_id: (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id,
        type: 'case.submitted',
        case_ref: `outage-${id}`,
        from_node: TEST_NODE_ID,
        from_org: 'KL-1',
        to_node: 'node-nobody-knows',
        to_org: 'DA-1',
        seq: 1,
        prev_hash: null,
        sha256: '0'.repeat(64),
        jws: 'x.y.z',
        envelope: JSON.stringify({ documents: [] }),
        created_at: now,
        status: 'queued',
      })
      .execute();
    await db
      .insertInto('outbox')
      .values({
        message_id: id,
        to_node: 'node-nobody-knows',
        thread: `outage-${id}`,
        seq: 1,
        next_attempt_at: now,
      })
      .execute();
    const attempts = async () =>
      (await db.selectFrom('outbox').select('attempts').where('message_id', '=', id).executeTakeFirst())
        ?.attempts ?? -1;
    await eventually(async () => (await attempts()) >= 1, 10_000);

    const thaw = await freezePostgres(await postmaster());
    await new Promise((resolve) => setTimeout(resolve, 6000)); // the worker's statements time out meanwhile
    thaw();

    // Due again now (its back-off would make it wait): the worker claims it on its own.
    await eventually(async () => {
      await db
        .updateTable('outbox')
        .set({ next_attempt_at: new Date(), lease_until: null })
        .where('message_id', '=', id)
        .execute();
      return true;
    }, 10_000);
    const before = await attempts();
    await eventually(async () => (await attempts()) > before, 10_000);
    expect(await db.selectFrom('messages').select('id').where('id', '=', id).executeTakeFirst()).toEqual({
      id,
    });
  }, 60_000);
});
