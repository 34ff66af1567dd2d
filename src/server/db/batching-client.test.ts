import { sql } from 'kysely';
import pg from 'pg';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../../../test/db.js';
import type { Tx } from './client.js';
import { inTransaction } from './transaction.js';

const { db } = await useTestDatabase();

/** The texts the batching client hands to pg (one per message to the server) while `work` runs. */
async function messagesSent(work: () => Promise<unknown>): Promise<string[]> {
  const sent = vi.spyOn(pg.Client.prototype, 'query');
  try {
    await work().catch(() => undefined);
    return sent.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text: string }).text));
  } finally {
    sent.mockRestore();
  }
}

const txid = async (tx: Tx, n: number) =>
  (await sql<{ txid: string }>`select txid_current()::text as txid, ${n}::int as n`.execute(tx)).rows[0]
    ?.txid;

describe('the batching client’s transactions', () => {
  beforeAll(async () => {
    await sql`create table bc_probe (id int primary key)`.execute(db);
  });

  it('sends BEGIN in the same message as the first prepared statement, and it is one transaction', async () => {
    const ids: (string | undefined)[] = [];
    const texts = await messagesSent(() =>
      inTransaction(db, async (tx) => {
        ids.push(await txid(tx, 1), await txid(tx, 2));
      }),
    );
    expect(texts).toEqual([
      expect.stringMatching(/^select txid_current/),
      expect.stringMatching(/^select txid_current/),
      'commit',
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
    const texts = await messagesSent(() =>
      inTransaction(db, async () => {
        throw new Error('the use case fails before touching the database');
      }),
    );
    expect(texts).toEqual([]);
  });

  it('commits an empty transaction in one message', async () => {
    const texts = await messagesSent(() => inTransaction(db, async () => 'nothing to do'));
    expect(texts).toEqual(['commit']);
  });
});
