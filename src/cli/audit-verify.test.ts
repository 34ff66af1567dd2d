import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { useTestDatabase } from '../../test/db.js';
import { makeJurisdiction, makeOrganisation } from '../../test/factories.js';
import type { Db } from '../server/db/client.js';

/** A database with a few audit entries (each organisation and rule created is one). */
async function auditedDatabase(): Promise<{ db: Db; url: string }> {
  const database = await useTestDatabase();
  await makeJurisdiction(database.db);
  await makeOrganisation(database.db);
  return database;
}

/** Changes the append-only log as a superuser could: with its triggers off for the moment. */
async function tamper(db: Db, change: (db: Db) => Promise<unknown>): Promise<void> {
  await sql`alter table audit_log disable trigger user`.execute(db);
  try {
    await change(db);
  } finally {
    await sql`alter table audit_log enable trigger user`.execute(db);
  }
}

const verify = (url: string) => runCli(['audit', 'verify'], { env: { DATABASE_URL: url } });

describe('casebridge audit verify', () => {
  it('prints OK with the number of entries and the head hash, and exits 0, when the chain is intact', async () => {
    const { db, url } = await auditedDatabase();
    const last = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const run = await verify(url);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`OK: audit chain intact, ${last.seq} entries, head ${last.hash}`);
  });

  it('names the first changed entry and exits 2 when a row was edited', async () => {
    const { db, url } = await auditedDatabase();
    await tamper(db, (d) =>
      sql`update audit_log set details = '{"tampered": true}' where seq = 2`.execute(d),
    );
    const run = await verify(url);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('BROKEN: audit chain fails at seq 2: changed');
  });

  it('names the gap and exits 2 when a row was deleted', async () => {
    const { db, url } = await auditedDatabase();
    await tamper(db, (d) => sql`delete from audit_log where seq = 2`.execute(d));
    const run = await verify(url);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('BROKEN: audit chain fails at seq 2: missing');
  });

  it('names the broken link and exits 2 when two rows were swapped', async () => {
    const { db, url } = await auditedDatabase();
    await tamper(db, async (d) => {
      await sql`update audit_log set seq = -2 where seq = 2`.execute(d);
      await sql`update audit_log set seq = 2 where seq = 3`.execute(d);
      await sql`update audit_log set seq = 3 where seq = -2`.execute(d);
    });
    const run = await verify(url);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('BROKEN: audit chain fails at seq 2: broken_link');
  });
});
