import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db.js';
import { statementsSent } from '../../../test/statements-sent.js';
import type { Db, Tx } from './client.js';
import { inTransaction } from './transaction.js';
import { writeBehind } from './write-behind.js';

// What the batching connection does, whatever DATABASE_BATCHING the suite runs with.
const { db } = await useTestDatabase({ batching: true });
const PROBE_LOCK = 424242;

beforeAll(async () => {
  await sql`create table wb_probe (
    id int primary key, t text, n float8, b bool, at timestamptz, bytes bytea, doc jsonb
  )`.execute(db);
});

async function probeIds(on: Db | Tx): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`select id from wb_probe where id > ${0} order by id`.execute(on);
  return rows.map((r) => r.id);
}

/** Whether some session holds the probe's advisory lock — seen from outside the transaction. */
async function probeLockHeld(): Promise<boolean> {
  const { rows } = await sql<{ held: boolean }>`
    select exists (select 1 from pg_locks where locktype = 'advisory' and objid = ${PROBE_LOCK} and granted) as held
  `.execute(db);
  return rows[0]?.held ?? false;
}

const insertProbe = (id: number) => sql`insert into wb_probe (id) values (${id})`;

describe('writeBehind', () => {
  it('holds a write back until the transaction’s next statement, which travels with it and sees it', async () => {
    await sql`truncate wb_probe`.execute(db);
    await inTransaction(db, async (tx) => {
      await writeBehind(tx, sql`select pg_advisory_xact_lock(${PROBE_LOCK})`);
      await writeBehind(tx, insertProbe(1));
      expect(await probeLockHeld()).toBe(false); // not sent yet
      expect(await probeIds(tx)).toEqual([1]); // sent with this read, before it
      expect(await probeLockHeld()).toBe(true);
    });
    expect(await probeIds(db)).toEqual([1]);
  });

  it('costs no round trip of its own: the writes go out with the statement after them', async () => {
    await sql`truncate wb_probe`.execute(db);
    const groups = await statementsSent(() =>
      inTransaction(db, async (tx) => {
        for (const id of [1, 2, 3]) await writeBehind(tx, insertProbe(id));
        expect(await probeIds(tx)).toEqual([1, 2, 3]);
      }),
    );
    // BEGIN, the three inserts and the read in one round trip; the COMMIT in another.
    const insert = expect.stringMatching(/^\/\* write-behind \*\/ insert into wb_probe/);
    expect(groups).toEqual([
      ['begin', insert, insert, insert, expect.stringMatching(/^select id from wb_probe/)],
      ['commit'],
    ]);
  });

  it('goes just before a statement without parameters, which may hold several commands', async () => {
    await sql`truncate wb_probe`.execute(db);
    await inTransaction(db, async (tx) => {
      await writeBehind(tx, insertProbe(4));
      await sql`insert into wb_probe (id) values (5); insert into wb_probe (id) values (6)`.execute(tx);
    });
    expect(await probeIds(db)).toEqual([4, 5, 6]);
  });

  it('goes with the COMMIT when nothing follows; a failing held-back write fails the commit and undoes all', async () => {
    await sql`truncate wb_probe`.execute(db);
    await sql`insert into wb_probe (id) values (7)`.execute(db);
    const failing = inTransaction(db, async (tx) => {
      await insertProbe(8).execute(tx);
      await writeBehind(tx, insertProbe(7)); // duplicate key, found only at the commit
      return 'work done';
    });
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    expect(await probeIds(db)).toEqual([7]);
    // The connection is clean for the next transaction.
    await inTransaction(db, async (tx) => writeBehind(tx, insertProbe(9)));
    expect(await probeIds(db)).toEqual([7, 9]);
  });

  it('prepares again, under a new name, a held-back statement the server skipped after an error', async () => {
    await sql`truncate wb_probe`.execute(db);
    await sql`insert into wb_probe (id) values (${100})`.execute(db);
    const withNote = (id: number) => sql`insert into wb_probe (id, t) values (${id}, ${'after a failure'})`;
    for (let i = 0; i < 12; i++) {
      // Every connection of the pool: the duplicate fails, so the statement after it is never prepared.
      const failing = inTransaction(db, async (tx) => {
        await writeBehind(tx, insertProbe(100));
        await writeBehind(tx, withNote(200 + i));
        await probeIds(tx);
      });
      await expect(failing).rejects.toMatchObject({ code: '23505' });
      await inTransaction(db, async (tx) => writeBehind(tx, withNote(300 + i)));
    }
    expect(await probeIds(db)).toEqual([100, ...Array.from({ length: 12 }, (_, i) => 300 + i)]);
  });

  it('drops held-back writes when the transaction rolls back', async () => {
    await sql`truncate wb_probe`.execute(db);
    const failing = inTransaction(db, async (tx) => {
      await writeBehind(tx, insertProbe(1));
      throw new Error('the use case fails');
    });
    await expect(failing).rejects.toThrow('the use case fails');
    expect(await probeIds(db)).toEqual([]);
  });

  it('runs at once outside a transaction', async () => {
    await sql`truncate wb_probe`.execute(db);
    await writeBehind(db as unknown as Tx, insertProbe(3));
    expect(await probeIds(db)).toEqual([3]);
  });

  it('writes every value exactly as a parameter would have carried it', async () => {
    await sql`truncate wb_probe`.execute(db);
    let id = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          t: fc.option(
            fc.oneof(
              fc.string({ unit: 'binary' }).map((s) => s.replaceAll('\u0000', '')),
              // What escaping gets wrong: quotes, backslashes, placeholders, statement ends, Persian.
              fc.string({ unit: fc.constantFrom("'", '\\', "E'", '$1', ';', '\n', 'ی', 'ي', 'a') }),
            ),
          ),
          n: fc.double({ noNaN: true, noDefaultInfinity: true }),
          b: fc.boolean(),
          at: fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
          bytes: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
          doc: fc.jsonValue().map((v) => ({ v })),
        }),
        async (row) => {
          id += 1;
          await inTransaction(db, async (tx) =>
            writeBehind(
              tx,
              sql`insert into wb_probe (id, t, n, b, at, bytes, doc)
                  values (${id}, ${row.t}, ${row.n}, ${row.b}, ${row.at}, ${row.bytes}, ${JSON.stringify(row.doc)})`,
            ),
          );
          const { rows } = await sql<typeof row>`
            select t, n, b, at, bytes, doc from wb_probe where id = ${id}
          `.execute(db);
          const stored = rows[0];
          expect(stored?.t).toBe(row.t);
          expect(Object.is(stored?.n, row.n) || stored?.n === row.n).toBe(true);
          expect(stored?.b).toBe(row.b);
          expect(stored?.at.getTime()).toBe(row.at.getTime());
          expect(stored?.bytes.equals(row.bytes)).toBe(true);
          expect(stored?.doc).toEqual(JSON.parse(JSON.stringify(row.doc)));
        },
      ),
      { numRuns: 150 },
    );
  });
});
