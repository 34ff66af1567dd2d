import { writeFile } from 'node:fs/promises';
import { toLatinDigits } from '../domain/persian-text.js';
import { PlanError, planRollout, type RolloutPlan } from '../domain/rollout/planner.js';
import type { RegisterUnit } from '../domain/rollout/units.schema.js';
import type { Config } from '../server/config.js';
import { systemClock } from '../server/platform/clock.js';
import { readUnitsCsv, withOwnFilesFigures, writePlanCsv } from '../server/modules/rollout/index.js';
import { withDatabase } from './cli-context.js';
import { CliError, type CliIo } from './cli-error.js';
import { readInputFile, refuseRegister } from './units-import.js';

export interface RolloutPlanOptions {
  from: string;
  thefts: string;
  visits?: string | undefined;
  perProvince?: string | undefined;
  waveSize?: string | undefined;
  include?: string | undefined;
  exclude?: string | undefined;
  out?: string | undefined;
  /** `register` (the file's figures, the default) or `files`: units on this node weighed by their own files. */
  figures?: string | undefined;
}

/** A number option, in any digits; refused naming the option when it is not one or is out of its range. */
function numberOption(name: string, value: string, check: (n: number) => boolean, range: string): number {
  const text = toLatinDigits(value).trim();
  const n = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!check(n)) throw new CliError(`--${name} ${value}: must be ${range}`);
  return n;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const codes = (list: string | undefined) =>
  list === undefined
    ? undefined
    : list
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');

/**
 * `casebridge rollout plan --from FILE --thefts 0.6 [--visits W] [--per-province N] [--wave-size N]
 * [--include A,B] [--exclude C] [--out plan.csv]`: the smallest set of units of a register file reaching the
 * target share (of thefts; with `--visits W`, of the mix (1 − W)·thefts + W·visits), in waves. Reads no database,
 * unless `--figures files`: then the units on this node are weighed by their own files of the last year.
 */
export async function runRolloutPlan(
  options: RolloutPlanOptions,
  io: CliIo,
  config: () => Config = () => {
    throw new CliError("--figures files needs the node's database");
  },
): Promise<number> {
  const figures = options.figures ?? 'register';
  if (figures !== 'register' && figures !== 'files')
    throw new CliError(`--figures ${figures}: must be register or files`);
  const target = numberOption(
    'thefts',
    options.thefts,
    (n) => n > 0 && n <= 1,
    'a share in (0, 1], e.g. 0.6',
  );
  const visitsWeight =
    options.visits === undefined
      ? 0
      : numberOption('visits', options.visits, (n) => n >= 0 && n <= 1, 'a weight in [0, 1], e.g. 0.3');
  const whole = (name: string, value: string | undefined, min: number) =>
    value === undefined
      ? undefined
      : numberOption(
          name,
          value,
          (n) => Number.isInteger(n) && n >= min && n <= 100_000,
          `a whole number ≥ ${min}`,
        );
  const perProvince = whole('per-province', options.perProvince, 0);
  const waveSize = whole('wave-size', options.waveSize, 1);
  const reading = readUnitsCsv(await readInputFile(options.from));
  if (!reading.ok) throw refuseRegister(options.from, reading.issues, io);
  const units =
    figures === 'files'
      ? await withDatabase(config(), 'require-migrated', ({ db }) =>
          withOwnFilesFigures(db, config().nodeId, systemClock.now(), reading.units),
        )
      : reading.units;
  let plan: RolloutPlan<RegisterUnit>;
  try {
    plan = planRollout(units, {
      target,
      visitsWeight,
      perProvince,
      waveSize,
      include: codes(options.include),
      exclude: codes(options.exclude),
    });
  } catch (error) {
    if (error instanceof PlanError) throw new CliError(`${error.message} [${error.code}]`);
    throw error;
  }
  if (options.out !== undefined) await writeFile(options.out, writePlanCsv(plan));
  io.out(
    `${plan.chosen.length} of ${plan.totalUnits} units (${percent(plan.chosen.length / plan.totalUnits)}) ` +
      `cover ${percent(plan.theftShare)} of thefts and ${percent(plan.visitShare)} of visits, in ${plan.waves} wave(s)`,
  );
  for (const p of plan.byProvince.filter((row) => row.chosen > 0))
    io.out(
      `  ${p.province}: ${p.chosen} of ${p.units} units, ${percent(p.thefts > 0 ? p.theftsCovered / p.thefts : 0)} of its thefts`,
    );
  if (options.out !== undefined) io.out(`plan written to ${options.out}`);
  return 0;
}
