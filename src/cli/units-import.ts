import { readFile } from 'node:fs/promises';
import { AppError } from '../domain/errors.js';
import type { CsvIssue } from '../domain/rollout/units.schema.js';
import type { Config } from '../server/config.js';
import { importUnits } from '../server/modules/rollout/index.js';
import { systemClock } from '../server/platform/clock.js';
import { CliError, withDatabase, type CliIo } from './cli-context.js';

/** Reads a file for a command, a missing or unreadable one said in one line. */
export async function readInputFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Prints every issue of a refused register file, one a line, and the refusal. */
export function refuseRegister(file: string, issues: readonly CsvIssue[], io: CliIo): CliError {
  for (const i of issues) io.err(`${file}: ${i.message} [${i.code}]`);
  return new CliError(`${file}: ${issues.length} issue(s); nothing imported`);
}

/**
 * `casebridge units import FILE`: the national register of units from CSV
 * (`code,name_fa,province,county,kind,thefts,visits`), all or nothing, a re-import updating by code.
 */
export async function runUnitsImport(config: Config, file: string, io: CliIo): Promise<number> {
  const bytes = await readInputFile(file);
  const result = await withDatabase(config, 'prepare', async ({ db }) => {
    try {
      return await importUnits({ db, clock: systemClock, actor: null, bytes });
    } catch (error) {
      if (error instanceof AppError && error.code === 'units.invalid_csv')
        throw refuseRegister(file, (error.details?.issues as CsvIssue[] | undefined) ?? [], io);
      throw error;
    }
  });
  io.out(`${result.total} units imported from ${file}: ${result.created} new, ${result.updated} updated`);
  return 0;
}
