import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';
import { WRITE_BEHIND } from './write-behind.js';

/** How many distinct statements one connection keeps prepared; past that, statements are sent unnamed. */
const PREPARED_PER_CONNECTION = 500;

/** How Kysely opens and ends a transaction. */
const BEGIN = 'begin';
const COMMIT = 'commit';

/** A statement held back to travel with the next one: the transaction's BEGIN, or a write-behind. */
interface Held {
  text: string;
  values: unknown[];
}

/** The part of pg's connection that a query's `prepare` writes to (pg does not export its type). */
interface PgConnection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  parse(config: { name: string; text: string; types: unknown[] }): void;
  bind(config: { statement: string; values: unknown[]; valueMapper: (value: unknown) => unknown }): void;
  describe(config: { type: 'P'; name: string }): void;
  execute(config: object): void;
  sync(): void;
}

/** pg's Query, with the method that writes an extended-protocol query (pg's typings leave it out). */
const PgQuery = pg.Query as unknown as new (
  config: object,
  values: undefined,
  callback: (error: Error | null | undefined, results: unknown) => void,
) => { prepare(connection: PgConnection): void };

/**
 * A query whose messages follow those of the statements held back before it (`before`), all under
 * its one Sync — or, without a statement of its own, only those and the Sync.
 */
class PipelineQuery extends PgQuery {
  readonly #before: (connection: PgConnection) => void;
  readonly #hasStatement: boolean;

  constructor(
    config: object,
    before: (connection: PgConnection) => void,
    hasStatement: boolean,
    callback: (error: Error | null | undefined, results: unknown) => void,
  ) {
    super(config, undefined, callback);
    this.#before = before;
    this.#hasStatement = hasStatement;
  }

  override prepare(connection: PgConnection): void {
    this.#before(connection);
    if (this.#hasStatement) super.prepare(connection);
    else connection.sync();
  }
}

/** What a held-back statement answers at once: no rows (its real result is never read). */
const heldBack = () => Promise.resolve({ command: 'WRITE-BEHIND', rowCount: null, rows: [] });

/**
 * A PostgreSQL connection that makes as few round trips to the server as it can — on this kind of
 * machine each one (a socket write that wakes the other process, and back) costs both sides far more
 * CPU than a short statement does:
 *
 * - Each distinct statement with parameters is prepared once (a named prepared statement) and then
 *   only bound and executed: the server parses and plans the few dozen statements of the use cases
 *   once per connection.
 * - A transaction's BEGIN, and inside it the write-behind statements (`db/write-behind.ts`), are held
 *   back and travel with the next statement somebody awaits (often the COMMIT): one write to the
 *   socket carries each one's Bind and Execute (each prepared once per connection like the others),
 *   then that statement's, and one Sync. The server runs them in order and answers them all before
 *   its one ReadyForQuery; the caller gets the last one's result, or the first error (which aborts
 *   the transaction, as it would have).
 *
 * (Kysely runs a transaction's statements one after another even under `Promise.all`, so reads cannot
 * be grouped here; a use case that needs several reads at once asks for them in one statement.)
 */
export class BatchingClient extends pg.Client {
  #names = new Map<string, string>();
  #nextName = 0;
  #heldBack: Held[] = [];
  #inTransaction = false;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // ReadyForQuery tells the transaction status: I (idle), T (in a transaction), E (failed one).
    (this as unknown as { connection: NodeJS.EventEmitter }).connection.on(
      'readyForQuery',
      (msg: { status: string }) => (this.#inTransaction = msg.status === 'T'),
    );
  }

  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || callback !== undefined) {
      // Not one of the query layer's statements (a cursor, a callback): what is held back goes first.
      this.#flushHeldBack();
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const statement = { text, values: Array.isArray(values) ? values : [] };
    if (text === BEGIN && !this.#inTransaction && this.#heldBack.length === 0) {
      this.#heldBack.push(statement);
      return heldBack() as never;
    }
    if (text === 'rollback') {
      const reachedServer = this.#heldBack[0]?.text !== BEGIN;
      this.#heldBack = []; // they would have been undone
      if (!reachedServer) return heldBack() as never;
    }
    const pending = this.#heldBack.length > 0;
    if (text.startsWith(WRITE_BEHIND) && (this.#inTransaction || pending)) {
      this.#heldBack.push(statement);
      return heldBack() as never;
    }
    // A statement without parameters may hold several commands (a migration), which only the simple
    // protocol takes: what is held back then goes just before it. COMMIT is one command.
    if (pending && (statement.values.length > 0 || text === COMMIT))
      return this.#send(this.#heldBack.splice(0), statement) as never;
    this.#flushHeldBack();
    const name = statement.values.length > 0 ? this.#nameOf(text) : undefined;
    return (name ? super.query({ name, ...statement }) : super.query(text, statement.values)) as never;
  }

  /**
   * The held-back statements, then `last` (or only a Sync), in one write and one extended-protocol
   * pipeline; answers `last`'s result. pg collects one result per statement; the last is `last`'s.
   */
  #send(held: Held[], last: Held | null): Promise<pg.QueryResult> {
    const firstParsedHere: string[] = [];
    const writeHeld = (connection: PgConnection) => {
      for (const item of held) {
        const name = this.#nameOf(item.text) ?? '';
        const parsed =
          name !== '' && (name in connection.parsedStatements || name in connection.submittedNamedStatements);
        if (!parsed) {
          connection.parse({ name, text: item.text, types: [] });
          if (name !== '') {
            connection.submittedNamedStatements[name] = item.text;
            firstParsedHere.push(name);
          }
        }
        connection.bind({ statement: name, values: item.values, valueMapper: pgUtils.prepareValue });
        connection.describe({ type: 'P', name: '' });
        connection.execute({});
      }
    };
    const config = last
      ? { ...last, name: last.values.length > 0 ? this.#nameOf(last.text) : undefined, queryMode: 'extended' }
      : { text: '-- held-back statements', queryMode: 'extended' };
    return new Promise((resolve, reject) => {
      const query = new PipelineQuery(config, writeHeld, last !== null, (error, results) => {
        if (!error) {
          resolve(Array.isArray(results) ? (results.at(-1) as pg.QueryResult) : (results as pg.QueryResult));
          return;
        }
        // The server skips what follows an error: a statement first prepared here may not exist there.
        // Its text gets a new name the next time, so that no name is ever prepared twice.
        this.#forget(firstParsedHere);
        reject(error);
      });
      super.query(query as unknown as pg.QueryConfig);
    });
  }

  /**
   * Sends what is held back on its own, ahead of a statement that cannot travel with it (pg keeps the
   * order). An error of theirs is left to that statement: it fails in the aborted transaction.
   */
  #flushHeldBack(): void {
    if (this.#heldBack.length > 0) void this.#send(this.#heldBack.splice(0), null).catch(() => undefined);
  }

  /** Forgets statements whose preparation on the server is uncertain (see `#send`). */
  #forget(names: string[]): void {
    const connection = (this as unknown as { connection: PgConnection }).connection;
    for (const name of names) delete connection.submittedNamedStatements[name];
    for (const [text, name] of this.#names) if (names.includes(name)) this.#names.delete(text);
  }

  #nameOf(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known || this.#names.size >= PREPARED_PER_CONNECTION) return known;
    const name = `cb${this.#nextName++}`;
    this.#names.set(text, name);
    return name;
  }
}
