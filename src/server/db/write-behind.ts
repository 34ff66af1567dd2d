import { CompiledQuery, type Compilable, type RawBuilder } from 'kysely';
import type { Tx } from './client.js';
import { WRITE_BEHIND } from './write-behind-marker.js';

/**
 * Runs a write later in the caller's transaction: with the transaction's next statement, in the same
 * message to PostgreSQL (`<write>; <write>; <next statement>`), or with its COMMIT. A use case that
 * writes five rows whose results it does not need then costs one round trip to the database instead
 * of five, and the chains' lock that the last of them takes is held only while the server works,
 * never while a busy node gets round to sending the COMMIT.
 *
 * The order of statements is kept, so a later read sees the write. The write's result is not
 * returned; an error it raises is raised by the statement it travels with (or the commit), and the
 * transaction rolls back as it would have. Use it only for writes whose errors the caller does not
 * tell apart. Outside a transaction the write runs at once.
 */
export async function writeBehind(tx: Tx, query: Compilable | RawBuilder<unknown>): Promise<void> {
  const compiled = 'isRawBuilder' in query ? query.compile(tx) : query.compile();
  await tx.executeQuery(CompiledQuery.raw(WRITE_BEHIND + compiled.sql, [...compiled.parameters]));
}
