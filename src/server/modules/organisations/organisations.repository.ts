import type { Organisation } from '../../../domain/organisations.schema.js';
import { randomUUID } from 'node:crypto';
import type { Insertable, QueryCreator, Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import { withDates, type JsonRow } from '../../db/json-rows.js';
import type { Database, OrganisationRow, OrganisationsTable } from '../../db/schema.js';

/** Row → API shape. */
export function presentOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    nameFa: row.name_fa,
    nameEn: row.name_en,
    provinceCode: row.province_code,
    countyCode: row.county_code,
    nodeId: row.node_id,
    isDemo: row.is_demo,
  };
}

/** An organisation read back from JSON (nested in a larger statement), its timestamp a Date again. */
export function organisationFromJson(
  row: JsonRow<OrganisationRow, 'created_at'> | null,
): OrganisationRow | null {
  return row ? withDates<OrganisationRow, 'created_at'>(row, ['created_at']) : null;
}

/** An organisation by id, or null. */
export async function findOrganisation(db: DbOrTx, id: string): Promise<OrganisationRow | null> {
  return (await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** An organisation by code (of one kind, if given), or null. */
export async function findOrganisationByCode(
  db: DbOrTx,
  code: string,
  kind?: OrganisationRow['kind'],
): Promise<OrganisationRow | null> {
  let query = db.selectFrom('organisations').selectAll().where('code', '=', code);
  if (kind) query = query.where('kind', '=', kind);
  return (await query.executeTakeFirst()) ?? null;
}

/** All organisations of this node, by code. */
export function listOrganisationRows(db: DbOrTx): Promise<OrganisationRow[]> {
  return db.selectFrom('organisations').selectAll().orderBy('code').execute();
}

/** The police units (stations, outposts) this node hosts, of one province unless `provinceCode` is null; by code. */
export function findPoliceUnits(
  db: DbOrTx,
  input: { nodeId: string; provinceCode: string | null },
): Promise<OrganisationRow[]> {
  let query = db
    .selectFrom('organisations')
    .selectAll()
    .where('kind', 'in', ['station', 'outpost'])
    .where('node_id', '=', input.nodeId);
  if (input.provinceCode !== null) query = query.where('province_code', '=', input.provinceCode);
  return query.orderBy('code').execute();
}

/** An organisation by id, locked for a change, or null. */
export async function lockOrganisation(tx: Tx, id: string): Promise<OrganisationRow | null> {
  return (
    (await tx.selectFrom('organisations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ??
    null
  );
}

/** Changes an organisation's row and returns it. */
export function updateOrganisationRow(
  tx: Tx,
  id: string,
  set: Updateable<OrganisationsTable>,
): Promise<OrganisationRow> {
  return tx
    .updateTable('organisations')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Is this node id one of this node's peers? */
export async function isPeerNode(db: DbOrTx, nodeId: string): Promise<boolean> {
  return !!(await db.selectFrom('peers').select('node_id').where('node_id', '=', nodeId).executeTakeFirst());
}

/** Inserts an organisation. */
export function insertOrganisation(tx: Tx, values: Insertable<OrganisationsTable>): Promise<OrganisationRow> {
  return tx.insertInto('organisations').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Sets the office that receives from a county, or (an override) from one station: the rule it
 * replaces, if any, goes.
 */
export async function replaceJurisdictionRule(
  tx: Tx,
  rule: ({ countyCode: string } | { stationId: string }) & { prosecutorOfficeId: string },
): Promise<void> {
  await (
    'stationId' in rule
      ? tx.deleteFrom('jurisdiction_rules').where('station_id', '=', rule.stationId)
      : tx.deleteFrom('jurisdiction_rules').where('county_code', '=', rule.countyCode)
  ).execute();
  await tx
    .insertInto('jurisdiction_rules')
    .values({
      id: randomUUID(),
      county_code: 'countyCode' in rule ? rule.countyCode : null,
      station_id: 'stationId' in rule ? rule.stationId : null,
      prosecutor_office_id: rule.prosecutorOfficeId,
    })
    .execute();
}

/** Each county rule and station override with the office it names, by county then station. */
export function listJurisdictionRuleRows(db: DbOrTx) {
  return db
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
}

/**
 * The prosecutor's office competent for a station: the station's own override if there is one,
 * otherwise the rule for the station's county (at most one row). A query to run, or to nest.
 */
export function competentOfficeQuery(
  db: Pick<QueryCreator<Database>, 'selectFrom'>,
  station: { id: string } | { code: string },
) {
  return db
    .selectFrom('organisations as station')
    .innerJoin('jurisdiction_rules as rule', (join) =>
      join.on((eb) =>
        eb.or([
          eb('rule.station_id', '=', eb.ref('station.id')),
          eb('rule.county_code', '=', eb.ref('station.county_code')),
        ]),
      ),
    )
    .innerJoin('organisations as office', 'office.id', 'rule.prosecutor_office_id')
    .selectAll('office')
    .where((eb) =>
      'id' in station ? eb('station.id', '=', station.id) : eb('station.code', '=', station.code),
    )
    .orderBy((eb) => eb.case().when('rule.station_id', 'is not', null).then(0).else(1).end())
    .limit(1);
}

/** The prosecutor's office competent for a station (`competentOfficeQuery`); null if none is. */
export async function findCompetentProsecutorOffice(
  db: DbOrTx,
  station: { id: string } | { code: string },
): Promise<OrganisationRow | null> {
  return (await competentOfficeQuery(db, station).executeTakeFirst()) ?? null;
}
