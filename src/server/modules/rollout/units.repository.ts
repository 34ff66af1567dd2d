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
