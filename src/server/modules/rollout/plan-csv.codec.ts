import { toCsv } from '../../../domain/csv.js';
import type { RolloutPlan } from '../../../domain/rollout/planner.js';
import type { RegisterUnit } from '../../../domain/rollout/units.schema.js';

/** The plan file's columns (issue 21, point 2). */
export const PLAN_CSV_COLUMNS = [
  'wave',
  'rank',
  'code',
  'name_fa',
  'province',
  'county',
  'thefts',
  'visits',
  'cumulative_theft_share',
] as const;

/** A plan as CSV: the header, then one row per chosen unit in order; shares with six decimals. */
export function writePlanCsv(plan: RolloutPlan<RegisterUnit>): string {
  return toCsv(
    PLAN_CSV_COLUMNS,
    plan.chosen.map((c) => [
      c.wave,
      c.rank,
      c.unit.code,
      c.unit.nameFa,
      c.unit.province,
      c.unit.county,
      c.unit.thefts,
      c.unit.visits,
      c.cumulativeTheftShare.toFixed(6),
    ]),
  );
}
