import { sql } from 'kysely';
import type { Config } from '../server/config.js';
import { openDatabase, type OpenDatabase } from '../server/db/database.js';
import { listMigrations, migrate } from '../server/db/migrate.js';
import { seedReference } from '../server/db/reference/seed-reference.js';
import { CliError } from './cli-error.js';

export { CliError, type CliIo } from './cli-error.js';

/**
 * Opens the database exactly as the node does (embedded in DATA_DIR, or DATABASE_URL), runs `use`,
 * and closes it (stopping the embedded server) whatever happens. `prepare` applies the migrations
 * and the reference data first (commands that write); `require-migrated` makes an unmigrated
 * database an error rather than something a read-only command silently creates; `as-is` does neither.
 */
export async function withDatabase<T>(
  config: Config,
  mode: 'prepare' | 'require-migrated' | 'as-is',
  use: (database: OpenDatabase) => Promise<T>,
): Promise<T> {
  const database = await openNodeDatabase(config);
  try {
    if (mode === 'prepare') {
      await migrate(database.db);
      await seedReference(database.db);
    } else if (mode === 'require-migrated') {
      await assertMigrated(database);
    }
    return await use(database);
  } finally {
    await database.close();
  }
}

async function openNodeDatabase(config: Config): Promise<OpenDatabase> {
  try {
    // Commands (migrations, seeding a million cases, walking the audit chain) may run long statements.
    return await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: 4,
      client: config.databaseMaintenanceClient,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot open the database: ${reason}`);
  }
}

async function assertMigrated(database: OpenDatabase): Promise<void> {
  const found = await sql<{
    name: string | null;
  }>`select to_regclass('schema_migrations')::text as name`.execute(database.db);
  const latest = (await listMigrations()).at(-1)?.version ?? 0;
  const applied = found.rows[0]?.name
    ? ((
        await database.db
          .selectFrom('schema_migrations')
          .select((eb) => eb.fn.max('version').as('v'))
          .executeTakeFirst()
      )?.v ?? 0)
    : 0;
  if (applied < latest)
    throw new CliError(
      'the database is not migrated to this version: run `casebridge migrate` (or start the node) first',
    );
}
