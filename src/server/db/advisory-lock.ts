import { sql } from 'kysely';
import type { Db } from './client.js';

/** The advisory lock keys of the work only one process of a deployment may do at a time. */
export const PREPARE_LOCK = 727002;
export const DEMO_LOCK = 727003;

/**
 * Runs `use` while this process holds PostgreSQL's session advisory lock `key` on a connection of its own
 * (`use` runs on the pool, so the pool needs two connections): several nodes starting at once on one
 * database wait for each other and each does the work only if the previous one left it undone. The lock
 * goes with its connection if the process dies.
 */
export async function withAdvisoryLock<T>(db: Db, key: number, use: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      return await use();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}
