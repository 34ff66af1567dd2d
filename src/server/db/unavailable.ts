import { sql } from 'kysely';
import type { Db } from './client.js';

/**
 * PostgreSQL's answers that mean "not now" rather than "never": the server is shutting down,
 * starting up or out of connections, a connection was lost, a statement ran out of time
 * (statement_timeout, lock_timeout) or its session sat idle in a transaction too long.
 */
const UNAVAILABLE_STATES = new Set([
  '57014', // query_canceled (statement_timeout)
  '55P03', // lock_not_available (lock_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout
]);

/** What Node's sockets say (on connect, read or write) when the server is not there, or went away. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOENT', // the embedded server's Unix socket is gone
]);

/** pg hands a socket's error on as is; a file's (a missing document) has another syscall. */
const SOCKET_CALLS = new Set(['connect', 'read', 'write']);

/**
 * What pg and its pool say when no answer came (they carry no code): the answer's timeout
 * (`query_timeout`), the pool's (`connectionTimeoutMillis`), a connection that ended or broke.
 */
const CLIENT_MESSAGES = [
  'Query read timeout',
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Postgres connection has been discarded',
  'timeout expired',
];

/**
 * Whether `error` says the database is unreachable, stalled or overloaded — for now: the request
 * may succeed if tried again (the API answers 503 `service.unavailable` with Retry-After) — as
 * opposed to a fault of the request or the code.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
  const syscall = (error as { syscall?: unknown }).syscall;
  if (typeof code === 'string' && SOCKET_CODES.has(code) && SOCKET_CALLS.has(String(syscall))) return true;
  return CLIENT_MESSAGES.some((message) => error.message.startsWith(message));
}

/**
 * Whether the database answers a query within `withinMs` (the node's readiness: `/readyz`). The
 * query is left to end on its own (at worst with the connection's timeouts); only its answer is
 * not waited for.
 */
export async function isDatabaseReady(db: Db, withinMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const answered = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), withinMs);
  });
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}
