import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import { inTransaction } from '../../db/transaction.js';
import { auditEntryHash, AUDIT_GENESIS, recordAudit, verifyAuditChain } from './audit.repository.js';

const { db } = await useTestDatabase();
const orgId = randomUUID();
const userId = randomUUID();

/** Changes the log behind the application's back, as someone with database access would. */
async function tamper(statement: RawBuilder<unknown>) {
  await db.transaction().execute(async (tx) => {
    await sql`alter table audit_log disable trigger user`.execute(tx);
    await statement.execute(tx);
    await sql`alter table audit_log enable trigger user`.execute(tx);
  });
}

/** Five entries with every field set (none null), so that each can be changed. */
async function appendFive() {
  for (let n = 1; n <= 5; n++)
    await inTransaction(db, (tx) =>
      recordAudit(tx, {
        action: 'document.read',
        actorUserId: userId,
        actorOrgId: orgId,
        resourceType: 'case',
        resourceId: `case-${n}`,
        orgId,
        ip: '10.0.0.7',
        at: new Date(Date.UTC(2026, 5, 1, 9, 0, n, 123)),
        details: { n, reason: 'review' },
      }),
    );
}

describe('tampering with a stored audit entry', () => {
  beforeAll(async () => {
    await tamper(sql`delete from audit_log`);
  });

  beforeEach(async () => {
    await tamper(sql`delete from audit_log`);
    await appendFive();
    expect(await verifyAuditChain(db)).toEqual({
      ok: true,
      entries: 5,
      head: (await db.selectFrom('audit_log').select('hash').where('seq', '=', 5).executeTakeFirstOrThrow())
        .hash,
    });
  });

  const changes: [field: string, change: RawBuilder<unknown>][] = [
    [
      'its time, by a millisecond',
      sql`update audit_log set at = at + interval '1 millisecond' where seq = 3`,
    ],
    [
      'its time, by a microsecond',
      sql`update audit_log set at = at + interval '1 microsecond' where seq = 3`,
    ],
    ['who did it', sql`update audit_log set actor_user_id = ${randomUUID()} where seq = 3`],
    ['who did it: no one', sql`update audit_log set actor_user_id = null where seq = 3`],
    ['the organisation acting', sql`update audit_log set actor_org_id = ${randomUUID()} where seq = 3`],
    ['the action', sql`update audit_log set action = 'case.updated' where seq = 3`],
    ['the resource’s type', sql`update audit_log set resource_type = 'intake' where seq = 3`],
    ['the resource', sql`update audit_log set resource_id = 'case-9' where seq = 3`],
    ['the organisation concerned', sql`update audit_log set org_id = ${randomUUID()} where seq = 3`],
    ['the address it came from', sql`update audit_log set ip = '10.0.0.8' where seq = 3`],
    [
      'a value of its details',
      sql`update audit_log set details = '{"n": 3, "reason": "curiosity"}' where seq = 3`,
    ],
    ['a detail added', sql`update audit_log set details = details || '{"extra": true}' where seq = 3`],
    ['a detail removed', sql`update audit_log set details = details - 'reason' where seq = 3`],
    ['its hash', sql`update audit_log set hash = repeat('0', 64) where seq = 3`],
  ];

  for (const [field, change] of changes)
    it(`is found when ${field} changes: the chain fails at that entry`, async () => {
      await tamper(change);
      expect(await verifyAuditChain(db)).toEqual({
        ok: false,
        entries: 2,
        firstBadSeq: 3,
        reason: 'changed',
      });
    });

  it('is found when its link to the previous entry changes', async () => {
    await tamper(sql`update audit_log set prev_hash = repeat('f', 64) where seq = 3`);
    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      entries: 2,
      firstBadSeq: 3,
      reason: 'broken_link',
    });
  });

  it('is found when its number changes: the chain fails where the number is missing', async () => {
    await tamper(sql`update audit_log set seq = 30 where seq = 3`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 2, firstBadSeq: 3, reason: 'missing' });
  });

  it('is found in the first entry too, whose link is the genesis hash', async () => {
    await tamper(sql`update audit_log set action = 'auth.login' where seq = 1`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 0, firstBadSeq: 1, reason: 'changed' });
    const first = await db
      .selectFrom('audit_log')
      .select('prev_hash')
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(first.prev_hash).toBe(AUDIT_GENESIS);
  });

  it('is found in the last entry, which no later link protects', async () => {
    await tamper(sql`update audit_log set ip = null where seq = 5`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 4, firstBadSeq: 5, reason: 'changed' });
  });

  it('is found across the verifier’s batches', async () => {
    await tamper(sql`update audit_log set resource_id = 'case-x' where seq = 4`);
    expect(await verifyAuditChain(db, 2)).toEqual({
      ok: false,
      entries: 3,
      firstBadSeq: 4,
      reason: 'changed',
    });
  });

  it('hashes what the database stored: every entry’s hash is recomputed from its columns alone', async () => {
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prev = AUDIT_GENESIS;
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      expect(auditEntryHash(prev, row)).toBe(row.hash);
      prev = row.hash;
    }
  });
});
