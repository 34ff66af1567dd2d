import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db.js';
import { statementsSent } from '../../../test/statements-sent.js';
import type { Tx } from './client.js';
import { inTransaction } from './transaction.js';

// What the batching connection does, whatever DATABASE_BATCHING the suite runs with.
const { db } = await useTestDatabase({ batching: true });

const txid = async (tx: Tx, n: number) =>
  (await sql<{ txid: string }>`select txid_current()::text as txid, ${n}::int as n`.execute(tx)).rows[0]
    ?.txid;

describe('the batching client’s transactions', () => {
  beforeAll(async () => {
    await sql`create table bc_probe (id int primary key)`.execute(db);
  });

  it('sends BEGIN in the same round trip as the first statement, and it is one transaction', async () => {
    const ids: (string | undefined)[] = [];
    const groups = await statementsSent(() =>
      inTransaction(db, async (tx) => {
        ids.push(await txid(tx, 1), await txid(tx, 2));
      }),
    );
    expect(groups).toEqual([
      ['begin', expect.stringMatching(/^select txid_current/)],
      [expect.stringMatching(/^select txid_current/)],
      ['commit'],
    ]);
    expect(ids[0]).toBeDefined();
    expect(ids[1]).toBe(ids[0]);
    // Outside a transaction, each statement is its own.
    const [a, b] = [await txid(db as unknown as Tx, 1), await txid(db as unknown as Tx, 2)];
    expect(b).not.toBe(a);
  });

  it('undoes everything when a statement fails, the first one included, and the connection serves on', async () => {
    await sql`insert into bc_probe (id) values (${1})`.execute(db);
    const failing = inTransaction(db, async (tx) => {
      await sql`insert into bc_probe (id) values (${1})`.execute(tx); // duplicate key, with BEGIN
    });
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    const later = inTransaction(db, async (tx) => {
      await sql`insert into bc_probe (id) values (${2})`.execute(tx);
      await sql`insert into bc_probe (id) values (${2})`.execute(tx); // fails after the first
    });
    await expect(later).rejects.toMatchObject({ code: '23505' });
    for (let i = 0; i < 12; i++)
      await inTransaction(db, (tx) => sql`insert into bc_probe (id) values (${10 + i})`.execute(tx));
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from bc_probe`.execute(db);
    expect(rows[0]?.n).toBe(13);
  });

  it('sends nothing for a transaction that fails before its first statement', async () => {
    const groups = await statementsSent(() =>
      inTransaction(db, async () => {
        throw new Error('the use case fails before touching the database');
      }),
    );
    expect(groups).toEqual([]);
  });

  it('sends nothing for an empty transaction', async () => {
    const groups = await statementsSent(() => inTransaction(db, async () => 'nothing to do'));
    expect(groups).toEqual([]);
  });
});
