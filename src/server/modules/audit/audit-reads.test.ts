import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeStationUser, TEST_PASSWORD } from '../../../../test/factories.js';
import { findFreePort } from '../../../../test/free-port.js';
import type { Actor } from '../../../domain/permissions.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAudit, sealAuditReads, verifyAuditChain } from './audit.repository.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/casebridge.js');
const CHAIN_LOCK = 727002;

const { db } = await useTestDatabase();

/**
 * Seals until no read is left unsealed: a seal goes only up to the oldest transaction running on the
 * whole server, and on a shared test server other databases' transactions hold it back for a moment.
 */
async function sealAll(on: typeof db): Promise<number> {
  let sealed = 0;
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    sealed += await sealAuditReads(on, new Date());
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_reads where xact >= (select horizon from audit_reads_sealed)`.execute(
      on,
    );
    if (rows[0]?.n === 0) return sealed;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('reads left unsealed');
}

describe('reads audited in the read log, sealed into the chain in batches', () => {
  let actor: Actor;
  let caseId: string;
  const clock = fixedClock('2026-05-01T08:00:00Z');
  // What a use case's read does (the cases module's own tests read through the API).
  const read = () =>
    inTransaction(db, (tx) =>
      recordAudit(tx, {
        action: 'case.read',
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        resourceType: 'case',
        resourceId: caseId,
        orgId: actor.orgId,
        ip: '10.1.2.3',
        at: clock.now(),
      }),
    );
  const readsOf = async (id: string) =>
    (
      await db
        .selectFrom('audit_reads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(sql<boolean>`${id}::uuid = any(resource_ids)`)
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    const made = await makeStationUser(db);
    actor = made.actor;
    caseId = (await makeCase(db, actor, {}, clock)).id;
  });

  it('records a read of a case without waiting for the chain lock another transaction holds', async () => {
    const holder = db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx);
      await new Promise((r) => setTimeout(r, 1500));
    });
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await read();
    expect(performance.now() - started).toBeLessThan(1000);
    await holder;
    expect(await readsOf(caseId)).toBe(1);
    const row = await db.selectFrom('audit_reads').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      action: 0,
      actor_user_id: actor.userId,
      org_id: actor.orgId,
      ip: '10.1.2.3',
    });
    const chained = await db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'case.read')
      .execute();
    expect(chained).toEqual([]);
  });

  it('seals the reads into one chain entry with their count and hash; the chain verifies', async () => {
    for (let i = 0; i < 5; i++) await read();
    expect(await sealAll(db)).toBe(6);
    expect(await sealAuditReads(db, clock.now())).toBe(0);
    const sealed = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.reads_sealed')
      .execute();
    expect(sealed.reduce((n, e) => n + Number(e.details.count), 0)).toBe(6);
    expect(sealed[0]?.details).toMatchObject({ from: '1', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('stores at most 200 bytes per audited read of a case, its index included', async () => {
    await db.transaction().execute(async (tx) => {
      await sql`insert into audit_reads (at, action, actor_user_id, org_id, ip, resource_ids)
        select now(), 0, ${actor.userId}::uuid, ${actor.orgId}::uuid, '10.1.2.3'::inet, array[gen_random_uuid()]
        from generate_series(1, 5000)`.execute(tx);
    });
    await sql`vacuum analyze audit_reads`.execute(db);
    const { rows } = await sql<{ bytes: number; n: number }>`
      select pg_total_relation_size('audit_reads')::bigint as bytes, (select count(*) from audit_reads)::bigint as n`.execute(
      db,
    );
    const perRead = Number(rows[0]?.bytes) / Number(rows[0]?.n);
    expect(perRead).toBeLessThanOrEqual(200);
    await sealAll(db);
  });

  it('refuses to change or delete a read, and a read removed behind the triggers breaks the chain at its seal', async () => {
    await expect(sql`update audit_reads set ip = '10.9.9.9' where id = 1`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_reads where id = 1`.execute(db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    const firstSeal = await db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'audit.reads_sealed')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await db.transaction().execute(async (tx) => {
      await sql`alter table audit_reads disable trigger audit_reads_no_update`.execute(tx);
      await sql`delete from audit_reads where id = 1`.execute(tx);
      await sql`alter table audit_reads enable trigger audit_reads_no_update`.execute(tx);
    });
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBadSeq: firstSeal.seq,
      reason: 'changed',
    });
  });
});

describe('a node killed with SIGKILL right after answering reads', () => {
  it('has kept every read it answered', { timeout: 90_000 }, async () => {
    const fresh = await useTestDatabase();
    const { actor, user } = await makeStationUser(fresh.db);
    const { id } = await makeCase(fresh.db, actor);
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-reads-kill-'));
    const port = await findFreePort();
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: fresh.url,
        DATA_DIR: dataDir,
        PORT: String(port),
        DEMO: 'false',
        LOG_LEVEL: 'silent',
        DELIVERY_WORKER: 'false',
        TOTP_REQUIRED_ROLES: '',
        // 40 reads at once on a loaded test machine: wait for a connection rather than answer 503.
        DATABASE_STATEMENT_TIMEOUT_MS: '60000',
        DATABASE_ACQUIRE_TIMEOUT_MS: '60000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      for await (const chunk of child.stdout) {
        out += String(chunk);
        if (out.includes('listening on')) break;
      }
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const answered = await Promise.all(
        Array.from({ length: 40 }, () => fetch(`${base}/api/cases/${id}`, { headers: { cookie } })),
      );
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect(answered.map((r) => r.status)).toEqual(Array(40).fill(200));
      const kept = await fresh.db
        .selectFrom('audit_reads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(sql<boolean>`${id}::uuid = any(resource_ids)`)
        .executeTakeFirstOrThrow();
      expect(kept.n).toBe(40);
      // The next seal takes what the killed node had not sealed; the chain verifies with them.
      await sealAll(fresh.db);
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: true });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
