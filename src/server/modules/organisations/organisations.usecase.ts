import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type {
  CreateOrganisationBody,
  Organisation,
  UpdateOrganisationBody,
} from '../../../domain/organisations.schema.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { findReferenceCodes, insertCountyIfNew } from '../reference/index.js';
import {
  findCompetentProsecutorOffice,
  findOrganisation,
  findOrganisationByCode,
  insertOrganisation,
  isPeerNode,
  lockOrganisation,
  updateOrganisationRow,
  listJurisdictionRuleRows,
  listOrganisationRows,
  presentOrganisation,
  replaceJurisdictionRule,
} from './organisations.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** All organisations of this node, by code. */
export async function listOrganisations(input: { db: Db; actor: Actor }): Promise<Organisation[]> {
  assertCan(input.actor, 'organisation.read');
  return (await listOrganisationRows(input.db)).map(presentOrganisation);
}

/**
 * An organisation's place must be known: its province from the reference table, and its county — new ones are
 * made on the fly — in that province. A field issue (`reference.unknown`, `reference.county_not_in_province`),
 * never a foreign-key failure.
 */
async function assertPlaceFits(tx: Tx, body: { provinceCode: string; countyCode: string }): Promise<void> {
  const found = await findReferenceCodes(tx, {
    provinceCode: body.provinceCode,
    countyCode: body.countyCode,
  });
  if (!found.province)
    throw new AppError('request.invalid', {
      issues: [{ path: 'body.provinceCode', code: 'reference.unknown' }],
    });
  if (found.countyProvinceCode !== null && found.countyProvinceCode !== body.provinceCode)
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
    if (await findOrganisationByCode(tx, body.code)) throw new AppError('organisations.code_taken');
    await assertPlaceFits(tx, body);
    await insertCountyIfNew(tx, {
      code: body.countyCode,
      provinceCode: body.provinceCode,
      nameFa: body.countyNameFa ?? body.countyCode,
      nameEn: body.countyNameEn ?? body.countyCode,
    });
    const id = randomUUID();
    const row = await insertOrganisation(tx, {
      id,
      code: body.code,
      kind: body.kind,
      name_fa: body.nameFa,
      name_en: body.nameEn,
      province_code: body.provinceCode,
      county_code: body.countyCode,
      node_id: body.nodeId ?? input.nodeId,
      is_demo: body.isDemo ?? false,
    });
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
    } else {
      const found = await findReferenceCodes(tx, { countyCode: rule.countyCode ?? '' });
      if (found.countyProvinceCode === null)
        throw new AppError('request.invalid', {
          issues: [{ path: 'body.countyCode', code: 'reference.unknown' }],
        });
    }
    await replaceJurisdictionRule(
      tx,
      rule.stationId
        ? { stationId: rule.stationId, prosecutorOfficeId: rule.prosecutorOfficeId }
        : { countyCode: rule.countyCode ?? '', prosecutorOfficeId: rule.prosecutorOfficeId },
    );
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
  const rows = await listJurisdictionRuleRows(input.db);
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

/**
 * Changes an organisation's names, county or hosting node (admin), in one transaction with an audit entry
 * holding what was before and after. The county must be known and lie in the organisation's province; the
 * node must be this one or a peer.
 */
export async function updateOrganisation(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  thisNodeId: string;
  orgId: string;
  body: UpdateOrganisationBody;
  ip: string | null;
}): Promise<Organisation> {
  assertCan(input.actor, 'organisation.manage');
  const { body } = input;
  return inTransaction(input.db, async (tx) => {
    const before = await lockOrganisation(tx, input.orgId);
    if (!before) throw new AppError('organisations.not_found');
    if (body.countyCode !== undefined && body.countyCode !== before.county_code) {
      const found = await findReferenceCodes(tx, { countyCode: body.countyCode });
      if (found.countyProvinceCode === null) throw new AppError('organisations.county_unknown');
      if (found.countyProvinceCode !== before.province_code)
        throw new AppError('organisations.county_not_in_province');
    }
    if (
      body.nodeId !== undefined &&
      body.nodeId !== before.node_id &&
      body.nodeId !== input.thisNodeId &&
      !(await isPeerNode(tx, body.nodeId))
    )
      throw new AppError('organisations.unknown_node');
    const row = await updateOrganisationRow(tx, before.id, {
      name_fa: body.nameFa ?? before.name_fa,
      name_en: body.nameEn ?? before.name_en,
      county_code: body.countyCode ?? before.county_code,
      node_id: body.nodeId ?? before.node_id,
    });
    const fields = ['name_fa', 'name_en', 'county_code', 'node_id'] as const;
    const changed = fields.filter((f) => row[f] !== before[f]);
    await recordAudit(tx, {
      action: 'organisation.updated',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'organisation',
      resourceId: row.id,
      orgId: row.id,
      ip: input.ip,
      at: input.clock.now(),
      details: {
        before: Object.fromEntries(changed.map((f) => [f, before[f]])),
        after: Object.fromEntries(changed.map((f) => [f, row[f]])),
      },
    });
    return presentOrganisation(row);
  });
}
