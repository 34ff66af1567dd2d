import { sql } from 'kysely';
import type { RegisterUnit } from '../../../domain/rollout/units.schema.js';
import type { DbOrTx, Tx } from '../../db/client.js';

/** Rows written per statement: 12 parameters a row, well under PostgreSQL's 65,535. */
const BATCH = 2000;

/**
 * Writes units of the register, a new code inserted and a known one updated (a re-import updates by code).
 * Returns how many were new and how many updated.
 */
export async function upsertUnits(
  tx: Tx,
  units: readonly RegisterUnit[],
  at: Date,
  isDemo = false,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  for (let i = 0; i < units.length; i += BATCH) {
    const rows = await tx
      .insertInto('units')
      .values(
        units.slice(i, i + BATCH).map((u) => ({
          code: u.code,
          name_fa: u.nameFa,
          province_code: u.province,
          county: u.county,
          kind: u.kind,
          thefts: u.thefts,
          visits: u.visits,
          other_crimes: u.otherCrimes,
          files_opened: u.filesOpened,
          is_demo: isDemo,
          imported_at: at,
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name_fa: eb.ref('excluded.name_fa'),
          province_code: eb.ref('excluded.province_code'),
          county: eb.ref('excluded.county'),
          kind: eb.ref('excluded.kind'),
          thefts: eb.ref('excluded.thefts'),
          visits: eb.ref('excluded.visits'),
          other_crimes: eb.ref('excluded.other_crimes'),
          files_opened: eb.ref('excluded.files_opened'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      // xmax is 0 on a row this statement inserted, the updating transaction's id on one it updated.
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    created += rows.filter((r) => r.inserted).length;
  }
  return { created, updated: units.length - created };
}

/** Every unit of the register, by code. */
export async function listUnits(db: DbOrTx): Promise<RegisterUnit[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    nameFa: r.name_fa,
    province: r.province_code,
    county: r.county,
    kind: r.kind,
    thefts: r.thefts,
    visits: r.visits,
    otherCrimes: r.other_crimes,
    filesOpened: r.files_opened,
  }));
}

/** Is there any unit in the register? */
export async function hasUnits(db: DbOrTx): Promise<boolean> {
  return (await db.selectFrom('units').select('code').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * The yearly figures of the register's units that are on this node (an organisation with the unit's code),
 * from their own case files opened in (since, until]: thefts (category `theft`), other crimes, files opened,
 * and as visits the complaints (a file a visitor came in to open). Units without a file in the period keep
 * what the register said. Returns the codes updated.
 */
export async function refreshUnitsFromFiles(
  tx: Tx,
  input: { nodeId: string; since: Date; until: Date; at: Date },
): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`
    update units u
    set thefts = f.thefts, other_crimes = f.opened - f.thefts, files_opened = f.opened, visits = f.complaints,
        updated_at = ${input.at}
    from (${ownFilesFigures(input)}) f
    where u.code = f.code
    returning u.code`.execute(tx);
  return rows.map((r) => r.code).sort();
}

/** The same yearly figures as `refreshUnitsFromFiles`, read without changing the register (a plan from files). */
export async function findOwnFilesFigures(
  db: DbOrTx,
  input: { nodeId: string; since: Date; until: Date },
): Promise<{ code: string; thefts: number; complaints: number; opened: number }[]> {
  const { rows } = await sql<{ code: string; thefts: number; complaints: number; opened: number }>`
    ${ownFilesFigures(input)}`.execute(db);
  return rows;
}

/** Per unit on this node, from its own case files opened in (since, until]: thefts, complaints, files opened. */
function ownFilesFigures(input: { nodeId: string; since: Date; until: Date }) {
  return sql`
      select o.code,
             (count(*) filter (where c.crime_category_code = 'theft'))::int as thefts,
             (count(*) filter (where c.origin = 'complaint'))::int as complaints,
             count(*)::int as opened
      from organisations o
      join cases c on c.org_id = o.id and c.created_at > ${input.since} and c.created_at <= ${input.until}
      where o.node_id = ${input.nodeId} and o.kind in ('station', 'outpost')
      group by o.code`;
}
