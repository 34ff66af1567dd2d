import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './client.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered SQL migrations shipped with the code, in order (`0001_name.sql`, …). */
export async function listMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number.parseInt(file.slice(0, 4), 10),
      name: file.replace(/\.sql$/, ''),
      sql: await fs.readFile(path.join(dir, file), 'utf8'),
    })),
  );
}

/**
 * Applies the migrations not yet applied, each in its own transaction, under an advisory lock
 * so that several nodes starting at once migrate only once. Returns the names applied.
 */
export async function migrate(db: Db): Promise<string[]> {
  const migrations = await listMigrations();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(727001)`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(
        conn,
      );
      const done = new Set(
        (await conn.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version),
      );
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await conn.transaction().execute(async (tx) => {
          await sql.raw(m.sql).execute(tx);
          await tx.insertInto('schema_migrations').values({ version: m.version, name: m.name }).execute();
        });
        applied.push(m.name);
      }
      return applied;
    } finally {
      await sql`select pg_advisory_unlock(727001)`.execute(conn);
    }
  });
}
