import { Command, InvalidArgumentError } from 'commander';
import { roles } from '../domain/roles.js';
import { loadConfig, type Config } from '../server/config.js';
import { ConfigError } from '../server/platform/config-error.js';
import { DEFAULT_DEMO_CASES, DEFAULT_DEMO_SEED } from '../server/demo/demo-defaults.js';
import { CliError, type CliIo } from './cli-error.js';
import type { RolloutPlanOptions } from './rollout-plan.js';

/**
 * The `casebridge` command line: one file per command in this folder, each imported only when its
 * command runs (so `--help` or `audit verify` do not load the whole server). Configuration comes from
 * the environment (src/server/config.ts), exactly as for the node; options only say what to do.
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
 * Runs a command that ends (all but `serve`), then exits with its code explicitly, without waiting for
 * idle sockets or timers to let the event loop drain.
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
      const { runServe } = await import('./serve.js');
      await runServe(loadConfig());
    } catch (error) {
      process.exit(report(error));
    }
  });

program
  .command('migrate')
  .description('apply the database migrations not yet applied')
  .action(finite(async (config) => (await import('./migrate.js')).runMigrate(config, io)));

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
    finite(async (config) =>
      (await import('./seed.js')).runSeed(
        config,
        { demo: options.demo === true, cases: options.cases, seed: options.seed },
        io,
      ),
    )(),
  );

const blobs = program.command('blobs').description('the document store: move it to S3, verify it');
blobs
  .command('migrate')
  .description(
    'copy the disk store (DATA_DIR/blobs) into the S3 bucket of S3_* — resumable, every hash verified',
  )
  .requiredOption('--to <store>', 'the store to copy into: s3')
  .option('--progress-every <n>', 'print progress every n contents', wholeNumber, 100)
  .action((options: { to: string; progressEvery: number }) =>
    finite(async (config) => (await import('./blobs.js')).runBlobsMigrate(config, options, io))(),
  );
blobs
  .command('verify')
  .description(
    're-hash the contents the database records in the store of BLOB_STORE; report missing or corrupt',
  )
  .option('--sample <n>', 'only n contents picked at random (default: all)', wholeNumber)
  .action((options: { sample?: number }) =>
    finite(async (config) => (await import('./blobs.js')).runBlobsVerify(config, options, io))(),
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
    finite(async (config) => (await import('./users-add.js')).runUsersAdd(config, options, io))(),
  );
users
  .command('list')
  .description('list the users with role, organisation and state')
  .action(finite(async (config) => (await import('./users-list.js')).runUsersList(config, io)));

const orgs = program.command('orgs').description('organisations of this node');
orgs
  .command('list')
  .description('list the organisations')
  .action(finite(async (config) => (await import('./orgs-list.js')).runOrgsList(config, io)));
orgs
  .command('add')
  .description('create an organisation hosted by this node')
  .requiredOption('--code <code>', 'unique code, e.g. KL-101 or DA-TEHRAN-4')
  .requiredOption('--kind <kind>', 'station, outpost, prosecutor_office, escort_unit or hq')
  .requiredOption('--name-fa <name>', 'Persian name, as written')
  .requiredOption('--name-en <name>', 'English name')
  .requiredOption('--province <code>', 'province, e.g. IR-23 (Tehran)')
  .requiredOption('--county <code>', 'county code, e.g. IR-23-TEHRAN')
  .action(
    (options: {
      code: string;
      kind: string;
      nameFa: string;
      nameEn: string;
      province: string;
      county: string;
    }) => finite(async (config) => (await import('./orgs-add.js')).runOrgsAdd(config, options, io))(),
  );

program
  .command('jurisdiction')
  .description('which prosecutor’s office receives from which station')
  .command('set')
  .description('name the office for a county, or for one station (an override)')
  .requiredOption('--office <code>', 'the prosecutor’s office (may be hosted by a peer node)')
  .option('--county <code>', 'every station of this county')
  .option('--station <code>', 'this station only (may be hosted by a peer node)')
  .action((options: { office: string; county?: string; station?: string }) =>
    finite(async (config) => (await import('./orgs-add.js')).runJurisdictionSet(config, options, io))(),
  );

program
  .command('audit')
  .description('the audit log')
  .command('verify')
  .description('verify the audit hash chain: exit 0 if intact, 2 at the first bad entry')
  .action(finite(async (config) => (await import('./audit-verify.js')).runAuditVerify(config, io)));

program
  .command('evidence')
  .description('evidence bundles of cases')
  .command('export <case>')
  .description(
    'write the evidence bundle of a case as a ZIP, for `casebridge verify`: the case’s id, or its number with the station’s code (KL-101:1405/000019)',
  )
  .option('--out <file>', 'the ZIP to write (default: evidence-<caseRef>-<time>.zip here)')
  .action((caseRef: string, options: { out?: string }) =>
    finite(async (config) =>
      (await import('./evidence-export.command.js')).runEvidenceExport(
        config,
        { caseRef, out: options.out },
        io,
      ),
    )(),
  );

const peers = program.command('peers').description('the nodes this one exchanges with');
peers
  .command('list')
  .description('trusted nodes (this one included) and their keys')
  .action(finite(async (config) => (await import('./peers.js')).runPeersList(config, io)));
peers
  .command('export')
  .description('print (or write) this node’s trust entry for another node to add')
  .option('--url <url>', 'the base URL other nodes reach this one at (default: http://HOST:PORT)')
  .option('--out <file>', 'write to this file instead of printing')
  .action((options: { url?: string; out?: string }) =>
    finite(async (config) => (await import('./peers.js')).runPeersExport(config, options, io))(),
  );
peers
  .command('add')
  .description('trust another node from its trust entry (written by `peers export` there)')
  .requiredOption('--file <file>', 'the trust entry (JSON)')
  .action((options: { file: string }) =>
    finite(async (config) => (await import('./peers.js')).runPeersAdd(config, options, io))(),
  );

const keys = program.command('keys').description('signing keys');
keys
  .command('rotate')
  .description('make a new signing key; the old one keeps verifying what it signed')
  .action(finite(async (config) => (await import('./peers.js')).runKeysRotate(config, io)));
keys
  .command('revoke <kid>')
  .description('revoke a key (of this node or a peer): nothing signed with it is accepted any more')
  .action((kid: string) =>
    finite(async (config) => (await import('./peers.js')).runKeysRevoke(config, kid, io))(),
  );

program
  .command('worker')
  .description('run an extra delivery worker beside the node (any number can run) until SIGINT/SIGTERM')
  .action(finite(async (config) => (await import('./worker.js')).runWorkerCommand(config, io)));

program
  .command('verify <zip>')
  .description('verify an evidence bundle offline: exit 0 if everything checks, 2 listing each failure')
  .action((zip: string) => finite(async () => (await import('./verify.command.js')).runVerify(zip, io))());

const units = program.command('units').description('the national register of police units');
units
  .command('import <file>')
  .description(
    'import the register from CSV (code,name_fa,province,county,kind,thefts,visits): all or nothing, updating by code',
  )
  .action((file: string) =>
    finite(async (config) => (await import('./units-import.js')).runUnitsImport(config, file, io))(),
  );

program
  .command('rollout')
  .description('the rollout of casebridge to the units')
  .command('plan')
  .description(
    'the smallest set of units of a register file reaching a target share, in waves (reads no database)',
  )
  .requiredOption('--from <file>', 'the register (CSV, as for `units import`)')
  .requiredOption('--thefts <share>', 'the share to reach, in (0, 1], e.g. 0.6')
  .option('--visits <weight>', 'weight of visits in [0, 1]: the criterion is (1 - W)·thefts + W·visits')
  .option('--per-province <n>', 'at least this many units of every province')
  .option('--wave-size <n>', 'at most this many units per wave')
  .option('--include <codes>', 'units that must be in the plan, comma-separated')
  .option('--exclude <codes>', 'units that must not be in the plan, comma-separated')
  .option('--out <file>', 'write the plan as CSV (wave,rank,code,name_fa,…,cumulative_theft_share)')
  .option(
    '--figures <source>',
    "register (the file's figures, default) or files (units on this node by their own files; reads the database)",
  )
  .action((options: RolloutPlanOptions) =>
    finite(async () => (await import('./rollout-plan.js')).runRolloutPlan(options, io, () => loadConfig()))(),
  );

await program.parseAsync(process.argv);
