import { AppError } from '../domain/errors.js';
import { createOrganisationBodySchema } from '../domain/organisations.schema.js';
import type { Config } from '../server/config.js';
import {
  createOrganisation,
  setJurisdictionRule,
} from '../server/modules/organisations/organisations.usecase.js';
import { systemClock } from '../server/platform/clock.js';
import { CliError, withDatabase, type CliIo } from './cli-context.js';

export interface OrgsAddOptions {
  code: string;
  kind: string;
  nameFa: string;
  nameEn: string;
  province: string;
  county: string;
}

/** `casebridge orgs add`: an organisation hosted by this node, through the admin use case (no actor: the operator). */
export async function runOrgsAdd(config: Config, options: OrgsAddOptions, io: CliIo): Promise<number> {
  const parsed = createOrganisationBodySchema.safeParse({
    code: options.code,
    kind: options.kind,
    nameFa: options.nameFa,
    nameEn: options.nameEn,
    provinceCode: options.province,
    countyCode: options.county,
  });
  if (!parsed.success) {
    throw new CliError(
      `invalid organisation:\n  ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ')}`,
    );
  }
  const org = await withDatabase(config, 'prepare', async ({ db }) => {
    try {
      return await createOrganisation({
        db,
        clock: systemClock,
        actor: null,
        nodeId: config.nodeId,
        body: parsed.data,
      });
    } catch (error) {
      if (error instanceof AppError)
        throw new CliError(`${error.code}: organisation ${options.code} not created`);
      throw error;
    }
  });
  io.out(`organisation ${org.code} (${org.kind}) created on node ${org.nodeId}`);
  return 0;
}

/**
 * `casebridge jurisdiction set --office CODE (--county C | --station CODE)`: which prosecutor's office
 * receives a county's (or one station's) case files. The office and the station may be hosted by
 * another node (known here through its trust entry).
 */
export async function runJurisdictionSet(
  config: Config,
  options: { office: string; county?: string | undefined; station?: string | undefined },
  io: CliIo,
): Promise<number> {
  if ((options.county === undefined) === (options.station === undefined))
    throw new CliError('give either --county or --station');
  await withDatabase(config, 'prepare', async ({ db }) => {
    const byCode = async (code: string) =>
      (await db.selectFrom('organisations').select('id').where('code', '=', code).executeTakeFirst())?.id;
    const office = await byCode(options.office);
    if (!office) throw new CliError(`no organisation with code ${options.office}`);
    const station = options.station ? await byCode(options.station) : undefined;
    if (options.station && !station) throw new CliError(`no organisation with code ${options.station}`);
    try {
      await setJurisdictionRule({
        db,
        clock: systemClock,
        actor: null,
        rule: { prosecutorOfficeId: office, countyCode: options.county, stationId: station },
      });
    } catch (error) {
      if (error instanceof AppError) throw new CliError(`${error.code}: rule not set`);
      throw error;
    }
  });
  io.out(`${options.station ?? `county ${options.county}`} → ${options.office}`);
  return 0;
}
