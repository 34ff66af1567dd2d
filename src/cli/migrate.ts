import type { Config } from '../server/config.js';
import { migrate } from '../server/db/migrate.js';
import { seedReference } from '../server/db/reference/seed-reference.js';
import { withDatabase, type CliIo } from './cli-context.js';

/** `casebridge migrate`: applies the migrations not yet applied and refreshes the reference data. */
export async function runMigrate(config: Config, io: CliIo): Promise<number> {
  const applied = await withDatabase(config, 'as-is', async ({ db }) => {
    const names = await migrate(db);
    await seedReference(db);
    return names;
  });
  if (applied.length === 0) io.out('database is up to date: no migration to apply');
  for (const name of applied) io.out(`applied ${name}`);
  return 0;
}
