import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { loadConfig } from '../src/server/config.js';
import { createDb, type Db } from '../src/server/db/client.js';
import { ensureDatabase, withDatabaseName } from '../src/server/db/database.js';

/**
 * A fresh, migrated database of its own for the calling test file (cloned from the template that
 * the global setup migrated), dropped when the file's tests end. Real PostgreSQL, never a mock.
 */
/**
 * A name for a test database of this run: `cb_t_<pid of the run>_<random>`, so that the run's teardown
 * drops its own databases and never those of another run on the same server.
 */
export function testDatabaseName(): string {
  return `${inject('dbTemplate').replace('cb_template_', 'cb_t_')}_${randomBytes(6).toString('hex')}`;
}

export async function useTestDatabase(
  options: {
    /** The batching connection or pg's plain one; default: DATABASE_BATCHING's (tests of the batching itself say true). */
    batching?: boolean;
  } = {},
): Promise<{ db: Db; url: string }> {
  const serverUrl = inject('dbServerUrl');
  const name = testDatabaseName();
  await ensureDatabase(serverUrl, name, inject('dbTemplate'));
  const url = withDatabaseName(serverUrl, name);
  // DATABASE_BATCHING=false runs the suite on pg's plain connection. No timeouts: a busy test machine
  // is no stalled database (the timeouts have tests of their own).
  const db = createDb(url, { max: 5, batching: options.batching ?? loadConfig().databaseClient.batching });
  afterAll(async () => {
    await db.destroy();
  });
  return { db, url };
}
