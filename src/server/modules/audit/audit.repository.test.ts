import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAudit, verifyAuditChain } from './audit.repository.js';

const { db } = await useTestDatabase();

async function appendEntries(n: number) {
  for (let i = 0; i < n; i++) {
    await db.transaction().execute((tx) =>
      recordAudit(tx, {
        action: 'document.read',
        actorUserId: null,
        actorOrgId: null,
        resourceType: 'case',
        resourceId: `case-${i}`,
        orgId: null,
        ip: '127.0.0.1',
        at: new Date(Date.UTC(2026, 10, 28, 12, 0, i)),
        details: { n: i },
      }),
    );
  }
}

/** Changes the log behind the application's back, as an attacker with database access would. */
async function tamper(database: Db, statement: ReturnType<typeof sql>) {
  await database.transaction().execute(async (tx) => {
    await sql`alter table audit_log disable trigger user`.execute(tx);
    await statement.execute(tx);
    await sql`alter table audit_log enable trigger user`.execute(tx);
  });
}

describe('the hash-chained audit log', () => {
  beforeEach(async () => {
    await tamper(db, sql`delete from audit_log`);
    await appendEntries(6);
  });

  it('verifies an untouched chain and reports its length', async () => {
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: true, entries: 6 });
  });

  it('refuses updates and deletes through its triggers', async () => {
    await expect(sql`update audit_log set action = 'auth.login' where seq = 2`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where seq = 2`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('finds the first entry whose content was changed', async () => {
    await tamper(db, sql`update audit_log set resource_id = 'case-x' where seq = 3`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'changed' });
  });

  it('finds a deleted entry', async () => {
    await tamper(db, sql`delete from audit_log where seq = 4`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 4, reason: 'missing' });
  });

  it('finds two entries swapped in order', async () => {
    await tamper(db, sql`update audit_log set seq = -seq where seq in (2, 3)`);
    await tamper(
      db,
      sql`update audit_log set seq = case when seq = -2 then 3 else 2 end where seq in (-2, -3)`,
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('finds a rewritten entry even when its own hash was recomputed, because the next link breaks', async () => {
    await tamper(db, sql`update audit_log set details = '{"n": 99}', hash = repeat('a', 64) where seq = 5`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('keeps the chain linear under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, () => appendEntries(1)));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 26 });
  });

  it('chains several entries of one transaction (written in one call at its commit) in the order recorded', async () => {
    await inTransaction(db, async (tx) => {
      for (const n of [1, 2, 3])
        await recordAudit(tx, {
          action: 'document.read',
          actorUserId: null,
          actorOrgId: null,
          resourceType: 'case',
          resourceId: `batched-${n}`,
          orgId: null,
          ip: null,
          at: new Date(Date.UTC(2026, 10, 28, 13, 0, n)),
          details: { n },
        });
    });
    const batched = await db
      .selectFrom('audit_log')
      .select(['seq', 'resource_id'])
      .where('resource_id', 'like', 'batched-%')
      .orderBy('seq')
      .execute();
    expect(batched).toEqual([
      { seq: 7, resource_id: 'batched-1' },
      { seq: 8, resource_id: 'batched-2' },
      { seq: 9, resource_id: 'batched-3' },
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 9 });
  });
});
