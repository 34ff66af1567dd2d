import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

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
 */
class PreparingClient extends pg.Client {
  #names = new Map<string, string>();

  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = this.#nameOf(text);
      if (name) return super.query({ name, text, values }) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }

  #nameOf(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known || this.#names.size >= PREPARED_PER_CONNECTION) return known;
    const name = `cb${this.#names.size}`;
    this.#names.set(text, name);
    return name;
  }
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
