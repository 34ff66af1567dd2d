import type { Config } from '../server/config.js';
import { withDatabase, type CliIo } from './cli-context.js';
import { formatTable } from './table.js';

/** `casebridge orgs list`: the organisations of the node, by code. */
export async function runOrgsList(config: Config, io: CliIo): Promise<number> {
  const rows = await withDatabase(config, 'require-migrated', ({ db }) =>
    db.selectFrom('organisations').selectAll().orderBy('code').execute(),
  );
  const lines = formatTable(
    ['CODE', 'KIND', 'COUNTY', 'NODE', 'DEMO', 'NAME'],
    rows.map((r) => [
      r.code,
      r.kind,
      r.county_code,
      r.node_id,
      r.is_demo ? 'demo' : '',
      `${r.name_fa} — ${r.name_en}`,
    ]),
  );
  for (const line of lines) io.out(line);
  io.out(`${rows.length} organisation(s)`);
  return 0;
}
