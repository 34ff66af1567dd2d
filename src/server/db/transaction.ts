import type { Db, Tx } from './client.js';

// PostgreSQL's answers that mean "nothing was done, run the same transaction again".
const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure

/**
 * Runs `work` in one transaction, and runs it again (up to `attempts` times, after a short random
 * pause) when PostgreSQL aborted it as a deadlock victim or for a serialization failure — both
 * leave nothing behind. `work` must touch nothing outside the database, which holds for use cases:
 * their outside effects (blobs written before, the worker's kick after) are idempotent.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
