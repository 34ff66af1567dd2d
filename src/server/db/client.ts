import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { WRITE_BEHIND } from './write-behind.js';

// int8 (bigint, count(*)) as a JS number: our counts and sizes stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction: repositories accept both. */
export type DbOrTx = Db | Tx;

/** How many distinct statements one connection keeps prepared; past that, statements are sent unnamed. */
const PREPARED_PER_CONNECTION = 500;

/**
 * A connection that prepares each distinct parameterised statement once (a named prepared
 * statement) and then only binds and executes it: PostgreSQL parses and plans the same few dozen
 * statements of the use cases once per connection instead of on every call — a large share of the
 * database's work for short statements. Statements without parameters (BEGIN, COMMIT, migrations)
 * keep the simple protocol.
 *
 * Inside a transaction it also holds back write-behind statements (`db/write-behind.ts`) and sends
 * them, their parameters written as literals, in one message with the next statement: each round
 * trip to the server costs both processes far more than a short statement does.
 */
class PreparingClient extends pg.Client {
  #names = new Map<string, string>();
  #heldBack: string[] = [];
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
      // Not one of the query layer's statements (a cursor, a callback): the held-back writes go first.
      this.#sendHeldBack();
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    if (text === 'rollback') this.#heldBack = []; // they would have been undone
    const params = Array.isArray(values) ? values : [];
    const inlined =
      this.#heldBack.length > 0 || text.startsWith(WRITE_BEHIND) ? inline(this, text, params) : null;
    if (inlined !== null && text.startsWith(WRITE_BEHIND) && this.#inTransaction) {
      this.#heldBack.push(inlined);
      return Promise.resolve({ command: 'WRITE-BEHIND', rowCount: 0, rows: [] }) as never;
    }
    if (inlined !== null && this.#heldBack.length > 0) return this.#withHeldBack(inlined) as never;
    this.#sendHeldBack();
    if (params.length > 0) {
      const name = this.#nameOf(text);
      if (name) return super.query({ name, text, values: params }) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }

  /** Sends the held-back writes and the statement in one simple-protocol message; answers the statement's result. */
  async #withHeldBack(statement: string): Promise<pg.QueryResult> {
    const batch = this.#heldBack.splice(0);
    const results = (await super.query([...batch, statement].join(';\n'))) as unknown as pg.QueryResult[];
    return results[results.length - 1] as pg.QueryResult;
  }

  /**
   * Sends the held-back writes on their own, ahead of a statement that cannot travel with them. Their
   * error, if any, is left to that statement: it fails in the aborted transaction.
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
function inline(client: pg.Client, text: string, params: unknown[]): string | null {
  const literals = params.map((value) => literal(client, value));
  if (literals.includes(null)) return null;
  return text.replace(/\$(\d+)/g, (_, n: string) => literals[Number(n) - 1] as string);
}

function literal(client: pg.Client, value: unknown): string | null {
  if (value === null || value === undefined) return 'null';
  if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'`;
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (typeof value === 'string') return client.escapeLiteral(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return client.escapeLiteral(String(value));
  if (Array.isArray(value)) return null;
  return client.escapeLiteral(JSON.stringify(value));
}

/** Opens a pooled connection to PostgreSQL with the typed query layer. */
export function createDb(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, Client: PreparingClient });
  // An idle connection the server ends (shutdown — also the embedded server stopping while the pool
  // closes —, restart, network) is dropped by the pool and the next query reconnects; without a
  // listener pg re-throws the error (57P01 "terminating connection…") and the process crashes.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
