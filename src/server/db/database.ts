import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type DatabaseClientOptions, type Db } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';

/** An open database for the node: the typed client, whether it is embedded, and how to close it. */
export interface OpenDatabase {
  db: Db;
  url: string;
  embedded: boolean;
  /**
   * Runs `use` on a short-lived pool of its own with the maintenance options (longer statement
   * timeouts: migrations, the demo seeding), then closes that pool.
   */
  maintenance<T>(use: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const EMBEDDED_DB_NAME = 'casebridge';

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates a database if it does not exist yet (connected to the server's maintenance database). */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await client.query(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ''}`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Opens the node's database: the server named by `databaseUrl`, or, without one, an embedded
 * PostgreSQL whose cluster lives in `<dataDir>/postgres` (started now, stopped by `close`).
 */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Connections to keep (the node's `DATABASE_POOL_SIZE`). */
  poolSize: number;
  /** Batching and timeouts of the pool (`config.databaseClient`, or the maintenance one for commands). */
  client: DatabaseClientOptions;
  /** The same for `maintenance` (`config.databaseMaintenanceClient`; default: `client`). */
  maintenanceClient?: DatabaseClientOptions;
}): Promise<OpenDatabase> {
  const maintenance =
    (url: string) =>
    async <T>(use: (db: Db) => Promise<T>): Promise<T> => {
      const db = createDb(url, { max: 2, ...(options.maintenanceClient ?? options.client) });
      try {
        return await use(db);
      } finally {
        await db.destroy();
      }
    };
  if (options.databaseUrl) {
    const db = createDb(options.databaseUrl, { max: options.poolSize, ...options.client });
    await sql`select 1`.execute(db);
    return {
      db,
      url: options.databaseUrl,
      embedded: false,
      maintenance: maintenance(options.databaseUrl),
      close: () => db.destroy(),
    };
  }
  const server = await startEmbeddedPostgres({ dir: path.join(options.dataDir, 'postgres') });
  try {
    await ensureDatabase(server.url, EMBEDDED_DB_NAME);
    const url = withDatabaseName(server.url, EMBEDDED_DB_NAME);
    const db = createDb(url, { max: options.poolSize, ...options.client });
    return {
      db,
      url,
      embedded: true,
      maintenance: maintenance(url),
      close: async () => {
        await db.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
