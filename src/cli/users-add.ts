import { AppError } from '../domain/errors.js';
import { createUserBodySchema } from '../domain/users.schema.js';
import type { Config } from '../server/config.js';
import { createUser } from '../server/modules/users/users.usecase.js';
import { systemClock } from '../server/platform/clock.js';
import { CliError, withDatabase, type CliIo } from './cli-context.js';
import { readPassword } from './read-password.js';

export interface UsersAddOptions {
  org: string;
  username: string;
  role: string;
  name: string;
  password?: string | undefined;
}

// What the schema's field names are called on the command line.
const flagOf: Record<string, string> = {
  username: '--username',
  role: '--role',
  displayName: '--name',
  password: '--password',
};

/**
 * `casebridge users add`: creates a user in an organisation (by its code) through the same use case
 * as the admin API, run as the node's operator (audited with no actor). The password comes from
 * `--password`, or a hidden prompt, or the first line of stdin.
 */
export async function runUsersAdd(config: Config, options: UsersAddOptions, io: CliIo): Promise<number> {
  const password = options.password ?? (await readPassword());
  const parsed = createUserBodySchema
    .omit({ orgId: true })
    .safeParse({ username: options.username, role: options.role, displayName: options.name, password });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${flagOf[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`,
    );
    throw new CliError(`invalid user:\n  ${problems.join('\n  ')}`);
  }
  const user = await withDatabase(config, 'prepare', async ({ db }) => {
    const org = await db
      .selectFrom('organisations')
      .select(['id', 'code'])
      .where('code', '=', options.org)
      .executeTakeFirst();
    if (!org) throw new CliError(`no organisation with code ${options.org} (see \`casebridge orgs list\`)`);
    try {
      return await createUser({
        db,
        clock: systemClock,
        actor: null,
        body: { ...parsed.data, orgId: org.id },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'users.username_taken')
        throw new CliError(`username ${options.username} is taken`);
      throw error;
    }
  });
  io.out(`created user ${user.username} (${user.role}) in ${options.org}`);
  return 0;
}
