import { sql } from 'kysely';
import type { Db } from '../../src/server/db/client.js';

/**
 * A log of committed writes to the node's business tables, for the fuzzer only: a row trigger on every table
 * (sessions left out: signing in and out is their point) appends the table's name to `fuzz_writes`, in the
 * writing transaction, so a rolled-back write leaves no trace and a committed one always does. Reading the
 * newest entry's id after each request costs one indexed look-up, where hashing every table cost 15 ms.
 */

const LEFT_OUT = new Set(['sessions', 'schema_migrations', 'fuzz_writes']);

/** Creates `fuzz_writes` and the triggers that fill it, in the fuzzer's own database. */
export async function installWriteLog(db: Db): Promise<void> {
  await sql`create table if not exists fuzz_writes (id bigserial primary key, table_name text not null)`.execute(
    db,
  );
  await sql`create or replace function fuzz_write_logged() returns trigger language plpgsql as $$
    begin insert into fuzz_writes (table_name) values (tg_table_name); return null; end $$`.execute(db);
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  for (const { name } of rows.filter((r) => !LEFT_OUT.has(r.name))) {
    await sql`drop trigger if exists fuzz_write_logged on ${sql.table(name)}`.execute(db);
    await sql`create trigger fuzz_write_logged after insert or update or delete on ${sql.table(name)}
      for each row execute function fuzz_write_logged()`.execute(db);
  }
}

/** The id of the newest logged write (0 before any). */
export async function lastWrite(db: Db): Promise<number> {
  const { rows } = await sql<{ id: string | null }>`select max(id) as id from fuzz_writes`.execute(db);
  return Number(rows[0]?.id ?? 0);
}

/** The tables written since the write of id `since`. */
export async function tablesWrittenSince(db: Db, since: number): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select distinct table_name as name from fuzz_writes where id > ${since} order by 1`.execute(db);
  return rows.map((r) => r.name);
}
