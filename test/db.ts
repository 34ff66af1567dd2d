import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { createDb, type Db } from '../src/server/db/client.js';
import { ensureDatabase, withDatabaseName } from '../src/server/db/database.js';

/**
 * A fresh, migrated database of its own for the calling test file (cloned from the template that
 * the global setup migrated), dropped when the file's tests end. Real PostgreSQL, never a mock.
 */
export async function useTestDatabase(): Promise<{ db: Db; url: string }> {
  const serverUrl = inject('dbServerUrl');
  const name = `cb_t_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(serverUrl, name, inject('dbTemplate'));
  const url = withDatabaseName(serverUrl, name);
  const db = createDb(url, { max: 5 });
  afterAll(async () => {
    await db.destroy();
  });
  return { db, url };
}
