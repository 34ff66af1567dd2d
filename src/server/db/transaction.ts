import type { Db, Tx } from './client.js';

// PostgreSQL's answers that mean "nothing was done, run the same transaction again".
const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure

type Task = () => Promise<void>;
const beforeCommitTasks = new WeakMap<Tx, Map<string, Task>>();

/**
 * Asks to run `task` at the very end of the transaction, just before it commits — once per `key`
 * (a second call with the same key is ignored). Returns false when the transaction was not opened
 * by `inTransaction`: the caller must then do the work at once. Used to append to the node's
 * chains (audit, evidence) as late as possible, so that their global lock is held only for the
 * last statements and the commit.
 */
export function runBeforeCommit(tx: Tx, key: string, task: Task): boolean {
  const tasks = beforeCommitTasks.get(tx);
  if (!tasks) return false;
  if (!tasks.has(key)) tasks.set(key, task);
  return true;
}

/**
 * Runs `work` in one transaction, then the tasks it asked for with `runBeforeCommit`, then commits;
 * and runs the whole again (up to `attempts` times, after a short random pause) when PostgreSQL
 * aborted it as a deadlock victim or for a serialization failure — both leave nothing behind.
 * `work` must touch nothing outside the database, which holds for use cases: their outside effects
 * (blobs written before, the worker's kick after) are idempotent.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (tx) => {
        const tasks = new Map<string, Task>();
        beforeCommitTasks.set(tx, tasks);
        const result = await work(tx);
        for (const task of tasks.values()) await task();
        return result;
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
