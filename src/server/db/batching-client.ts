import pg from 'pg';
import { WRITE_BEHIND } from './write-behind.js';

/** How many distinct statements one connection keeps prepared; past that, statements are sent unnamed. */
const PREPARED_PER_CONNECTION = 500;

/** How Kysely opens a transaction, and the name it is prepared under on each connection. */
const BEGIN = 'begin';
const BEGIN_STATEMENT = 'cb_begin';

/** The part of pg's connection that a query's `prepare` writes to (pg does not export its type). */
interface PgConnection {
  parse(config: { name: string; text: string; types: unknown[] }): void;
  bind(config: { statement: string; values: unknown[] }): void;
  execute(config: object): void;
}

/** pg's Query, with the method that writes an extended-protocol query (pg's typings leave it out). */
const PgQuery = pg.Query as unknown as new (
  config: object,
  values: undefined,
  callback: (error: Error | null | undefined, results: unknown) => void,
) => { prepare(connection: PgConnection): void };

/** What a held-back statement answers at once: no rows (its real result is never read). */
const heldBack = () => Promise.resolve({ command: 'WRITE-BEHIND', rowCount: null, rows: [] });

/**
 * A PostgreSQL connection that makes as few round trips to the server as it can — on this kind of
 * machine each one (a socket write that wakes the other process, and back) costs both sides far more
 * CPU than a short statement does:
 *
 * - Each distinct parameterised statement is prepared once (a named prepared statement) and then
 *   only bound and executed: the server parses and plans the few dozen statements of the use cases
 *   once per connection.
 * - A transaction's BEGIN is held back and sent with its first statement, in the same write: before
 *   that statement's own messages when it is a prepared one (`BEGIN` bound and executed as a prepared
 *   statement too, one Sync for both), in front of it in one simple-protocol message otherwise.
 * - Inside a transaction, write-behind statements (`db/write-behind.ts`) are held back and travel
 *   with the next statement somebody awaits (often the COMMIT), in one simple-protocol message with
 *   the parameters written as literals (`<w1>; <w2>; <next>`).
 *   The server runs them in order; the caller gets the last one's result, or the first error (which
 *   aborts the transaction, as it would have).
 *
 * (Kysely runs a transaction's statements one after another even under `Promise.all`, so reads cannot
 * be grouped here; a use case that needs several reads at once asks for them in one statement.)
 */
export class BatchingClient extends pg.Client {
  #names = new Map<string, string>();
  #heldBack: string[] = [];
  #inTransaction = false;
  #beginPrepared = false;

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
      this.#sendHeldBack();
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const params = Array.isArray(values) ? values : [];
    if (text === BEGIN && !this.#inTransaction && this.#heldBack.length === 0) {
      this.#heldBack.push(BEGIN);
      return heldBack() as never;
    }
    if (text === 'rollback') {
      const reachedServer = this.#heldBack[0] !== BEGIN;
      this.#heldBack = []; // they would have been undone
      if (!reachedServer) return heldBack() as never;
    }
    const writeBehind = text.startsWith(WRITE_BEHIND);
    const pending = this.#heldBack.length > 0;
    const name = params.length > 0 ? this.#nameOf(text) : undefined;
    if (!writeBehind && name && this.#heldBack.length === 1 && this.#heldBack[0] === BEGIN) {
      this.#heldBack = [];
      return this.#afterBegin({ name, text, values: params }) as never;
    }
    const travels = writeBehind ? this.#inTransaction || pending : pending;
    const statement = travels ? inline(text, params) : null;
    if (statement !== null && writeBehind) {
      this.#heldBack.push(statement);
      return heldBack() as never;
    }
    if (statement !== null && pending) return this.#withHeldBack(statement) as never;
    this.#sendHeldBack();
    return (name ? super.query({ name, text, values: params }) : super.query(text, params)) as never;
  }

  /**
   * BEGIN and a prepared statement in one write and one Sync: BEGIN's Bind and Execute (it is
   * prepared once per connection like the others), then the statement's own messages. The server
   * answers both before its one ReadyForQuery; pg collects the two results and we give the second.
   */
  #afterBegin(config: { name: string; text: string; values: unknown[] }): Promise<pg.QueryResult> {
    const sendBegin = (connection: PgConnection) => {
      if (!this.#beginPrepared) connection.parse({ name: BEGIN_STATEMENT, text: BEGIN, types: [] });
      this.#beginPrepared = true;
      connection.bind({ statement: BEGIN_STATEMENT, values: [] });
      connection.execute({});
    };
    return new Promise((resolve, reject) => {
      const query = new (class extends PgQuery {
        override prepare(connection: PgConnection): void {
          sendBegin(connection);
          super.prepare(connection);
        }
      })(config, undefined, (error, results) => {
        if (error) reject(error);
        else
          resolve(Array.isArray(results) ? (results.at(-1) as pg.QueryResult) : (results as pg.QueryResult));
      });
      super.query(query as unknown as pg.QueryConfig);
    });
  }

  /** The held-back statements and this one in one message; answers this one's result. */
  async #withHeldBack(statement: string): Promise<pg.QueryResult> {
    const group = [...this.#heldBack.splice(0), statement];
    const results = (await super.query(group.join(';\n'))) as unknown as pg.QueryResult[];
    return results[results.length - 1] as pg.QueryResult;
  }

  /**
   * Sends the held-back statements on their own, ahead of one that cannot travel with them (pg keeps
   * the order). An error of theirs is left to that statement: it fails in the aborted transaction.
   */
  #sendHeldBack(): void {
    if (this.#heldBack.length > 0)
      void super.query(this.#heldBack.splice(0).join(';\n')).catch(() => undefined);
  }

  #nameOf(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known || this.#names.size >= PREPARED_PER_CONNECTION) return known;
    const name = `cb${this.#names.size}`;
    this.#names.set(text, name);
    return name;
  }
}

/**
 * A statement with its `$n` parameters written as quoted literals — untyped, so the server infers
 * their types from the context as it did for the parameters — or null when a parameter is of a kind
 * not written here (an array).
 */
function inline(text: string, params: unknown[]): string | null {
  if (params.length === 0) return text;
  const literals = params.map(literal);
  if (literals.includes(null)) return null;
  return text.replace(/\$(\d+)/g, (_, n: string) => literals[Number(n) - 1] as string);
}

function literal(value: unknown): string | null {
  if (value === null || value === undefined) return 'null';
  if (Buffer.isBuffer(value)) return quote(`\\x${value.toString('hex')}`); // bytea's hex form
  if (value instanceof Date) return quote(value.toISOString());
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return quote(String(value));
  if (Array.isArray(value)) return null;
  return quote(JSON.stringify(value));
}

/**
 * A string as a literal, as pg's escapeLiteral writes it (quotes doubled; with backslashes, an E''
 * literal with them doubled, whatever `standard_conforming_strings` says) — with the engine's
 * replaceAll instead of a loop over every character: messages and evidence entries are kilobytes.
 */
function quote(text: string): string {
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}
