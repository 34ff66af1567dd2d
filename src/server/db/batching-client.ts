import pg from 'pg';
import { WRITE_BEHIND } from './write-behind-marker.js';

/** How many distinct statements one connection keeps prepared; past that, statements are sent unnamed. */
const PREPARED_PER_CONNECTION = 500;

/** How Kysely opens and ends a transaction. */
const BEGIN = 'begin';
const COMMIT = 'commit';
const ROLLBACK = 'rollback';

/** A statement held back to travel with the next one: the transaction's BEGIN, or a write-behind. */
interface Statement {
  text: string;
  values: unknown[];
}

/** What a held-back statement answers at once: no rows (its real result is never read). */
const heldBack = (): Promise<pg.QueryResult> =>
  Promise.resolve({ command: 'WRITE-BEHIND', rowCount: null, oid: 0, fields: [], rows: [] });

/**
 * A PostgreSQL connection that makes as few round trips to the server as it can — each one (a socket
 * write that wakes the other process, and back) costs both sides more CPU than a short statement
 * does (docs/decisions/0006):
 *
 * - Each distinct statement with parameters is prepared once (a named prepared statement) and then
 *   only bound and executed: the server parses and plans the few dozen statements of the use cases
 *   once per connection.
 * - A transaction's BEGIN, and inside it the write-behind statements (`db/write-behind.ts`), are held
 *   back and sent just before the next statement somebody awaits (often the COMMIT), all in the same
 *   tick: the connection is pipelined (pg's `pipeline` mode), so none of them waits for the answer to
 *   the one before. The caller gets the last one's result, or the first error among them (which
 *   aborts the transaction, as it would have).
 *
 * Only pg's public API is used: each statement is an ordinary `query` of its own, with its own Sync,
 * and pg alone keeps track of what the server has prepared — one statement's failure leaves every
 * other one, and the connection, as they were (docs/decisions/0008: the first version wrote the
 * messages itself and lost track of its prepared statements after a failed batch).
 *
 * (Kysely runs a transaction's statements one after another even under `Promise.all`, so reads cannot
 * be grouped here; a use case that needs several reads at once asks for them in one statement.)
 */
export class BatchingClient extends pg.Client {
  #names = new Map<string, string>();
  #nextName = 0;
  #heldBack: Statement[] = [];

  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || callback !== undefined) {
      // Not one of the query layer's statements (a callback): what is held back goes first.
      for (const statement of this.#heldBack.splice(0)) this.#submit(statement).catch(() => undefined);
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const statement = { text, values: Array.isArray(values) ? values : [] };
    const inTransaction = this.getTransactionStatus() === 'T';
    if (text === BEGIN && !inTransaction && this.#heldBack.length === 0) {
      this.#heldBack.push(statement);
      return heldBack() as never;
    }
    if (text === ROLLBACK || (text === COMMIT && this.#heldBack.length === 1)) {
      // Nothing reached the server yet (only the BEGIN is held back): nothing to end there. A rollback
      // also drops the writes held back, which it would have undone.
      const reachedServer = this.#heldBack[0]?.text !== BEGIN;
      if (text === ROLLBACK || !reachedServer) this.#heldBack = [];
      if (!reachedServer) return heldBack() as never;
    }
    if (text.startsWith(WRITE_BEHIND) && (inTransaction || this.#heldBack.length > 0)) {
      this.#heldBack.push(statement);
      return heldBack() as never;
    }
    return this.#send([...this.#heldBack.splice(0), statement]) as never;
  }

  /**
   * Submits `statements` back to back and answers the last one's result once all are answered, or
   * the first error among them (those after it failed only because the transaction was aborted).
   */
  async #send(statements: Statement[]): Promise<pg.QueryResult> {
    const settled = await Promise.allSettled(statements.map((statement) => this.#submit(statement)));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return (settled.at(-1) as PromiseFulfilledResult<pg.QueryResult>).value;
  }

  /**
   * One statement through pg's public `query`: named (prepared once) when it has parameters; without
   * any, the simple protocol, which also takes several commands (a migration).
   */
  #submit(statement: Statement): Promise<pg.QueryResult> {
    const name = statement.values.length > 0 ? this.#nameOf(statement.text) : undefined;
    return super.query(name ? { name, ...statement } : statement);
  }

  #nameOf(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known || this.#names.size >= PREPARED_PER_CONNECTION) return known;
    const name = `cb${this.#nextName++}`;
    this.#names.set(text, name);
    return name;
  }
}
