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

/** How long the database may take, in ms (0: no limit). Set once per connection, never per statement. */
export interface DatabaseTimeouts {
  /** The server cancels a statement running longer (`statement_timeout`). */
  statementMs: number;
  /** The server cancels a statement waiting longer for a lock (`lock_timeout`). */
  lockMs: number;
  /** The server ends a session idle inside a transaction for longer (`idle_in_transaction_session_timeout`). */
  idleInTransactionMs: number;
  /** Waiting for a connection from the pool, connecting included (pg's `connectionTimeoutMillis`). */
  acquireMs: number;
}

/** How the node's connections behave (from `config.ts`: `DATABASE_BATCHING`, `DATABASE_*_TIMEOUT_MS`). */
export interface DatabaseClientOptions {
  /** The batching connection (`db/batching-client.ts`), or pg's plain one. */
  batching: boolean;
  timeouts?: DatabaseTimeouts;
}

/**
 * How much longer than the server's statement timeout the node waits for an answer before it gives
 * up on the connection (closes it): a statement the server cancels answers in time with its own
 * error (57014) and the connection serves on; a server that does not answer at all (stopped, a
 * network that drops packets) costs a request this long and a connection, never a hang.
 */
export const ANSWER_GRACE_MS = 1000;

/**
 * pg's settings for `timeouts`. The three server settings travel in the connection's startup
 * message, so they cost no statement. Connections are pipelined (pg's `pipeline`): what the node
 * stops waiting for is then ended with its connection, which the pool drops (a connection left
 * waiting for a stalled server's answer would queue the next request's statements behind it).
 */
function timeoutSettings(timeouts: DatabaseTimeouts | undefined): pg.PoolConfig {
  if (!timeouts) return {};
  return {
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    ...(timeouts.statementMs > 0 ? { query_timeout: timeouts.statementMs + ANSWER_GRACE_MS } : {}),
    connectionTimeoutMillis: timeouts.acquireMs,
  };
}

/**
 * Opens a pooled connection to PostgreSQL with the typed query layer: batching connections unless
 * `batching` is false, with `timeouts` (none when absent: the caller's choice, e.g. a test's).
 */
export function createDb(url: string, options: { max?: number } & Partial<DatabaseClientOptions> = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    Client: options.batching === false ? pg.Client : BatchingClient,
    pipeline: true,
    ...timeoutSettings(options.timeouts),
  });
  // An idle connection the server ends (shutdown — also the embedded server stopping while the pool
  // closes —, restart, network) is dropped by the pool and the next query reconnects; without a
  // listener pg re-throws the error (57P01 "terminating connection…") and the process crashes.
  pool.on('error', () => undefined);
  // The same for a connection in use: its statements fail with the error (the request answers 503,
  // see `db/unavailable.ts`) and the pool drops it; pg would also emit the error on the connection,
  // which nobody listens to while it is checked out.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

const pools = new WeakMap<Db, pg.Pool>();

/** How a `createDb` pool's connections are used now (for /metrics), or null for a Db made otherwise. */
export function poolUse(db: Db): { total: number; idle: number; waiting: number; max: number } | null {
  const pool = pools.get(db);
  return pool
    ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max }
    : null;
}
