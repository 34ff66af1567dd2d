import type { Organisation } from '../../../domain/organisations.schema.js';
import type { DbOrTx } from '../../db/client.js';
import type { QueryCreator } from 'kysely';
import { withDates, type JsonRow } from '../../db/json-rows.js';
import type { Database, OrganisationRow } from '../../db/schema.js';

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
