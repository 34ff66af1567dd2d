import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { CreateOrganisationBody, Organisation } from '../../../domain/organisations.schema.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/audit.repository.js';
import {
  findCompetentProsecutorOffice,
  findOrganisation,
  presentOrganisation,
} from './organisations.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** All organisations of this node, by code. */
export async function listOrganisations(input: { db: Db; actor: Actor }): Promise<Organisation[]> {
  assertCan(input.actor, 'organisation.read');
  const rows = await input.db.selectFrom('organisations').selectAll().orderBy('code').execute();
  return rows.map(presentOrganisation);
}

/**
 * An organisation's place must be known: its province from the reference table, and its county — new ones are
 * made on the fly — in that province. A field issue (`reference.unknown`, `reference.county_not_in_province`),
 * never a foreign-key failure.
 */
async function assertPlaceFits(tx: Tx, body: { provinceCode: string; countyCode: string }): Promise<void> {
  const [province, county] = await Promise.all([
    tx.selectFrom('provinces').select('code').where('code', '=', body.provinceCode).executeTakeFirst(),
    tx.selectFrom('counties').select('province_code').where('code', '=', body.countyCode).executeTakeFirst(),
  ]);
  if (!province)
    throw new AppError('request.invalid', {
      issues: [{ path: 'body.provinceCode', code: 'reference.unknown' }],
    });
  if (county && county.province_code !== body.provinceCode)
    throw new AppError('request.invalid', {
      issues: [{ path: 'body.countyCode', code: 'reference.county_not_in_province' }],
    });
}

/** Creates an organisation (admin). The county is created on the fly if new, under its province. */
export async function createOrganisation(input: {
  db: Db;
  clock: Clock;
  actor: Actor | null;
  nodeId: string;
  body: CreateOrganisationBody & { countyNameFa?: string; countyNameEn?: string; isDemo?: boolean };
  ip?: string | null;
}): Promise<Organisation> {
  if (input.actor) assertCan(input.actor, 'organisation.manage');
  const { body } = input;
  return inTransaction(input.db, async (tx) => {
    const taken = await tx
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', body.code)
      .executeTakeFirst();
    if (taken) throw new AppError('organisations.code_taken');
    await assertPlaceFits(tx, body);
    await tx
      .insertInto('counties')
      .values({
        code: body.countyCode,
        province_code: body.provinceCode,
        name_fa: body.countyNameFa ?? body.countyCode,
        name_en: body.countyNameEn ?? body.countyCode,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const id = randomUUID();
    const row = await tx
      .insertInto('organisations')
      .values({
        id,
        code: body.code,
        kind: body.kind,
        name_fa: body.nameFa,
        name_en: body.nameEn,
        province_code: body.provinceCode,
        county_code: body.countyCode,
        node_id: body.nodeId ?? input.nodeId,
        is_demo: body.isDemo ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'organisation.created',
      actorUserId: input.actor?.userId ?? null,
      actorOrgId: input.actor?.orgId ?? null,
      resourceType: 'organisation',
      resourceId: id,
      orgId: id,
      ip: input.ip ?? null,
      at: input.clock.now(),
    });
    return presentOrganisation(row);
  });
}

/** Sets which prosecutor's office receives from a county, or (override) from one station. */
export async function setJurisdictionRule(input: {
  db: Db;
  clock: Clock;
  actor: Actor | null;
  rule: { countyCode?: string | undefined; stationId?: string | undefined; prosecutorOfficeId: string };
  ip?: string | null;
}): Promise<void> {
  if (input.actor) assertCan(input.actor, 'jurisdiction.manage');
  const { rule } = input;
  await inTransaction(input.db, async (tx) => {
    const office = await findOrganisation(tx, rule.prosecutorOfficeId);
    if (!office || office.kind !== 'prosecutor_office') throw new AppError('organisations.not_found');
    if (rule.stationId) {
      const station = await findOrganisation(tx, rule.stationId);
      if (!station || (station.kind !== 'station' && station.kind !== 'outpost'))
        throw new AppError('organisations.not_found');
      await tx.deleteFrom('jurisdiction_rules').where('station_id', '=', rule.stationId).execute();
    } else {
      const county = await tx
        .selectFrom('counties')
        .select('code')
        .where('code', '=', rule.countyCode ?? '')
        .executeTakeFirst();
      if (!county)
        throw new AppError('request.invalid', {
          issues: [{ path: 'body.countyCode', code: 'reference.unknown' }],
        });
      await tx
        .deleteFrom('jurisdiction_rules')
        .where('county_code', '=', rule.countyCode ?? '')
        .execute();
    }
    await tx
      .insertInto('jurisdiction_rules')
      .values({
        id: randomUUID(),
        county_code: rule.stationId ? null : (rule.countyCode ?? null),
        station_id: rule.stationId ?? null,
        prosecutor_office_id: rule.prosecutorOfficeId,
      })
      .execute();
    await recordAudit(tx, {
      action: 'jurisdiction.changed',
      actorUserId: input.actor?.userId ?? null,
      actorOrgId: input.actor?.orgId ?? null,
      resourceType: 'jurisdiction',
      resourceId: rule.stationId ?? rule.countyCode ?? null,
      orgId: rule.prosecutorOfficeId,
      ip: input.ip ?? null,
      at: input.clock.now(),
    });
  });
}

/** The prosecutor's office that receives a station's files, or throws `jurisdiction.not_found`. */
export async function getCompetentProsecutorOffice(input: {
  db: Db;
  stationId: string;
}): Promise<Organisation> {
  const office = await findCompetentProsecutorOffice(input.db, { id: input.stationId });
  if (!office) throw new AppError('jurisdiction.not_found');
  return presentOrganisation(office);
}

/** The jurisdiction table: each county rule and station override with the office it names. */
export async function listJurisdictionRules(input: { db: Db; actor: Actor }) {
  assertCan(input.actor, 'organisation.read');
  const rows = await input.db
    .selectFrom('jurisdiction_rules as rule')
    .innerJoin('organisations as office', 'office.id', 'rule.prosecutor_office_id')
    .leftJoin('organisations as station', 'station.id', 'rule.station_id')
    .select([
      'rule.id',
      'rule.county_code',
      'rule.station_id',
      'station.code as station_code',
      'office.id as office_id',
      'office.code as office_code',
      'office.name_fa as office_name_fa',
    ])
    .orderBy('rule.county_code')
    .orderBy('station.code')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      countyCode: r.county_code,
      stationId: r.station_id,
      stationCode: r.station_code,
      prosecutorOfficeId: r.office_id,
      prosecutorOfficeCode: r.office_code,
      prosecutorOfficeNameFa: r.office_name_fa,
    })),
  };
}
