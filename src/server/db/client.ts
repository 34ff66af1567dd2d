import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { BatchingClient } from './batching-client.js';

// int8 (bigint, count(*)) as a JS number: our counts and sizes stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction: repositories accept both. */
export type DbOrTx = Db | Tx;

/** Opens a pooled connection to PostgreSQL with the typed query layer. */
export function createDb(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, Client: BatchingClient });
  // An idle connection the server ends (shutdown — also the embedded server stopping while the pool
  // closes —, restart, network) is dropped by the pool and the next query reconnects; without a
  // listener pg re-throws the error (57P01 "terminating connection…") and the process crashes.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
