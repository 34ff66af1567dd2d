import type { Config } from '../server/config.js';
import { withDatabase, type CliIo } from './cli-context.js';
import { formatTable } from './table.js';

/** `casebridge users list`: every user of the node with role, organisation and state. */
export async function runUsersList(config: Config, io: CliIo): Promise<number> {
  const now = new Date();
  const rows = await withDatabase(config, 'require-migrated', ({ db }) =>
    db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.org_id')
      .select([
        'users.username',
        'users.role',
        'users.display_name',
        'users.is_demo',
        'users.locked_until',
        'users.disabled_at',
        'organisations.code as org_code',
      ])
      .orderBy('organisations.code')
      .orderBy('users.username')
      .execute(),
  );
  const state = (r: (typeof rows)[number]) =>
    r.disabled_at ? 'disabled' : r.locked_until && r.locked_until > now ? 'locked' : 'active';
  const lines = formatTable(
    ['USERNAME', 'ROLE', 'ORG', 'STATE', 'DEMO', 'NAME'],
    rows.map((r) => [r.username, r.role, r.org_code, state(r), r.is_demo ? 'demo' : '', r.display_name]),
  );
  for (const line of lines) io.out(line);
  io.out(`${rows.length} user(s)`);
  return 0;
}
