import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db.js';
import { createDb, type Db } from './client.js';
import { inTransaction } from './transaction.js';
import { writeBehind } from './write-behind.js';

const { url } = await useTestDatabase();

/** How a failing request fails, and the SQLSTATE it must fail with. */
const FAILURES = [
  { kind: 'a duplicate key', code: '23505' },
  { kind: 'a NUL byte in a text', code: '22021' },
  { kind: 'a statement cancelled by the statement timeout', code: '57014' },
] as const;
type Failure = (typeof FAILURES)[number]['kind'];

const REQUESTS = 1000;
const AT_ONCE = 8;
const STATEMENT_TIMEOUT_MS = 250;

/**
 * A request shaped like a use case: a read, write-behinds, an awaited insert, and (for every tenth)
 * one statement that fails — awaited or held back. A failing request also brings two statement
 * texts never seen before, which the connection prepares for the first time in the failing batch;
 * the nine valid requests after it use them again (on whichever connection they get).
 */
async function request(db: Db, i: number, failure: Failure | null): Promise<void> {
  const variant = failure ? i : 10 * Math.floor(i / 10) - 1;
  const logEntry = (note: string) =>
    sql`insert into loop_log (item, note) values (${i}, ${note}) /* variant ${sql.raw(String(variant))} */`;
  const note = failure === 'a NUL byte in a text' ? 'a\u0000b' : `request ${i}`;
  const id = failure === 'a duplicate key' ? 0 : i + 1; // item 0 exists from the start
  const heldBack = i % 3 === 0; // the failing statement travels as a write-behind
  await inTransaction(
    db,
    async (tx) => {
      await sql`select count(*)::int as n from loop_items where id < ${i}`.execute(tx);
      await writeBehind(tx, logEntry(`before ${i}`));
      if (failure === 'a statement cancelled by the statement timeout')
        await sql`select pg_sleep(${(STATEMENT_TIMEOUT_MS * 3) / 1000})`.execute(tx);
      const insert = sql`insert into loop_items (id, note) values (${id}, ${note})`;
      if (heldBack) await writeBehind(tx, insert);
      else await insert.execute(tx);
      await writeBehind(tx, logEntry(`after ${i}`));
      await sql`select id from loop_items where id = ${id} /* variant ${sql.raw(String(variant))} */`.execute(
        tx,
      );
    },
    1,
  );
}

describe.each([
  { batching: true, connection: 'the batching connection' },
  { batching: false, connection: 'pg’s plain connection' },
])('$connection, with statements that fail among valid ones', ({ batching }) => {
  let db: Db;
  beforeAll(async () => {
    db = createDb(url, {
      max: 4,
      batching,
      timeouts: {
        statementMs: STATEMENT_TIMEOUT_MS,
        lockMs: 2000,
        idleInTransactionMs: 10_000,
        acquireMs: 10_000,
      },
    });
    await sql`drop table if exists loop_items, loop_log`.execute(db);
    await sql`create table loop_items (id int primary key, note text not null)`.execute(db);
    await sql`create table loop_log (item int not null, note text not null)`.execute(db);
    await sql`insert into loop_items (id, note) values (0, 'there from the start')`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('answers every valid request of a thousand where every tenth fails, each failure with its own error', async () => {
    const outcomes: { i: number; failure: Failure | null; error: unknown }[] = [];
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const failure = i % 10 === 9 ? FAILURES[Math.floor(i / 10) % FAILURES.length]!.kind : null;
        const error = await request(db, i, failure).then(
          () => null,
          (e: unknown) => e,
        );
        outcomes.push({ i, failure, error });
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, lane));

    const valid = outcomes.filter((o) => o.failure === null);
    const failed = outcomes.filter((o) => o.failure !== null);
    expect(valid).toHaveLength(900);
    expect(valid.filter((o) => o.error !== null).map((o) => ({ i: o.i, error: String(o.error) }))).toEqual(
      [],
    );
    for (const { kind, code } of FAILURES)
      expect(
        failed.filter((o) => o.failure === kind).map((o) => (o.error as { code?: string } | null)?.code),
      ).toEqual(Array.from({ length: failed.filter((o) => o.failure === kind).length }, () => code));

    // What the valid requests wrote is there, and nothing of the failed ones.
    const { rows } = await sql<{ items: number; log: number }>`
      select (select count(*)::int from loop_items where id > 0) as items,
             (select count(*)::int from loop_log) as log`.execute(db);
    expect(rows[0]).toEqual({ items: 900, log: 1800 });
  });

  it('runs a statement outside a transaction after one that failed there, on every connection', async () => {
    for (let i = 0; i < 12; i++) {
      await expect(
        sql`insert into loop_log (item, note) values (${-1}, ${'a\u0000b'})`.execute(db),
      ).rejects.toMatchObject({ code: '22021' });
      await sql`insert into loop_log (item, note) values (${-1}, ${`fine ${i}`})`.execute(db);
    }
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from loop_log where item = -1`.execute(db);
    expect(rows[0]?.n).toBe(12);
  });
});
