import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';

export interface AdoptedUnit {
  code: string;
  wave: number;
  rank: number;
}

/** Replaces the adopted plan: its waves and units (dates set by hand of units kept in the new plan stay). */
export async function replacePlan(
  tx: Tx,
  input: { units: readonly AdoptedUnit[]; waves: readonly { wave: number; dueAt: Date | null }[]; at: Date },
): Promise<void> {
  const codes = input.units.map((u) => u.code);
  await tx
    .deleteFrom('rollout_units')
    .where((eb) => (codes.length > 0 ? eb('unit_code', 'not in', codes) : eb.lit(true)))
    .execute();
  await tx.deleteFrom('rollout_units').where('wave', '>', input.waves.length).execute();
  await tx.deleteFrom('rollout_waves').where('wave', '>', input.waves.length).execute();
  if (input.waves.length > 0)
    await tx
      .insertInto('rollout_waves')
      .values(input.waves.map((w) => ({ wave: w.wave, due_at: w.dueAt })))
      .onConflict((oc) => oc.column('wave').doUpdateSet((eb) => ({ due_at: eb.ref('excluded.due_at') })))
      .execute();
  for (let i = 0; i < input.units.length; i += 2000)
    await tx
      .insertInto('rollout_units')
      .values(
        input.units.slice(i, i + 2000).map((u) => ({
          unit_code: u.code,
          wave: u.wave,
          rank: u.rank,
          planned_at: input.at,
          updated_at: input.at,
        })),
      )
      .onConflict((oc) =>
        oc.column('unit_code').doUpdateSet((eb) => ({
          wave: eb.ref('excluded.wave'),
          rank: eb.ref('excluded.rank'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
}

/** A unit of the adopted plan with its register figures, what was set by hand, and what the data shows. */
export interface RolloutUnitRow {
  code: string;
  name_fa: string;
  province_code: string;
  county: string;
  kind: 'station' | 'post';
  thefts: number;
  visits: number;
  wave: number;
  rank: number;
  due_at: Date | null;
  node_ready_at: Date | null;
  users_created_at: Date | null;
  first_sent_at: Date | null;
  live_at: Date | null;
  org_id: string | null;
  data_node_ready_at: Date | null;
  data_users_created_at: Date | null;
  data_first_sent_at: Date | null;
}

/**
 * The adopted plan, in order, each unit with the steps the data shows: its organisation on this node with a
 * prosecutor's office to send to (for its county, or for it alone), its first user, its first file sent.
 */
export async function listRolloutUnits(db: DbOrTx): Promise<RolloutUnitRow[]> {
  const result = await sql<RolloutUnitRow>`
    select u.code, u.name_fa, u.province_code, u.county, u.kind, u.thefts, u.visits,
           ru.wave, ru.rank, w.due_at, ru.node_ready_at, ru.users_created_at, ru.first_sent_at, ru.live_at,
           o.id as org_id,
           case when o.id is not null and exists (
             select 1 from jurisdiction_rules j where j.station_id = o.id or j.county_code = o.county_code
           ) then o.created_at end as data_node_ready_at,
           (select min(us.created_at) from users us where us.org_id = o.id) as data_users_created_at,
           (select min(c.sent_at) from cases c where c.org_id = o.id and c.sent_at is not null) as data_first_sent_at
      from rollout_units ru
      join units u on u.code = ru.unit_code
      join rollout_waves w on w.wave = ru.wave
      left join organisations o on o.code = ru.unit_code
     order by ru.wave, ru.rank`.execute(db);
  return result.rows;
}

/** Sets (or clears) a unit's steps by hand; false when the unit is not in the plan. */
export async function updateRolloutUnit(
  tx: Tx,
  code: string,
  dates: {
    nodeReadyAt?: Date | null;
    usersCreatedAt?: Date | null;
    firstSentAt?: Date | null;
    liveAt?: Date | null;
  },
  at: Date,
): Promise<boolean> {
  const row = await tx
    .updateTable('rollout_units')
    .set({
      ...(dates.nodeReadyAt !== undefined ? { node_ready_at: dates.nodeReadyAt } : {}),
      ...(dates.usersCreatedAt !== undefined ? { users_created_at: dates.usersCreatedAt } : {}),
      ...(dates.firstSentAt !== undefined ? { first_sent_at: dates.firstSentAt } : {}),
      ...(dates.liveAt !== undefined ? { live_at: dates.liveAt } : {}),
      updated_at: at,
    })
    .where('unit_code', '=', code)
    .returning('unit_code')
    .executeTakeFirst();
  return row !== undefined;
}

/** Sets a wave's due date; false when there is no such wave. */
export async function updateWaveDue(tx: Tx, wave: number, dueAt: Date | null): Promise<boolean> {
  const row = await tx
    .updateTable('rollout_waves')
    .set({ due_at: dueAt })
    .where('wave', '=', wave)
    .returning('wave')
    .executeTakeFirst();
  return row !== undefined;
}
